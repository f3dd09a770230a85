import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import {
  lifecycleApi,
  lifecycleKeys,
  lifecyclePaths,
  type ManagedCluster,
  type NodePool,
} from './lifecycle-api.ts';
import { PoolDrawer } from './PoolDrawer.tsx';

/** The pools of a created cluster: size, labels, taints, the versions their nodes run; edit, remove, add. */
export function NodePoolsCard({
  cluster,
  writable,
  busy,
}: {
  cluster: ManagedCluster;
  writable: boolean;
  busy: boolean;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ pool?: NodePool }>();
  const remove = useMutation({
    mutationFn: (pool: string) => lifecycleApi.removePool(cluster.name, pool),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      navigate(lifecyclePaths.operation(operation.id));
    },
    onError: (error) => void message.error(t('lifecycle.refused', { reason: error.message })),
  });
  const confirmRemove = (pool: NodePool) =>
    modal.confirm({
      title: t('lifecycle.pools.removeTitle', { pool: pool.name, name: cluster.name }),
      content: t('lifecycle.pools.removeBody', { count: pool.count }),
      okText: t('lifecycle.pools.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(pool.name),
    });
  const versionsOf = (pool: string) => [
    ...new Set(cluster.nodes.filter((node) => node.pool === pool).map((node) => node.version)),
  ];

  return (
    <Card
      size="small"
      title={t('lifecycle.pools.title')}
      extra={
        writable && (
          <Button size="small" disabled={busy} onClick={() => setEditing({})}>
            + {t('lifecycle.pools.add')}
          </Button>
        )
      }
    >
      <Table<NodePool>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={cluster.nodePools}
        scroll={{ x: 'max-content' }}
        onRow={(pool) => ({ 'data-pool': pool.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('lifecycle.form.pool.name'), dataIndex: 'name', key: 'name' },
          {
            title: t('lifecycle.form.pool.count'),
            key: 'count',
            align: 'right',
            render: (_, pool) => {
              const made = cluster.nodes.filter((node) => node.pool === pool.name).length;
              return made === pool.count ? pool.count : `${made} / ${pool.count}`;
            },
          },
          {
            title: t('lifecycle.pools.sizing'),
            key: 'size',
            render: (_, pool) =>
              t('lifecycle.pools.size', { cpu: pool.cpu, memory: pool.memory, pods: pool.maxPods }),
          },
          { title: t('lifecycle.form.pool.zone'), key: 'zone', render: (_, pool) => pool.zone ?? '–' },
          {
            title: t('lifecycle.form.pool.labels'),
            key: 'labels',
            render: (_, pool) => (
              <Space size={[4, 4]} wrap>
                {Object.entries(pool.labels).map(([key, value]) => (
                  <Tag key={key} style={{ marginInlineEnd: 0 }}>
                    {value ? `${key}=${value}` : key}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('lifecycle.form.pool.taints'),
            key: 'taints',
            render: (_, pool) => (
              <Space size={[4, 4]} wrap>
                {pool.taints.map((taint) => (
                  <Tag key={`${taint.key}:${taint.effect}`} color="orange" style={{ marginInlineEnd: 0 }}>
                    {taint.key}
                    {taint.value ? `=${taint.value}` : ''}:{taint.effect}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('lifecycle.version'),
            key: 'version',
            render: (_, pool) => (
              <Typography.Text type={versionsOf(pool.name).length > 1 ? 'warning' : undefined}>
                {versionsOf(pool.name).join(', ') || '–'}
              </Typography.Text>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, pool) =>
              writable && (
                <Space size={4}>
                  <Button size="small" disabled={busy} onClick={() => setEditing({ pool })}>
                    {t('lifecycle.pools.edit')}
                  </Button>
                  <Tooltip title={cluster.nodePools.length < 2 ? t('lifecycle.pools.removeLast') : undefined}>
                    <Button
                      size="small"
                      danger
                      disabled={busy || cluster.nodePools.length < 2}
                      onClick={() => confirmRemove(pool)}
                    >
                      {t('lifecycle.pools.remove')}
                    </Button>
                  </Tooltip>
                </Space>
              ),
          },
        ]}
      />
      <Flex>
        <PoolDrawer
          cluster={cluster}
          pool={editing?.pool}
          open={Boolean(editing)}
          onClose={() => setEditing(undefined)}
        />
      </Flex>
    </Card>
  );
}
