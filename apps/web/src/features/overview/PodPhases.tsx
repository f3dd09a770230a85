import { Space, Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PHASES } from './overview-model.ts';

const COLORS: Record<string, string> = {
  Running: 'green',
  Pending: 'gold',
  Succeeded: 'blue',
  Failed: 'red',
  Unknown: 'default',
};

/** Pods by phase as small tags, phases with none left out. */
export function PodPhases({ pods }: { pods: Record<string, number> }) {
  const { t, format } = useI18n();
  const shown = PHASES.filter((phase) => (pods[phase] ?? 0) > 0);
  if (shown.length === 0) return <span>–</span>;
  return (
    <Space size={2} wrap>
      {shown.map((phase) => (
        <Tag key={phase} color={COLORS[phase]} style={{ marginInlineEnd: 0 }}>
          {t(`phase.${phase}`)} {format.number(pods[phase] ?? 0)}
        </Tag>
      ))}
    </Space>
  );
}
