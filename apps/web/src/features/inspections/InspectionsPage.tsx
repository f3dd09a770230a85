import type { InspectionConfigView, InspectionRunQuery, InspectionRunView } from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { ListPager, usePager } from '../alerting/ListPager.tsx';
import { describeCron } from '../create/cron-reading.ts';
import { ConfigDrawer } from './ConfigDrawer.tsx';
import { inspectionsApi, runPath } from './inspections-api.ts';
import { RunStateTag, ScoreBar } from './tags.tsx';

const SIZES = [20, 50, 100] as const;

/** /inspections: configurations per cluster (Run now, edit, delete) and the history of their runs. */
export default function InspectionsPage() {
  const { t, format, locale } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ config?: InspectionConfigView }>();
  const [filter, setFilter] = useState('');
  const configs = useQuery({
    queryKey: ['inspections', 'configs'],
    queryFn: inspectionsApi.configs,
    refetchInterval: (query) =>
      query.state.data?.items.some((config) => config.lastRun?.state === 'running') ? 3_000 : 30_000,
  });
  const pager = usePager(SIZES, 20, filter);
  const runQuery: InspectionRunQuery = {
    ...(filter ? { config: filter } : {}),
    limit: pager.size,
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
  };
  const runs = useQuery({
    queryKey: ['inspections', 'runs', runQuery],
    queryFn: () => inspectionsApi.runs(runQuery),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((run) => run.state === 'running') ? 3_000 : 30_000,
  });
  const refused = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : String(error));
  const run = useMutation({
    mutationFn: (name: string) => inspectionsApi.run(name),
    onSuccess: (started) => {
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      navigate(runPath(started.id));
    },
    onError: refused,
  });
  const remove = useMutation({
    mutationFn: (name: string) => inspectionsApi.removeConfig(name),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['inspections'] }),
    onError: refused,
  });
  const confirmRemove = (config: InspectionConfigView) =>
    modal.confirm({
      title: t('inspections.config.deleteTitle', { name: config.name, cluster: config.spec.cluster }),
      content: t('inspections.config.deleteBody'),
      okText: t('inspections.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(config.name),
    });
  const writer = can('inspections:write', { somewhere: true });
  const now = Date.now();

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('inspections.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('inspections.intro')}</Typography.Text>
        </div>
        {writer && (
          <Button type="primary" onClick={() => setEditing({})}>
            {t('inspections.config.new')}
          </Button>
        )}
      </Flex>
      <Card size="small" title={t('inspections.configs')}>
        {configs.error && <ErrorNotice error={configs.error} onRetry={() => void configs.refetch()} />}
        <Table<InspectionConfigView>
          size="small"
          rowKey="name"
          loading={configs.isPending}
          dataSource={configs.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.configsEmpty')}>
                {writer && (
                  <Button type="primary" onClick={() => setEditing({})}>
                    {t('inspections.config.new')}
                  </Button>
                )}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('inspections.name'),
              key: 'name',
              render: (_, config) => (
                <Flex vertical data-config={config.name}>
                  <Typography.Text strong>{config.name}</Typography.Text>
                  {config.spec.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {config.spec.description}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            { title: t('inspections.cluster'), key: 'cluster', render: (_, config) => config.spec.cluster },
            {
              title: t('inspections.config.schedule'),
              key: 'schedule',
              render: (_, config) => {
                if (!config.spec.schedule)
                  return <Typography.Text type="secondary">{t('inspections.onDemand')}</Typography.Text>;
                const read = describeCron(config.spec.schedule, 'UTC', t, locale);
                return (
                  <Tooltip title={config.spec.schedule}>
                    <Flex vertical>
                      <span>{read.ok ? read.text : config.spec.schedule}</span>
                      {config.nextRun && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('inspections.nextRun', { at: format.dateTime(config.nextRun) })}
                        </Typography.Text>
                      )}
                    </Flex>
                  </Tooltip>
                );
              },
            },
            {
              title: t('inspections.lastRun'),
              key: 'last',
              render: (_, config) =>
                config.lastRun ? (
                  <Space>
                    <RunStateTag run={config.lastRun} />
                    <ScoreBar run={config.lastRun} />
                    <Link to={runPath(config.lastRun.id)}>{format.ago(config.lastRun.startedAt, now)}</Link>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('inspections.never')}</Typography.Text>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, config) =>
                can('inspections:write', { cluster: config.spec.cluster }) && (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="primary"
                      loading={run.isPending && run.variables === config.name}
                      disabled={config.lastRun?.state === 'running'}
                      onClick={() => run.mutate(config.name)}
                    >
                      {t('inspections.runNow')}
                    </Button>
                    <Button size="small" onClick={() => setEditing({ config })}>
                      {t('inspections.edit')}
                    </Button>
                    <Button size="small" danger onClick={() => confirmRemove(config)}>
                      {t('inspections.delete')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('inspections.history')}
        extra={
          <Select
            style={{ width: 220 }}
            aria-label={t('inspections.configs')}
            value={filter}
            onChange={setFilter}
            options={[
              { value: '', label: t('inspections.allConfigs') },
              ...(configs.data?.items ?? []).map((config) => ({ value: config.name, label: config.name })),
            ]}
          />
        }
      >
        {runs.error && <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />}
        <Table<InspectionRunView>
          size="small"
          rowKey="id"
          loading={runs.isPending || runs.isPlaceholderData}
          dataSource={runs.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(entry) => ({ onClick: () => navigate(runPath(entry.id)), style: { cursor: 'pointer' } })}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.runsEmpty')} />
            ),
          }}
          columns={[
            {
              title: t('inspections.startedAt'),
              key: 'at',
              render: (_, entry) => (
                <Tooltip title={format.dateTime(entry.startedAt)}>
                  <Link to={runPath(entry.id)}>{format.ago(entry.startedAt, now)}</Link>
                </Tooltip>
              ),
            },
            { title: t('inspections.config'), dataIndex: 'config', key: 'config' },
            { title: t('inspections.cluster'), dataIndex: 'cluster', key: 'cluster' },
            {
              title: t('inspections.state'),
              key: 'state',
              render: (_, entry) => <RunStateTag run={entry} />,
            },
            { title: t('inspections.score'), key: 'score', render: (_, entry) => <ScoreBar run={entry} /> },
            {
              title: t('inspections.failed'),
              key: 'failed',
              align: 'right',
              render: (_, entry) => format.number(entry.scores?.overall?.failed ?? 0),
            },
            {
              title: t('inspections.trigger'),
              key: 'trigger',
              render: (_, entry) =>
                entry.trigger === 'manual'
                  ? t('inspections.trigger.manual', { user: entry.startedBy ?? '–' })
                  : t('inspections.trigger.schedule'),
            },
            {
              title: t('inspections.duration'),
              key: 'duration',
              align: 'right',
              render: (_, entry) =>
                entry.durationMs === undefined
                  ? '–'
                  : t('inspections.seconds', { n: format.number(entry.durationMs / 1000) }),
            },
          ]}
        />
        <ListPager
          pager={pager}
          next={runs.data?.next}
          waiting={runs.isPlaceholderData}
          style={{ marginTop: 8 }}
        />
      </Card>
      <ConfigDrawer open={Boolean(editing)} config={editing?.config} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
