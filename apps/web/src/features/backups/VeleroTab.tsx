import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { backupsApi } from './backups-api.ts';
import type { VeleroItem } from './types.ts';
import { VeleroDrawer } from './VeleroDrawer.tsx';

const PHASE_COLORS: Record<string, string> = {
  Completed: 'success',
  InProgress: 'processing',
  New: 'default',
  PartiallyFailed: 'warning',
  Failed: 'error',
  FailedValidation: 'error',
};

/** A cluster's Velero Backups and Restores, with create; says plainly when Velero is not there. */
export default function VeleroTab({ cluster }: { cluster: string }) {
  const { t, format } = useI18n();
  const can = useCan();
  const [creating, setCreating] = useState<'backup' | 'restore'>();
  const view = useQuery({
    queryKey: ['backups', 'velero', cluster],
    queryFn: () => backupsApi.velero(cluster),
    refetchInterval: (q) =>
      [...(q.state.data?.backups ?? []), ...(q.state.data?.restores ?? [])].some((entry) =>
        ['New', 'InProgress'].includes(entry.phase),
      )
        ? 3_000
        : 30_000,
  });
  const writer = can('backups:write', { cluster });
  const volumes = <Alert type="info" showIcon title={t('backups.velero.volumes')} />;
  if (view.error) return <ErrorNotice error={view.error} onRetry={() => void view.refetch()} />;
  if (view.data && !view.data.installed)
    return (
      <Flex vertical gap={12}>
        <Alert
          type="warning"
          showIcon
          data-velero="absent"
          title={t('backups.velero.notInstalled')}
          description={view.data.reason}
        />
        {volumes}
      </Flex>
    );
  const columns = (restores: boolean) => [
    { title: t('backups.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('backups.velero.phase'),
      key: 'phase',
      render: (_: unknown, entry: VeleroItem) => (
        <Tag color={PHASE_COLORS[entry.phase] ?? 'default'}>{entry.phase || '–'}</Tag>
      ),
    },
    restores
      ? {
          title: t('backups.velero.backupName'),
          key: 'backup',
          render: (_: unknown, entry: VeleroItem) => entry.backupName ?? '–',
        }
      : {
          title: t('backups.namespaces'),
          key: 'namespaces',
          render: (_: unknown, entry: VeleroItem) =>
            entry.includedNamespaces.length
              ? entry.includedNamespaces.join(', ')
              : t('backups.allNamespaces'),
        },
    {
      title: t('backups.velero.errors'),
      key: 'errors',
      align: 'right' as const,
      render: (_: unknown, entry: VeleroItem) =>
        entry.errors ? (
          <Typography.Text type="danger">{entry.errors}</Typography.Text>
        ) : (
          (entry.errors ?? '–')
        ),
    },
    {
      title: t('backups.velero.warnings'),
      key: 'warnings',
      align: 'right' as const,
      render: (_: unknown, entry: VeleroItem) => entry.warnings ?? '–',
    },
    {
      title: t('backups.velero.created'),
      key: 'created',
      render: (_: unknown, entry: VeleroItem) => (entry.createdAt ? format.dateTime(entry.createdAt) : '–'),
    },
  ];
  const empty = {
    emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.velero.empty')} />,
  };
  return (
    <Flex vertical gap={12}>
      {volumes}
      <Card
        size="small"
        title={t('backups.velero.backups')}
        extra={
          writer && <Button onClick={() => setCreating('backup')}>{t('backups.velero.newBackup')}</Button>
        }
      >
        <Table<VeleroItem>
          size="small"
          rowKey={(entry) => `${entry.namespace}/${entry.name}`}
          loading={view.isPending}
          dataSource={view.data?.backups ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={empty}
          columns={columns(false)}
        />
      </Card>
      <Card
        size="small"
        title={t('backups.velero.restores')}
        extra={
          writer && (
            <Button disabled={!view.data?.backups.length} onClick={() => setCreating('restore')}>
              {t('backups.velero.newRestore')}
            </Button>
          )
        }
      >
        <Table<VeleroItem>
          size="small"
          rowKey={(entry) => `${entry.namespace}/${entry.name}`}
          loading={view.isPending}
          dataSource={view.data?.restores ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={empty}
          columns={columns(true)}
        />
      </Card>
      <VeleroDrawer
        cluster={cluster}
        kind={creating}
        backups={view.data?.backups ?? []}
        onClose={() => setCreating(undefined)}
      />
    </Flex>
  );
}
