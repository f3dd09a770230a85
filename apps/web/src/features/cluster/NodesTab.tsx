import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Tag } from 'antd';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ageColumn, nameColumn, SearchTableView } from '../../app/SearchTableView.tsx';
import { useSearchTable } from '../../app/use-search-table.ts';
import type { Found } from '../resources/resources-api.ts';
import { clusterApi, type KubeObject } from './cluster-api.ts';
import { FreshnessMark } from './FreshnessMark.tsx';
import { NodeDrawer } from './NodeDrawer.tsx';
import { NodeStatus } from './NodeStatus.tsx';
import { type NodeRow, nodeRow } from './node-model.ts';
import { PageFooter } from './PageFooter.tsx';

/** The cluster's nodes from the store, paged, sorted and filtered by the server, kept live. */
export default function NodesTab({ cluster }: { cluster: string }) {
  const { t, format } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const queryKey = ['cluster', cluster, 'nodes'];
  const table = useSearchTable<Found>({ queryKey, kind: 'nodes', cluster, sorts: ['name', 'created'] });
  const open = table.address.get('node') ?? undefined;
  const writable = can('clusters:write', { cluster });

  const cordon = useMutation({
    mutationFn: ({ node, on }: { node: string; on: boolean }) => clusterApi.cordon(cluster, node, on),
    onSuccess: async (_, { node, on }) => {
      message.success(t(on ? 'clusterPage.nodes.cordoned' : 'clusterPage.nodes.uncordoned', { node }));
      // Awaited: the row's button says Cordon or Uncordon from the refetched node; no dialog waits on it.
      await queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => message.error(error.message),
  });

  const rows = table.items.map((item) => nodeRow(item.object as KubeObject));
  const now = Date.now();
  // A node named in the address but not on this page (a shared link) is read on its own.
  const listed = rows.find((row) => row.name === open);
  const alone = useQuery({
    queryKey: [...queryKey, 'one', open],
    queryFn: () => clusterApi.search({ kinds: 'nodes', clusters: cluster, name: open, limit: 1 }),
    enabled: open !== undefined && table.answer.isSuccess && !listed,
  });
  const one = alone.data?.items[0]?.object as KubeObject | undefined;
  const selected = listed ?? (one ? nodeRow(one) : undefined);

  return (
    <Card size="small">
      <SearchTableView<NodeRow>
        table={table}
        rows={rows}
        labels={{
          name: t('clusterPage.nodes.filterName'),
          selector: t('clusterPage.filterSelector'),
          empty: t('clusterPage.nodes.empty'),
        }}
        freshness={<FreshnessMark freshness={table.freshness} />}
        onOpen={(row) => table.change({ node: row.name })}
        columns={[
          nameColumn(table, t('cluster.name')),
          { title: t('cluster.status'), key: 'status', render: (_, row) => <NodeStatus node={row} /> },
          {
            title: t('clusterPage.nodes.roles'),
            key: 'roles',
            render: (_, row) =>
              row.roles.length ? row.roles.map((role) => <Tag key={role}>{role}</Tag>) : '–',
          },
          { title: t('cluster.version'), key: 'version', render: (_, row) => row.version || '–' },
          {
            title: t('cluster.cpu'),
            key: 'cpu',
            align: 'right',
            render: (_, row) => format.cores(row.cpuCores),
          },
          {
            title: t('cluster.memory'),
            key: 'memory',
            align: 'right',
            render: (_, row) => format.bytes(row.memoryBytes),
          },
          {
            title: t('clusterPage.nodes.pods'),
            key: 'pods',
            align: 'right',
            render: (_, row) => <NodePodCount cluster={cluster} node={row.name} capacity={row.podCapacity} />,
          },
          ageColumn(table, t('clusterPage.age'), now),
          {
            title: t('clusterPage.nodes.taints'),
            key: 'taints',
            align: 'right',
            render: (_, row) => format.number(row.taints.length),
          },
          ...(writable
            ? [
                {
                  title: t('cluster.actions'),
                  key: 'actions',
                  render: (_: unknown, row: NodeRow) => (
                    <Button
                      size="small"
                      loading={cordon.isPending && cordon.variables?.node === row.name}
                      onClick={(event) => {
                        event.stopPropagation();
                        cordon.mutate({ node: row.name, on: !row.unschedulable });
                      }}
                    >
                      {t(row.unschedulable ? 'clusterPage.nodes.uncordon' : 'clusterPage.nodes.cordon')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {table.answer.data && <PageFooter table={table} />}
      <NodeDrawer
        cluster={cluster}
        node={selected}
        name={open}
        writable={writable}
        missing={!listed && (alone.isError || (alone.isSuccess && !one))}
        onClose={() => table.change({ node: undefined })}
        onChanged={() => queryClient.invalidateQueries({ queryKey })}
      />
    </Card>
  );
}

/** Pods on the node against its capacity; one small count query per shown row. */
function NodePodCount({ cluster, node, capacity }: { cluster: string; node: string; capacity: number }) {
  const { format } = useI18n();
  const pods = useQuery({
    queryKey: ['cluster', cluster, 'nodes', 'pods-count', node],
    queryFn: () => clusterApi.nodePods(cluster, node, 1),
    staleTime: 15_000,
  });
  const count = pods.data ? pods.data.items.length + pods.data.remaining : undefined;
  return (
    <span>
      {count === undefined ? '…' : format.number(count)} / {format.number(capacity)}
    </span>
  );
}
