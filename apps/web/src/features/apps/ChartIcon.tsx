import { Avatar } from 'antd';
import { useState } from 'react';
import { iconUrl } from './apps-api.ts';

/** The chart's icon as Portolan serves it; its initial when it has none or it will not load. */
export function ChartIcon({
  repository,
  chart,
  version,
  hasIcon,
  size = 40,
}: {
  repository: string;
  chart: string;
  version: string;
  hasIcon: boolean;
  size?: number;
}) {
  const [failed, setFailed] = useState(false);
  if (!hasIcon || failed)
    return (
      <Avatar shape="square" size={size} aria-hidden>
        {chart.slice(0, 1).toUpperCase()}
      </Avatar>
    );
  return (
    <Avatar
      shape="square"
      size={size}
      alt=""
      src={iconUrl(repository, chart, version)}
      style={{ background: 'transparent' }}
      onError={() => {
        setFailed(true);
        return false;
      }}
    />
  );
}
