import { Card, Empty, Flex, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import type { ScrapeTarget } from './monitoring-api.ts';

const HEALTH_COLOURS = { up: 'success', down: 'error', unknown: 'default' } as const;

/** Every target the engine scrapes for clusters the caller may read: health, last scrape, last error. */
export function ScrapeTargets({ targets }: { targets: ScrapeTarget[] }) {
  const { t, format } = useI18n();
  const [filter, setFilter] = useState('');
  const now = Date.now();
  const needle = filter.trim().toLowerCase();
  // The answer names no target address: several targets of one job (a kubelet per node) share cluster and job.
  const rows = targets.map((target, index) => ({ ...target, id: index }));
  const shown = needle
    ? rows.filter((target) => `${target.cluster} ${target.job}`.toLowerCase().includes(needle))
    : rows;
  const down = targets.filter((target) => target.health === 'down').length;
  return (
    <Card
      size="small"
      title={t('monitoring.targets.title')}
      extra={
        <Flex gap={8} align="center">
          <Typography.Text type={down ? 'danger' : 'secondary'}>
            {t('monitoring.targets.count', { n: format.number(targets.length), down: format.number(down) })}
          </Typography.Text>
          <Input.Search
            allowClear
            aria-label={t('monitoring.targets.filter')}
            placeholder={t('monitoring.targets.filter')}
            style={{ width: 220 }}
            onChange={(event) => setFilter(event.target.value)}
          />
        </Flex>
      }
    >
      <Table<ScrapeTarget & { id: number }>
        size="small"
        rowKey="id"
        dataSource={shown}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.targets.none')} />
          ),
        }}
        columns={[
          {
            title: t('monitoring.targets.cluster'),
            key: 'cluster',
            sorter: (a, b) => a.cluster.localeCompare(b.cluster),
            defaultSortOrder: 'ascend',
            render: (_, row) => (
              <Link to={`/clusters/${encodeURIComponent(row.cluster)}`}>{row.cluster}</Link>
            ),
          },
          {
            title: t('monitoring.targets.job'),
            key: 'job',
            sorter: (a, b) => a.job.localeCompare(b.job),
            render: (_, row) => row.job,
          },
          {
            title: t('monitoring.targets.source'),
            key: 'source',
            render: (_, row) => (row.source ? t(`monitoring.targets.source.${row.source}`) : '–'),
          },
          {
            title: t('monitoring.targets.health'),
            key: 'health',
            sorter: (a, b) => a.health.localeCompare(b.health),
            filters: (['up', 'down', 'unknown'] as const).map((value) => ({
              value,
              text: t(`monitoring.targets.health.${value}`),
            })),
            onFilter: (value, row) => row.health === value,
            render: (_, row) => (
              <Tag color={HEALTH_COLOURS[row.health]}>{t(`monitoring.targets.health.${row.health}`)}</Tag>
            ),
          },
          {
            title: t('monitoring.targets.lastScrape'),
            key: 'lastScrape',
            sorter: (a, b) => (a.lastScrape ?? '').localeCompare(b.lastScrape ?? ''),
            render: (_, row) =>
              row.lastScrape ? (
                <Tooltip title={format.dateTime(row.lastScrape)}>{format.ago(row.lastScrape, now)}</Tooltip>
              ) : (
                '–'
              ),
          },
          {
            title: t('monitoring.targets.duration'),
            key: 'duration',
            align: 'right',
            render: (_, row) =>
              row.lastScrapeDurationMs === undefined ? '–' : `${format.number(row.lastScrapeDurationMs)} ms`,
          },
          {
            title: t('monitoring.targets.samples'),
            key: 'samples',
            align: 'right',
            render: (_, row) => (row.samples === undefined ? '–' : format.number(row.samples)),
          },
          {
            title: t('monitoring.targets.lastError'),
            key: 'lastError',
            width: '40%',
            render: (_, row) =>
              row.lastError ? (
                <Typography.Paragraph
                  type="danger"
                  style={{ margin: 0, wordBreak: 'break-word' }}
                  ellipsis={{ rows: 2, expandable: true, tooltip: row.lastError }}
                >
                  {row.lastError}
                </Typography.Paragraph>
              ) : (
                '–'
              ),
          },
        ]}
      />
    </Card>
  );
}
