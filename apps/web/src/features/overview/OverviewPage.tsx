import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, List, Progress, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link } from 'react-router-dom';
import type { SummaryFigures } from '../../api/types.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { ActiveAlertsLink } from '../alerting/ActiveAlertsLink.tsx';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { StatusTag } from '../clusters/StatusTag.tsx';
import { GettingStarted } from './GettingStarted.tsx';
import { overviewRows, podTotal, problemsOf } from './overview-model.ts';
import { overviewQueries } from './overview-queries.ts';
import { PodPhases } from './PodPhases.tsx';

const LIVE = 10_000;
const ClusterComparison = lazy(() => import('../monitoring/ClusterComparison.tsx'));

/** Every cluster at a glance: health, version, nodes, pods by phase, requests against allocatable. */
export default function OverviewPage() {
  const { t, format } = useI18n();
  const clusters = useQuery({ ...overviewQueries.clusters, refetchInterval: LIVE });
  const summary = useQuery({ ...overviewQueries.summary, refetchInterval: LIVE });

  if (clusters.isPending) return <Loading />;
  if (clusters.error) return <ErrorNotice error={clusters.error} onRetry={() => void clusters.refetch()} />;
  const items = clusters.data.items;
  if (items.length === 0) return <GettingStarted />;

  const total = summary.data?.total;
  const ready = items.filter((cluster) => cluster.status === 'Ready').length;
  // Figures of a cluster that is not Ready are the last the store holds: said so, never passed as live.
  const notReady = items.length - ready;
  const problems = problemsOf(items);
  const requested = (
    title: string,
    used: number,
    whole: number | undefined,
    show: (value: number) => string,
  ) => (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={format.percent(used, whole ?? 0)}
        styles={{ content: { fontSize: 24 } }}
      />
      <Progress percent={whole ? Math.round((used / whole) * 100) : 0} size="small" showInfo={false} />
      <Typography.Text type="secondary">
        {t('overview.requestedOf', { used: show(used), total: whole === undefined ? '–' : show(whole) })}
      </Typography.Text>
    </Card>
  );
  const stat = { flex: '1 1 180px' };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('overview.title')}
      </Typography.Title>
      {summary.error && <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />}
      {/* Flex, not Row/Col: the grid's styles (24 columns × 6 breakpoints) cost 50 ms on first render. */}
      <Flex wrap gap={12}>
        <div style={stat}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('overview.clusters')}
              value={ready}
              suffix={`/ ${format.number(items.length)}`}
            />
            <Typography.Text type="secondary">{t('overview.ready')}</Typography.Text>
          </Card>
        </div>
        <div style={stat}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t('overview.nodesReady')}
              value={total?.nodes?.ready ?? 0}
              suffix={`/ ${format.number(total?.nodes?.total ?? 0)}`}
            />
            <Typography.Text type={notReady ? 'warning' : 'secondary'}>
              {notReady ? t('overview.includesLastKnown', { count: notReady }) : t('overview.ready')}
            </Typography.Text>
          </Card>
        </div>
        <div style={stat}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('overview.pods')} value={format.number(podTotal(total?.pods ?? {}))} />
            <PodPhases pods={total?.pods ?? {}} />
          </Card>
        </div>
        <div style={stat}>
          {requested(
            t('overview.cpuRequests'),
            total?.requests.cpuCores ?? 0,
            total?.allocatable?.cpuCores,
            format.cores,
          )}
        </div>
        <div style={stat}>
          {requested(
            t('overview.memoryRequests'),
            total?.requests.memoryBytes ?? 0,
            total?.allocatable?.memoryBytes,
            format.bytes,
          )}
        </div>
      </Flex>
      <Card size="small" title={t('overview.perCluster')}>
        <Table
          size="small"
          rowKey={(row) => row.cluster.name}
          pagination={false}
          dataSource={overviewRows(items, summary.data)}
          columns={[
            {
              title: t('cluster.name'),
              key: 'name',
              render: (_, row) => (
                <Link to={`/clusters?search=${encodeURIComponent(row.cluster.name)}`}>
                  {row.cluster.displayName || row.cluster.name}
                </Link>
              ),
            },
            {
              title: t('cluster.status'),
              key: 'status',
              render: (_, row) => <StatusTag status={row.cluster.status} />,
            },
            { title: t('cluster.version'), key: 'version', render: (_, row) => row.cluster.version ?? '–' },
            {
              title: t('cluster.nodes'),
              key: 'nodes',
              render: (_, row) => lastKnown(row.cluster.status, nodes(row.figures, row.cluster.nodeCount)),
            },
            {
              title: t('overview.podsByPhase'),
              key: 'pods',
              render: (_, row) =>
                lastKnown(row.cluster.status, row.figures ? <PodPhases pods={row.figures.pods} /> : '–'),
            },
            {
              title: t('cluster.cpu'),
              key: 'cpu',
              render: (_, row) =>
                row.figures
                  ? `${format.cores(row.figures.requests.cpuCores)} / ${format.cores(row.figures.allocatable?.cpuCores ?? 0)}`
                  : '–',
            },
            {
              title: t('cluster.memory'),
              key: 'memory',
              render: (_, row) =>
                row.figures
                  ? `${format.bytes(row.figures.requests.memoryBytes)} / ${format.bytes(row.figures.allocatable?.memoryBytes ?? 0)}`
                  : '–',
            },
          ]}
        />
      </Card>
      <Suspense fallback={null}>
        <ClusterComparison clusters={items.map((cluster) => cluster.name)} />
      </Suspense>
      <Card size="small" title={t('overview.problems')} extra={<ActiveAlertsLink />}>
        {problems.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noProblems')} />
        ) : (
          <List
            size="small"
            dataSource={problems}
            renderItem={(problem) => (
              <List.Item>
                <Link to={`/clusters?search=${encodeURIComponent(problem.cluster)}`}>
                  {problem.kind === 'offline' ? (
                    <>
                      <Tag color="red">{t(`status.${problem.status as 'Offline'}`)}</Tag>
                      {t('overview.clusterOffline', {
                        cluster: problem.cluster,
                        status: t(`status.${problem.status as 'Offline'}`),
                        reason: clusterReasonText(t, problem),
                      })}
                    </>
                  ) : (
                    <>
                      <Tag color="orange">!</Tag>
                      {t('overview.credentialWarning', {
                        cluster: problem.cluster,
                        warning: problem.warning,
                      })}
                    </>
                  )}
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );

  /** A cell of a cluster that is not Ready: greyed, with a mark that these are the last known figures. */
  function lastKnown(status: string, content: ReactNode) {
    if (status === 'Ready') return content;
    return (
      <Flex gap={4} align="center" wrap>
        <Typography.Text type="secondary">{content}</Typography.Text>
        <Tag bordered={false}>{t('overview.lastKnown')}</Tag>
      </Flex>
    );
  }

  function nodes(figures: SummaryFigures | undefined, nodeCount: number | null) {
    // The summary counts synced Node objects; until the first sync the registry's probe count stands in.
    if (figures?.nodes?.total)
      return `${format.number(figures.nodes.ready)} / ${format.number(figures.nodes.total)}`;
    return nodeCount === null ? '–' : format.number(nodeCount);
  }
}
