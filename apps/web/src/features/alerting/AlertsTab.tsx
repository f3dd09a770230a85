import type { AlertLevel, AlertQuery, AlertView } from '@portolan/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useAddress } from '../../app/use-search-table.ts';
import { AlertDrawer } from './AlertDrawer.tsx';
import { alertingApi } from './alerting-api.ts';
import { useHeldBack } from './held-back.ts';
import { ListPager, usePager } from './ListPager.tsx';
import { alertText } from './reason-text.ts';
import { ALERT_LEVELS, AlertStateTag, LevelTag } from './tags.tsx';

const SIZES = [25, 50, 100] as const;
const STATES = ['active', 'firing', 'silenced', 'inhibited', 'resolved', 'all'] as const;
/** Alerts change as rules are evaluated: the list is read again this often. */
const POLL_MS = 10_000;

/** Active alerts (or their history), with counts by level, filters in the address and cursor pages. */
export function AlertsTab() {
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  const [params, change] = useAddress();
  const [open, setOpen] = useState<string>();
  const filters = {
    state: (params.get('state') ?? 'active') as NonNullable<AlertQuery['state']>,
    level: (params.get('level') || undefined) as AlertLevel | undefined,
    cluster: params.get('cluster') || undefined,
    namespace: params.get('namespace') || undefined,
    rule: params.get('rule') || undefined,
  };
  const pager = usePager(SIZES, 50, filters);
  const query: AlertQuery = { ...filters, limit: pager.size, cursor: pager.cursor };
  const alerts = useQuery({
    queryKey: ['alerting', 'alerts', query],
    queryFn: () => alertingApi.alerts(query),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const rules = useQuery({ queryKey: ['alerting', 'rules'], queryFn: alertingApi.rules });
  const heldBack = useHeldBack();
  const offline = new Set(
    (clusters.data?.items ?? [])
      .filter((cluster) => cluster.status !== 'Ready')
      .map((cluster) => cluster.name),
  );
  const counts = alerts.data?.counts;
  const now = Date.now();
  const filtered = Boolean(filters.level || filters.cluster || filters.namespace || filters.rule);
  const levelColors: Record<AlertLevel, string> = {
    critical: token.colorError,
    warning: token.colorWarning,
    info: token.colorInfo,
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap>
        {ALERT_LEVELS.map((level) => (
          <Card
            key={level}
            size="small"
            hoverable
            style={{ minWidth: 160, borderColor: filters.level === level ? levelColors[level] : undefined }}
            onClick={() => change({ level: filters.level === level ? undefined : level })}
            data-count={level}
          >
            <Statistic
              title={t(`alerting.level.${level}`)}
              value={counts ? format.number(counts[level]) : '–'}
              styles={{ content: { color: counts?.[level] ? levelColors[level] : undefined } }}
            />
          </Card>
        ))}
      </Flex>
      <Card size="small">
        <Flex vertical gap={8}>
          <Space wrap>
            <Select
              style={{ width: 150 }}
              aria-label={t('alerting.col.state')}
              value={filters.state}
              onChange={(value) => change({ state: value === 'active' ? undefined : value })}
              options={STATES.map((state) => ({ value: state, label: t(`alerting.filter.${state}`) }))}
            />
            <Select
              style={{ width: 140 }}
              aria-label={t('alerting.col.level')}
              value={filters.level ?? ''}
              onChange={(value) => change({ level: value })}
              options={[
                { value: '', label: t('alerting.anyLevel') },
                ...ALERT_LEVELS.map((level) => ({ value: level, label: t(`alerting.level.${level}`) })),
              ]}
            />
            <Select
              style={{ width: 180 }}
              showSearch
              aria-label={t('alerting.col.cluster')}
              value={filters.cluster ?? ''}
              onChange={(value) => change({ cluster: value })}
              options={[
                { value: '', label: t('alerting.allClusters') },
                ...(clusters.data?.items ?? []).map((cluster) => ({
                  value: cluster.name,
                  label: cluster.name,
                })),
              ]}
            />
            <Input.Search
              allowClear
              style={{ width: 180 }}
              placeholder={t('alerting.col.namespace')}
              aria-label={t('alerting.col.namespace')}
              defaultValue={filters.namespace}
              onSearch={(value) => change({ namespace: value.trim() })}
            />
            <Select
              style={{ width: 200 }}
              showSearch
              aria-label={t('alerting.col.rule')}
              value={filters.rule ?? ''}
              onChange={(value) => change({ rule: value })}
              options={[
                { value: '', label: t('alerting.anyRule') },
                ...(rules.data?.items ?? []).map((rule) => ({ value: rule.name, label: rule.name })),
              ]}
            />
          </Space>
          {alerts.error && <ErrorNotice error={alerts.error} onRetry={() => void alerts.refetch()} />}
          <Table<AlertView>
            size="small"
            rowKey="id"
            loading={alerts.isPending || alerts.isPlaceholderData}
            dataSource={alerts.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(alert) => ({ onClick: () => setOpen(alert.id), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    filtered
                      ? t('alerting.alerts.emptyFiltered')
                      : filters.state === 'resolved'
                        ? t('alerting.alerts.emptyHistory')
                        : t('alerting.alerts.empty')
                  }
                />
              ),
            }}
            columns={[
              {
                title: t('alerting.col.level'),
                key: 'level',
                render: (_, alert) => <LevelTag level={alert.level} />,
              },
              {
                title: t('alerting.col.summary'),
                key: 'summary',
                render: (_, alert) => (
                  <Typography.Link data-alert={alert.rule}>
                    {alertText(t, alert).summary || alert.rule}
                  </Typography.Link>
                ),
              },
              {
                title: t('alerting.col.state'),
                key: 'state',
                render: (_, alert) => (
                  <Flex vertical align="flex-start" gap={2}>
                    <AlertStateTag state={alert.state} />
                    {alert.state !== 'firing' && alert.state !== 'resolved' && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-reason={alert.state}>
                        {heldBack(alert)}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('alerting.col.cluster'),
                key: 'cluster',
                render: (_, alert) => {
                  const cluster = alert.labels.cluster;
                  if (!cluster) return '–';
                  return offline.has(cluster) ? (
                    <Tooltip title={t('alerting.clusterNotReady')}>
                      <Space size={4}>
                        {cluster}
                        <Tag color="warning">{t('alerting.notReady')}</Tag>
                      </Space>
                    </Tooltip>
                  ) : (
                    cluster
                  );
                },
              },
              {
                title: t('alerting.col.namespace'),
                key: 'namespace',
                render: (_, alert) => alert.labels.namespace ?? '–',
              },
              { title: t('alerting.col.rule'), dataIndex: 'rule', key: 'rule' },
              {
                title: t('alerting.col.value'),
                key: 'value',
                align: 'right',
                render: (_, alert) => (alert.value === undefined ? '–' : format.number(alert.value)),
              },
              {
                title: t('alerting.col.since'),
                key: 'since',
                render: (_, alert) => (
                  <Tooltip title={format.dateTime(alert.startsAt)}>
                    {alert.endsAt
                      ? t('alerting.resolvedAgo', { ago: format.ago(alert.endsAt, now) })
                      : format.ago(alert.startsAt, now)}
                  </Tooltip>
                ),
              },
            ]}
          />
          <ListPager pager={pager} next={alerts.data?.next} waiting={alerts.isPlaceholderData} />
        </Flex>
      </Card>
      <AlertDrawer id={open} onClose={() => setOpen(undefined)} />
    </Flex>
  );
}
