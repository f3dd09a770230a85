import type { CrdListQuery, CrdSort, CrdSummary } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { useDebounced } from '../people/list-address.ts';
import { resourcesApi } from './resources-api.ts';

const CRDS = 'customresourcedefinitions.apiextensions.k8s.io';
const PAGE_SIZES = [20, 50, 100];

/** A cluster's CustomResourceDefinitions, filtered, sorted and paged by the server; a row chooses one. */
export function CrdList({
  cluster,
  chosen,
  onChoose,
}: {
  cluster: string;
  chosen: string;
  onChoose: (name: string) => void;
}) {
  const { t, format } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [sort, setSort] = useState<{ sort?: CrdSort; order?: 'asc' | 'desc' }>({});
  const [paging, setPaging] = useState({ page: 1, size: PAGE_SIZES[0] ?? 20 });
  const query: CrdListQuery = {
    ...(q && { q }),
    ...sort,
    limit: paging.size,
    offset: (paging.page - 1) * paging.size,
  };
  const crds = useQuery({
    queryKey: ['resources', cluster, 'crds', query],
    queryFn: () => resourcesApi.crds(cluster, query),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(['resources', cluster, 'crds'], { kinds: [CRDS], clusters: [cluster] });
  const answer = crds.error ? undefined : crds.data;
  const sortOrder = (column: CrdSort) =>
    (sort.sort ?? 'name') === column
      ? sort.order === 'desc'
        ? ('descend' as const)
        : ('ascend' as const)
      : null;
  const sorted = (column: CrdSort) => ({ key: column, sorter: true, sortOrder: sortOrder(column) });

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Space wrap>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            aria-label={t('resources.filterCrds')}
            placeholder={t('resources.filterCrds')}
            onChange={(event) => {
              setText(event.target.value);
              setPaging((now) => ({ ...now, page: 1 }));
            }}
          />
          <Typography.Text type="secondary" data-testid="crd-count">
            {answer && t('resources.crdCount', { count: format.number(answer.total) })}
          </Typography.Text>
        </Space>
        {crds.error && <ErrorNotice error={crds.error} onRetry={() => void crds.refetch()} />}
        <Table<CrdSummary>
          size="small"
          rowKey="name"
          loading={crds.isPending || (crds.isFetching && crds.isPlaceholderData)}
          dataSource={answer?.items ?? []}
          pagination={{
            current: paging.page,
            pageSize: paging.size,
            total: answer?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            hideOnSinglePage: (answer?.total ?? 0) <= (PAGE_SIZES[0] ?? 20),
            showTotal: (all, [from, to]) =>
              t('people.list.range', {
                from: format.number(from),
                to: format.number(to),
                total: format.number(all),
              }),
          }}
          onChange={(next, _filters, sorter, extra) => {
            if (extra.action === 'paginate') {
              const size = next.pageSize ?? paging.size;
              setPaging({ page: size !== paging.size ? 1 : (next.current ?? 1), size });
              return;
            }
            if (extra.action !== 'sort') return;
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            setSort(
              one?.order
                ? { sort: String(one.columnKey) as CrdSort, order: one.order === 'descend' ? 'desc' : 'asc' }
                : {},
            );
            setPaging((now) => ({ ...now, page: 1 }));
          }}
          locale={{ emptyText: q ? t('resources.noCrdMatch') : t('resources.noCrds') }}
          rowClassName={(crd) => (crd.name === chosen ? 'ant-table-row-selected' : '')}
          onRow={(crd) => ({ onClick: () => onChoose(crd.name), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('resources.kindColumn'),
              ...sorted('kind'),
              render: (_, crd) => <Typography.Link>{crd.kind}</Typography.Link>,
            },
            { title: t('resources.name'), ...sorted('name'), render: (_, crd) => crd.name },
            { title: t('resources.group'), ...sorted('group'), render: (_, crd) => crd.group },
            {
              title: t('resources.versions'),
              key: 'versions',
              render: (_, crd) => (
                <Space size={[2, 2]} wrap>
                  {crd.versions
                    .filter((version) => version.served)
                    .map((version) => (
                      <Tag key={version.name} color={version.storage ? 'blue' : undefined}>
                        {version.name}
                      </Tag>
                    ))}
                </Space>
              ),
            },
            {
              title: t('resources.scope'),
              key: 'scope',
              render: (_, crd) =>
                t(crd.scope === 'Namespaced' ? 'resources.scopeNamespaced' : 'resources.scopeCluster'),
            },
            {
              title: t('resources.objects'),
              ...sorted('objects'),
              render: (_, crd) =>
                crd.count === null ? (
                  <Tooltip title={t('resources.notSynced')}>–</Tooltip>
                ) : (
                  format.number(crd.count)
                ),
            },
            {
              title: t('resources.status'),
              key: 'established',
              render: (_, crd) =>
                crd.established ? (
                  <Tag color="green">{t('resources.established')}</Tag>
                ) : (
                  <Tag color="orange">{t('resources.notEstablished')}</Tag>
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
