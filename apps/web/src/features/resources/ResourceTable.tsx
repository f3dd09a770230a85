import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useSearchTable } from '../../app/use-search-table.ts';
import { FreshnessNotice } from './FreshnessNotice.tsx';
import { NamespaceFilter } from './NamespaceFilter.tsx';
import { type Found, resourcesApi } from './resources-api.ts';
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
  // Filters, sort and page size live in the address; a search link (?namespace=…&name=…) starts there.
  const table = useSearchTable<Found>({
    queryKey: ['resources', cluster, kind],
    kind,
    cluster,
    sorts: namespaced ? ['name', 'namespace', 'created'] : ['name', 'created'],
    sizes: PAGE_SIZES,
    namespaced,
  });
  const { filters, answer: found, items } = table;
  // The label box is typed into, and filled by a click on a row's label.
  const [labelDraft, setLabelDraft] = useState(filters.selector);
  const data = found.data;
  const canDelete = (item: Found) =>
    can('resources:write', item.namespace ? { cluster, namespace: item.namespace } : { cluster });
  const now = Date.now();

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            {namespaced && (
              <NamespaceFilter
                cluster={cluster}
                value={filters.namespace}
                onChange={(namespace) => table.change({ namespace })}
              />
            )}
            <Input.Search
              allowClear
              style={{ width: 200 }}
              aria-label={t('resources.nameContains')}
              placeholder={t('resources.nameContains')}
              defaultValue={filters.name}
              onSearch={(value) => table.change({ name: value.trim() })}
            />
            <Input.Search
              allowClear
              style={{ width: 240 }}
              aria-label={t('resources.labelSelector')}
              placeholder={t('resources.labelSelectorHint')}
              value={labelDraft}
              onChange={(event) => setLabelDraft(event.target.value)}
              onSearch={(value) => table.change({ selector: value.trim() })}
            />
            <Typography.Text type="secondary" data-testid="resource-count">
              {t(data?.estimated ? 'resources.countAbout' : 'resources.count', {
                count: format.number(table.total),
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
        <FreshnessNotice freshness={table.freshness} />
        {found.error && <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />}
        <Table<Found>
          size="small"
          rowKey="uid"
          loading={found.isPending || (found.isFetching && found.isPlaceholderData)}
          dataSource={items}
          pagination={false}
          onChange={(_pagination, _filters, sorter) => table.onSort(sorter)}
          locale={{
            emptyText: found.error ? t('resources.unavailable') : t('resources.empty', { kind: kindLabel }),
          }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('resources.name'),
              key: 'name',
              sorter: true,
              sortOrder: table.sortOrder('name'),
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
                              table.change({ selector: `${key}=${value}` });
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
                    sortOrder: table.sortOrder('namespace'),
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
              sortOrder: table.sortOrder('created'),
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
                  from: format.number(table.first + 1),
                  to: format.number(table.first + items.length),
                })
              : ''}
          </Typography.Text>
          <Button
            disabled={table.page === 0}
            onClick={table.goPrevious}
            aria-label={t('resources.previousPage')}
          >
            {t('resources.previousPage')}
          </Button>
          <Button disabled={!table.next} onClick={table.goNext}>
            {t('resources.nextPage')}
          </Button>
          <Select
            aria-label={t('resources.pageSize')}
            value={table.size}
            style={{ width: 120 }}
            onChange={(size: number) => table.change({ size: String(size) })}
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
