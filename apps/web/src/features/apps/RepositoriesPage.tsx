import type { ChartRepository } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Empty,
  Flex,
  Result,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi } from './apps-api.ts';
import { INTERVALS, RepositoryDrawer } from './RepositoryDrawer.tsx';

const STATUS_COLORS = { new: 'default', ready: 'success', failed: 'error' } as const;

/** /apps/repositories: where the catalogue's charts come from (platform Admins change them). */
export default function RepositoriesPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<ChartRepository | undefined>();
  const adding = params.get('add') === '1';
  const list = useQuery({ queryKey: ['apps', 'repositories'], queryFn: appsApi.repositories });
  const isAdmin = can('charts:write', 'platform');
  const refresh = useMutation({
    mutationFn: (name: string) => appsApi.refresh(name),
    onSuccess: (repository) => {
      if (repository.status === 'failed')
        message.error(
          t('apps.repos.refreshFailed', { name: repository.name, reason: repository.reason ?? '' }),
        );
      else message.success(t('apps.repos.refreshed', { name: repository.name }));
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
    },
    onError: (error) => message.error(error.message),
  });
  const remove = (name: string) =>
    modal.confirm({
      title: t('apps.repos.removeTitle', { name }),
      content: t('apps.repos.removeBody'),
      okText: t('apps.repos.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await appsApi.remove(name);
          message.success(t('apps.repos.removed', { name }));
          void queryClient.invalidateQueries({ queryKey: ['apps'] });
        } catch (error) {
          message.error((error as Error).message);
        }
      },
    });
  const closeDrawer = () => {
    setEditing(undefined);
    if (adding) setParams({}, { replace: true });
  };
  const now = Date.now();
  const intervalLabel = (seconds: number) =>
    (INTERVALS as readonly number[]).includes(seconds)
      ? t(`apps.repos.interval.${seconds as (typeof INTERVALS)[number]}`)
      : t('apps.repos.interval.other', { seconds });

  if (!isAdmin && list.error) return <Result status="403" title={list.error.message} />;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[{ title: <Link to="/apps">{t('apps.chart.back')}</Link> }, { title: t('apps.repos.title') }]}
      />
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('apps.repos.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('apps.repos.intro')}</Typography.Text>
        </div>
        {isAdmin && (
          <Button type="primary" onClick={() => setParams({ add: '1' }, { replace: true })}>
            {t('apps.repos.add')}
          </Button>
        )}
      </Flex>
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      <Card size="small">
        <Table<ChartRepository>
          size="small"
          rowKey="name"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('apps.repos.empty')} /> }}
          columns={[
            {
              title: t('apps.repos.col.name'),
              dataIndex: 'name',
              render: (name: string) => (
                <Link to={`/apps?repository=${encodeURIComponent(name)}`}>{name}</Link>
              ),
            },
            {
              title: t('apps.repos.col.url'),
              dataIndex: 'url',
              render: (url: string, row) => (
                <Flex vertical gap={2}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {url}
                  </Typography.Text>
                  <Space size={4} wrap>
                    {row.hasPassword && <Tag>{t('apps.repos.auth')}</Tag>}
                    {row.hasCa && <Tag>{t('apps.repos.ca')}</Tag>}
                    {row.skipTlsVerify && <Tag color="warning">{t('apps.repos.tls')}</Tag>}
                  </Space>
                </Flex>
              ),
            },
            {
              title: t('apps.repos.col.status'),
              dataIndex: 'status',
              render: (status: ChartRepository['status'], row) => (
                <Flex vertical gap={2} style={{ maxWidth: 360 }}>
                  <span>
                    <Tag color={STATUS_COLORS[status]} data-status={status}>
                      {t(`apps.repos.status.${status}`)}
                    </Tag>
                    {row.problem && <Tag color="error">{t(`apps.repos.problem.${row.problem}`)}</Tag>}
                  </span>
                  {row.reason && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="repository-reason">
                      {row.reason}
                    </Typography.Text>
                  )}
                  {status === 'failed' && row.lastGoodAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('apps.repos.lastGood', { when: format.dateTime(row.lastGoodAt) })}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('apps.repos.col.charts'),
              dataIndex: 'chartCount',
              render: (charts: number, row) =>
                t('apps.repos.chartsCount', {
                  charts: format.number(charts),
                  versions: format.number(row.versionCount),
                }),
            },
            {
              title: t('apps.repos.col.refreshed'),
              dataIndex: 'lastRefreshAt',
              render: (at: string | null) =>
                at ? (
                  <Tooltip title={format.dateTime(at)}>{format.ago(at, now)}</Tooltip>
                ) : (
                  t('apps.repos.never')
                ),
            },
            { title: t('apps.repos.col.interval'), dataIndex: 'intervalSeconds', render: intervalLabel },
            ...(isAdmin
              ? [
                  {
                    title: t('apps.repos.col.actions'),
                    key: 'actions',
                    render: (_: unknown, row: ChartRepository) => (
                      <Space size={4} wrap>
                        <Button
                          size="small"
                          loading={refresh.isPending && refresh.variables === row.name}
                          onClick={() => refresh.mutate(row.name)}
                        >
                          {t('apps.repos.refresh')}
                        </Button>
                        <Button size="small" onClick={() => setEditing(row)}>
                          {t('apps.repos.edit')}
                        </Button>
                        <Button size="small" danger onClick={() => remove(row.name)}>
                          {t('apps.repos.remove')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {isAdmin && (
        <RepositoryDrawer open={adding || editing !== undefined} editing={editing} onClose={closeDrawer} />
      )}
    </Flex>
  );
}
