import type { StoredRevision } from '@portolan/api';
import { Table, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { ReleaseStatusTag } from './ReleaseStatusTag.tsx';

/** Every stored revision of a release, newest first: status, chart, when and what changed. */
export function ReleaseRevisions({ revisions, loading }: { revisions: StoredRevision[]; loading: boolean }) {
  const { t, format } = useI18n();
  const now = Date.now();
  return (
    <Table<StoredRevision>
      size="small"
      rowKey="revision"
      loading={loading}
      dataSource={revisions}
      pagination={revisions.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        {
          title: t('releases.col.revision'),
          key: 'revision',
          align: 'right',
          width: 90,
          render: (_, row) => format.number(row.revision),
        },
        {
          title: t('releases.col.status'),
          key: 'status',
          render: (_, row) => <ReleaseStatusTag status={row.status} />,
        },
        {
          title: t('releases.col.chart'),
          key: 'chart',
          render: (_, row) =>
            row.decodeError ? (
              <Typography.Text type="secondary">
                {t('releases.unreadable', { reason: row.decodeError })}
              </Typography.Text>
            ) : (
              `${row.chart} ${row.chartVersion}`
            ),
        },
        {
          title: t('releases.col.appVersion'),
          key: 'appVersion',
          render: (_, row) => row.appVersion ?? '–',
        },
        {
          title: t('releases.col.updated'),
          key: 'updated',
          render: (_, row) =>
            row.updated ? (
              <Tooltip title={format.dateTime(row.updated)}>{format.ago(row.updated, now)}</Tooltip>
            ) : (
              '–'
            ),
        },
        {
          title: t('releases.col.description'),
          key: 'description',
          ellipsis: true,
          render: (_, row) => row.description ?? '–',
        },
      ]}
    />
  );
}
