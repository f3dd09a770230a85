import { PERMISSIONS } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Flex,
  type GetProps,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { ClusterSelect } from '../people/pickers.tsx';
import { type AuditFilter, type AuditOutcome, type AuditRecord, auditApi } from './audit-api.ts';

const OUTCOMES: AuditOutcome[] = ['allowed', 'denied', 'failed', 'closed'];
const OUTCOME_COLOR: Record<AuditOutcome, string> = {
  allowed: 'success',
  denied: 'warning',
  failed: 'error',
  closed: 'default',
};
/** Suggestions for the action filter: every permission, and the sign-in events as a prefix. */
const ACTIONS = ['auth.*', ...PERMISSIONS.filter((p) => p !== 'public')];
const FILTER_KEYS = ['actor', 'action', 'outcome', 'cluster', 'namespace', 'from', 'to'] as const;
const PAGE_SIZES = [25, 50, 100, 200];

/** The audit trail: filtered by the server (actor, action, outcome, cluster, time), paged, newest first. */
export default function AuditPage() {
  const { t, locale, format } = useI18n();
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, value]) => value),
  );
  const size = Number(params.get('size'));
  const pageSize = PAGE_SIZES.includes(size) ? size : 50;
  // The picker's own values (the address keeps ISO times); cleared with the filters.
  const [range, setRange] = useState<GetProps<typeof DatePicker.RangePicker>['value']>(null);
  // Pages go by cursor; a new filter or page size starts again at the first.
  const pages = useCursorPages(JSON.stringify([filter, pageSize]));
  const page = pages.page;
  const records = useQuery({
    queryKey: ['audit', filter, pageSize, pages.cursor],
    queryFn: () => auditApi.search(filter, pageSize, pages.cursor),
    placeholderData: keepPreviousData,
  });
  const setFilter = (changes: Partial<Record<(typeof FILTER_KEYS)[number] | 'size', string | undefined>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const time = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
    [locale],
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Input.Search
            key={`actor:${filter.actor ?? ''}`}
            allowClear
            style={{ width: 180 }}
            placeholder={t('audit.actor')}
            aria-label={t('audit.actor')}
            defaultValue={filter.actor}
            onSearch={(value) => setFilter({ actor: value.trim() })}
          />
          <AutoComplete<string>
            key={`action:${filter.action ?? ''}`}
            allowClear
            style={{ width: 200 }}
            placeholder={t('audit.action')}
            aria-label={t('audit.action')}
            defaultValue={filter.action}
            options={ACTIONS.map((action) => ({ value: action }))}
            showSearch={{ filterOption: (input, option) => String(option?.value).includes(input) }}
            onSelect={(value) => setFilter({ action: value })}
            onChange={(value) => {
              if (!value) setFilter({ action: undefined });
            }}
            onBlur={(event) => setFilter({ action: (event.target as HTMLInputElement).value.trim() })}
          />
          <Select<AuditOutcome | ''>
            style={{ width: 150 }}
            aria-label={t('audit.outcome')}
            value={filter.outcome ?? ''}
            onChange={(value) => setFilter({ outcome: value })}
            options={[
              { value: '', label: t('audit.anyOutcome') },
              ...OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) })),
            ]}
          />
          <ClusterSelect
            style={{ width: 180 }}
            aria-label={t('audit.cluster')}
            placeholder={t('audit.anyCluster')}
            value={filter.cluster}
            onChange={(value) => setFilter({ cluster: value })}
          />
          <DatePicker.RangePicker
            showTime
            allowEmpty={[true, true]}
            aria-label={t('audit.timeRange')}
            placeholder={[t('audit.from'), t('audit.to')]}
            value={range}
            onChange={(picked) => {
              setRange(picked);
              setFilter({ from: picked?.[0]?.toISOString(), to: picked?.[1]?.toISOString() });
            }}
          />
          {Object.keys(filter).length > 0 && (
            <Button
              onClick={() => {
                setRange(null);
                setParams({}, { replace: true });
              }}
            >
              {t('audit.clear')}
            </Button>
          )}
        </Space>
        {records.error && <ErrorNotice error={records.error} onRetry={() => void records.refetch()} />}
        <Table<AuditRecord>
          size="small"
          rowKey="id"
          loading={records.isFetching}
          dataSource={records.data?.items ?? []}
          locale={{ emptyText: t(Object.keys(filter).length ? 'audit.noMatch' : 'audit.empty') }}
          pagination={false}
          expandable={{
            expandedRowRender: (record) => (
              <pre
                style={{
                  margin: 0,
                  padding: 8,
                  fontSize: 12,
                  background: token.colorFillQuaternary,
                  borderRadius: token.borderRadius,
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-all',
                }}
              >
                {JSON.stringify(record, null, 2)}
              </pre>
            ),
          }}
          columns={[
            {
              title: t('audit.time'),
              key: 'at',
              width: 190,
              render: (_, r) => <span title={r.at}>{time.format(new Date(r.at))}</span>,
            },
            {
              title: t('audit.actor'),
              key: 'actor',
              render: (_, r) =>
                r.actor ? (
                  <Typography.Link onClick={() => setFilter({ actor: r.actor ?? undefined })}>
                    {r.actor}
                  </Typography.Link>
                ) : (
                  <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>
                ),
            },
            {
              title: t('audit.action'),
              key: 'action',
              render: (_, r) => <Typography.Text code>{r.action}</Typography.Text>,
            },
            {
              title: t('audit.request'),
              key: 'request',
              render: (_, r) => (
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                  {r.verb} {r.route}
                </Typography.Text>
              ),
            },
            {
              title: t('audit.target'),
              key: 'target',
              render: (_, r) =>
                [r.cluster, r.namespace, [r.resourceKind, r.resourceName].filter(Boolean).join(' ')]
                  .filter(Boolean)
                  .join(' / ') || '–',
            },
            {
              title: t('audit.outcome'),
              key: 'outcome',
              render: (_, r) => (
                <Tag color={OUTCOME_COLOR[r.outcome]}>
                  {t(`audit.outcome.${r.outcome}`)} {r.status}
                </Tag>
              ),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            {t(records.data?.totalIsAtLeast ? 'audit.pageOfMore' : 'audit.pageOf', {
              page: format.number(page + 1),
              count: format.number(records.data?.items.length ?? 0),
              total: format.number(records.data?.total ?? 0),
            })}
          </Typography.Text>
          <Space>
            <Select<number>
              value={pageSize}
              aria-label={t('audit.pageSize')}
              onChange={(next) => setFilter({ size: next === 50 ? undefined : String(next) })}
              options={PAGE_SIZES.map((n) => ({ value: n, label: t('audit.perPage', { count: n }) }))}
            />
            <Button disabled={page === 0} onClick={pages.previous}>
              {t('audit.newer')}
            </Button>
            <Button
              disabled={!records.data?.continue || records.isFetching}
              onClick={() => records.data?.continue && pages.next(records.data.continue)}
            >
              {t('audit.older')}
            </Button>
          </Space>
        </Flex>
      </Card>
    </Flex>
  );
}
