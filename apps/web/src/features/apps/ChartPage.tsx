import type { ChartDetail, ChartSummary } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import {
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  theme,
} from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi, installPath } from './apps-api.ts';
import { ChartIcon } from './ChartIcon.tsx';
import { Markdown } from './Markdown.tsx';
import { SchemaSummary } from './SchemaSummary.tsx';

const CodeEditor = lazy(() => import('../editor/CodeEditor.tsx'));

/** The version a chart's page opens on: the newest that is not a pre-release. */
const shownFirst = (versions: ChartSummary[]) => versions.find((v) => !v.prerelease) ?? versions[0];

/** /apps/charts/:repository/:chart: one chart, a version picked, with what its package holds. */
export default function ChartPage() {
  const { t } = useI18n();
  const { repository = '', chart = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const versions = useQuery({
    queryKey: ['apps', 'versions', repository, chart],
    queryFn: () => appsApi.versions(repository, chart),
  });
  const items = versions.data?.items ?? [];
  const version = params.get('version') ?? shownFirst(items)?.version ?? '';
  const detail = useQuery({
    queryKey: ['apps', 'detail', repository, chart, version],
    queryFn: () => appsApi.detail(repository, chart, version),
    enabled: version !== '',
    staleTime: 5 * 60_000,
  });
  const summary = items.find((v) => v.version === version);

  if (versions.error instanceof ApiError && versions.error.status === 404)
    return (
      <Result
        status="404"
        title={versions.error.message}
        extra={
          <Link to="/apps">
            <Button>{t('apps.chart.back')}</Button>
          </Link>
        }
      />
    );
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/apps">{t('apps.chart.back')}</Link> }, { title: chart }]} />
      {versions.error && <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.isPending ? (
        <Skeleton active />
      ) : summary ? (
        <ChartHeader
          summary={summary}
          versions={items}
          onVersion={(next) => setParams({ version: next }, { replace: true })}
        />
      ) : null}
      {detail.error && <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />}
      <Card size="small">
        {detail.data ? <ChartTabs detail={detail.data} /> : !detail.error && <Skeleton active />}
      </Card>
    </Flex>
  );
}

function ChartHeader({
  summary,
  versions,
  onVersion,
}: {
  summary: ChartSummary;
  versions: ChartSummary[];
  onVersion: (version: string) => void;
}) {
  const { t, format } = useI18n();
  const can = useCan();
  return (
    <Card size="small">
      <Flex gap={16} align="flex-start" wrap>
        <ChartIcon
          repository={summary.repository}
          chart={summary.chart}
          version={summary.version}
          hasIcon={summary.hasIcon}
          size={64}
        />
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 260 }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {summary.chart}
            </Typography.Title>
            {summary.deprecated && <Tag color="warning">{t('apps.deprecated')}</Tag>}
          </Space>
          <Typography.Text type="secondary">{summary.description || t('apps.noDescription')}</Typography.Text>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'repository', label: t('apps.chart.repository'), children: summary.repository },
              { key: 'app', label: t('apps.chart.appVersion'), children: summary.appVersion ?? '–' },
              {
                key: 'created',
                label: t('apps.chart.created'),
                children: summary.created ? format.dateTime(summary.created) : '–',
              },
              ...(summary.digest
                ? [
                    {
                      key: 'digest',
                      label: t('apps.chart.digest'),
                      children: (
                        <Typography.Text code copyable={{ text: summary.digest }} title={summary.digest}>
                          {`${summary.digest.replace(/^sha256:/, '').slice(0, 12)}…`}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
              ...(summary.kubeVersion
                ? [{ key: 'kube', label: t('apps.chart.kubeVersion'), children: summary.kubeVersion }]
                : []),
              ...(summary.category
                ? [{ key: 'category', label: t('apps.chart.category'), children: summary.category }]
                : []),
              ...(summary.keywords.length
                ? [
                    {
                      key: 'keywords',
                      label: t('apps.chart.keywords'),
                      children: (
                        <Space size={4} wrap>
                          {summary.keywords.map((keyword) => (
                            <Link key={keyword} to={`/apps?q=${encodeURIComponent(keyword)}`}>
                              <Tag>{keyword}</Tag>
                            </Link>
                          ))}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Flex>
        <Space direction="vertical" align="end">
          <Select
            style={{ width: 200 }}
            aria-label={t('apps.chart.version')}
            value={summary.version}
            onChange={onVersion}
            options={versions.map((v) => ({
              value: v.version,
              label: v.prerelease ? `${v.version} · ${t('apps.prerelease')}` : v.version,
            }))}
          />
          {can('resources:write', { somewhere: true }) && (
            <Link to={installPath(summary.repository, summary.chart, summary.version)}>
              <Button type="primary">{t('apps.chart.install')}</Button>
            </Link>
          )}
        </Space>
      </Flex>
    </Card>
  );
}

function ChartTabs({ detail }: { detail: ChartDetail }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Tabs
      items={[
        {
          key: 'readme',
          label: t('apps.chart.readme'),
          children: detail.readme ? (
            <Markdown source={detail.readme} />
          ) : (
            <Empty description={t('apps.chart.noReadme')} />
          ),
        },
        {
          key: 'values',
          label: t('apps.chart.values'),
          children: detail.values ? (
            <Suspense fallback={<Skeleton active />}>
              <CodeEditor
                value={detail.values}
                readOnly
                schema={detail.valuesSchema ?? undefined}
                label={t('apps.chart.valuesLabel')}
                height={520}
              />
            </Suspense>
          ) : (
            <Empty description={t('apps.chart.noValues')} />
          ),
        },
        {
          key: 'schema',
          label: t('apps.chart.schema'),
          children: <SchemaSummary schema={detail.valuesSchema} />,
        },
        {
          key: 'dependencies',
          label: t('apps.chart.dependencies'),
          children: detail.dependencies.length ? (
            <Table
              size="small"
              rowKey={(row) => row.alias ?? row.name}
              pagination={false}
              dataSource={detail.dependencies}
              columns={[
                { title: t('apps.chart.depName'), dataIndex: 'name' },
                { title: t('apps.chart.depVersion'), dataIndex: 'version' },
                { title: t('apps.chart.depRepository'), dataIndex: 'repository' },
                { title: t('apps.chart.depCondition'), dataIndex: 'condition' },
              ]}
            />
          ) : (
            <Empty description={t('apps.chart.noDependencies')} />
          ),
        },
        {
          key: 'chart',
          label: t('apps.chart.chartYaml'),
          children: (
            <pre
              style={{
                margin: 0,
                padding: 12,
                background: token.colorFillTertiary,
                borderRadius: token.borderRadius,
                fontFamily: token.fontFamilyCode,
                overflowX: 'auto',
              }}
            >
              {detail.chartYaml}
            </pre>
          ),
        },
      ]}
    />
  );
}
