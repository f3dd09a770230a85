import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { DetailDrawer } from './DetailDrawer.tsx';
import { list, text } from './object-fields.ts';
import { ResourceTable } from './ResourceTable.tsx';
import { type Found, resourcesApi } from './resources-api.ts';
import { SubViews } from './SubViews.tsx';

const none = '–';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const PHASE_COLORS: Record<string, string> = {
  Bound: 'green',
  Available: 'blue',
  Pending: 'orange',
  Released: 'default',
  Failed: 'red',
  Lost: 'red',
};

const accessModes = (object: unknown) => list(object, 'spec', 'accessModes').map(String).join(', ') || none;

function Phase({ phase }: { phase: string }) {
  return phase ? <Tag color={PHASE_COLORS[phase] ?? 'default'}>{phase}</Tag> : none;
}

function ClaimDrawer({ cluster, item, onClose }: { cluster: string; item: Found; onClose(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const query = useQuery({
    queryKey: ['resources', cluster, 'claim', item.namespace, item.name],
    queryFn: () => resourcesApi.claim(cluster, item.namespace, item.name),
  });
  return (
    <DetailDrawer
      title={t('resources.titleOf', {
        kind: t('resources.kind.pvc'),
        name: `${item.namespace}/${item.name}`,
      })}
      open
      onClose={onClose}
      query={query}
      object={(data) => data.claim}
      cluster={cluster}
      editable={can('resources:write', { cluster, namespace: item.namespace })}
      details={(data) => (
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 180 } }}>
          <Descriptions.Item label={t('resources.status')}>
            <Phase phase={data.phase} />
          </Descriptions.Item>
          <Descriptions.Item label={t('resources.requested')}>
            {text(data.claim, 'spec', 'resources', 'requests', 'storage') || none}
          </Descriptions.Item>
          <Descriptions.Item label={t('resources.capacity')}>
            {text(data.claim, 'status', 'capacity', 'storage') || none}
          </Descriptions.Item>
          <Descriptions.Item label={t('resources.accessModes')}>{accessModes(data.claim)}</Descriptions.Item>
          <Descriptions.Item label={t('resources.volume')}>
            {data.volume ? (
              <Space>
                {data.volume.metadata?.name}
                <Phase phase={text(data.volume, 'status', 'phase')} />
                {text(data.volume, 'spec', 'capacity', 'storage')}
              </Space>
            ) : (
              t('resources.notBound')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('resources.storageClass')}>
            {data.storageClass ? (
              <Space>
                {data.storageClass.metadata?.name}
                <Typography.Text type="secondary">{text(data.storageClass, 'provisioner')}</Typography.Text>
                {!text(data.claim, 'spec', 'storageClassName') && <Tag>{t('resources.defaultClass')}</Tag>}
              </Space>
            ) : (
              text(data.claim, 'spec', 'storageClassName') || none
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('resources.usedBy')}>
            {data.pods.length ? (
              <Space size={[4, 4]} wrap>
                {data.pods.map((pod) => (
                  <Link
                    key={pod}
                    to={`/clusters/${encodeURIComponent(cluster)}/pods/${encodeURIComponent(item.namespace)}/${encodeURIComponent(pod)}`}
                  >
                    {pod}
                  </Link>
                ))}
              </Space>
            ) : (
              t('resources.noPods')
            )}
          </Descriptions.Item>
        </Descriptions>
      )}
    />
  );
}

function ObjectDrawer({
  cluster,
  kind,
  kindLabel,
  item,
  onClose,
}: {
  cluster: string;
  kind: string;
  kindLabel: string;
  item: Found;
  onClose(): void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const query = useQuery({
    queryKey: ['resources', cluster, kind, 'object', item.name],
    queryFn: () => resourcesApi.object(cluster, kind, item.name),
  });
  return (
    <DetailDrawer
      title={t('resources.titleOf', { kind: kindLabel, name: item.name })}
      open
      onClose={onClose}
      query={query}
      object={(data) => data}
      cluster={cluster}
      editable={can('resources:write', { cluster })}
      details={(data) => (
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 180 } }}>
          {kind === 'persistentvolumes' ? (
            <>
              <Descriptions.Item label={t('resources.status')}>
                <Phase phase={text(data, 'status', 'phase')} />
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.capacity')}>
                {text(data, 'spec', 'capacity', 'storage') || none}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.accessModes')}>{accessModes(data)}</Descriptions.Item>
              <Descriptions.Item label={t('resources.reclaimPolicy')}>
                {text(data, 'spec', 'persistentVolumeReclaimPolicy') || none}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.claim')}>{claimOf(data)}</Descriptions.Item>
              <Descriptions.Item label={t('resources.storageClass')}>
                {text(data, 'spec', 'storageClassName') || none}
              </Descriptions.Item>
            </>
          ) : (
            <>
              <Descriptions.Item label={t('resources.provisioner')}>
                {text(data, 'provisioner') || none}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.reclaimPolicy')}>
                {text(data, 'reclaimPolicy') || 'Delete'}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.bindingMode')}>
                {text(data, 'volumeBindingMode') || 'Immediate'}
              </Descriptions.Item>
              <Descriptions.Item label={t('resources.expansion')}>
                {text(data, 'allowVolumeExpansion') === 'true' ? t('resources.yes') : t('resources.no')}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
    />
  );
}

const claimOf = (volume: unknown) => {
  const name = text(volume, 'spec', 'claimRef', 'name');
  return name ? `${text(volume, 'spec', 'claimRef', 'namespace')}/${name}` : none;
};

/** PersistentVolumes, PersistentVolumeClaims (with their volume, class and pods) and StorageClasses. */
export default function StorageTab({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const [claim, setClaim] = useState<Found>();
  const [other, setOther] = useState<{ item: Found; kind: string; kindLabel: string }>();
  return (
    <>
      <SubViews
        views={[
          {
            key: 'claims',
            label: t('resources.claims'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="persistentvolumeclaims"
                kindLabel={t('resources.kind.pvc')}
                namespaced
                onOpen={setClaim}
                columns={[
                  {
                    key: 'status',
                    title: t('resources.status'),
                    render: (item) => <Phase phase={text(item.object, 'status', 'phase')} />,
                  },
                  {
                    key: 'volume',
                    title: t('resources.volume'),
                    render: (item) => text(item.object, 'spec', 'volumeName') || none,
                  },
                  {
                    key: 'capacity',
                    title: t('resources.capacity'),
                    render: (item) =>
                      text(item.object, 'status', 'capacity', 'storage') ||
                      text(item.object, 'spec', 'resources', 'requests', 'storage') ||
                      none,
                  },
                  {
                    key: 'modes',
                    title: t('resources.accessModes'),
                    render: (item) => accessModes(item.object),
                  },
                  {
                    key: 'class',
                    title: t('resources.storageClass'),
                    render: (item) => text(item.object, 'spec', 'storageClassName') || none,
                  },
                ]}
              />
            ),
          },
          {
            key: 'volumes',
            label: t('resources.volumes'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="persistentvolumes"
                kindLabel={t('resources.kind.pv')}
                namespaced={false}
                onOpen={(item) =>
                  setOther({ item, kind: 'persistentvolumes', kindLabel: t('resources.kind.pv') })
                }
                columns={[
                  {
                    key: 'status',
                    title: t('resources.status'),
                    render: (item) => <Phase phase={text(item.object, 'status', 'phase')} />,
                  },
                  {
                    key: 'capacity',
                    title: t('resources.capacity'),
                    render: (item) => text(item.object, 'spec', 'capacity', 'storage') || none,
                  },
                  {
                    key: 'modes',
                    title: t('resources.accessModes'),
                    render: (item) => accessModes(item.object),
                  },
                  {
                    key: 'reclaim',
                    title: t('resources.reclaimPolicy'),
                    render: (item) => text(item.object, 'spec', 'persistentVolumeReclaimPolicy') || none,
                  },
                  { key: 'claim', title: t('resources.claim'), render: (item) => claimOf(item.object) },
                  {
                    key: 'class',
                    title: t('resources.storageClass'),
                    render: (item) => text(item.object, 'spec', 'storageClassName') || none,
                  },
                ]}
              />
            ),
          },
          {
            key: 'classes',
            label: t('resources.storageClasses'),
            render: () => (
              <ResourceTable
                cluster={cluster}
                kind="storageclasses.storage.k8s.io"
                kindLabel={t('resources.kind.storageclass')}
                namespaced={false}
                onOpen={(item) =>
                  setOther({
                    item,
                    kind: 'storageclasses.storage.k8s.io',
                    kindLabel: t('resources.kind.storageclass'),
                  })
                }
                columns={[
                  {
                    key: 'provisioner',
                    title: t('resources.provisioner'),
                    render: (item) => (
                      <Space>
                        {text(item.object, 'provisioner')}
                        {text(item.object, 'metadata', 'annotations', DEFAULT_CLASS) === 'true' && (
                          <Tag color="blue">{t('resources.defaultClass')}</Tag>
                        )}
                      </Space>
                    ),
                  },
                  {
                    key: 'reclaim',
                    title: t('resources.reclaimPolicy'),
                    render: (item) => text(item.object, 'reclaimPolicy') || 'Delete',
                  },
                  {
                    key: 'binding',
                    title: t('resources.bindingMode'),
                    render: (item) => text(item.object, 'volumeBindingMode') || 'Immediate',
                  },
                  {
                    key: 'expansion',
                    title: t('resources.expansion'),
                    render: (item) =>
                      text(item.object, 'allowVolumeExpansion') === 'true'
                        ? t('resources.yes')
                        : t('resources.no'),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {claim && <ClaimDrawer cluster={cluster} item={claim} onClose={() => setClaim(undefined)} />}
      {other && <ObjectDrawer cluster={cluster} {...other} onClose={() => setOther(undefined)} />}
    </>
  );
}
