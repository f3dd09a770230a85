import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  List,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { ClusterCharts } from '../monitoring/Panels.tsx';
import { podTotal } from '../overview/overview-model.ts';
import { PodPhases } from '../overview/PodPhases.tsx';
import { clusterApi } from './cluster-api.ts';
import { SyncCard } from './SyncCard.tsx';

const ResourceGauges = lazy(() => import('./ResourceGauges.tsx'));

/** One cluster at a glance: health, nodes, pods, requests against allocatable, credentials, sync. */
export default function OverviewTab({ cluster: name }: { cluster: string }) {
  const { t, format } = useI18n();
  const cluster = useQuery({
    queryKey: ['cluster', name],
    queryFn: () => clusterApi.cluster(name),
    refetchInterval: 10_000,
  });
  const summary = useQuery({
    queryKey: ['cluster', name, 'summary'],
    queryFn: () => clusterApi.summary(name),
    refetchInterval: 10_000,
  });
  const sync = useQuery({
    queryKey: ['cluster', name, 'sync'],
    queryFn: () => clusterApi.sync(name),
    refetchInterval: 10_000,
    retry: false,
  });

  if (cluster.isPending) return <Loading />;
  if (cluster.error) return <ErrorNotice error={cluster.error} onRetry={() => void cluster.refetch()} />;
  const c = cluster.data;
  const figures = summary.data?.clusters.find((entry) => entry.name === name);
  const lastKnown = c.status !== 'Ready';
  const now = Date.now();
  const requests = figures?.requests;
  const allocatable = figures?.allocatable;
  const stat = { flex: '1 1 200px' };
  const credentialKind = (kind: string | undefined) =>
    KINDS.find((known) => known === kind) &&
    t(`clusterPage.credentialKind.${kind as (typeof KINDS)[number]}`);
  const mark = lastKnown ? <Tag bordered={false}>{t('overview.lastKnown')}</Tag> : null;

  return (
    <Flex vertical gap={12}>
      {summary.error && <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />}
      <Row gutter={[12, 12]}>
        <Col style={stat}>
          <Flex vertical gap={12} style={{ height: '100%' }}>
            <Card size="small" style={{ flex: 1 }}>
              <Statistic
                title={t('overview.nodesReady')}
                value={figures?.nodes?.ready ?? 0}
                suffix={`/ ${format.number(figures?.nodes?.total ?? c.nodeCount ?? 0)}`}
              />
              {mark}
            </Card>
            <Card size="small" style={{ flex: 1 }}>
              <Statistic title={t('overview.pods')} value={format.number(podTotal(figures?.pods ?? {}))} />
              <Space size={4} wrap>
                <PodPhases pods={figures?.pods ?? {}} />
                {mark}
              </Space>
            </Card>
          </Flex>
        </Col>
        <Col style={{ flex: '2 1 420px' }}>
          <Card size="small" title={t('clusterPage.requestsVsAllocatable')} style={{ height: '100%' }}>
            {requests && allocatable ? (
              <Suspense fallback={<Loading />}>
                <ResourceGauges
                  gauges={[
                    {
                      title: t('cluster.cpu'),
                      ratio: allocatable.cpuCores ? requests.cpuCores / allocatable.cpuCores : 0,
                      detail: `${format.cores(requests.cpuCores)} / ${format.cores(allocatable.cpuCores)}`,
                    },
                    {
                      title: t('cluster.memory'),
                      ratio: allocatable.memoryBytes ? requests.memoryBytes / allocatable.memoryBytes : 0,
                      detail: `${format.bytes(requests.memoryBytes)} / ${format.bytes(allocatable.memoryBytes)}`,
                    },
                  ]}
                />
              </Suspense>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clusterPage.noFigures')} />
            )}
          </Card>
        </Col>
      </Row>
      <ClusterCharts cluster={name} />
      <Row gutter={[12, 12]}>
        <Col style={{ flex: '1 1 420px' }}>
          <Card size="small" title={t('clusterPage.facts')} style={{ height: '100%' }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('cluster.status')}>
                {t(`status.${c.status}`)}
                {c.reason ? ` · ${clusterReasonText(t, c)}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('cluster.version')}>{c.version ?? '–'}</Descriptions.Item>
              <Descriptions.Item label={t('cluster.platform')}>{c.platform ?? '–'}</Descriptions.Item>
              <Descriptions.Item label={t('cluster.server')}>
                <Typography.Text copyable>{c.serverUrl}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('cluster.lastSeen')}>
                {c.lastSeenAt ? format.ago(c.lastSeenAt, now) : t('time.never')}
              </Descriptions.Item>
              <Descriptions.Item label={t('cluster.latency')}>
                {c.probeLatencyMs === null ? '–' : `${format.number(c.probeLatencyMs)} ms`}
              </Descriptions.Item>
              {c.description && (
                <Descriptions.Item label={t('add.description')}>{c.description}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('cluster.labels')}>
                {Object.keys(c.labels).length === 0 ? (
                  t('common.none')
                ) : (
                  <Space size={[4, 4]} wrap>
                    {Object.entries(c.labels).map(([key, value]) => (
                      <Tag key={key}>
                        {key}={value}
                      </Tag>
                    ))}
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col style={{ flex: '1 1 420px' }}>
          <Flex vertical gap={12} style={{ height: '100%' }}>
            <Card size="small" title={t('clusterPage.credentials')}>
              {c.warnings.map((warning) => (
                <Alert key={warning} type="warning" showIcon title={warning} style={{ marginBottom: 8 }} />
              ))}
              <List
                size="small"
                locale={{ emptyText: t('clusterPage.noExpiry') }}
                dataSource={
                  c.credentialExpiry as {
                    kind?: string;
                    field?: string;
                    expiresAt?: string;
                    subject?: string;
                  }[]
                }
                renderItem={(item) => (
                  <List.Item>
                    <Space wrap>
                      <Tag bordered={false}>{credentialKind(item.kind) ?? item.field}</Tag>
                      {item.subject && <Typography.Text type="secondary">{item.subject}</Typography.Text>}
                      {item.expiresAt ? (
                        <Typography.Text type={expiresSoon(item.expiresAt, now) ? 'warning' : undefined}>
                          {t('clusterPage.expires', {
                            time: format.dateTime(item.expiresAt),
                            ago: format.ago(item.expiresAt, now),
                          })}
                        </Typography.Text>
                      ) : (
                        <Typography.Text type="secondary">{t('clusterPage.noExpiryKnown')}</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <SyncCard cluster={c} sync={sync} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

const KINDS = ['client-certificate', 'token', 'id-token', 'exec'] as const;

/** Within 30 days (or already gone): worth a warning colour. */
function expiresSoon(iso: string, now: number): boolean {
  return new Date(iso).getTime() - now < 30 * 86_400_000;
}
