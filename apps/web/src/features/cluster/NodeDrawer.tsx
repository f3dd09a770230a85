import { useMutation } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Flex, Result, Space, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { NodeCharts } from '../monitoring/Panels.tsx';
import { clusterApi } from './cluster-api.ts';
import { DrainModal } from './DrainModal.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';
import { NodePods } from './NodePods.tsx';
import { NodeStatus } from './NodeStatus.tsx';
import { mapChanges, type NodeRow } from './node-model.ts';
import { TaintsEditor } from './TaintsEditor.tsx';

/**
 * One node: its facts, labels, annotations and taints (each editable by a cluster administrator),
 * cordon, uncordon and drain, and the pods on it.
 */
export function NodeDrawer({
  cluster,
  node,
  name,
  writable,
  missing,
  onClose,
  onChanged,
}: {
  cluster: string;
  node: NodeRow | undefined;
  /** The node asked for in the address; may not be on the page shown. */
  name: string | undefined;
  writable: boolean;
  /** The store has no node of that name (removed, or a mistyped address). */
  missing: boolean;
  onClose: () => void;
  onChanged: () => Promise<unknown>;
}) {
  const { t, format } = useI18n();
  const { message } = App.useApp();
  const [draining, setDraining] = useState(false);
  const cordon = useMutation({
    mutationFn: (on: boolean) => clusterApi.cordon(cluster, node?.name ?? '', on),
    onSuccess: async (_, on) => {
      message.success(
        t(on ? 'clusterPage.nodes.cordoned' : 'clusterPage.nodes.uncordoned', { node: node?.name ?? '' }),
      );
      await onChanged();
    },
    onError: (error) => message.error(error.message),
  });
  const saveMap = (field: 'labels' | 'annotations') => async (next: Record<string, string>) => {
    if (!node) return;
    const changes = mapChanges(node[field], next);
    if (Object.keys(changes).length) await clusterApi.editNodeMap(cluster, node.name, field, changes);
    message.success(t('clusterPage.saved'));
    await onChanged();
  };

  return (
    <Drawer
      open={name !== undefined}
      onClose={onClose}
      size={720}
      title={
        <Space>
          {name}
          {node && <NodeStatus node={node} />}
        </Space>
      }
      extra={
        node &&
        writable && (
          <Space>
            <Button loading={cordon.isPending} onClick={() => cordon.mutate(!node.unschedulable)}>
              {t(node.unschedulable ? 'clusterPage.nodes.uncordon' : 'clusterPage.nodes.cordon')}
            </Button>
            <Button danger onClick={() => setDraining(true)}>
              {t('clusterPage.nodes.drain')}
            </Button>
          </Space>
        )
      }
    >
      {!node ? (
        missing ? (
          <Result status="warning" title={t('clusterPage.nodes.notShown', { node: name ?? '' })} />
        ) : (
          <Loading />
        )
      ) : (
        <Tabs
          items={[
            {
              key: 'facts',
              label: t('clusterPage.facts'),
              children: (
                <Flex vertical gap={16}>
                  <Descriptions size="small" column={2} bordered>
                    <Descriptions.Item label={t('clusterPage.nodes.roles')}>
                      {node.roles.join(', ') || '–'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('cluster.version')}>{node.version || '–'}</Descriptions.Item>
                    <Descriptions.Item label={t('cluster.cpu')}>
                      {format.cores(node.cpuCores)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('cluster.memory')}>
                      {format.bytes(node.memoryBytes)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('clusterPage.nodes.podCapacity')}>
                      {format.number(node.podCapacity)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('clusterPage.nodes.os')}>{node.os || '–'}</Descriptions.Item>
                    <Descriptions.Item label={t('clusterPage.nodes.runtime')}>
                      {node.runtime || '–'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('clusterPage.nodes.addresses')}>
                      {node.addresses.map((address) => `${address.address} (${address.type})`).join(', ') ||
                        '–'}
                    </Descriptions.Item>
                  </Descriptions>
                  <Section title={t('cluster.labels')}>
                    <KeyValueEditor
                      name="labels"
                      editLabel={t('clusterPage.editLabels')}
                      value={node.labels}
                      editable={writable}
                      emptyText={t('clusterPage.noLabels')}
                      onSave={saveMap('labels')}
                    />
                  </Section>
                  <Section title={t('clusterPage.nodes.taints')}>
                    <TaintsEditor
                      taints={node.taints}
                      editable={writable}
                      onSave={async (changes) => {
                        await clusterApi.editTaints(cluster, node.name, changes);
                        message.success(t('clusterPage.saved'));
                        await onChanged();
                      }}
                    />
                  </Section>
                  <Section title={t('clusterPage.annotations')}>
                    <KeyValueEditor
                      name="annotations"
                      editLabel={t('clusterPage.editAnnotations')}
                      value={node.annotations}
                      editable={writable}
                      emptyText={t('clusterPage.noAnnotations')}
                      onSave={saveMap('annotations')}
                    />
                  </Section>
                </Flex>
              ),
            },
            {
              key: 'metrics',
              label: t('monitoring.tab'),
              children: <NodeCharts cluster={cluster} node={node.name} />,
            },
            {
              key: 'pods',
              label: t('clusterPage.nodes.podsOnNode'),
              children: <NodePods cluster={cluster} node={node.name} />,
            },
          ]}
        />
      )}
      {node && (
        <DrainModal
          cluster={cluster}
          node={draining ? node.name : undefined}
          onClose={() => setDraining(false)}
          onDone={onChanged}
        />
      )}
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap={6}>
      <Typography.Text strong>{title}</Typography.Text>
      {children}
    </Flex>
  );
}
