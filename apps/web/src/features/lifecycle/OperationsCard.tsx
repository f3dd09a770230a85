import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Select, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { ListPager, usePager } from '../alerting/ListPager.tsx';
import {
  lifecycleApi,
  lifecycleKeys,
  lifecyclePaths,
  OPERATION_KINDS,
  type Operation,
  type OperationKind,
  type OperationQuery,
} from './lifecycle-api.ts';
import { betweenText, OperationStateTag } from './tags.tsx';

const SIZES = [10, 20, 50] as const;

/** A created cluster's operations, newest first, paged by the server; live while one runs. */
export function OperationsCard({ cluster }: { cluster: string }) {
  const { t, format } = useI18n();
  const navigate = useNavigate();
  const [kind, setKind] = useState<OperationKind | ''>('');
  const pager = usePager(SIZES, 10, kind);
  const query: OperationQuery = {
    cluster,
    ...(kind ? { kind } : {}),
    limit: pager.size,
    ...(pager.cursor ? { continue: pager.cursor } : {}),
  };
  const operations = useQuery({
    queryKey: lifecycleKeys.operations(query),
    queryFn: () => lifecycleApi.operations(query),
    placeholderData: keepPreviousData,
    refetchInterval: (state) =>
      state.state.data?.items.some((op) => op.state === 'running') ? 3_000 : 30_000,
  });
  const now = Date.now();

  return (
    <Card
      size="small"
      title={t('lifecycle.ops.title')}
      extra={
        <Select
          aria-label={t('lifecycle.ops.kind')}
          style={{ width: 200 }}
          value={kind}
          onChange={setKind}
          options={[
            { value: '', label: t('lifecycle.ops.allKinds') },
            ...OPERATION_KINDS.map((value) => ({ value, label: t(`lifecycle.kind.${value}`) })),
          ]}
        />
      }
    >
      {operations.error && <ErrorNotice error={operations.error} onRetry={() => void operations.refetch()} />}
      <Table<Operation>
        size="small"
        rowKey="id"
        loading={operations.isPending || operations.isPlaceholderData}
        dataSource={operations.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(op) => ({
          onClick: () => navigate(lifecyclePaths.operation(op.id)),
          style: { cursor: 'pointer' },
        })}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.ops.empty')} />,
        }}
        columns={[
          {
            title: t('lifecycle.ops.kind'),
            key: 'kind',
            render: (_, op) => (
              <Link to={lifecyclePaths.operation(op.id)}>{t(`lifecycle.kind.${op.kind}`)}</Link>
            ),
          },
          {
            title: t('lifecycle.version'),
            key: 'versions',
            render: (_, op) =>
              op.fromVersion && op.toVersion
                ? t('lifecycle.ops.versions', { from: op.fromVersion, to: op.toVersion })
                : '–',
          },
          {
            title: t('lifecycle.state'),
            key: 'state',
            render: (_, op) => <OperationStateTag operation={op} />,
          },
          {
            title: t('lifecycle.ops.started'),
            key: 'started',
            render: (_, op) => (
              <Tooltip title={format.dateTime(op.createdAt)}>{format.ago(op.createdAt, now)}</Tooltip>
            ),
          },
          {
            title: t('jobs.duration'),
            key: 'took',
            align: 'right',
            render: (_, op) => betweenText(t, op.createdAt, op.finishedAt, now),
          },
          { title: t('lifecycle.ops.by'), key: 'by', render: (_, op) => op.createdBy.name },
        ]}
      />
      <ListPager
        pager={pager}
        next={operations.data?.continue}
        waiting={operations.isPlaceholderData}
        style={{ marginTop: 8 }}
      />
    </Card>
  );
}
