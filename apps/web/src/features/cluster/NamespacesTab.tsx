import { Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useSearchTable } from '../../app/use-search-table.ts';
import type { Found } from '../resources/resources-api.ts';
import type { KubeObject } from './cluster-api.ts';
import { FreshnessMark } from './FreshnessMark.tsx';
import { NamespaceDrawer } from './NamespaceDrawer.tsx';
import { PageFooter } from './PageFooter.tsx';
import { useWorkspaceOf } from './workspaces.ts';

interface NamespaceRow {
  name: string;
  phase: string;
  labels: Record<string, string>;
  createdAt: string | null;
}

/** The cluster's namespaces from the store (server paging, sort and filter), live; a drawer per namespace. */
export default function NamespacesTab({ cluster }: { cluster: string }) {
  const { t, format } = useI18n();
  const table = useSearchTable<Found>({
    queryKey: ['cluster', cluster, 'namespaces'],
    kind: 'namespaces',
    cluster,
    sorts: ['name', 'created'],
  });
  const open = table.address.get('namespace') ?? undefined;
  const workspaceOf = useWorkspaceOf(cluster);
  const now = Date.now();
  const rows: NamespaceRow[] = table.items.map((item) => {
    const object = item.object as KubeObject | undefined;
    return {
      name: item.name,
      phase: ((object?.status as { phase?: string } | undefined)?.phase ?? item.phase ?? 'Active') as string,
      labels: item.labels,
      createdAt: item.createdAt,
    };
  });

  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('clusterPage.namespaces.filterName')}
          aria-label={t('clusterPage.namespaces.filterName')}
          defaultValue={table.filters.name}
          onSearch={(value) => table.change({ name: value.trim() })}
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('clusterPage.filterSelector')}
          aria-label={t('clusterPage.filterSelector')}
          defaultValue={table.filters.selector}
          onSearch={(value) => table.change({ selector: value.trim() })}
        />
      </Space>
      <FreshnessMark freshness={table.freshness} />
      {table.answer.error && (
        <ErrorNotice error={table.answer.error} onRetry={() => void table.answer.refetch()} />
      )}
      <Table<NamespaceRow>
        size="small"
        rowKey="name"
        loading={table.answer.isPending || (table.answer.isFetching && table.answer.isPlaceholderData)}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('clusterPage.namespaces.empty') }}
        onChange={(_, __, sorter) => table.onSort(sorter)}
        onRow={(row) => ({
          onClick: () => table.change({ namespace: row.name }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('cluster.name'),
            key: 'name',
            sorter: true,
            sortOrder: table.sortOrder('name'),
            render: (_, row) => <Typography.Link>{row.name}</Typography.Link>,
          },
          {
            title: t('cluster.status'),
            key: 'phase',
            render: (_, row) => (
              <Tag color={row.phase === 'Active' ? 'green' : 'orange'}>
                {row.phase === 'Active' || row.phase === 'Terminating'
                  ? t(`clusterPage.namespaces.${row.phase}`)
                  : row.phase}
              </Tag>
            ),
          },
          {
            title: t('clusterPage.namespaces.workspace'),
            key: 'workspace',
            render: (_, row) => workspaceOf.get(row.name) ?? '–',
          },
          {
            title: t('cluster.labels'),
            key: 'labels',
            render: (_, row) => (
              <Space size={[2, 2]} wrap>
                {Object.entries(row.labels)
                  .filter(([key]) => key !== 'kubernetes.io/metadata.name')
                  .map(([key, value]) => (
                    <Tag key={key} style={{ marginInlineEnd: 0 }}>
                      {key}={value}
                    </Tag>
                  ))}
              </Space>
            ),
          },
          {
            title: t('clusterPage.age'),
            key: 'created',
            sorter: true,
            sortOrder: table.sortOrder('created'),
            render: (_, row) =>
              row.createdAt ? (
                <Tooltip title={format.dateTime(row.createdAt)}>{format.ago(row.createdAt, now)}</Tooltip>
              ) : (
                '–'
              ),
          },
        ]}
      />
      {table.answer.data && <PageFooter table={table} />}
      <NamespaceDrawer
        cluster={cluster}
        namespace={open}
        workspace={open ? workspaceOf.get(open) : undefined}
        onClose={() => table.change({ namespace: undefined })}
      />
    </Card>
  );
}
