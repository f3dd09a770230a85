import type { MultiClusterServiceView } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Flex, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { mcsReasonText } from './mcs-reason.ts';
import { StateTag, useSelectorText } from './mcs-tags.tsx';
import { multiClusterServicesApi } from './multicluster-services-api.ts';

type Import = MultiClusterServiceView['imports'][number];
type Export = MultiClusterServiceView['exports'][number];

/** One multi-cluster Service: what it exports from where, and each import cluster's state and reason. */
export function McsDetailDrawer({
  target,
  offline,
  onClose,
}: {
  target: { namespace: string; name: string } | undefined;
  offline: ReadonlySet<string>;
  onClose: () => void;
}) {
  const words = useI18n();
  const { t, format } = words;
  const selectorText = useSelectorText();
  const view = useQuery({
    queryKey: ['multicluster-services', 'one', target?.namespace, target?.name],
    queryFn: () => multiClusterServicesApi.get(target?.namespace ?? '', target?.name ?? ''),
    enabled: target !== undefined,
    refetchInterval: 5_000,
  });
  const data = view.data;
  const spec = data?.document.spec;
  const service = spec?.service ?? data?.document.metadata.name ?? '';
  return (
    <Drawer
      open={target !== undefined}
      onClose={onClose}
      size="large"
      title={target ? t('mcs.detail.title', { name: `${target.namespace}/${target.name}` }) : ''}
      destroyOnHidden
    >
      {view.isPending && <Skeleton active />}
      {view.error &&
        ((view.error as { status?: number }).status === 404 ? (
          <Result status="404" title={t('mcs.detail.notFound')} />
        ) : (
          <ErrorNotice error={view.error} onRetry={() => void view.refetch()} />
        ))}
      {data && spec && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('mcs.detail.namespace')}>
              {data.document.metadata.namespace}
            </Descriptions.Item>
            <Descriptions.Item label={t('mcs.detail.service')}>{service}</Descriptions.Item>
            <Descriptions.Item label={t('mcs.detail.importName')}>
              <Typography.Text code>{spec.importName ?? `${service}-mcs`}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('mcs.detail.exportFrom')}>
              {spec.exportFrom ? selectorText(spec.exportFrom) : t('mcs.detail.everyCluster')}
            </Descriptions.Item>
            <Descriptions.Item label={t('mcs.detail.importTo')}>
              {selectorText(spec.importTo)}
            </Descriptions.Item>
            <Descriptions.Item label={t('mcs.detail.generation')}>
              {format.number(data.document.metadata.generation ?? 0)}
            </Descriptions.Item>
            <Descriptions.Item label={t('mcs.detail.updated')}>
              {t('mcs.updatedBy', { when: format.dateTime(data.updatedAt), user: data.updatedBy })}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('mcs.detail.exports')}
          </Typography.Title>
          <Table<Export>
            size="small"
            rowKey="cluster"
            pagination={false}
            dataSource={data.exports}
            locale={{ emptyText: t('mcs.exportsNone') }}
            columns={[
              {
                title: t('mcs.detail.cluster'),
                dataIndex: 'cluster',
                render: (cluster: string) => (
                  <span>
                    {cluster} {offline.has(cluster) && <Tag color="warning">{t('mcs.offline')}</Tag>}
                  </span>
                ),
              },
              {
                title: t('mcs.detail.readyEndpoints'),
                dataIndex: 'readyEndpoints',
                render: (count: number) => format.number(count),
              },
              {
                title: t('mcs.detail.reason'),
                render: (_, entry) => (
                  <span data-export-reason={entry.cluster}>{mcsReasonText(words, entry)}</span>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('mcs.detail.imports')}
          </Typography.Title>
          <Table<Import>
            size="small"
            rowKey="cluster"
            pagination={false}
            dataSource={data.imports}
            locale={{ emptyText: t('mcs.importsNone') }}
            columns={[
              { title: t('mcs.detail.cluster'), dataIndex: 'cluster' },
              {
                title: t('mcs.detail.state'),
                dataIndex: 'state',
                render: (state: Import['state']) => <StateTag state={state} />,
              },
              {
                title: t('mcs.detail.readyEndpoints'),
                dataIndex: 'endpoints',
                render: (count?: number) => t('mcs.endpoints', { count: format.number(count ?? 0) }),
              },
              {
                title: t('mcs.detail.lastSynced'),
                dataIndex: 'lastSyncedAt',
                render: (at?: string) => (at ? format.ago(at, Date.now()) : t('time.never')),
              },
              {
                title: t('mcs.detail.reason'),
                render: (_, entry) => (
                  <span data-import-reason={entry.cluster}>{mcsReasonText(words, entry)}</span>
                ),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
