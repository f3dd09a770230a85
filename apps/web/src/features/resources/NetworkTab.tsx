import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { DetailDrawer } from './DetailDrawer.tsx';
import { list, pairs, record, text } from './object-fields.ts';
import { ResourceTable } from './ResourceTable.tsx';
import { type Found, type IngressBackend, resourcesApi } from './resources-api.ts';
import { SubViews } from './SubViews.tsx';

const none = '–';

function servicePorts(service: unknown): string {
  return (
    list(service, 'spec', 'ports')
      .map((port) => {
        const nodePort = text(port, 'nodePort');
        return `${text(port, 'port')}${nodePort ? `:${nodePort}` : ''}/${text(port, 'protocol') || 'TCP'}`;
      })
      .join(', ') || none
  );
}

function ingressHosts(ingress: unknown): string {
  return (
    list(ingress, 'spec', 'rules')
      .map((rule) => text(rule, 'host') || '*')
      .join(', ') || none
  );
}

function Labels({ map }: { map: Record<string, unknown> }) {
  const entries = pairs(map);
  if (!entries.length) return <>{none}</>;
  return (
    <Space size={[2, 2]} wrap>
      {entries.map((entry) => (
        <Tag key={entry}>{entry}</Tag>
      ))}
    </Space>
  );
}

function ServiceDrawer({ cluster, item, onClose }: { cluster: string; item: Found; onClose(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const query = useQuery({
    queryKey: ['resources', cluster, 'service', item.namespace, item.name],
    queryFn: () => resourcesApi.service(cluster, item.namespace, item.name),
  });
  return (
    <DetailDrawer
      title={t('resources.titleOf', {
        kind: t('resources.kind.service'),
        name: `${item.namespace}/${item.name}`,
      })}
      open
      onClose={onClose}
      query={query}
      object={(data) => data.service}
      cluster={cluster}
      editable={can('resources:write', { cluster, namespace: item.namespace })}
      details={(data) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered styles={{ label: { width: 180 } }}>
            <Descriptions.Item label={t('resources.type')}>
              {data.type}
              {data.headless && <Tag style={{ marginInlineStart: 8 }}>{t('resources.headless')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('resources.clusterIp')}>
              {text(data.service, 'spec', 'clusterIP') || none}
            </Descriptions.Item>
            <Descriptions.Item label={t('resources.ports')}>{servicePorts(data.service)}</Descriptions.Item>
            <Descriptions.Item label={t('resources.selector')}>
              <Labels map={record(data.service, 'spec', 'selector')} />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('resources.endpoints')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(entry) => entry.addresses.join(',') + (entry.pod ?? '')}
            dataSource={data.endpoints}
            pagination={false}
            locale={{ emptyText: <Empty description={t('resources.noEndpoints')} /> }}
            columns={[
              { title: t('resources.addresses'), key: 'a', render: (_, entry) => entry.addresses.join(', ') },
              {
                title: t('resources.ready'),
                key: 'r',
                render: (_, entry) =>
                  entry.terminating ? (
                    <Tag color="orange">{t('resources.terminating')}</Tag>
                  ) : entry.ready ? (
                    <Tag color="green">{t('resources.yes')}</Tag>
                  ) : (
                    <Tag color="red">{t('resources.no')}</Tag>
                  ),
              },
              { title: t('resources.pod'), key: 'p', render: (_, entry) => entry.pod ?? none },
              { title: t('resources.node'), key: 'n', render: (_, entry) => entry.node ?? none },
            ]}
          />
        </Space>
      )}
    />
  );
}

function Backend({ backend }: { backend: IngressBackend | null | undefined }) {
  const { t } = useI18n();
  if (!backend) return <>{none}</>;
  if (!backend.service) return <>{`${backend.resource?.kind ?? ''}/${backend.resource?.name ?? ''}`}</>;
  return (
    <Space size={4}>
      <span>
        {backend.service}:{backend.port ?? ''}
      </span>
      {!backend.serviceFound && <Tag color="red">{t('resources.missingService')}</Tag>}
    </Space>
  );
}

function IngressDrawer({ cluster, item, onClose }: { cluster: string; item: Found; onClose(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const query = useQuery({
    queryKey: ['resources', cluster, 'ingress', item.namespace, item.name],
    queryFn: () => resourcesApi.ingress(cluster, item.namespace, item.name),
  });
  return (
    <DetailDrawer
      title={t('resources.titleOf', {
        kind: t('resources.kind.ingress'),
        name: `${item.namespace}/${item.name}`,
      })}
      open
      onClose={onClose}
      query={query}
      object={(data) => data.ingress}
      cluster={cluster}
      editable={can('resources:write', { cluster, namespace: item.namespace })}
      details={(data) => {
        const paths = data.rules.flatMap((rule) =>
          rule.paths.map((path) => ({ host: rule.host, ...path, key: `${rule.host}${path.path}` })),
        );
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 180 } }}>
              <Descriptions.Item label={t('resources.ingressClass')}>
                {data.className ?? none}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.addresses')}>
                {data.addresses.join(', ') || none}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.defaultBackend')}>
                <Backend backend={data.defaultBackend} />
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('resources.rules')}
            </Typography.Title>
            <Table
              size="small"
              rowKey="key"
              dataSource={paths}
              pagination={false}
              locale={{ emptyText: t('resources.noRules') }}
              columns={[
                { title: t('resources.host'), key: 'h', render: (_, path) => path.host },
                { title: t('resources.path'), key: 'p', render: (_, path) => path.path },
                { title: t('resources.pathType'), key: 't', render: (_, path) => path.pathType },
                {
                  title: t('resources.backend'),
                  key: 'b',
                  render: (_, path) => <Backend backend={path.backend} />,
                },
              ]}
            />
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('resources.tls')}
            </Typography.Title>
            <Table
              size="small"
              rowKey={(entry) => `${entry.secretName}${entry.hosts.join(',')}`}
              dataSource={data.tls}
              pagination={false}
              locale={{ emptyText: t('resources.noTls') }}
              columns={[
                {
                  title: t('resources.hosts'),
                  key: 'h',
                  render: (_, entry) => entry.hosts.join(', ') || none,
                },
                {
                  title: t('resources.secret'),
                  key: 's',
                  render: (_, entry) => (
                    <Space size={4}>
                      <span>{entry.secretName ?? none}</span>
                      {entry.secretName && !entry.secretFound && (
                        <Tag color="red">{t('resources.missingSecret')}</Tag>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Space>
        );
      }}
    />
  );
}

/** The cluster's Services and Ingresses; a Service opens with its endpoints, an Ingress with its rules. */
export default function NetworkTab({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const [service, setService] = useState<Found>();
  const [ingress, setIngress] = useState<Found>();
  return (
    <>
      <SubViews
        views={[
          {
            key: 'services',
            label: t('resources.services'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="services"
                kindLabel={t('resources.kind.service')}
                namespaced
                onOpen={setService}
                columns={[
                  {
                    key: 'type',
                    title: t('resources.type'),
                    render: (item) => text(item.object, 'spec', 'type') || 'ClusterIP',
                  },
                  {
                    key: 'ip',
                    title: t('resources.clusterIp'),
                    render: (item) => text(item.object, 'spec', 'clusterIP') || none,
                  },
                  { key: 'ports', title: t('resources.ports'), render: (item) => servicePorts(item.object) },
                  {
                    key: 'selector',
                    title: t('resources.selector'),
                    render: (item) => <Labels map={record(item.object, 'spec', 'selector')} />,
                  },
                ]}
              />
            ),
          },
          {
            key: 'ingresses',
            label: t('resources.ingresses'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="ingresses.networking.k8s.io"
                kindLabel={t('resources.kind.ingress')}
                namespaced
                onOpen={setIngress}
                columns={[
                  {
                    key: 'class',
                    title: t('resources.ingressClass'),
                    render: (item) => text(item.object, 'spec', 'ingressClassName') || none,
                  },
                  { key: 'hosts', title: t('resources.hosts'), render: (item) => ingressHosts(item.object) },
                  {
                    key: 'tls',
                    title: t('resources.tls'),
                    render: (item) =>
                      list(item.object, 'spec', 'tls').length ? t('resources.yes') : t('resources.no'),
                  },
                  {
                    key: 'address',
                    title: t('resources.addresses'),
                    render: (item) =>
                      list(item.object, 'status', 'loadBalancer', 'ingress')
                        .map((entry) => text(entry, 'ip') || text(entry, 'hostname'))
                        .join(', ') || none,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {service && <ServiceDrawer cluster={cluster} item={service} onClose={() => setService(undefined)} />}
      {ingress && <IngressDrawer cluster={cluster} item={ingress} onClose={() => setIngress(undefined)} />}
    </>
  );
}
