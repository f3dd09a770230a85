import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useAddress, useCursorPages } from '../../app/use-search-table.ts';
import { ClusterSelect } from '../people/pickers.tsx';
import { JobStateTag } from './JobStateTag.tsx';
import { durationText, kindLabel, whereOf } from './job-words.ts';
import { type JobFilter, type JobState, type JobView, jobsApi } from './jobs-api.ts';

const STATES: JobState[] = ['running', 'succeeded', 'failed', 'cancelled'];
const KINDS = ['helm.install', 'helm.upgrade', 'helm.rollback', 'helm.uninstall'];
const PAGE_SIZES = [25, 50, 100];

/**
 * The operation log: every recorded job the caller may read, newest first, filtered and paged by the
 * server. While a listed job runs, the page asks again every two seconds, so states and durations move.
 */
export default function OperationsPage() {
  const { t, format } = useI18n();
  const [params, setAddress] = useAddress();
  const filter: JobFilter = {
    ...(params.get('cluster') ? { cluster: params.get('cluster') ?? '' } : {}),
    ...(params.get('kind') ? { kind: params.get('kind') ?? '' } : {}),
    ...(STATES.includes(params.get('state') as JobState) ? { state: params.get('state') as JobState } : {}),
  };
  const size = Number(params.get('size'));
  const pageSize = PAGE_SIZES.includes(size) ? size : 50;
  const pages = useCursorPages(JSON.stringify([filter, pageSize]));
  const [now, setNow] = useState(() => Date.now());
  const jobs = useQuery({
    queryKey: ['jobs', filter, pageSize, pages.cursor],
    queryFn: async () => {
      const page = await jobsApi.list(filter, pageSize, pages.cursor);
      setNow(Date.now());
      return page;
    },
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((job) => job.state === 'running') ? 2_000 : false,
  });
  const filtered = Object.keys(filter).length > 0;

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('jobs.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('jobs.subtitle')}</Typography.Text>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <ClusterSelect
            style={{ width: 180 }}
            aria-label={t('jobs.cluster')}
            placeholder={t('jobs.anyCluster')}
            value={filter.cluster}
            onChange={(value) => setAddress({ cluster: value })}
          />
          <Select<string>
            style={{ width: 170 }}
            aria-label={t('jobs.kind')}
            value={filter.kind ?? ''}
            onChange={(value) => setAddress({ kind: value })}
            options={[
              { value: '', label: t('jobs.anyKind') },
              ...KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) })),
            ]}
          />
          <Select<string>
            style={{ width: 140 }}
            aria-label={t('jobs.state')}
            value={filter.state ?? ''}
            onChange={(value) => setAddress({ state: value })}
            options={[
              { value: '', label: t('jobs.anyState') },
              ...STATES.map((state) => ({ value: state, label: t(`jobs.state.${state}`) })),
            ]}
          />
          {filtered && (
            <Button onClick={() => setAddress({ cluster: undefined, kind: undefined, state: undefined })}>
              {t('jobs.clear')}
            </Button>
          )}
        </Space>
        {jobs.error && <ErrorNotice error={jobs.error} onRetry={() => void jobs.refetch()} />}
        <Table<JobView>
          size="small"
          rowKey="id"
          loading={jobs.isPending}
          dataSource={jobs.data?.items ?? []}
          locale={{ emptyText: t(filtered ? 'jobs.noMatch' : 'jobs.empty') }}
          pagination={false}
          columns={[
            {
              title: t('jobs.operation'),
              key: 'operation',
              render: (_, job) => (
                <Link to={`/operations/${job.id}`}>
                  {kindLabel(t, job.kind)}
                  {job.target ? ` · ${job.target}` : ''}
                </Link>
              ),
            },
            {
              title: t('jobs.where'),
              key: 'where',
              render: (_, job) => whereOf(job, t('jobs.platformWide')),
            },
            {
              title: t('jobs.state'),
              key: 'state',
              width: 110,
              render: (_, job) => <JobStateTag state={job.state} />,
            },
            { title: t('jobs.by'), key: 'by', render: (_, job) => job.createdBy.name },
            {
              title: t('jobs.started'),
              key: 'started',
              render: (_, job) => (
                <span title={format.dateTime(job.createdAt)}>{format.ago(job.createdAt, now)}</span>
              ),
            },
            {
              title: t('jobs.duration'),
              key: 'duration',
              render: (_, job) => durationText(t, job.createdAt, job.finishedAt, now),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            {t('jobs.pageOf', {
              page: format.number(pages.page + 1),
              count: format.number(jobs.data?.items.length ?? 0),
              total: format.number(jobs.data?.total ?? 0),
            })}
          </Typography.Text>
          <Space>
            <Select<number>
              value={pageSize}
              aria-label={t('jobs.pageSize')}
              onChange={(next) => setAddress({ size: next === 50 ? undefined : String(next) })}
              options={PAGE_SIZES.map((n) => ({ value: n, label: t('jobs.perPage', { count: n }) }))}
            />
            <Button disabled={pages.page === 0} onClick={pages.previous}>
              {t('jobs.newer')}
            </Button>
            <Button
              disabled={!jobs.data?.continue || jobs.isFetching}
              onClick={() => jobs.data?.continue && pages.next(jobs.data.continue)}
            >
              {t('jobs.older')}
            </Button>
          </Space>
        </Flex>
      </Card>
    </Flex>
  );
}
