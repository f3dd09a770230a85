import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { describeCron } from '../create/cron-reading.ts';
import { backupPath, backupsApi } from './backups-api.ts';
import { PlanDrawer } from './PlanDrawer.tsx';
import { namespacesText } from './plan-form.ts';
import { mayWrite } from './reach.ts';
import { BackupStateCell } from './tags.tsx';
import type { BackupPlan } from './types.ts';

/** Backup plans: what each takes, when, how long it keeps, where; Run now, edit, delete. */
export function PlansTab() {
  const { t, format, locale } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ plan?: BackupPlan }>();
  const plans = useQuery({
    queryKey: ['backups', 'plans'],
    queryFn: backupsApi.plans,
    refetchInterval: (q) =>
      q.state.data?.items.some((plan) => plan.lastBackup?.state === 'running') ? 2_000 : 30_000,
  });
  const refused = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : String(error));
  const run = useMutation({
    mutationFn: backupsApi.runPlan,
    onSuccess: (started) => {
      void message.success(t('backups.plans.started', { id: started.id }));
      void queryClient.invalidateQueries({ queryKey: ['backups'] });
      navigate(backupPath(started.id));
    },
    onError: refused,
  });
  const remove = useMutation({
    mutationFn: backupsApi.removePlan,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['backups', 'plans'] }),
    onError: refused,
  });
  const confirmRemove = (plan: BackupPlan) =>
    modal.confirm({
      title: t('backups.plans.deleteTitle', { name: plan.name }),
      content: t('backups.plans.deleteBody'),
      okText: t('backups.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(plan.name),
    });
  const retention = ({ count, maxAgeDays }: BackupPlan['retention']) =>
    count && maxAgeDays
      ? t('backups.plans.retentionBoth', { count, days: maxAgeDays })
      : count
        ? t('backups.plans.retentionCount', { count })
        : maxAgeDays
          ? t('backups.plans.retentionDays', { days: maxAgeDays })
          : t('backups.plans.retentionAll');
  const writer = can('backups:write', { somewhere: true });
  const now = Date.now();

  return (
    <Flex vertical gap={8}>
      {writer && (
        <Flex justify="flex-end">
          <Button type="primary" onClick={() => setEditing({})}>
            {t('backups.plans.new')}
          </Button>
        </Flex>
      )}
      {plans.error && <ErrorNotice error={plans.error} onRetry={() => void plans.refetch()} />}
      <Table<BackupPlan>
        size="small"
        rowKey="name"
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.plans.empty')} />,
        }}
        columns={[
          {
            title: t('backups.name'),
            key: 'name',
            render: (_, plan) => (
              <Typography.Text strong data-plan={plan.name}>
                {plan.name}
              </Typography.Text>
            ),
          },
          { title: t('backups.cluster'), dataIndex: 'cluster', key: 'cluster' },
          {
            title: t('backups.namespaces'),
            key: 'namespaces',
            render: (_, plan) => (
              <Typography.Text ellipsis style={{ maxWidth: 200 }}>
                {namespacesText(plan.namespaces, t('backups.allNamespaces'))}
              </Typography.Text>
            ),
          },
          {
            title: t('backups.plans.schedule'),
            key: 'schedule',
            render: (_, plan) => {
              if (!plan.schedule)
                return <Typography.Text type="secondary">{t('backups.plans.manual')}</Typography.Text>;
              const read = describeCron(plan.schedule, 'UTC', t, locale);
              return (
                <Tooltip title={plan.schedule}>
                  <Flex vertical>
                    <span>{read.ok ? read.text : plan.schedule}</span>
                    {plan.nextRunAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('backups.plans.nextRun')}: {format.dateTime(plan.nextRunAt)}
                      </Typography.Text>
                    )}
                  </Flex>
                </Tooltip>
              );
            },
          },
          {
            title: t('backups.plans.retention'),
            key: 'retention',
            render: (_, plan) => retention(plan.retention),
          },
          { title: t('backups.destination'), dataIndex: 'destination', key: 'destination' },
          {
            title: t('backups.plans.lastBackup'),
            key: 'last',
            render: (_, plan) =>
              plan.lastBackup ? (
                <Space size={4}>
                  <BackupStateCell backup={plan.lastBackup} />
                  <Link to={backupPath(plan.lastBackup.id)}>
                    {format.ago(plan.lastBackup.startedAt, now)}
                  </Link>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('backups.never')}</Typography.Text>
              ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, plan) =>
              mayWrite(can, plan.cluster, plan.namespaces) && (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    loading={run.isPending && run.variables === plan.name}
                    disabled={plan.lastBackup?.state === 'running'}
                    onClick={() => run.mutate(plan.name)}
                  >
                    {t('backups.plans.runNow')}
                  </Button>
                  <Button size="small" onClick={() => setEditing({ plan })}>
                    {t('backups.edit')}
                  </Button>
                  <Button size="small" danger onClick={() => confirmRemove(plan)}>
                    {t('backups.delete')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <PlanDrawer open={Boolean(editing)} plan={editing?.plan} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
