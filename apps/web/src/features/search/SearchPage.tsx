import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveUpdates } from '../../app/live.ts';
import { FreshnessTag } from '../resources/FreshnessNotice.tsx';
import { type Found, resourcesApi } from '../resources/resources-api.ts';
import { SearchHelp } from './SearchHelp.tsx';
import { DEFAULT_KINDS, linkOf, parseQuery, searchParamsOf } from './search-query.ts';

const PAGE = 100;

/**
 * One box over every cluster's stored resources (kinds, labels, namespaces, clusters, names; the
 * query stays in the address), results grouped by cluster with how current each cluster's part is.
 */
export default function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const [draft, setDraft] = useState(text);
  // The address changes without the box (back, a link): the box follows it.
  useEffect(() => setDraft(text), [text]);
  const submit = (value: string) => setParams(value.trim() ? { q: value.trim() } : {});

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('search.title')}
      </Typography.Title>
      <Flex gap={8}>
        <Input.Search
          size="large"
          allowClear
          enterButton={t('search.submit')}
          aria-label={t('search.box')}
          placeholder={t('search.placeholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onSearch={submit}
          style={{ flex: 1 }}
        />
        <SearchHelp />
      </Flex>
      {text.trim() ? (
        <SearchResults key={text} text={text} />
      ) : (
        <Card size="small">
          <Empty description={t('search.start')} />
        </Card>
      )}
    </Flex>
  );
}

/** The answer to one query, page by page (a new query starts again at its first page). */
function SearchResults({ text }: { text: string }) {
  const { t, format } = useI18n();
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const parsed = parseQuery(text);
  const request = searchParamsOf(parsed, {
    limit: PAGE,
    ...(tokens[page] ? { continue: tokens[page] } : {}),
  });
  const found = useQuery({
    queryKey: ['search', request],
    queryFn: () => resourcesApi.search(request),
    placeholderData: keepPreviousData,
  });
  useLiveUpdates(['search'], {
    kinds: parsed.kinds.length ? parsed.kinds : DEFAULT_KINDS,
    ...(parsed.clusters.length ? { clusters: parsed.clusters } : {}),
    ...(parsed.namespaces.length ? { namespaces: parsed.namespaces } : {}),
  });

  const data = found.data;
  const items = data?.items ?? [];
  const groups = new Map<string, Found[]>();
  for (const item of items) groups.set(item.cluster, [...(groups.get(item.cluster) ?? []), item]);
  const quiet = (data?.clusters ?? []).filter((cluster) => !groups.has(cluster.name));
  const first = page * PAGE;
  const total = first + items.length + (data?.remaining ?? 0);
  const now = Date.now();

  return (
    <Flex vertical gap={12}>
      {found.error && <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />}
      {data && (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary" data-testid="search-count">
            {t(data.estimated ? 'search.countAbout' : 'search.count', {
              count: format.number(total),
              clusters: format.number(data.clusters.length),
            })}
          </Typography.Text>
          {quiet.length > 0 && (
            <Space size={[4, 4]} wrap>
              <Typography.Text type="secondary">{t('search.noneIn')}</Typography.Text>
              {quiet.map((cluster) => (
                <Space key={cluster.name} size={2}>
                  <Typography.Text>{cluster.name}</Typography.Text>
                  <FreshnessTag freshness={cluster} />
                </Space>
              ))}
            </Space>
          )}
        </Flex>
      )}
      {data && items.length === 0 && (
        <Card size="small">
          <Empty description={t('search.nothing')} />
        </Card>
      )}
      {[...groups].map(([cluster, rows]) => {
        const freshness = data?.clusters.find((entry) => entry.name === cluster);
        return (
          <Card
            key={cluster}
            size="small"
            data-cluster={cluster}
            title={
              <Space>
                <Link to={`/clusters/${encodeURIComponent(cluster)}`}>{cluster}</Link>
                {freshness && <FreshnessTag freshness={freshness} />}
              </Space>
            }
            extra={
              <Typography.Text type="secondary">
                {t('search.inCluster', { count: format.number(rows.length) })}
              </Typography.Text>
            }
          >
            <Table<Found>
              size="small"
              rowKey="uid"
              dataSource={rows}
              pagination={false}
              loading={found.isFetching && found.isPlaceholderData}
              columns={[
                {
                  title: t('search.kind'),
                  key: 'kind',
                  width: 160,
                  render: (_, item) => <Tag>{item.kind}</Tag>,
                },
                {
                  title: t('resources.namespace'),
                  key: 'namespace',
                  width: 180,
                  render: (_, item) => item.namespace || '–',
                },
                {
                  title: t('resources.name'),
                  key: 'name',
                  render: (_, item) => <Link to={linkOf(item)}>{item.name}</Link>,
                },
                {
                  title: t('resources.labels'),
                  key: 'labels',
                  render: (_, item) => (
                    <Space size={[2, 2]} wrap>
                      {Object.entries(item.labels)
                        .slice(0, 4)
                        .map(([key, value]) => (
                          <Tag key={key} style={{ marginInlineEnd: 0 }}>
                            {key}={value}
                          </Tag>
                        ))}
                    </Space>
                  ),
                },
                {
                  title: t('search.phase'),
                  key: 'phase',
                  width: 120,
                  render: (_, item) => item.phase ?? '–',
                },
                {
                  title: t('resources.age'),
                  key: 'age',
                  width: 140,
                  render: (_, item) =>
                    item.createdAt ? (
                      <Tooltip title={format.dateTime(item.createdAt)}>
                        {format.ago(item.createdAt, now)}
                      </Tooltip>
                    ) : (
                      '–'
                    ),
                },
              ]}
            />
          </Card>
        );
      })}
      {data && (page > 0 || data.continue) && (
        <Flex justify="flex-end" gap={8} align="center">
          <Typography.Text type="secondary">
            {t('resources.showing', {
              from: format.number(first + 1),
              to: format.number(first + items.length),
            })}
          </Typography.Text>
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('resources.previousPage')}
          </Button>
          <Button
            disabled={!data.continue}
            onClick={() => {
              setTokens((known) => [...known.slice(0, page + 1), data.continue]);
              setPage(page + 1);
            }}
          >
            {t('resources.nextPage')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
