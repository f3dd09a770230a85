import { useQueries } from '@tanstack/react-query';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { monitoringApi } from './monitoring-api.ts';
import { SourceForm } from './SourceForm.tsx';

/** Where each cluster's series come from (the managed engine or an external one), editable by Admins. */
export function SourcesCard({ clusters }: { clusters: string[] }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string>();
  const sources = useQueries({
    queries: clusters.map((cluster) => ({
      queryKey: ['monitoring', 'source', cluster],
      queryFn: () => monitoringApi.source(cluster),
      retry: false,
    })),
  });
  const rows = clusters.map((cluster, index) => ({ cluster, answer: sources[index] }));
  const current = rows.find((row) => row.cluster === editing)?.answer?.data;
  return (
    <Card size="small" title={t('monitoring.sources.title')}>
      <Table
        size="small"
        rowKey="cluster"
        dataSource={rows}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('monitoring.targets.cluster'), key: 'cluster', render: (_, row) => row.cluster },
          {
            title: t('monitoring.sources.kind'),
            key: 'kind',
            render: (_, row) => {
              const source = row.answer?.data;
              if (row.answer?.error)
                return <Typography.Text type="danger">{row.answer.error.message}</Typography.Text>;
              if (!source) return '…';
              return (
                <>
                  {t(`monitoring.sources.kind.${source.kind}`)}
                  {source.url && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {source.url}
                    </Typography.Text>
                  )}
                  {source.hasToken && (
                    <Tag bordered={false} style={{ marginLeft: 8 }}>
                      {t('monitoring.sources.tokenMark')}
                    </Tag>
                  )}
                </>
              );
            },
          },
          {
            title: '',
            key: 'edit',
            width: 120,
            render: (_, row) => (
              <Button disabled={!row.answer?.data} onClick={() => setEditing(row.cluster)}>
                {t('monitoring.sources.edit')}
              </Button>
            ),
          },
        ]}
      />
      <SourceForm cluster={editing} current={current} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
