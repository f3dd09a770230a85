import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { CreateSecretDrawer } from './CreateSecretDrawer.tsx';
import { DetailDrawer } from './DetailDrawer.tsx';
import { record, text } from './object-fields.ts';
import { ResourceTable, useNamespaces } from './ResourceTable.tsx';
import { type Found, resourcesApi } from './resources-api.ts';
import { SubViews } from './SubViews.tsx';

const MASK = '••••••••';

function Value({ value }: { value: string }) {
  const { token } = theme.useToken();
  return (
    <pre
      style={{
        margin: 0,
        maxHeight: 240,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        fontSize: 12,
        background: token.colorFillQuaternary,
        padding: '2px 6px',
        borderRadius: token.borderRadiusSM,
      }}
    >
      {value}
    </pre>
  );
}

const keyCount = (object: unknown) =>
  Object.keys(record(object, 'data')).length + Object.keys(record(object, 'binaryData')).length;

function ConfigMapDrawer({ cluster, item, onClose }: { cluster: string; item: Found; onClose(): void }) {
  const { t, format } = useI18n();
  const can = useCan();
  const query = useQuery({
    queryKey: ['resources', cluster, 'configmap', item.namespace, item.name],
    queryFn: () => resourcesApi.object(cluster, 'configmaps', item.name, item.namespace),
  });
  return (
    <DetailDrawer
      title={t('resources.titleOf', {
        kind: t('resources.kind.configmap'),
        name: `${item.namespace}/${item.name}`,
      })}
      open
      onClose={onClose}
      query={query}
      object={(data) => data}
      cluster={cluster}
      editable={can('resources:write', { cluster, namespace: item.namespace })}
      details={(data) => {
        const rows = [
          ...Object.entries(record(data, 'data')).map(([key, value]) => ({
            key,
            value: String(value),
            binary: 0,
          })),
          ...Object.entries(record(data, 'binaryData')).map(([key, value]) => ({
            key,
            value: '',
            binary: Math.floor((String(value).length * 3) / 4),
          })),
        ];
        return (
          <Table
            size="small"
            rowKey="key"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <Empty description={t('resources.noKeys')} /> }}
            columns={[
              {
                title: t('resources.key'),
                key: 'k',
                width: 200,
                render: (_, row) => <Typography.Text code>{row.key}</Typography.Text>,
              },
              {
                title: t('resources.value'),
                key: 'v',
                render: (_, row) =>
                  row.binary ? (
                    <Typography.Text type="secondary">
                      {t('resources.binary', { size: format.bytes(row.binary) })}
                    </Typography.Text>
                  ) : (
                    <Value value={row.value} />
                  ),
              },
            ]}
          />
        );
      }}
    />
  );
}

function SecretDrawer({ cluster, item, onClose }: { cluster: string; item: Found; onClose(): void }) {
  const { t, format } = useI18n();
  const can = useCan();
  const mayReveal = can('secrets:reveal', { cluster, namespace: item.namespace });
  const masked = useQuery({
    queryKey: ['resources', cluster, 'secret', item.namespace, item.name],
    queryFn: () => resourcesApi.secret(cluster, item.namespace, item.name),
  });
  // Revealed values live only in this drawer: not cached, gone when it closes.
  const [revealed, setRevealed] = useState<Record<string, string>>();
  const [revealError, setRevealError] = useState<unknown>();
  const [revealing, setRevealing] = useState(false);
  const reveal = async () => {
    setRevealing(true);
    setRevealError(undefined);
    try {
      const answer = await resourcesApi.revealSecret(cluster, item.namespace, item.name);
      setRevealed(answer.decoded ?? {});
    } catch (error) {
      setRevealError(error);
    } finally {
      setRevealing(false);
    }
  };
  return (
    <DetailDrawer
      title={t('resources.titleOf', {
        kind: t('resources.kind.secret'),
        name: `${item.namespace}/${item.name}`,
      })}
      open
      onClose={onClose}
      query={masked}
      object={(data) => data.secret}
      cluster={cluster}
      extra={
        mayReveal ? (
          revealed ? (
            <Button onClick={() => setRevealed(undefined)}>{t('resources.hideValues')}</Button>
          ) : (
            <Button type="primary" loading={revealing} onClick={() => void reveal()}>
              {t('resources.reveal')}
            </Button>
          )
        ) : undefined
      }
      details={(data) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space>
            <Typography.Text type="secondary">{t('resources.type')}</Typography.Text>
            <Tag>{data.type ?? 'Opaque'}</Tag>
          </Space>
          {revealError !== undefined && <ErrorNotice error={revealError} />}
          <Typography.Text type="secondary">
            {mayReveal
              ? revealed
                ? t('resources.revealedNote')
                : t('resources.maskedNote')
              : t('resources.maskedNoReveal')}
          </Typography.Text>
          <Table
            size="small"
            rowKey="key"
            dataSource={data.keys}
            pagination={false}
            locale={{ emptyText: <Empty description={t('resources.noKeys')} /> }}
            columns={[
              {
                title: t('resources.key'),
                key: 'k',
                width: 200,
                render: (_, row) => <Typography.Text code>{row.key}</Typography.Text>,
              },
              {
                title: t('resources.size'),
                key: 's',
                width: 90,
                render: (_, row) => format.bytes(row.bytes),
              },
              {
                title: t('resources.value'),
                key: 'v',
                render: (_, row) =>
                  revealed === undefined ? (
                    <span data-testid="secret-value">{MASK}</span>
                  ) : row.key in revealed ? (
                    <span data-testid="secret-value">
                      <Value value={revealed[row.key] ?? ''} />
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('resources.binaryHidden')}</Typography.Text>
                  ),
              },
            ]}
          />
        </Space>
      )}
    />
  );
}

/** ConfigMaps with their keys and values, Secrets with their keys (values masked; revealed where allowed). */
export default function ConfigTab({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const can = useCan();
  const namespaces = useNamespaces(cluster);
  const [configMap, setConfigMap] = useState<Found>();
  const [secret, setSecret] = useState<Found>();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <SubViews
        views={[
          {
            key: 'configmaps',
            label: t('resources.configMaps'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="configmaps"
                kindLabel={t('resources.kind.configmap')}
                namespaced
                onOpen={setConfigMap}
                columns={[
                  {
                    key: 'keys',
                    title: t('resources.keys'),
                    render: (item) =>
                      Object.keys(record(item.object, 'data'))
                        .concat(Object.keys(record(item.object, 'binaryData')))
                        .join(', ') || '–',
                    ellipsis: true,
                  },
                  { key: 'count', title: t('resources.keyCount'), render: (item) => keyCount(item.object) },
                ]}
              />
            ),
          },
          {
            key: 'secrets',
            label: t('resources.secrets'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="secrets"
                kindLabel={t('resources.kind.secret')}
                namespaced
                onOpen={setSecret}
                actions={
                  can('resources:write', { inCluster: cluster }) ? (
                    <Button type="primary" onClick={() => setCreating(true)}>
                      {t('resources.createSecret')}
                    </Button>
                  ) : null
                }
                columns={[
                  {
                    key: 'type',
                    title: t('resources.type'),
                    render: (item) => text(item.object, 'type') || 'Opaque',
                  },
                  {
                    key: 'keys',
                    title: t('resources.keys'),
                    render: (item) => Object.keys(record(item.object, 'data')).join(', ') || '–',
                    ellipsis: true,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {configMap && (
        <ConfigMapDrawer cluster={cluster} item={configMap} onClose={() => setConfigMap(undefined)} />
      )}
      {secret && <SecretDrawer cluster={cluster} item={secret} onClose={() => setSecret(undefined)} />}
      <CreateSecretDrawer
        cluster={cluster}
        namespaces={namespaces}
        open={creating}
        onClose={() => setCreating(false)}
      />
    </>
  );
}
