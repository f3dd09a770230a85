import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Avatar,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { freshnessErrorText } from '../clusters/freshness-reason.ts';
import { ReleaseActions } from '../helm-actions/ReleaseActions.tsx';
import { FreshnessMark } from '../workloads/Freshness.tsx';
import { NewerVersionTag } from './NewerVersionTag.tsx';
import { ReleaseResourcesTab, ReleaseRevisionText } from './ReleaseLiveTabs.tsx';
import { ReleaseRevisions } from './ReleaseRevisions.tsx';
import { ReleaseStatusTag } from './ReleaseStatusTag.tsx';
import { type ReleaseRef, releasesApi } from './releases-api.ts';

/**
 * /clusters/:cluster/releases/:namespace/:name: one release. Its summary and revisions come from the
 * store (there while the cluster is away); its objects, values and manifests are read live.
 */
export default function ReleaseDetailPage() {
  const { t, format } = useI18n();
  const params = useParams();
  const release: ReleaseRef = {
    cluster: params.cluster ?? '',
    namespace: params.namespace ?? '',
    name: params.name ?? '',
  };
  const revisions = useQuery({
    queryKey: ['releases', 'revisions', release],
    queryFn: () => releasesApi.revisions(release),
  });
  // The list row carries what the revisions do not: the icon, the first deployment and a newer chart.
  const row = useQuery({
    queryKey: ['releases', 'row', release],
    queryFn: async () => {
      const page = await releasesApi.list({
        clusters: release.cluster,
        namespaces: release.namespace,
        q: release.name,
        limit: 500,
      });
      return { item: page.items.find((item) => item.name === release.name), catalogue: page.catalogue };
    },
  });
  useLiveUpdates(['releases'], {
    kinds: ['secrets'],
    clusters: [release.cluster],
    namespaces: [release.namespace],
  });

  const title = (
    <Typography.Title level={4} style={{ margin: 0 }}>
      <Link to="/releases">{t('releases.title')}</Link> /{' '}
      <Link to={`/clusters/${encodeURIComponent(release.cluster)}`}>{release.cluster}</Link> /{' '}
      {release.namespace} / {release.name}
    </Typography.Title>
  );
  if (revisions.error instanceof ApiError && revisions.error.status === 404)
    return (
      <Flex vertical gap={12}>
        {title}
        <Result
          status="404"
          title={t('releases.detail.notFound')}
          subTitle={revisions.error.message}
          extra={
            <Link to="/releases">
              <Button>{t('releases.detail.back')}</Button>
            </Link>
          }
        />
      </Flex>
    );

  const items = revisions.data?.items ?? [];
  const newest = items[0];
  const cluster = revisions.data?.cluster;
  const summary = row.data?.item;
  const when = (iso: string | null | undefined) =>
    iso ? <Tooltip title={format.dateTime(iso)}>{format.ago(iso, Date.now())}</Tooltip> : '–';
  const numbers = items.map((item) => item.revision);

  return (
    <Flex vertical gap={12}>
      {title}
      {revisions.error && <ErrorNotice error={revisions.error} onRetry={() => void revisions.refetch()} />}
      {!revisions.data && !revisions.error && <Skeleton active />}
      {newest && (
        <>
          <ReleaseActions
            release={release}
            chart={newest.chart}
            chartVersion={newest.chartVersion}
            revision={newest.revision}
            status={newest.status}
          />
          {cluster && cluster.status !== 'fresh' && (
            <Alert
              type="warning"
              showIcon
              title={t('releases.detail.stale', { cluster: cluster.name })}
              description={freshnessErrorText(t, cluster) || undefined}
            />
          )}
          <Card size="small">
            <Flex gap={16} align="start">
              <Avatar size={48} shape="square" src={summary?.icon ?? undefined}>
                {newest.chart.slice(0, 1).toUpperCase() || '?'}
              </Avatar>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 3 }}
                style={{ flex: 1 }}
                items={[
                  {
                    key: 'status',
                    label: t('releases.col.status'),
                    children: (
                      <Space size={4}>
                        <ReleaseStatusTag status={newest.status} />
                        <FreshnessMark freshness={cluster} />
                      </Space>
                    ),
                  },
                  {
                    key: 'chart',
                    label: t('releases.detail.chart'),
                    children: newest.decodeError
                      ? t('releases.unreadable', { reason: newest.decodeError })
                      : `${newest.chart} ${newest.chartVersion}`,
                  },
                  { key: 'app', label: t('releases.detail.appVersion'), children: newest.appVersion ?? '–' },
                  {
                    key: 'revision',
                    label: t('releases.detail.revision'),
                    children: format.number(newest.revision),
                  },
                  {
                    key: 'first',
                    label: t('releases.detail.firstDeployed'),
                    children: when(summary?.firstDeployed),
                  },
                  { key: 'last', label: t('releases.detail.lastDeployed'), children: when(newest.updated) },
                  {
                    key: 'newer',
                    label: t('releases.detail.newer'),
                    children: summary?.newerVersion ? (
                      <NewerVersionTag release={summary} />
                    ) : (
                      t(
                        row.data?.catalogue !== 'checked'
                          ? 'releases.detail.notCompared'
                          : summary?.catalogueVersion
                            ? 'releases.detail.upToDate'
                            : 'releases.detail.notInCatalogue',
                      )
                    ),
                  },
                  {
                    key: 'description',
                    label: t('releases.detail.description'),
                    children: newest.description ?? '–',
                  },
                ]}
              />
            </Flex>
          </Card>
          <Tabs
            defaultActiveKey="revisions"
            destroyOnHidden
            items={[
              {
                key: 'revisions',
                label: t('releases.detail.revisions'),
                children: (
                  <Flex vertical gap={8} data-testid="release-revisions">
                    <Typography.Text type="secondary">{t('releases.detail.fromStore')}</Typography.Text>
                    <ReleaseRevisions revisions={items} loading={revisions.isFetching} />
                  </Flex>
                ),
              },
              {
                key: 'resources',
                label: t('releases.live.tab.resources'),
                children: <ReleaseResourcesTab release={release} />,
              },
              {
                key: 'values',
                label: t('releases.live.tab.values'),
                children: <ReleaseRevisionText release={release} revisions={numbers} what="values" />,
              },
              {
                key: 'manifest',
                label: t('releases.live.tab.manifest'),
                children: <ReleaseRevisionText release={release} revisions={numbers} what="manifest" />,
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
