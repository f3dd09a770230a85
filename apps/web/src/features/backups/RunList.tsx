import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Flex, Select, Space, Table, type TableColumnsType, Tooltip } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import type { ListQuery } from './backups-api.ts';
import { Pager } from './Pager.tsx';
import type { BackupState, Page } from './types.ts';

interface Run {
  id: string;
  state: BackupState;
  startedAt: string;
}

/**
 * A list of backups or restores the caller reaches, newest first and paged by the server: filters by
 * cluster and state, the start as a link to the run's page, then the columns the caller gives. Read
 * every two seconds while one runs.
 */
export function RunList<T extends Run>(props: {
  /** The list's own part of the query key (`list`, `restores`). */
  name: string;
  fetch(query: ListQuery): Promise<Page<T>>;
  states: readonly BackupState[];
  clusterLabel: string;
  empty: string;
  path(id: string): string;
  columns: TableColumnsType<T>;
  onRow?: (entry: T) => HTMLAttributes<HTMLElement>;
}) {
  const { t, format } = useI18n();
  const [cluster, setCluster] = useState('');
  const [state, setState] = useState('');
  const [size, setSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ cluster, state, size }));
  const query: ListQuery = { cluster, state, limit: size, continue: pages.cursor };
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const runs = useQuery({
    queryKey: ['backups', props.name, query],
    queryFn: () => props.fetch(query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((entry) => entry.state === 'running') ? 2_000 : 15_000),
  });
  const now = Date.now();
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          style={{ width: 180 }}
          aria-label={props.clusterLabel}
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
            ...props.states.map((value) => ({ value, label: t(`backups.state.${value}`) })),
          ]}
        />
      </Space>
      {runs.error && <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />}
      <Table<T>
        size="small"
        rowKey="id"
        loading={runs.isPending || runs.isPlaceholderData}
        dataSource={runs.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} /> }}
        {...(props.onRow ? { onRow: props.onRow } : {})}
        columns={[
          {
            title: t('backups.started'),
            key: 'started',
            render: (_, entry) => (
              <Tooltip title={format.dateTime(entry.startedAt)}>
                <Link to={props.path(entry.id)}>{format.ago(entry.startedAt, now)}</Link>
              </Tooltip>
            ),
          },
          ...props.columns,
        ]}
      />
      <Pager
        pages={pages}
        next={runs.data?.continue}
        waiting={runs.isPlaceholderData}
        total={runs.data?.total}
        size={size}
        onSize={setSize}
      />
    </Flex>
  );
}
