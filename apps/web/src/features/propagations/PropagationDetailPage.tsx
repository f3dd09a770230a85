import type { PropagationView } from '@portolan/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { toYaml } from '../editor/yaml-text.ts';
import { DocumentWarnings, type SavedState } from './DocumentWarnings.tsx';
import { PropagationEvents } from './PropagationEvents.tsx';
import { PropagationPods } from './PropagationPods.tsx';
import { propagationPath, propagationsApi } from './propagations-api.ts';
import { TargetsTable } from './TargetsTable.tsx';
import { MOVING_PHASES, PhaseTag } from './tags.tsx';
import { WorkloadStatus } from './WorkloadStatus.tsx';

const TABS = ['clusters', 'workloads', 'pods', 'events', 'yaml'] as const;

/** Suspend, resume and delete, each confirmed where it removes something; refusals in the server's words. */
function Actions({ view }: { view: PropagationView }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const name = view.document.metadata.name;
  const suspended = Boolean(view.document.spec.suspended);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['propagations'] });
  const fail = (error: unknown) =>
    message.error(error instanceof ApiError ? error.message : String(error), 8);

  const setSuspended = async (next: boolean) => {
    setBusy(true);
    try {
      const { document } = view;
      await propagationsApi.save({
        ...document,
        metadata: { ...document.metadata, generation: view.generation },
        spec: { ...document.spec, suspended: next },
      });
      message.success(
        t(next ? 'propagations.detail.suspendedNow' : 'propagations.detail.resumedNow', { name }),
      );
      // Awaited: the button's Suspend/Resume and the generation it sends next come from the refetched view.
      await refresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const confirmDelete = () => {
    const created = view.status.targets
      .filter((target) => target.objects.some((object) => object.created))
      .map((target) => target.cluster);
    modal.confirm({
      title: t('propagations.delete.title', { name }),
      content: (
        <Flex vertical gap={6}>
          <Typography.Text>{t('propagations.delete.onlyCreated')}</Typography.Text>
          <Typography.Text data-testid="delete-clusters">
            {created.length
              ? t('propagations.delete.clusters', { clusters: created.join(', ') })
              : t('propagations.delete.noClusters')}
          </Typography.Text>
          {view.status.hiddenTargets ? (
            <Typography.Text type="secondary">
              {t('propagations.delete.hidden', { count: view.status.hiddenTargets })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
      okText: t('propagations.delete.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await propagationsApi.remove(name);
          message.success(t('propagations.delete.started', { name }));
          void refresh();
          navigate('/propagations');
        } catch (error) {
          fail(error);
        }
      },
    });
  };

  return (
    <Space wrap>
      <Button
        onClick={() => navigate(`${propagationPath(name)}/edit`)}
        disabled={view.status.phase === 'Deleting'}
      >
        {t('propagations.detail.edit')}
      </Button>
      <Button
        loading={busy}
        onClick={() => void setSuspended(!suspended)}
        disabled={view.status.phase === 'Deleting'}
      >
        {suspended ? t('propagations.detail.resume') : t('propagations.detail.suspend')}
      </Button>
      <Button danger onClick={confirmDelete} disabled={view.status.phase === 'Deleting'}>
        {t('propagations.detail.delete')}
      </Button>
    </Space>
  );
}

/** /propagations/:name: state per cluster, the workloads' replicas, their pods, events and the document. */
export default function PropagationDetailPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const name = useParams().name ?? '';
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((one) => one === params.get('tab')) ?? 'clusters';
  // The warnings the save that led here answered, until they are closed (kept across tabs).
  const location = useLocation();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(() => (location.state as SavedState | null)?.saved);
  const one = useQuery({
    queryKey: ['propagations', 'one', name],
    queryFn: () => propagationsApi.get(name),
    refetchInterval: (query) => {
      const phase = query.state.data?.status.phase;
      return phase && MOVING_PHASES.includes(phase) ? 3_000 : 10_000;
    },
  });
  const view = one.data;
  const now = Date.now();
  const title = (
    <Typography.Title level={4} style={{ margin: 0 }}>
      <Link to="/propagations">{t('propagations.title')}</Link> / {name}
    </Typography.Title>
  );
  if (one.isPending) return <Skeleton active />;
  if (!view)
    return (
      <Flex vertical gap={12}>
        {title}
        {one.error instanceof ApiError && one.error.status === 404 ? (
          <Result
            status="404"
            title={t('propagations.detail.notFound')}
            subTitle={one.error.message}
            extra={<Link to="/propagations">{t('propagations.detail.back')}</Link>}
          />
        ) : (
          <ErrorNotice error={one.error} onRetry={() => void one.refetch()} />
        )}
      </Flex>
    );
  const { status } = view;
  const writer = can('resources:write', { somewhere: true });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size={8} align="center">
          {title}
          <PhaseTag phase={status.phase} />
        </Space>
        {writer && <Actions view={view} />}
      </Flex>
      {one.error && <ErrorNotice error={one.error} onRetry={() => void one.refetch()} />}
      {saved && (
        <DocumentWarnings
          answer={saved}
          saved
          onClose={() => {
            setSaved(undefined);
            navigate({ pathname: location.pathname, search: location.search }, { replace: true });
          }}
        />
      )}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            {
              key: 'generation',
              label: t('propagations.detail.generation'),
              children: (
                <span data-testid="generation">
                  {t('propagations.detail.generationValue', {
                    generation: format.number(view.generation),
                    observed: format.number(status.observedGeneration),
                  })}
                </span>
              ),
            },
            {
              key: 'replicas',
              label: t('propagations.col.replicas'),
              children: status.replicas
                ? `${format.number(status.replicas.ready)}/${format.number(status.replicas.desired)}`
                : '–',
            },
            {
              key: 'created',
              label: t('propagations.detail.createdBy'),
              children: t('propagations.updatedBy', {
                user: view.createdBy,
                ago: format.ago(view.createdAt, now),
              }),
            },
            {
              key: 'updated',
              label: t('propagations.detail.updatedBy'),
              children: t('propagations.updatedBy', {
                user: view.updatedBy,
                ago: format.ago(view.updatedAt, now),
              }),
            },
          ]}
        />
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            {
              key: 'clusters',
              label: t('propagations.detail.tab.clusters', { count: format.number(status.targets.length) }),
              children: <TargetsTable targets={status.targets} hidden={status.hiddenTargets ?? 0} />,
            },
            {
              key: 'workloads',
              label: t('propagations.detail.tab.workloads'),
              children: <WorkloadStatus targets={status.targets} />,
            },
            {
              key: 'pods',
              label: t('propagations.detail.tab.pods'),
              children: <PropagationPods name={name} />,
            },
            {
              key: 'events',
              label: t('propagations.detail.tab.events'),
              children: (
                <PropagationEvents name={name} clusters={status.targets.map((target) => target.cluster)} />
              ),
            },
            {
              key: 'yaml',
              label: t('propagations.detail.tab.yaml'),
              children: (
                <Typography.Paragraph copyable={{ text: toYaml(view.document) }}>
                  <pre style={{ margin: 0 }} data-testid="propagation-yaml">
                    {toYaml(view.document)}
                  </pre>
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
