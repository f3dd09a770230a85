import type { AlertRuleClusterState, AlertRuleView } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi } from './alerting-api.ts';
import { RuleDrawer } from './RuleDrawer.tsx';
import { ruleStateText } from './reason-text.ts';
import { ruleFormOf, ruleSpecOf } from './rule-form.ts';
import { LevelTag } from './tags.tsx';
import { templateText } from './templates.ts';

const STATE_COLORS: Record<AlertRuleClusterState['state'], string> = {
  active: 'success',
  'source-missing': 'warning',
  'engine-unavailable': 'default',
  error: 'error',
};

/** Where a rule stands on one cluster, with what is missing there. */
function ClusterState({ state }: { state: AlertRuleClusterState }) {
  const { t } = useI18n();
  const reason =
    state.state === 'source-missing' && state.missing?.length
      ? t('alerting.rules.missing', { metrics: state.missing.join(', ') })
      : ruleStateText(t, state);
  return (
    <Tooltip title={reason}>
      <Tag
        color={STATE_COLORS[state.state]}
        data-rule-state={`${state.cluster}:${state.state}`}
        data-rule-reason={reason}
        style={{ marginBlock: 2 }}
      >
        {state.cluster}: {t(`alerting.rules.state.${state.state}`)}
      </Tag>
    </Tooltip>
  );
}

/** Alert rules: each with its state per cluster, firing count and last evaluation; new, edit, delete. */
export function RulesTab() {
  const { t, format } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ rule?: AlertRuleView }>();
  const rules = useQuery({
    queryKey: ['alerting', 'rules'],
    queryFn: alertingApi.rules,
    refetchInterval: 15_000,
  });
  const writerSomewhere = can('alerts:write', { somewhere: true });
  const writes = (rule: AlertRuleView) =>
    rule.spec.promql
      ? can('monitoring:admin', 'platform')
      : rule.spec.scope?.clusters?.length
        ? rule.spec.scope.clusters.every((cluster) => can('alerts:write', { cluster }))
        : can('alerts:write', 'platform');
  const refused = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : String(error));
  const remove = useMutation({
    mutationFn: (rule: AlertRuleView) => alertingApi.removeRule(rule.name),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['alerting'] }),
    onError: refused,
  });
  const toggle = useMutation({
    mutationFn: (rule: AlertRuleView) =>
      alertingApi.saveRule(
        rule.name,
        ruleSpecOf({ ...ruleFormOf(rule), enabled: rule.spec.enabled === false }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['alerting'] }),
    onError: refused,
  });
  const confirmRemove = (rule: AlertRuleView) =>
    modal.confirm({
      title: t('alerting.rules.deleteTitle', { name: rule.name }),
      content: t('alerting.rules.deleteBody', { count: rule.firing }),
      okText: t('alerting.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(rule),
    });
  const now = Date.now();

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('alerting.rules.intro')}</Typography.Text>
          {writerSomewhere && (
            <Button type="primary" onClick={() => setEditing({})}>
              {t('alerting.rules.new')}
            </Button>
          )}
        </Flex>
        {rules.error && <ErrorNotice error={rules.error} onRetry={() => void rules.refetch()} />}
        <Table<AlertRuleView>
          size="small"
          rowKey="name"
          loading={rules.isPending}
          dataSource={rules.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerting.rules.empty')}>
                {writerSomewhere && (
                  <Button type="primary" onClick={() => setEditing({})}>
                    {t('alerting.rules.new')}
                  </Button>
                )}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('alerting.rules.name'),
              key: 'name',
              render: (_, rule) => (
                <Flex vertical data-rule={rule.name}>
                  <Space size={4}>
                    <Typography.Text strong>{rule.name}</Typography.Text>
                    {rule.builtIn && <Tag>{t('alerting.rules.builtIn')}</Tag>}
                    {rule.spec.enabled === false && <Tag color="default">{t('alerting.rules.disabled')}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {rule.spec.template
                      ? templateText(rule.spec.template, t).title
                      : t('alerting.rules.custom')}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('alerting.col.level'),
              key: 'level',
              render: (_, rule) => <LevelTag level={rule.spec.level} />,
            },
            {
              title: t('alerting.rules.clusterStates'),
              key: 'clusters',
              render: (_, rule) =>
                rule.clusters.length ? (
                  rule.clusters.map((state) => <ClusterState key={state.cluster} state={state} />)
                ) : (
                  <Typography.Text type="secondary">{t('alerting.rules.noClusters')}</Typography.Text>
                ),
            },
            {
              title: t('alerting.rules.firing'),
              key: 'firing',
              align: 'right',
              render: (_, rule) => (
                <Typography.Text type={rule.firing ? 'danger' : 'secondary'} data-firing={rule.firing}>
                  {format.number(rule.firing)}
                </Typography.Text>
              ),
            },
            {
              title: t('alerting.rules.lastEvaluation'),
              key: 'evaluated',
              render: (_, rule) =>
                rule.lastEvaluation ? (
                  <Tooltip title={format.dateTime(rule.lastEvaluation)}>
                    <Space size={4}>
                      {format.ago(rule.lastEvaluation, now)}
                      {rule.lastError && (
                        <Tooltip title={rule.lastError}>
                          <Tag color="error">{t('alerting.rules.evalFailed')}</Tag>
                        </Tooltip>
                      )}
                    </Space>
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t('alerting.rules.notYet')}</Typography.Text>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, rule) =>
                writes(rule) && (
                  <Space size={4}>
                    <Button size="small" onClick={() => setEditing({ rule })}>
                      {t('alerting.edit')}
                    </Button>
                    <Button
                      size="small"
                      loading={toggle.isPending && toggle.variables?.name === rule.name}
                      onClick={() => toggle.mutate(rule)}
                    >
                      {rule.spec.enabled === false ? t('alerting.rules.enable') : t('alerting.rules.disable')}
                    </Button>
                    {!rule.builtIn && (
                      <Button size="small" danger onClick={() => confirmRemove(rule)}>
                        {t('alerting.delete')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Flex>
      <RuleDrawer open={Boolean(editing)} rule={editing?.rule} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
