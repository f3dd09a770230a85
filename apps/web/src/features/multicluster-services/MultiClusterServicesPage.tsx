import type { MultiClusterServiceView } from '@portolan/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { listClusters } from '../clusters/clusters-api.ts';
import { McsDetailDrawer } from './McsDetailDrawer.tsx';
import { McsFormDrawer } from './McsFormDrawer.tsx';
import { ExportTags, ImportTags } from './mcs-tags.tsx';
import { multiClusterServicesApi } from './multicluster-services-api.ts';

const LIST = ['multicluster-services', 'list'];
const keyOf = (view: MultiClusterServiceView) =>
  `${view.document.metadata.namespace}/${view.document.metadata.name}`;
const split = (key: string | null) => {
  const slash = key?.indexOf('/') ?? -1;
  return key && slash > 0 ? { namespace: key.slice(0, slash), name: key.slice(slash + 1) } : undefined;
};

/** /multicluster-services: every multi-cluster Service the caller may read, its exports and imports. */
export default function MultiClusterServicesPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState('');
  const list = useQuery({ queryKey: LIST, queryFn: multiClusterServicesApi.list, refetchInterval: 10_000 });
  const clusters = useQuery({ queryKey: ['clusters', 'all'], queryFn: () => listClusters({}) });
  const items = list.data?.items ?? [];
  const namespaces = [...new Set(items.map((view) => view.document.metadata.namespace))];
  // Import slices change when the controller has done its work: the list follows at once.
  useLiveUpdates(LIST, { kinds: ['EndpointSlice'], namespaces }, namespaces.length > 0);
  const offline = useMemo(
    () => new Set((clusters.data?.items ?? []).filter((c) => c.status === 'Offline').map((c) => c.name)),
    [clusters.data],
  );
  const shown = items.filter((view) => keyOf(view).includes(text.trim()));
  const opened = split(params.get('open'));
  const editKey = params.get('edit');
  const editing = editKey ? items.find((view) => keyOf(view) === editKey) : undefined;
  const creating = params.get('new') === '1';
  // The clusters it imports into (or names, before its first pass): the server asks write on each.
  const mayWrite = (view: MultiClusterServiceView) => {
    const { namespace } = view.document.metadata;
    const named = view.imports.length
      ? view.imports.map((entry) => entry.cluster)
      : (view.document.spec.importTo.names ?? []);
    return named.length
      ? named.every((cluster) => can('resources:write', { cluster, namespace }))
      : can('resources:write', 'platform');
  };
  const show = (next: Record<string, string>) => setParams(next, { replace: true });

  const remove = (view: MultiClusterServiceView) => {
    const name = keyOf(view);
    const service = view.document.spec.service ?? view.document.metadata.name;
    modal.confirm({
      title: t('mcs.remove.title', { name }),
      content: t('mcs.remove.body', {
        importName: view.document.spec.importName ?? `${service}-mcs`,
        clusters: view.imports.map((entry) => entry.cluster).join(', ') || '—',
      }),
      okText: t('mcs.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await multiClusterServicesApi.remove(view.document.metadata.namespace, view.document.metadata.name);
          message.success(t('mcs.remove.done', { name }));
          void queryClient.invalidateQueries({ queryKey: ['multicluster-services'] });
        } catch (error) {
          message.error((error as Error).message);
        }
      },
    });
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('mcs.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('mcs.intro')}</Typography.Text>
        </div>
        {can('resources:write', { somewhere: true }) && (
          <Button type="primary" onClick={() => show({ new: '1' })}>
            {t('mcs.new')}
          </Button>
        )}
      </Flex>
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Input.Search
            allowClear
            placeholder={t('mcs.filter')}
            aria-label={t('mcs.filter')}
            style={{ maxWidth: 320 }}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <Typography.Text type="secondary" data-testid="mcs-count">
            {t('mcs.count', { count: format.number(shown.length) })}
          </Typography.Text>
        </Flex>
        <Table<MultiClusterServiceView>
          size="small"
          rowKey={keyOf}
          loading={list.isPending}
          dataSource={shown}
          pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{
            emptyText: (
              <Empty
                description={text.trim() ? t('mcs.emptyFiltered', { text: text.trim() }) : t('mcs.empty')}
              />
            ),
          }}
          columns={[
            {
              title: t('mcs.col.name'),
              key: 'name',
              sorter: (a, b) => keyOf(a).localeCompare(keyOf(b)),
              render: (_: unknown, view) => (
                <Typography.Link onClick={() => show({ open: keyOf(view) })}>{keyOf(view)}</Typography.Link>
              ),
            },
            {
              title: t('mcs.col.service'),
              key: 'service',
              render: (_: unknown, view) => view.document.spec.service ?? view.document.metadata.name,
            },
            {
              title: t('mcs.col.exports'),
              key: 'exports',
              render: (_: unknown, view) => <ExportTags exports={view.exports} offline={offline} />,
            },
            {
              title: t('mcs.col.imports'),
              key: 'imports',
              render: (_: unknown, view) => <ImportTags imports={view.imports} />,
            },
            {
              title: t('mcs.col.updated'),
              key: 'updated',
              sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
              render: (_: unknown, view) => (
                <Typography.Text type="secondary">
                  {t('mcs.updatedBy', { when: format.ago(view.updatedAt, Date.now()), user: view.updatedBy })}
                </Typography.Text>
              ),
            },
            {
              title: t('mcs.col.actions'),
              key: 'actions',
              render: (_: unknown, view) =>
                mayWrite(view) && (
                  <Space size={4}>
                    <Button size="small" onClick={() => show({ edit: keyOf(view) })}>
                      {t('mcs.edit')}
                    </Button>
                    <Button size="small" danger onClick={() => remove(view)}>
                      {t('mcs.remove')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <McsDetailDrawer target={opened} offline={offline} onClose={() => show({})} />
      <McsFormDrawer
        open={creating || editing !== undefined}
        editing={editing}
        clusters={clusters.data?.items ?? []}
        onClose={() => show({})}
      />
    </Flex>
  );
}
