import type { ChartList, ChartSummary } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  theme,
} from 'antd';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useAddress, useCursorPages } from '../../app/use-search-table.ts';
import { appsApi, chartPath } from './apps-api.ts';
import { ChartIcon } from './ChartIcon.tsx';

const PAGE_SIZE = 24;

/** /apps: the charts of every repository, searched and filtered by the server, a page at a time. */
export default function CataloguePage() {
  const { t, format } = useI18n();
  const can = useCan();
  const isAdmin = can('charts:write', 'platform');
  const [params, change] = useAddress();
  const query = {
    q: params.get('q') ?? '',
    repository: params.get('repository') ?? '',
    category: params.get('category') ?? '',
    sort: (params.get('sort') === 'newest' ? 'newest' : 'name') as 'name' | 'newest',
  };
  const pages = useCursorPages(JSON.stringify(query));
  const list = useQuery({
    queryKey: ['apps', 'charts', query, pages.cursor ?? null],
    queryFn: () =>
      appsApi.charts({
        ...query,
        limit: PAGE_SIZE,
        ...(pages.cursor ? { continue: pages.cursor } : {}),
      }),
    placeholderData: keepPreviousData,
  });
  const answer: ChartList | undefined = list.data;
  const failing = (answer?.repositories ?? []).filter((repository) => repository.status === 'failed');
  const filtered = Boolean(query.q || query.repository || query.category);
  const first = pages.page * PAGE_SIZE;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('apps.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('apps.intro')}</Typography.Text>
        </div>
        {isAdmin && (
          <Link to="/apps/repositories">
            <Button>{t('apps.manageRepositories')}</Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Space wrap>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('apps.search')}
            aria-label={t('apps.search')}
            key={query.q}
            defaultValue={query.q}
            onSearch={(value) => change({ q: value.trim() })}
          />
          <Select
            style={{ width: 200 }}
            aria-label={t('apps.chart.repository')}
            value={query.repository}
            onChange={(value) => change({ repository: value })}
            options={[
              { value: '', label: t('apps.allRepositories') },
              ...(answer?.repositories ?? []).map((entry) => ({ value: entry.name, label: entry.name })),
            ]}
          />
          <Select
            style={{ width: 220 }}
            aria-label={t('apps.chart.category')}
            value={query.category}
            onChange={(value) => change({ category: value })}
            options={[
              { value: '', label: t('apps.allCategories') },
              ...(answer?.categories ?? []).map((entry) => ({ value: entry, label: entry })),
            ]}
          />
          <Select
            style={{ width: 140 }}
            aria-label={t('apps.sort.name')}
            value={query.sort}
            onChange={(value) => change({ sort: value === 'newest' ? 'newest' : undefined })}
            options={[
              { value: 'name', label: t('apps.sort.name') },
              { value: 'newest', label: t('apps.sort.newest') },
            ]}
          />
        </Space>
      </Card>
      {failing.map((repository) => (
        <Alert
          key={repository.name}
          type="warning"
          showIcon
          title={
            repository.lastGoodAt
              ? t('apps.repositoryFailing', {
                  name: repository.name,
                  reason: repository.reason ?? '',
                  when: format.dateTime(repository.lastGoodAt),
                })
              : t('apps.repositoryFailingNever', { name: repository.name, reason: repository.reason ?? '' })
          }
        />
      ))}
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : answer && answer.items.length === 0 ? (
        <Card>
          <EmptyCatalogue
            filtered={filtered}
            noRepositories={answer.repositories.length === 0}
            isAdmin={isAdmin}
            onClear={() => change({ q: undefined, repository: undefined, category: undefined })}
          />
        </Card>
      ) : (
        <Spin spinning={list.isPlaceholderData}>
          <Row gutter={[12, 12]}>
            {(answer?.items ?? []).map((chart) => (
              <Col key={`${chart.repository}/${chart.chart}`} xs={24} md={12} xl={8} xxl={6}>
                <ChartCard chart={chart} />
              </Col>
            ))}
          </Row>
        </Spin>
      )}
      {answer && answer.items.length > 0 && (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary" data-testid="apps-count">
            {t('apps.count', {
              shown: `${format.number(first + 1)}–${format.number(first + answer.items.length)}`,
              total: format.number(answer.total),
            })}
          </Typography.Text>
          <Space>
            <Button disabled={pages.page === 0} onClick={pages.previous}>
              {t('apps.previous')}
            </Button>
            <Typography.Text>{t('apps.page', { page: pages.page + 1 })}</Typography.Text>
            <Button
              disabled={!answer.continue}
              onClick={() => answer.continue && pages.next(answer.continue)}
            >
              {t('apps.next')}
            </Button>
          </Space>
        </Flex>
      )}
    </Flex>
  );
}

function EmptyCatalogue({
  filtered,
  noRepositories,
  isAdmin,
  onClear,
}: {
  filtered: boolean;
  noRepositories: boolean;
  isAdmin: boolean;
  onClear: () => void;
}) {
  const { t } = useI18n();
  if (filtered)
    return (
      <Empty description={t('apps.empty')}>
        <Button onClick={onClear}>{t('apps.clearFilters')}</Button>
      </Empty>
    );
  return (
    <Empty description={noRepositories ? t('apps.emptyNoRepositories') : t('apps.empty')}>
      {isAdmin ? (
        <Link to="/apps/repositories?add=1">
          <Button type="primary">{t('apps.addRepository')}</Button>
        </Link>
      ) : (
        <Typography.Text type="secondary">{t('apps.emptyAskAdmin')}</Typography.Text>
      )}
    </Empty>
  );
}

/** One chart: icon, name, newest version, app version, description and where it comes from. */
function ChartCard({ chart }: { chart: ChartSummary }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Link to={chartPath(chart.repository, chart.chart)} aria-label={chart.chart}>
      <Card hoverable size="small" style={{ height: '100%' }} data-testid="chart-card">
        <Flex gap={12} align="flex-start">
          <ChartIcon
            repository={chart.repository}
            chart={chart.chart}
            version={chart.version}
            hasIcon={chart.hasIcon}
          />
          <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Flex gap={6} align="baseline" wrap>
              <Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>
                {chart.chart}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {chart.version}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2 }}
              style={{ margin: 0, minHeight: token.lineHeight * token.fontSize * 2 }}
            >
              {chart.description || t('apps.noDescription')}
            </Typography.Paragraph>
            <Space size={4} wrap>
              <Tag>{chart.repository}</Tag>
              {chart.appVersion && (
                <Tag bordered={false}>{t('apps.appVersion', { version: chart.appVersion })}</Tag>
              )}
              {chart.category && <Tag color="blue">{chart.category}</Tag>}
              {chart.deprecated && <Tag color="warning">{t('apps.deprecated')}</Tag>}
              {chart.prerelease && <Tag color="purple">{t('apps.prerelease')}</Tag>}
            </Space>
          </Flex>
        </Flex>
      </Card>
    </Link>
  );
}
