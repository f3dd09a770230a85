import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CursorPager } from '../../app/CursorPager.tsx';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useAddress, useCursorPages } from '../../app/use-search-table.ts';
import { useDebounced } from '../people/list-address.ts';
import { peopleApi } from '../people/people-api.ts';
import { ClusterSelect } from '../people/pickers.tsx';
import { durationWords } from './duration.ts';
import { TranscriptDrawer } from './TranscriptDrawer.tsx';
import { type TerminalRecord, terminalsApi } from './terminals-api.ts';
import { useNow } from './use-now.ts';

const PAGE_SIZES = [25, 50, 100, 200] as const;
const REASON_COLOR: Record<string, string> = { revoked: 'error', failed: 'error', idle: 'warning' };

/**
 * Every web terminal session, for platform Admins: who, which cluster, when and how long, why it
 * ended, bytes typed and printed, and the transcript where one was kept. Newest first, by cursor.
 */
export default function TerminalHistoryPage() {
  const { t, format } = useI18n();
  const [params, change] = useAddress();
  const user = params.get('user') ?? undefined;
  const userName = params.get('userName') ?? undefined;
  const cluster = params.get('cluster') ?? undefined;
  const size = Number(params.get('size'));
  const limit = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50;
  const pages = useCursorPages(JSON.stringify([user, cluster, limit]));
  const history = useQuery({
    queryKey: ['terminals', 'history', user, cluster, limit, pages.cursor],
    queryFn: () => terminalsApi.history({ user, cluster, limit, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const [viewing, setViewing] = useState<TerminalRecord>();
  const items = history.data?.items ?? [];
  const now = useNow(items.some((record) => !record.endedAt));
  const filtered = Boolean(user || cluster);

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('terminals.history.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('terminals.history.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <UserIdSelect
            value={user ? { id: user, name: userName ?? user } : undefined}
            onChange={(picked) => change({ user: picked?.id, userName: picked?.name })}
          />
          <ClusterSelect
            style={{ width: 200 }}
            aria-label={t('terminals.history.cluster')}
            placeholder={t('terminals.history.anyCluster')}
            value={cluster}
            onChange={(value) => change({ cluster: value })}
          />
          {filtered && (
            <Button onClick={() => change({ user: undefined, userName: undefined, cluster: undefined })}>
              {t('terminals.history.clear')}
            </Button>
          )}
        </Space>
        {history.error && <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />}
        <Table<TerminalRecord>
          size="small"
          rowKey="id"
          loading={history.isFetching && !history.data}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t(filtered ? 'terminals.history.noMatch' : 'terminals.history.empty') }}
          columns={[
            {
              title: t('terminals.history.user'),
              key: 'user',
              render: (_, record) => (
                <Typography.Link
                  title={t('terminals.history.filterUser', { user: record.user.name })}
                  onClick={() => change({ user: record.user.id, userName: record.user.name })}
                >
                  {record.user.name}
                </Typography.Link>
              ),
            },
            {
              title: t('terminals.history.cluster'),
              key: 'cluster',
              render: (_, record) => (
                <Link to={`/clusters/${encodeURIComponent(record.cluster)}`}>{record.cluster}</Link>
              ),
            },
            {
              title: t('terminals.history.started'),
              key: 'started',
              render: (_, record) => (
                <span title={record.startedAt}>{format.dateTime(record.startedAt)}</span>
              ),
            },
            {
              title: t('terminals.history.ended'),
              key: 'ended',
              render: (_, record) =>
                record.endedAt ? (
                  <span title={record.endedAt}>{format.dateTime(record.endedAt)}</span>
                ) : (
                  <Tag color="processing">{t('terminals.history.open')}</Tag>
                ),
            },
            {
              title: t('terminals.history.duration'),
              key: 'duration',
              align: 'right',
              render: (_, record) =>
                durationWords(
                  t,
                  (record.endedAt ? Date.parse(record.endedAt) : now) - Date.parse(record.startedAt),
                ),
            },
            {
              title: t('terminals.history.reason'),
              key: 'reason',
              render: (_, record) =>
                record.endReason ? (
                  <Tag color={REASON_COLOR[record.endReason] ?? 'default'}>
                    {t(`terminals.reason.${record.endReason}`)}
                  </Tag>
                ) : (
                  '–'
                ),
            },
            {
              title: t('terminals.history.bytesIn'),
              key: 'in',
              align: 'right',
              render: (_, record) => format.bytes(record.bytesIn),
            },
            {
              title: t('terminals.history.bytesOut'),
              key: 'out',
              align: 'right',
              render: (_, record) => format.bytes(record.bytesOut),
            },
            {
              title: t('terminals.history.transcript'),
              key: 'transcript',
              render: (_, record) =>
                record.hasTranscript ? (
                  <Space size={4}>
                    <Button size="small" onClick={() => setViewing(record)}>
                      {t('terminals.history.view')}
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      href={terminalsApi.transcriptUrl(record.id)}
                      download={`terminal-${record.cluster}-${record.id}.txt`}
                    >
                      {t('terminals.transcript.download')}
                    </Button>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('terminals.history.noTranscript')}</Typography.Text>
                ),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" data-testid="terminal-history-count">
            {t('terminals.history.count', {
              page: format.number(pages.page + 1),
              count: format.number(items.length),
            })}
          </Typography.Text>
          <CursorPager
            pages={pages}
            next={history.data?.nextCursor ?? undefined}
            waiting={history.isPlaceholderData}
            size={limit}
            sizes={PAGE_SIZES}
            onSize={(next) => change({ size: next === 50 ? undefined : String(next) })}
            labels={{
              previous: t('terminals.history.previous'),
              next: t('terminals.history.next'),
              size: (count) => t('terminals.history.perPage', { count }),
            }}
          />
        </Flex>
      </Card>
      {viewing && <TranscriptDrawer record={viewing} onClose={() => setViewing(undefined)} />}
    </Flex>
  );
}

/** A user picked by name, searched on the server as one types; the history filters by the user's id. */
function UserIdSelect(props: {
  value: { id: string; name: string } | undefined;
  onChange(value: { id: string; name: string } | undefined): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const typed = useDebounced(text.trim());
  const users = useQuery({
    queryKey: ['terminals', 'users', typed],
    queryFn: () => peopleApi.users({ limit: 20, ...(typed ? { q: typed } : {}) }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const options = (users.data?.items ?? []).map((user) => ({ value: user.id, label: user.username }));
  if (props.value && !options.some((option) => option.value === props.value?.id))
    options.unshift({ value: props.value.id, label: props.value.name });
  return (
    <Select<string>
      allowClear
      style={{ width: 200 }}
      aria-label={t('terminals.history.user')}
      placeholder={t('terminals.history.anyUser')}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      notFoundContent={users.isFetching ? <Spin size="small" /> : undefined}
      value={props.value?.id}
      options={options}
      onChange={(id) => {
        const picked = options.find((option) => option.value === id);
        props.onChange(picked ? { id: picked.value, name: picked.label } : undefined);
      }}
      onOpenChange={(open) => !open && setText('')}
    />
  );
}
