import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Result, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { PodCharts } from '../monitoring/Panels.tsx';
import { PodContainers } from './PodContainers.tsx';
import { PodEvents } from './PodEvents.tsx';
import { PodOverview } from './PodOverview.tsx';
import { PodStatus } from './PodStatus.tsx';
import { podStatusText } from './pod-model.ts';
import { podsApi } from './pods-api.ts';

// The terminals (xterm.js) load only when their tab opens.
const PodLogs = lazy(() => import('./PodLogs.tsx'));
const PodShell = lazy(() => import('./PodShell.tsx'));

/** /clusters/:cluster/pods/:namespace/:name: one pod, live from its cluster, with logs and a shell. */
export default function PodDetailPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { cluster = '', namespace = '', name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const key = ['pods', 'one', cluster, namespace, name];
  const pod = useQuery({ queryKey: key, queryFn: () => podsApi.pod(cluster, namespace, name) });
  useLiveUpdates(['pods', 'one', cluster, namespace, name], {
    kinds: ['pods'],
    clusters: [cluster],
    namespaces: [namespace],
  });
  const where = { cluster, namespace };
  const remove = useMutation({
    mutationFn: () => podsApi.remove(cluster, namespace, name),
    onSuccess: (answer) => {
      message.success(t(answer.state === 'deleted' ? 'pods.deleted' : 'pods.deleting', { name }));
      void queryClient.invalidateQueries({ queryKey: ['pods'] });
    },
    onError: (error) => message.error(error.message),
  });
  const confirmDelete = () =>
    modal.confirm({
      title: t('pods.deleteTitle', { name }),
      content: t('pods.deleteText', { name, namespace, cluster }),
      okText: t('pods.deleteConfirm', { name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(),
    });

  const title = (
    <Typography.Title level={4} style={{ margin: 0 }}>
      <Link to="/pods">{t('pods.title')}</Link> /{' '}
      <Link to={`/clusters/${encodeURIComponent(cluster)}/pods`}>{cluster}</Link> / {namespace} / {name}
    </Typography.Title>
  );
  if (pod.isPending) return <Loading />;
  if (pod.error) {
    const gone = pod.error instanceof ApiError && pod.error.status === 404;
    return (
      <Flex vertical gap={12}>
        {title}
        {gone ? (
          <Result
            status="404"
            title={t('pods.gone', { name })}
            subTitle={pod.error.message}
            extra={<Button onClick={() => navigate('/pods')}>{t('pods.backToList')}</Button>}
          />
        ) : (
          <ErrorNotice error={pod.error} onRetry={() => void pod.refetch()} />
        )}
      </Flex>
    );
  }

  const object = pod.data;
  const containers = [
    ...(object.spec?.initContainers ?? []).map((entry) => entry.name),
    ...(object.spec?.containers ?? []).map((entry) => entry.name),
  ];
  const mainContainer = object.spec?.containers?.[0]?.name ?? containers[0] ?? '';
  const tab = params.get('tab') ?? 'overview';
  const mayExec = can('pods:exec', where);
  const items = [
    {
      key: 'overview',
      label: t('pods.tab.overview'),
      children: <PodOverview cluster={cluster} pod={object} />,
    },
    { key: 'containers', label: t('pods.tab.containers'), children: <PodContainers pod={object} /> },
    {
      key: 'events',
      label: t('pods.tab.events'),
      children: <PodEvents cluster={cluster} namespace={namespace} name={name} />,
    },
    {
      key: 'logs',
      label: t('pods.tab.logs'),
      children: (
        <Suspense fallback={<Loading />}>
          <PodLogs
            cluster={cluster}
            namespace={namespace}
            name={name}
            containers={containers}
            initial={mainContainer}
          />
        </Suspense>
      ),
    },
    ...(can('monitoring:read', where)
      ? [
          {
            key: 'metrics',
            label: t('monitoring.tab'),
            children: (
              <PodCharts
                cluster={cluster}
                namespace={namespace}
                pod={name}
                containers={(object.spec?.containers ?? []).map((entry) => entry.name)}
              />
            ),
          },
        ]
      : []),
    ...(mayExec
      ? [
          {
            key: 'shell',
            label: t('pods.tab.shell'),
            children: (
              <Suspense fallback={<Loading />}>
                <PodShell
                  cluster={cluster}
                  namespace={namespace}
                  name={name}
                  containers={(object.spec?.containers ?? []).map((entry) => entry.name)}
                />
              </Suspense>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          {title}
          <PodStatus text={podStatusText(object)} />
        </Space>
        <Space>
          {mayExec && (
            <Button onClick={() => setParams({ tab: 'shell' }, { replace: true })}>
              {t('pods.openShell')}
            </Button>
          )}
          {can('resources:write', where) && (
            <Button danger loading={remove.isPending} onClick={confirmDelete}>
              {t('pods.delete')}
            </Button>
          )}
        </Space>
      </Flex>
      <Tabs
        activeKey={items.some((item) => item.key === tab) ? tab : 'overview'}
        onChange={(next) => setParams({ tab: next }, { replace: true })}
        destroyOnHidden
        items={items}
      />
    </Flex>
  );
}
