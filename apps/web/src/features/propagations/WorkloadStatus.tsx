import type { PropagationTarget } from '@portolan/api';
import { Card, Empty, Flex, Progress, Table, Tag, Typography, theme } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { totalOf, workloadsOf } from './workload-model.ts';

/** A bar of ready of desired replicas. */
function ReadyBar({ ready, desired }: { ready: number; desired: number }) {
  const { token } = theme.useToken();
  const { format } = useI18n();
  return (
    <Progress
      percent={desired ? Math.round((100 * Math.min(ready, desired)) / desired) : ready ? 100 : 0}
      size="small"
      strokeColor={ready >= desired ? token.colorSuccess : token.colorPrimary}
      format={() => `${format.number(ready)}/${format.number(desired)}`}
      style={{ width: 260, margin: 0 }}
    />
  );
}

/**
 * The aggregated status of the propagated workloads: ready replicas per cluster and in total (a bar
 * each), and each member's own conditions.
 */
export function WorkloadStatus({ targets }: { targets: readonly PropagationTarget[] }) {
  const { t } = useI18n();
  const workloads = workloadsOf(targets);
  if (!workloads.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('propagations.detail.noWorkloads')} />;
  return (
    <Flex vertical gap={12}>
      {workloads.map((workload) => {
        const { ready, desired } = totalOf(workload);
        const conditions = workload.placed.flatMap((entry) =>
          (entry.object.conditions ?? []).map((condition) => ({ cluster: entry.cluster, ...condition })),
        );
        return (
          <Card key={workload.key} size="small" title={workload.label} data-workload={workload.key}>
            <Flex vertical gap={6}>
              <Flex gap={12} align="center">
                <Typography.Text strong style={{ width: 160 }}>
                  {t('propagations.detail.total')}
                </Typography.Text>
                <ReadyBar ready={ready} desired={desired} />
              </Flex>
              {workload.placed.map((entry) => (
                <Flex key={entry.cluster} gap={12} align="center" data-workload-cluster={entry.cluster}>
                  <Typography.Text style={{ width: 160 }} ellipsis>
                    {entry.cluster}
                  </Typography.Text>
                  <ReadyBar
                    ready={entry.object.replicas?.ready ?? 0}
                    desired={entry.object.replicas?.desired ?? 0}
                  />
                </Flex>
              ))}
              {conditions.length > 0 && (
                <Table
                  size="small"
                  pagination={false}
                  style={{ marginTop: 8 }}
                  rowKey={(row) => `${row.cluster}/${row.type}`}
                  dataSource={conditions}
                  columns={[
                    { title: t('propagations.col.cluster'), dataIndex: 'cluster' },
                    { title: t('propagations.col.condition'), dataIndex: 'type' },
                    {
                      title: t('propagations.col.status'),
                      render: (_, row) => (
                        <Tag
                          color={
                            row.status === 'True' ? 'success' : row.status === 'False' ? 'error' : 'default'
                          }
                        >
                          {row.status}
                        </Tag>
                      ),
                    },
                    { title: t('propagations.col.reason'), dataIndex: 'reason' },
                    { title: t('propagations.col.message'), dataIndex: 'message' },
                  ]}
                />
              )}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
