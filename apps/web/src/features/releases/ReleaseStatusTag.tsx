import { Tag } from 'antd';
import type { MessageKey } from '../../app/en.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Helm's status words, each with the colour it reads as: done, broken, under way or past. */
const COLORS: Record<string, string> = {
  deployed: 'success',
  failed: 'error',
  'pending-install': 'processing',
  'pending-upgrade': 'processing',
  'pending-rollback': 'processing',
  uninstalling: 'warning',
  superseded: 'default',
  uninstalled: 'default',
  unknown: 'default',
};

/** A release's status in words, coloured; a status this console does not know is shown as helm wrote it. */
export function ReleaseStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `releases.status.${status}` as MessageKey;
  const known = status in COLORS;
  return (
    <Tag color={COLORS[status] ?? 'default'} data-status={status}>
      {known ? t(key) : status}
    </Tag>
  );
}

export const RELEASE_STATUSES = Object.keys(COLORS);
