import type { StoredRelease } from '@portolan/api';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** A tag with the newer chart version the catalogue has, and where. */
export function NewerVersionTag({ release }: { release: StoredRelease }) {
  const { t } = useI18n();
  const newer = release.newerVersion;
  if (!newer) return null;
  return (
    <Tooltip title={t('releases.newerTitle', { ...newer, chart: release.chart })}>
      <Tag color="gold" data-newer={newer.version}>
        {t('releases.newer', { version: newer.version })}
      </Tag>
    </Tooltip>
  );
}
