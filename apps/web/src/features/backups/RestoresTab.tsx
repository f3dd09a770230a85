import { RESTORE_STATES } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { backupPath, backupsApi, restorePath } from './backups-api.ts';
import { Pager } from './Pager.tsx';
import { StateTag } from './tags.tsx';
import type { Restore } from './types.ts';

/** The counts of a restore as "created / updated / skipped / failed". */
export function RestoreCounts({ restore }: { restore: Restore }) {
  const { format } = useI18n();
  const { created, updated, skipped, failed } = restore.counts;
  return (
    <span>
      {format.number(created)} / {format.number(updated)} / {format.number(skipped)} /{' '}
      <Typography.Text type={failed ? 'danger' : undefined}>{format.number(failed)}</Typography.Text>
    </span>
  );
}

/** Every restore the caller reaches, newest first, paged by the server. */
export function RestoresTab() {
  const { t, format } = useI18n();
  const [cluster, setCluster] = useState('');
  const [state, setState] = useState('');
  const [size, setSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ cluster, state, size }));
  const query = { cluster, state, limit: size, continue: pages.cursor };
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const restores = useQuery({
    queryKey: ['backups', 'restores', query],
    queryFn: () => backupsApi.restores(query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((entry) => entry.state === 'running') ? 2_000 : 15_000),
  });
  const now = Date.now();
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          style={{ width: 180 }}
          aria-label={t('backups.restores.target')}
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
            ...RESTORE_STATES.map((value) => ({ value, label: t(`backups.state.${value}`) })),
          ]}
        />
      </Space>
      {restores.error && <ErrorNotice error={restores.error} onRetry={() => void restores.refetch()} />}
      <Table<Restore>
        size="small"
        rowKey="id"
        loading={restores.isPending || restores.isPlaceholderData}
        dataSource={restores.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.restores.empty')} />,
        }}
        columns={[
          {
            title: t('backups.started'),
            key: 'started',
            render: (_, entry) => (
              <Tooltip title={format.dateTime(entry.startedAt)}>
                <Link to={restorePath(entry.id)}>{format.ago(entry.startedAt, now)}</Link>
              </Tooltip>
            ),
          },
          {
            title: t('backups.restores.source'),
            key: 'backup',
            render: (_, entry) => <Link to={backupPath(entry.spec.backup)}>{entry.spec.backup}</Link>,
          },
          { title: t('backups.restores.target'), key: 'cluster', render: (_, entry) => entry.spec.cluster },
          {
            title: t('backups.namespaces'),
            key: 'namespaces',
            render: (_, entry) => (
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                {entry.spec.namespaces?.length
                  ? entry.spec.namespaces
                      .map((name) => {
                        const target = entry.spec.namespaceMapping?.[name];
                        return target ? `${name} → ${target}` : name;
                      })
                      .join(', ')
                  : t('backups.allNamespaces')}
              </Typography.Text>
            ),
          },
          {
            title: t('backups.state'),
            key: 'state',
            render: (_, entry) => <StateTag state={entry.state} error={entry.error} />,
          },
          {
            title: t('backups.restores.counts'),
            key: 'counts',
            render: (_, entry) => <RestoreCounts restore={entry} />,
          },
          { title: t('backups.restores.by'), key: 'by', render: (_, entry) => entry.createdBy.name },
        ]}
      />
      <Pager
        pages={pages}
        next={restores.data?.continue}
        waiting={restores.isPlaceholderData}
        total={restores.data?.total}
        size={size}
        onSize={setSize}
      />
    </Flex>
  );
}
