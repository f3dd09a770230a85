import type { ChartSummary } from '@portolan/api';
import { Select, Space, Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

export interface VersionSelectProps {
  /** Newest first, as the catalogue lists them. */
  versions: ChartSummary[] | undefined;
  loading?: boolean;
  value: string;
  onChange: (version: string) => void;
  /** The version a release runs now: versions above it are marked newer. */
  current?: string;
}

/** A chart's versions, newest first, with pre-releases, deprecations and newer versions marked. */
export function VersionSelect({ versions, loading, value, onChange, current }: VersionSelectProps) {
  const { t } = useI18n();
  const items = versions ?? [];
  const currentAt = current ? items.findIndex((item) => item.version === current) : -1;
  return (
    <Select
      style={{ minWidth: 240 }}
      aria-label={t('helmActions.version')}
      loading={loading}
      value={value || undefined}
      onChange={onChange}
      showSearch
      options={items.map((item, index) => ({
        value: item.version,
        label: (
          <Space size={4} data-version={item.version}>
            {item.version}
            {item.appVersion ? <span style={{ opacity: 0.65 }}>({item.appVersion})</span> : null}
            {currentAt > 0 && index < currentAt && <Tag color="gold">{t('helmActions.versionNewer')}</Tag>}
            {index === currentAt && <Tag>{t('helmActions.versionCurrent')}</Tag>}
            {item.prerelease && <Tag color="purple">{t('helmActions.prerelease')}</Tag>}
            {item.deprecated && <Tag color="red">{t('helmActions.deprecated')}</Tag>}
          </Space>
        ),
      }))}
    />
  );
}
