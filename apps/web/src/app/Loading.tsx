import { Spin } from 'antd';
import { useI18n } from './i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
      <Spin tip={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
