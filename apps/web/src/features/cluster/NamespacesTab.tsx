import { Card, Space, Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { ageColumn, nameColumn, SearchTableView } from '../../app/SearchTableView.tsx';
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
  const { t } = useI18n();
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
      <SearchTableView<NamespaceRow>
        table={table}
        rows={rows}
        labels={{
          name: t('clusterPage.namespaces.filterName'),
          selector: t('clusterPage.filterSelector'),
          empty: t('clusterPage.namespaces.empty'),
        }}
        freshness={<FreshnessMark freshness={table.freshness} />}
        onOpen={(row) => table.change({ namespace: row.name })}
        columns={[
          nameColumn(table, t('cluster.name')),
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
          ageColumn(table, t('clusterPage.age'), now),
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
