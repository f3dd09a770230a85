import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { FreshnessNotice } from './FreshnessNotice.tsx';
import { type Found, resourcesApi, type SearchParams } from './resources-api.ts';
import { useDeleteObject } from './use-delete.ts';

/** A column after name and namespace, drawn from the stored object. */
export interface ResourceColumn {
  key: string;
  title: ReactNode;
  render(item: Found): ReactNode;
  width?: number;
  ellipsis?: boolean;
}

export interface ResourceTableProps {
  cluster: string;
  /** The kind as search and the resources route take it: `services`, `ingresses.networking.k8s.io`. */
  kind: string;
  /** The kind as people read it, for titles and the delete confirmation. */
  kindLabel: string;
  namespaced: boolean;
  columns: ResourceColumn[];
  /** Opens the object's details (a click on its name). */
  onOpen?: (item: Found) => void;
  /** Buttons beside the filters (a Create button). */
  actions?: ReactNode;
}

type SortField = NonNullable<SearchParams['sort']>;
const PAGE_SIZES = [20, 50, 100, 200];

/** The namespaces of a cluster for the filter; empty when the caller may not list them. */
export function useNamespaces(cluster: string): string[] {
  const namespaces = useQuery({
    queryKey: ['resources', cluster, 'namespaces', 'names'],
    queryFn: () =>
      resourcesApi.search({
        kinds: 'namespaces',
        clusters: cluster,
        sort: 'name',
        limit: 1000,
        objects: false,
      }),
    staleTime: 30_000,
  });
  return (namespaces.data?.items ?? []).map((item) => item.name);
}

/**
 * One kind in one cluster, read from Portolan's store through GET /api/v1/search: the server pages
 * (limit and continue), sorts and filters (namespace, name contains, label selector); the list says
 * when the cluster's copy is not current, and follows the change stream.
 */
export function ResourceTable({
  cluster,
  kind,
  kindLabel,
  namespaced,
  columns,
  onOpen,
  actions,
}: ResourceTableProps) {
  const { t, format } = useI18n();
  const can = useCan();
  const confirmDelete = useDeleteObject(cluster);
  const namespaceNames = useNamespaces(cluster);
  // A link may name where to look (search links ?namespace=…&name=…): the filters start there.
  const [address] = useSearchParams();
  const [namespace, setNamespace] = useState<string | undefined>(
    (namespaced && address.get('namespace')) || undefined,
  );
  const [nameContains, setNameContains] = useState(address.get('name') ?? '');
  const [labelSelector, setLabelSelector] = useState('');
  const [labelDraft, setLabelDraft] = useState('');
  const [sort, setSort] = useState<{ field: SortField; order: 'asc' | 'desc' }>({
    field: 'name',
    order: 'asc',
  });
  const [pageSize, setPageSize] = useState(50);
  // Continue tokens of the pages seen so far: tokens[i] opens page i (the first needs none).
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const restart = () => {
    setTokens([undefined]);
    setPage(0);
  };

  const params: SearchParams = {
    kinds: kind,
    clusters: cluster,
    ...(namespace ? { namespaces: namespace } : {}),
    ...(nameContains ? { nameContains } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    sort: sort.field,
    order: sort.order,
    limit: pageSize,
    ...(tokens[page] ? { continue: tokens[page] } : {}),
  };
  const listKey = ['resources', cluster, kind];
  const found = useQuery({
    queryKey: [...listKey, params],
    queryFn: () => resourcesApi.search(params),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(listKey, {
    kinds: [kind],
    clusters: [cluster],
    ...(namespace ? { namespaces: [namespace] } : {}),
  });

  const data = found.data;
  const freshness = data?.clusters.find((entry) => entry.name === cluster);
  const items = data?.items ?? [];
  const first = page * pageSize;
  const total = first + items.length + (data?.remaining ?? 0);
  const next = data?.continue;

  const sortOrder = (field: SortField) =>
    sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const onSort = (sorter: SorterResult<Found> | SorterResult<Found>[]) => {
    const chosen = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = (chosen?.order ? chosen.columnKey : 'name') as SortField;
    setSort({ field, order: chosen?.order === 'descend' ? 'desc' : 'asc' });
    restart();
  };
  const canDelete = (item: Found) =>
    can('resources:write', item.namespace ? { cluster, namespace: item.namespace } : { cluster });
  const now = Date.now();

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            {namespaced &&
              (namespaceNames.length ? (
                <Select
                  allowClear
                  showSearch
                  style={{ width: 200 }}
                  aria-label={t('resources.namespace')}
                  placeholder={t('resources.allNamespaces')}
                  value={namespace}
                  onChange={(value?: string) => {
                    setNamespace(value);
                    restart();
                  }}
                  options={namespaceNames.map((name) => ({ value: name, label: name }))}
                />
              ) : (
                <Input.Search
                  allowClear
                  style={{ width: 200 }}
                  aria-label={t('resources.namespace')}
                  placeholder={t('resources.namespace')}
                  defaultValue={namespace}
                  onSearch={(value) => {
                    setNamespace(value.trim() || undefined);
                    restart();
                  }}
                />
              ))}
            <Input.Search
              allowClear
              style={{ width: 200 }}
              aria-label={t('resources.nameContains')}
              placeholder={t('resources.nameContains')}
              defaultValue={nameContains}
              onSearch={(value) => {
                setNameContains(value.trim());
                restart();
              }}
            />
            <Input.Search
              allowClear
              style={{ width: 240 }}
              aria-label={t('resources.labelSelector')}
              placeholder={t('resources.labelSelectorHint')}
              value={labelDraft}
              onChange={(event) => setLabelDraft(event.target.value)}
              onSearch={(value) => {
                setLabelSelector(value.trim());
                restart();
              }}
            />
            <Typography.Text type="secondary" data-testid="resource-count">
              {t(data?.estimated ? 'resources.countAbout' : 'resources.count', {
                count: format.number(total),
              })}
            </Typography.Text>
          </Space>
          <Space>
            <Button onClick={() => void found.refetch()} loading={found.isFetching && !found.isPending}>
              {t('common.refresh')}
            </Button>
            {actions}
          </Space>
        </Flex>
        <FreshnessNotice freshness={freshness} />
        {found.error && <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />}
        <Table<Found>
          size="small"
          rowKey="uid"
          loading={found.isPending || (found.isFetching && found.isPlaceholderData)}
          dataSource={items}
          pagination={false}
          onChange={(_pagination, _filters, sorter) => onSort(sorter)}
          locale={{
            emptyText: found.error ? t('resources.unavailable') : t('resources.empty', { kind: kindLabel }),
          }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('resources.name'),
              key: 'name',
              sorter: true,
              sortOrder: sortOrder('name'),
              render: (_, item) => (
                <Space orientation="vertical" size={0}>
                  {onOpen ? (
                    <Typography.Link onClick={() => onOpen(item)}>{item.name}</Typography.Link>
                  ) : (
                    <Typography.Text>{item.name}</Typography.Text>
                  )}
                  {Object.keys(item.labels).length > 0 && (
                    <Space size={[2, 2]} wrap style={{ maxWidth: 360 }}>
                      {Object.entries(item.labels)
                        .slice(0, 3)
                        .map(([key, value]) => (
                          <Tag
                            key={key}
                            style={{ cursor: 'pointer', marginInlineEnd: 0 }}
                            onClick={() => {
                              setLabelDraft(`${key}=${value}`);
                              setLabelSelector(`${key}=${value}`);
                              restart();
                            }}
                          >
                            {key}={value}
                          </Tag>
                        ))}
                      {Object.keys(item.labels).length > 3 && (
                        <Tooltip
                          title={Object.entries(item.labels)
                            .map(([k, v]) => `${k}=${v}`)
                            .join(', ')}
                        >
                          <Tag style={{ marginInlineEnd: 0 }}>+{Object.keys(item.labels).length - 3}</Tag>
                        </Tooltip>
                      )}
                    </Space>
                  )}
                </Space>
              ),
            },
            ...(namespaced
              ? [
                  {
                    title: t('resources.namespace'),
                    key: 'namespace',
                    sorter: true,
                    sortOrder: sortOrder('namespace'),
                    render: (_: unknown, item: Found) => item.namespace,
                  },
                ]
              : []),
            ...columns.map((column) => ({
              title: column.title,
              key: column.key,
              width: column.width,
              ellipsis: column.ellipsis,
              render: (_: unknown, item: Found) => column.render(item),
            })),
            {
              title: t('resources.age'),
              key: 'created',
              sorter: true,
              sortOrder: sortOrder('created'),
              render: (_, item) =>
                item.createdAt ? (
                  <Tooltip title={format.dateTime(item.createdAt)}>{format.ago(item.createdAt, now)}</Tooltip>
                ) : (
                  '–'
                ),
            },
            {
              title: t('resources.actions'),
              key: 'actions',
              render: (_, item) =>
                canDelete(item) ? (
                  <Button
                    danger
                    size="small"
                    onClick={() =>
                      confirmDelete({
                        kindLabel,
                        kind,
                        name: item.name,
                        ...(item.namespace ? { namespace: item.namespace } : {}),
                      })
                    }
                  >
                    {t('resources.delete')}
                  </Button>
                ) : null,
            },
          ]}
        />
        <Flex justify="flex-end" align="center" gap={8}>
          <Typography.Text type="secondary">
            {items.length
              ? t('resources.showing', {
                  from: format.number(first + 1),
                  to: format.number(first + items.length),
                })
              : ''}
          </Typography.Text>
          <Button
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
            aria-label={t('resources.previousPage')}
          >
            {t('resources.previousPage')}
          </Button>
          <Button
            disabled={!next}
            onClick={() => {
              setTokens((known) => [...known.slice(0, page + 1), next]);
              setPage(page + 1);
            }}
          >
            {t('resources.nextPage')}
          </Button>
          <Select
            aria-label={t('resources.pageSize')}
            value={pageSize}
            style={{ width: 120 }}
            onChange={(size: number) => {
              setPageSize(size);
              restart();
            }}
            options={PAGE_SIZES.map((size) => ({
              value: size,
              label: t('resources.perPage', { count: size }),
            }))}
          />
        </Flex>
      </Flex>
    </Card>
  );
}
