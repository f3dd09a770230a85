import type { PolicyView } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { notificationsApi } from './alerting-api.ts';
import { PolicyDrawer } from './PolicyDrawer.tsx';
import { LevelTag } from './tags.tsx';

/** What a policy matches, as tags; "every alert" when it names nothing. */
function MatchCell({ policy }: { policy: PolicyView }) {
  const { t } = useI18n();
  const match = policy.spec.match ?? {};
  const parts = [
    ...(match.levels ?? []).map((level) => <LevelTag key={`l${level}`} level={level} />),
    ...(match.clusters ?? []).map((cluster) => (
      <Tag key={`c${cluster}`}>{t('alerting.policies.cluster', { name: cluster })}</Tag>
    )),
    ...(match.namespaces ?? []).map((namespace) => (
      <Tag key={`n${namespace}`}>{t('alerting.policies.namespace', { name: namespace })}</Tag>
    )),
    ...Object.entries(match.labels ?? {}).map(([name, value]) => (
      <Tag key={`k${name}`}>{`${name}=${value}`}</Tag>
    )),
  ];
  return parts.length ? (
    parts
  ) : (
    <Typography.Text type="secondary">{t('alerting.policies.everyAlert')}</Typography.Text>
  );
}

/** Notification policies in the order they are tried: what each matches, its receivers and timing. */
export function PoliciesTab() {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ policy?: PolicyView }>();
  const policies = useQuery({ queryKey: ['notifications', 'policies'], queryFn: notificationsApi.policies });
  const writer = can('notifications:write', 'platform');
  const remove = useMutation({
    mutationFn: (name: string) => notificationsApi.removePolicy(name),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
  });
  const confirmRemove = (policy: PolicyView) =>
    modal.confirm({
      title: t('alerting.policies.deleteTitle', { name: policy.name }),
      content: t('alerting.policies.deleteBody'),
      okText: t('alerting.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(policy.name),
    });

  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('alerting.policies.intro')}</Typography.Text>
          {writer && (
            <Button type="primary" onClick={() => setEditing({})}>
              {t('alerting.policies.new')}
            </Button>
          )}
        </Flex>
        {policies.error && <ErrorNotice error={policies.error} onRetry={() => void policies.refetch()} />}
        <Table<PolicyView>
          size="small"
          rowKey="name"
          loading={policies.isPending}
          dataSource={policies.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerting.policies.empty')} />
            ),
          }}
          columns={[
            {
              title: t('alerting.policies.order'),
              key: 'order',
              width: 70,
              render: (_, policy) => policy.spec.order ?? 100,
            },
            {
              title: t('alerting.policies.name'),
              key: 'name',
              render: (_, policy) => (
                <Space size={4} data-policy={policy.name}>
                  <Typography.Text strong>{policy.name}</Typography.Text>
                  {policy.spec.enabled === false && <Tag>{t('alerting.rules.disabled')}</Tag>}
                  {policy.spec.continue && <Tag color="blue">{t('alerting.policies.continue')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('alerting.policies.match'),
              key: 'match',
              render: (_, policy) => <MatchCell policy={policy} />,
            },
            {
              title: t('alerting.policies.receivers'),
              key: 'receivers',
              render: (_, policy) =>
                policy.spec.receivers.map((name) =>
                  policy.missingReceivers?.includes(name) ? (
                    <Tooltip key={name} title={t('alerting.policies.missingReceiver')}>
                      <Tag color="error">⚠ {name}</Tag>
                    </Tooltip>
                  ) : (
                    <Tag key={name}>{name}</Tag>
                  ),
                ),
            },
            {
              title: t('alerting.policies.groupBy'),
              key: 'group',
              render: (_, policy) => (policy.spec.groupBy ?? ['alertname', 'cluster']).join(', '),
            },
            {
              title: t('alerting.policies.timing'),
              key: 'timing',
              render: (_, policy) =>
                t('alerting.policies.timingText', {
                  wait: policy.spec.groupWait ?? '30s',
                  interval: policy.spec.groupInterval ?? '5m',
                  repeat: policy.spec.repeatInterval ?? '4h',
                }),
            },
            {
              title: '',
              key: 'actions',
              render: (_, policy) =>
                writer && (
                  <Space size={4}>
                    <Button size="small" onClick={() => setEditing({ policy })}>
                      {t('alerting.edit')}
                    </Button>
                    <Button size="small" danger onClick={() => confirmRemove(policy)}>
                      {t('alerting.delete')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Flex>
      <PolicyDrawer open={Boolean(editing)} policy={editing?.policy} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
