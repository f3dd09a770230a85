import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import type { Pod } from './pod-model.ts';
import { type PodOwner, podsApi } from './pods-api.ts';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet']);

/** The console page of an owner that has one: workloads by kind, lowercase plural as the API takes it. */
const ownerPath = (cluster: string, namespace: string, owner: PodOwner) =>
  `/clusters/${encodeURIComponent(cluster)}/workloads/${owner.kind.toLowerCase()}s/${encodeURIComponent(owner.namespace ?? namespace)}/${encodeURIComponent(owner.name)}`;

/** Where the pod runs, who owns it, its labels and its conditions. */
export function PodOverview({ cluster, pod }: { cluster: string; pod: Pod }) {
  const { t, format } = useI18n();
  const namespace = pod.metadata.namespace ?? '';
  const owners = useQuery({
    queryKey: ['pods', 'owners', cluster, namespace, pod.metadata.name],
    queryFn: () => podsApi.owners(cluster, namespace, pod.metadata.name),
    staleTime: 60_000,
  });
  const now = Date.now();
  const when = (iso: string | undefined) =>
    iso ? <Tooltip title={format.dateTime(iso)}>{format.ago(iso, now)}</Tooltip> : '–';
  const chain = owners.data?.owners ?? pod.metadata.ownerReferences ?? [];
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('pods.cluster')}>{cluster}</Descriptions.Item>
          <Descriptions.Item label={t('pods.namespace')}>{namespace}</Descriptions.Item>
          <Descriptions.Item label={t('pods.node')}>{pod.spec?.nodeName ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('pods.podIP')}>{pod.status?.podIP ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('pods.hostIP')}>{pod.status?.hostIP ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('pods.qos')}>{pod.status?.qosClass ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('pods.created')}>
            {when(pod.metadata.creationTimestamp)}
          </Descriptions.Item>
          <Descriptions.Item label={t('pods.started')}>{when(pod.status?.startTime)}</Descriptions.Item>
          <Descriptions.Item label={t('pods.owners')}>
            {chain.length === 0 ? (
              t('pods.noOwner')
            ) : (
              <Space size={4} wrap>
                {chain.map((owner, index) => (
                  <span key={`${owner.kind}/${owner.name}`}>
                    {index > 0 && ' → '}
                    {WORKLOAD_KINDS.has(owner.kind) && owner.kind !== 'ReplicaSet' ? (
                      <Link to={ownerPath(cluster, namespace, owner)}>
                        {owner.kind} {owner.name}
                      </Link>
                    ) : (
                      `${owner.kind} ${owner.name}`
                    )}
                  </span>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          {pod.status?.message && (
            <Descriptions.Item label={t('pods.message')} span={3}>
              {pod.status.message}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('pods.labels')} span={3}>
            <Space size={[2, 2]} wrap>
              {Object.entries(pod.metadata.labels ?? {}).map(([key, value]) => (
                <Tag key={key}>
                  {key}={value}
                </Tag>
              ))}
              {Object.keys(pod.metadata.labels ?? {}).length === 0 && t('common.none')}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('pods.conditions')}>
        <Table
          size="small"
          rowKey="type"
          pagination={false}
          dataSource={pod.status?.conditions ?? []}
          locale={{ emptyText: t('common.none') }}
          columns={[
            { title: t('pods.condition.type'), key: 'type', render: (_, row) => row.type },
            {
              title: t('pods.condition.status'),
              key: 'status',
              render: (_, row) => (
                <Tag
                  color={row.status === 'True' ? 'success' : row.status === 'False' ? 'warning' : 'default'}
                >
                  {t(
                    row.status === 'True'
                      ? 'pods.condition.true'
                      : row.status === 'False'
                        ? 'pods.condition.false'
                        : 'pods.condition.unknown',
                  )}
                </Tag>
              ),
            },
            { title: t('pods.condition.reason'), key: 'reason', render: (_, row) => row.reason ?? '–' },
            {
              title: t('pods.condition.message'),
              key: 'message',
              render: (_, row) => <Typography.Text type="secondary">{row.message ?? ''}</Typography.Text>,
            },
            {
              title: t('pods.condition.since'),
              key: 'since',
              render: (_, row) => when(row.lastTransitionTime),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
