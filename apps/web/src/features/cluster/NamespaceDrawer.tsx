import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Drawer, Flex, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { clusterApi } from './cluster-api.ts';
import { KeyValueEditor } from './KeyValueEditor.tsx';
import { LimitsEditor } from './LimitsEditor.tsx';
import { parseQuantity } from './node-model.ts';
import { WorkspaceBinding } from './WorkspaceBinding.tsx';

/**
 * One namespace, read live from the cluster: its phase, labels, the workspace it belongs to, its
 * quotas (used against hard) and limit ranges, each editable where the caller may write there.
 */
export function NamespaceDrawer({
  cluster,
  namespace,
  workspace,
  onClose,
}: {
  cluster: string;
  namespace: string | undefined;
  workspace: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const queryKey = ['cluster', cluster, 'namespace', namespace];
  const view = useQuery({
    queryKey,
    queryFn: () => clusterApi.namespace(cluster, namespace ?? ''),
    enabled: namespace !== undefined,
  });
  const writable = namespace !== undefined && can('resources:write', { cluster, namespace });
  const saved = async () => {
    message.success(t('clusterPage.saved'));
    // Awaited: the editor leaves edit mode showing this view; before the refetch it would show the old values.
    await queryClient.invalidateQueries({ queryKey });
  };
  const data = view.data;
  // The quota Portolan writes is `quota`, unless the namespace already has one by another name.
  const quota = data?.quotas.find((entry) => entry.name === 'quota') ?? data?.quotas[0];
  const range = data?.limitRanges.find((entry) => entry.name === 'limits') ?? data?.limitRanges[0];

  return (
    <Drawer open={namespace !== undefined} onClose={onClose} size={760} title={namespace} destroyOnHidden>
      {view.isPending ? (
        <Loading />
      ) : view.error ? (
        <ErrorNotice error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        data && (
          <Flex vertical gap={16}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('cluster.status')}>
                {data.phase === 'Active' || data.phase === 'Terminating'
                  ? t(`clusterPage.namespaces.${data.phase}`)
                  : data.phase}
              </Descriptions.Item>
              <Descriptions.Item label={t('clusterPage.namespaces.workspace')}>
                <WorkspaceBinding cluster={cluster} namespace={namespace ?? ''} workspace={workspace} />
              </Descriptions.Item>
              <Descriptions.Item label={t('cluster.labels')} span={2}>
                <Space size={[4, 4]} wrap>
                  {Object.entries(data.namespace.metadata?.labels ?? {}).map(([key, value]) => (
                    <Tag key={key} style={{ marginInlineEnd: 0 }}>
                      {key}={value}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Section title={t('clusterPage.namespaces.quotas')}>
              {data.quotas.length === 0 ? (
                <Typography.Text type="secondary">{t('clusterPage.namespaces.noQuota')}</Typography.Text>
              ) : (
                data.quotas.map((entry) => <QuotaTable key={entry.name} quota={entry} />)
              )}
              {writable && (
                <KeyValueEditor
                  name="quota"
                  value={quota?.hard ?? {}}
                  editable
                  showValues={false}
                  editLabel={t(
                    quota ? 'clusterPage.namespaces.editQuota' : 'clusterPage.namespaces.setQuota',
                  )}
                  showEditLabel
                  emptyText={t('clusterPage.namespaces.quotaHelp')}
                  onSave={async (hard) => {
                    await clusterApi.setQuota(cluster, namespace ?? '', {
                      name: quota?.name ?? 'quota',
                      hard,
                    });
                    await saved();
                  }}
                />
              )}
            </Section>
            <Section title={t('clusterPage.namespaces.limits')}>
              <LimitsEditor
                limits={range?.limits ?? []}
                editable={writable}
                onSave={async (limits) => {
                  await clusterApi.setLimits(cluster, namespace ?? '', {
                    name: range?.name ?? 'limits',
                    limits,
                  });
                  await saved();
                }}
              />
            </Section>
          </Flex>
        )
      )}
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap={6}>
      <Typography.Text strong>{title}</Typography.Text>
      {children}
    </Flex>
  );
}

/** Used against hard per resource, with a bar where both are amounts. */
function QuotaTable({
  quota,
}: {
  quota: { name: string; hard: Record<string, string>; used: Record<string, string> };
}) {
  const { t } = useI18n();
  const rows = Object.entries(quota.hard).map(([resource, hard]) => ({
    resource,
    hard,
    used: quota.used[resource] ?? '0',
  }));
  return (
    <Table
      size="small"
      rowKey="resource"
      title={() => quota.name}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('clusterPage.namespaces.resource'), dataIndex: 'resource', key: 'resource' },
        { title: t('clusterPage.namespaces.used'), dataIndex: 'used', key: 'used' },
        { title: t('clusterPage.namespaces.hard'), dataIndex: 'hard', key: 'hard' },
        {
          title: '',
          key: 'bar',
          width: 160,
          render: (_, row) => {
            const whole = parseQuantity(row.hard);
            const part = parseQuantity(row.used);
            if (!whole || Number.isNaN(whole) || Number.isNaN(part)) return null;
            const percent = Math.round((part / whole) * 100);
            return (
              <Progress size="small" percent={percent} status={percent >= 100 ? 'exception' : 'normal'} />
            );
          },
        },
      ]}
    />
  );
}
