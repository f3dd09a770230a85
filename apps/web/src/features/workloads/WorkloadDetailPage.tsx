import { qualifiedPlural } from '@portolan/kinds';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { WorkloadCharts } from '../monitoring/Panels.tsx';
import { HealthTag, useHealthText } from './HealthTag.tsx';
import { RevisionsPanel } from './RevisionsPanel.tsx';
import { RolloutProgress } from './RolloutProgress.tsx';
import { WorkloadActions } from './WorkloadActions.tsx';
import { WorkloadOverview } from './WorkloadOverview.tsx';
import { WorkloadYaml } from './WorkloadYaml.tsx';
import { workloadKind } from './workload-model.ts';
import { type WorkloadRef, workloadsApi } from './workloads-api.ts';

const ROLLOUT_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** /clusters/:cluster/workloads/:kind/:namespace/:name: one workload, read live from its cluster. */
export default function WorkloadDetailPage() {
  const { t } = useI18n();
  const can = useCan();
  const healthText = useHealthText();
  const params = useParams();
  const descriptor = workloadKind(params.kind ?? '');
  const kind = descriptor?.kind ?? params.kind ?? '';
  const workload: WorkloadRef = {
    cluster: params.cluster ?? '',
    kind,
    namespace: params.namespace ?? '',
    name: params.name ?? '',
  };
  const view = useQuery({
    queryKey: ['workloads', 'view', workload],
    queryFn: () => workloadsApi.view(workload),
    enabled: Boolean(descriptor),
  });
  const hasAutoscaler = kind === 'Deployment' || kind === 'StatefulSet';
  const autoscaler = useQuery({
    queryKey: ['workloads', 'autoscaler', workload],
    queryFn: () => workloadsApi.autoscaler(workload),
    enabled: hasAutoscaler && view.isSuccess,
  });
  // The workload, its pods and their events change as it rolls: each change refetches the view.
  useLiveUpdates(
    ['workloads'],
    {
      kinds: [
        descriptor ? qualifiedPlural(descriptor) : kind,
        'pods',
        'events',
        'horizontalpodautoscalers.autoscaling',
      ],
      clusters: [workload.cluster],
      namespaces: [workload.namespace],
    },
    Boolean(descriptor),
  );
  const canWrite = can('resources:write', { cluster: workload.cluster, namespace: workload.namespace });

  const title = (
    <Typography.Title level={4} style={{ margin: 0 }}>
      <Link to="/workloads">{t('workloads.title')}</Link> /{' '}
      <Link to={`/clusters/${encodeURIComponent(workload.cluster)}/workloads`}>{workload.cluster}</Link> /{' '}
      {workload.namespace} / {workload.name}
    </Typography.Title>
  );
  const missing = !descriptor || (view.error instanceof ApiError && view.error.status === 404);
  if (missing)
    return (
      <Flex vertical gap={12}>
        {title}
        <Result
          status="404"
          title={t('workloads.detail.notFound')}
          subTitle={view.error instanceof ApiError ? view.error.message : undefined}
          extra={
            <Link to="/workloads">
              <Button>{t('workloads.detail.back')}</Button>
            </Link>
          }
        />
      </Flex>
    );

  const data = view.data;
  const tabs = [
    {
      key: 'overview',
      label: t('workloads.detail.tab.overview'),
      children: data && (
        <WorkloadOverview workload={workload} view={data} autoscaler={autoscaler.data?.autoscaler} />
      ),
    },
    ...(ROLLOUT_KINDS.includes(kind)
      ? [
          {
            key: 'revisions',
            label: t('workloads.detail.tab.revisions'),
            children: <RevisionsPanel workload={workload} canWrite={canWrite} />,
          },
        ]
      : []),
    ...(can('monitoring:read', { cluster: workload.cluster, namespace: workload.namespace })
      ? [{ key: 'metrics', label: t('monitoring.tab'), children: <WorkloadCharts {...workload} /> }]
      : []),
    {
      key: 'yaml',
      label: t('workloads.detail.tab.yaml'),
      children: data && <WorkloadYaml workload={workload} object={data.object} canWrite={canWrite} />,
    },
  ];

  return (
    <Flex vertical gap={12}>
      {title}
      {view.error && <ErrorNotice error={view.error} onRetry={() => void view.refetch()} />}
      {!data && !view.error && <Skeleton active />}
      {data && (
        <>
          <Card size="small">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Space orientation="vertical" size={2}>
                <Space size={6} wrap>
                  <Tag>{kind}</Tag>
                  <HealthTag health={data.health} kind={kind} object={data.object} />
                  {data.health.reason && (
                    <Typography.Text type="secondary">
                      {t('workloads.detail.healthReason', { reason: data.health.reason })}
                    </Typography.Text>
                  )}
                </Space>
                <Typography.Text type="secondary" data-testid="health-message">
                  {healthText(data.health, kind, data.object)}
                </Typography.Text>
              </Space>
              <WorkloadActions
                workload={workload}
                view={data}
                autoscaler={autoscaler.data?.autoscaler}
                canWrite={canWrite}
              />
            </Flex>
          </Card>
          {ROLLOUT_KINDS.includes(kind) && (
            <RolloutProgress workload={workload} running={data.health.state === 'Progressing'} />
          )}
          <Tabs defaultActiveKey="overview" items={tabs} destroyOnHidden />
        </>
      )}
    </Flex>
  );
}
