import { useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { clusterApi, type KubeObject } from './cluster-api.ts';
import { useCursorPages } from './cursor-pages.ts';
import { FreshnessMark } from './FreshnessMark.tsx';
import { NamespaceDrawer } from './NamespaceDrawer.tsx';
import { PageFooter } from './PageFooter.tsx';
import { useWorkspaceOf } from './workspaces.ts';

const PAGE = 50;

interface NamespaceRow {
  name: string;
  phase: string;
  labels: Record<string, string>;
  createdAt: string | null;
}

/** The cluster's namespaces from the store (server paging, sort and filter), live; a drawer per namespace. */
export default function NamespacesTab({ cluster }: { cluster: string }) {
  const { t, format } = useI18n();
  const [params, setParams] = useSearchParams();
  const name = params.get('name') ?? '';
  const selector = params.get('selector') ?? '';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const sort = params.get('sort') === 'created' ? 'created' : 'name';
  const open = params.get('namespace') ?? undefined;
  const pages = useCursorPages(JSON.stringify([cluster, name, selector, sort, order]));
  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const queryKey = ['cluster', cluster, 'namespaces'];
  const namespaces = useQuery({
    queryKey: [...queryKey, name, selector, sort, order, pages.cursor],
    queryFn: () =>
      clusterApi.search({
        kinds: 'namespaces',
        clusters: cluster,
        nameContains: name || undefined,
        labelSelector: selector || undefined,
        sort,
        order,
        limit: PAGE,
        continue: pages.cursor,
      }),
    placeholderData: (previous) => previous,
  });
  useLiveUpdates(queryKey, { kinds: ['namespaces'], clusters: [cluster] });
  const workspaceOf = useWorkspaceOf(cluster);
  const now = Date.now();
  const rows: NamespaceRow[] = (namespaces.data?.items ?? []).map((item) => {
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
          defaultValue={name}
          onSearch={(value) => setParam('name', value)}
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('clusterPage.filterSelector')}
          aria-label={t('clusterPage.filterSelector')}
          defaultValue={selector}
          onSearch={(value) => setParam('selector', value)}
        />
      </Space>
      <FreshnessMark freshness={namespaces.data?.clusters.find((entry) => entry.name === cluster)} />
      {namespaces.error && <ErrorNotice error={namespaces.error} onRetry={() => void namespaces.refetch()} />}
      <Table<NamespaceRow>
        size="small"
        rowKey="name"
        loading={namespaces.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('clusterPage.namespaces.empty') }}
        onChange={(_, __, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          setParam('sort', one?.order ? String(one.columnKey) : undefined);
          setParam('order', one?.order === 'descend' ? 'desc' : undefined);
        }}
        onRow={(row) => ({ onClick: () => setParam('namespace', row.name), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('cluster.name'),
            key: 'name',
            sorter: true,
            sortOrder: sort === 'name' ? (order === 'desc' ? 'descend' : 'ascend') : null,
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
            sortOrder: sort === 'created' ? (order === 'desc' ? 'descend' : 'ascend') : null,
            render: (_, row) =>
              row.createdAt ? (
                <Tooltip title={format.dateTime(row.createdAt)}>{format.ago(row.createdAt, now)}</Tooltip>
              ) : (
                '–'
              ),
          },
        ]}
      />
      {namespaces.data && (
        <PageFooter
          page={pages.page}
          pageSize={PAGE}
          shown={rows.length}
          remaining={namespaces.data.remaining}
          estimated={namespaces.data.estimated}
          next={namespaces.data.continue}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      )}
      <NamespaceDrawer
        cluster={cluster}
        namespace={open}
        workspace={open ? workspaceOf.get(open) : undefined}
        onClose={() => setParam('namespace', undefined)}
      />
    </Card>
  );
}
