import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

const COLORS = { Ready: 'green', Offline: 'red', Unknown: 'default' } as const;

export function StatusTag({ status }: { status: 'Ready' | 'Offline' | 'Unknown' }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
