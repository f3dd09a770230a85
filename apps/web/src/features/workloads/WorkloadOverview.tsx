import { Card, Descriptions, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { imagesOf, replicasOf } from './workload-model.ts';
import type { Autoscaler, EventSummary, PodSummary, WorkloadRef, WorkloadView } from './workloads-api.ts';

const PHASE_COLORS: Record<string, string> = {
  Running: 'green',
  Succeeded: 'green',
  Pending: 'blue',
  Failed: 'red',
  Unknown: 'default',
};

type Selector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

function selectorText(selector: Selector | undefined): string {
  if (!selector) return '';
  const labels = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  const expressions = (selector.matchExpressions ?? []).map(
    (entry) => `${entry.key} ${entry.operator.toLowerCase()} (${(entry.values ?? []).join(',')})`,
  );
  return [...labels, ...expressions].join(', ');
}

/** Words Kubernetes wrote (condition types, reasons, messages): shown as written, in any language. */
function KubernetesText({ text }: { text: string }) {
  return <span data-kubernetes-text>{text}</span>;
}

/** What a workload is and how it runs: its facts, conditions, pods and events. */
export function WorkloadOverview({
  workload,
  view,
  autoscaler,
}: {
  workload: WorkloadRef & { kind: string };
  view: WorkloadView;
  autoscaler: Autoscaler | null | undefined;
}) {
  const { t, format } = useI18n();
  const now = Date.now();
  const object = view.object;
  const spec = object.spec ?? {};
  const replicas = replicasOf(object, workload.kind);
  const created = object.metadata?.creationTimestamp;
  const strategy = (spec.strategy ?? spec.updateStrategy) as { type?: string } | undefined;
  const revision = object.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const ago = (iso: string | undefined) =>
    iso ? <Tooltip title={format.dateTime(iso)}>{format.ago(iso, now)}</Tooltip> : '–';

  const facts = [
    { key: 'cluster', label: t('workloads.detail.cluster'), children: workload.cluster },
    { key: 'namespace', label: t('workloads.detail.namespace'), children: workload.namespace },
    { key: 'created', label: t('workloads.detail.created'), children: ago(created) },
    replicas.type === 'pods' && {
      key: 'replicas',
      label: t('workloads.detail.replicas'),
      children: (
        <span data-testid="workload-replicas">
          {t('workloads.detail.replicasValue', { ready: replicas.ready, desired: replicas.desired })}
        </span>
      ),
    },
    typeof spec.schedule === 'string' && {
      key: 'schedule',
      label: t('workloads.detail.schedule'),
      children: <Typography.Text code>{spec.schedule}</Typography.Text>,
    },
    revision && { key: 'revision', label: t('workloads.detail.revision'), children: revision },
    strategy?.type && { key: 'strategy', label: t('workloads.detail.strategy'), children: strategy.type },
    ['Deployment', 'StatefulSet'].includes(workload.kind) && {
      key: 'autoscaler',
      label: t('workloads.detail.autoscaler'),
      children: autoscaler
        ? t('workloads.detail.autoscalerValue', { min: autoscaler.minReplicas, max: autoscaler.maxReplicas })
        : t('workloads.detail.autoscalerNone'),
    },
    spec.selector !== undefined && {
      key: 'selector',
      label: t('workloads.detail.selector'),
      children: <Typography.Text code>{selectorText(spec.selector as Selector)}</Typography.Text>,
    },
    {
      key: 'images',
      label: t('workloads.detail.images'),
      span: 2,
      children: (
        <Space size={[4, 4]} wrap>
          {imagesOf(object, workload.kind).map((image) => (
            <Typography.Text code key={image}>
              {image}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    Object.keys(object.metadata?.labels ?? {}).length > 0 && {
      key: 'labels',
      label: t('workloads.detail.labels'),
      span: 3,
      children: (
        <Space size={[2, 2]} wrap>
          {Object.entries(object.metadata?.labels ?? {}).map(([key, value]) => (
            <Tag key={key}>
              {key}={value}
            </Tag>
          ))}
        </Space>
      ),
    },
  ].filter((item) => Boolean(item)) as {
    key: string;
    label: string;
    children: React.ReactNode;
    span?: number;
  }[];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={facts} />
      </Card>
      <Card size="small" title={t('workloads.detail.pods', { count: format.number(view.pods.length) })}>
        <Table<PodSummary>
          size="small"
          rowKey="name"
          dataSource={view.pods}
          pagination={view.pods.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('workloads.detail.noPods') }}
          columns={[
            {
              title: t('workloads.detail.pod.name'),
              key: 'name',
              render: (_, pod) => (
                <Link
                  to={`/clusters/${encodeURIComponent(workload.cluster)}/pods/${encodeURIComponent(workload.namespace)}/${encodeURIComponent(pod.name)}`}
                >
                  {pod.name}
                </Link>
              ),
            },
            {
              title: t('workloads.detail.pod.phase'),
              key: 'phase',
              render: (_, pod) => (
                <Space size={4}>
                  <Tag color={PHASE_COLORS[pod.phase] ?? 'default'}>
                    {pod.phase in PHASE_COLORS ? t(`phase.${pod.phase as 'Running'}`) : pod.phase}
                  </Tag>
                  {pod.reason && <Typography.Text type="warning">{pod.reason}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('workloads.detail.pod.ready'), key: 'ready', render: (_, pod) => pod.ready },
            {
              title: t('workloads.detail.pod.restarts'),
              key: 'restarts',
              render: (_, pod) => format.number(pod.restarts),
            },
            { title: t('workloads.detail.pod.node'), key: 'node', render: (_, pod) => pod.node ?? '–' },
            { title: t('workloads.detail.pod.ip'), key: 'ip', render: (_, pod) => pod.ip ?? '–' },
            { title: t('workloads.detail.pod.age'), key: 'age', render: (_, pod) => ago(pod.createdAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t('workloads.detail.conditions')}>
        <Table
          size="small"
          rowKey="type"
          dataSource={view.conditions}
          pagination={false}
          locale={{ emptyText: t('workloads.detail.noConditions') }}
          columns={[
            {
              title: t('workloads.detail.condition.type'),
              key: 'type',
              render: (_, c) => <KubernetesText text={c.type} />,
            },
            {
              title: t('workloads.detail.condition.status'),
              key: 'status',
              render: (_, c) => (
                <Tag color={c.status === 'True' ? 'green' : 'default'}>
                  {['True', 'False', 'Unknown'].includes(c.status)
                    ? t(`workloads.detail.conditionStatus.${c.status as 'True'}`)
                    : c.status}
                </Tag>
              ),
            },
            {
              title: t('workloads.detail.condition.reason'),
              key: 'reason',
              render: (_, c) => <KubernetesText text={c.reason ?? '–'} />,
            },
            {
              title: t('workloads.detail.condition.message'),
              key: 'message',
              render: (_, c) => <KubernetesText text={c.message ?? ''} />,
            },
            {
              title: t('workloads.detail.condition.since'),
              key: 'since',
              render: (_, c) => ago(c.lastTransitionTime),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('workloads.detail.events')}>
        <Table<EventSummary>
          size="small"
          rowKey={(event) => `${event.reason}/${event.lastSeen}/${event.message}`}
          dataSource={[...view.events].reverse()}
          pagination={view.events.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('workloads.detail.noEvents') }}
          columns={[
            {
              title: t('workloads.detail.event.type'),
              key: 'type',
              render: (_, e) => (
                <Tag color={e.type === 'Warning' ? 'orange' : 'default'}>
                  {e.type === 'Normal' || e.type === 'Warning'
                    ? t(`workloads.detail.eventType.${e.type}`)
                    : e.type}
                </Tag>
              ),
            },
            {
              title: t('workloads.detail.event.reason'),
              key: 'reason',
              render: (_, e) => <KubernetesText text={e.reason} />,
            },
            {
              title: t('workloads.detail.event.message'),
              key: 'message',
              render: (_, e) => <KubernetesText text={e.message} />,
            },
            {
              title: t('workloads.detail.event.count'),
              key: 'count',
              render: (_, e) => format.number(e.count),
            },
            {
              title: t('workloads.detail.event.lastSeen'),
              key: 'lastSeen',
              render: (_, e) => ago(e.lastSeen),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
