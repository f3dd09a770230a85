import { BACKUP_STATES } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { backupPath, backupsApi, wizardPath } from './backups-api.ts';
import { Pager } from './Pager.tsx';
import { namespacesText } from './plan-form.ts';
import { mayWrite } from './reach.ts';
import { BackupStateCell } from './tags.tsx';
import type { Backup } from './types.ts';
import { useBackupActions } from './use-backup-actions.ts';

/** Every backup the caller reaches, newest first, running ones refreshed every two seconds. */
export function BackupsTab() {
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [cluster, setCluster] = useState('');
  const [state, setState] = useState('');
  const [size, setSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ cluster, state, size }));
  const query = { cluster, state, limit: size, continue: pages.cursor };
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const backups = useQuery({
    queryKey: ['backups', 'list', query],
    queryFn: () => backupsApi.backups(query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((entry) => entry.state === 'running') ? 2_000 : 15_000),
  });
  const actions = useBackupActions();
  const now = Date.now();

  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          style={{ width: 180 }}
          aria-label={t('backups.cluster')}
          value={cluster}
          onChange={setCluster}
          options={[
            { value: '', label: t('backups.allClusters') },
            ...(clusters.data?.items ?? []).map((entry) => ({ value: entry.name, label: entry.name })),
          ]}
        />
        <Select
          style={{ width: 160 }}
          aria-label={t('backups.state')}
          value={state}
          onChange={setState}
          options={[
            { value: '', label: t('backups.allStates') },
            ...BACKUP_STATES.map((value) => ({ value, label: t(`backups.state.${value}`) })),
          ]}
        />
      </Space>
      {backups.error && <ErrorNotice error={backups.error} onRetry={() => void backups.refetch()} />}
      <Table<Backup>
        size="small"
        rowKey="id"
        loading={backups.isPending || backups.isPlaceholderData}
        dataSource={backups.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.empty')} />,
        }}
        onRow={(entry) => ({ 'data-backup': entry.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('backups.started'),
            key: 'started',
            render: (_, entry) => (
              <Tooltip title={format.dateTime(entry.startedAt)}>
                <Link to={backupPath(entry.id)}>{format.ago(entry.startedAt, now)}</Link>
              </Tooltip>
            ),
          },
          { title: t('backups.plan'), key: 'plan', render: (_, entry) => entry.plan ?? '–' },
          { title: t('backups.cluster'), dataIndex: 'cluster', key: 'cluster' },
          {
            title: t('backups.namespaces'),
            key: 'namespaces',
            render: (_, entry) => (
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                {namespacesText(entry.namespaces, t('backups.allNamespaces'))}
              </Typography.Text>
            ),
          },
          {
            title: t('backups.state'),
            key: 'state',
            render: (_, entry) => <BackupStateCell backup={entry} />,
          },
          {
            title: t('backups.objects'),
            key: 'objects',
            align: 'right',
            render: (_, entry) => format.number(entry.objects),
          },
          {
            title: t('backups.size'),
            key: 'size',
            align: 'right',
            render: (_, entry) => format.bytes(entry.sizeBytes),
          },
          {
            title: t('backups.failed'),
            key: 'failed',
            align: 'right',
            render: (_, entry) =>
              entry.failed ? (
                <Typography.Text type="danger">{format.number(entry.failed)}</Typography.Text>
              ) : (
                0
              ),
          },
          { title: t('backups.destination'), dataIndex: 'destination', key: 'destination' },
          {
            title: '',
            key: 'actions',
            render: (_, entry) =>
              mayWrite(can, entry.cluster, entry.namespaces) && (
                <Space size={4}>
                  {(entry.state === 'completed' || entry.state === 'partially-failed') && (
                    <Button size="small" onClick={() => navigate(wizardPath(entry.id))}>
                      {t('backups.restore')}
                    </Button>
                  )}
                  {entry.state === 'running' ? (
                    <Button size="small" danger onClick={() => actions.confirmCancel(entry)}>
                      {t('backups.cancel')}
                    </Button>
                  ) : (
                    <Button size="small" danger onClick={() => actions.confirmDelete(entry)}>
                      {t('backups.delete')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Pager
        pages={pages}
        next={backups.data?.continue}
        waiting={backups.isPlaceholderData}
        total={backups.data?.total}
        size={size}
        onSize={setSize}
      />
    </Flex>
  );
}
