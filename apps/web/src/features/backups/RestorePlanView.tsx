import { Alert, Card, Flex, Statistic, Table, Typography, theme } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { reasonText } from './backup-words.ts';
import { groupPlan, PLAN_ACTIONS } from './restore-form.ts';
import { ActionTag, ObjectName } from './tags.tsx';
import type { RestorePlan, RestorePlanItem } from './types.ts';

/** A dry-run plan: counts per action, then each action's objects in apply order with their reasons. */
export function RestorePlanView({ plan }: { plan: RestorePlan }) {
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('backups.wizard.planIntro')}</Typography.Text>
      <Flex gap={24} wrap>
        {PLAN_ACTIONS.map((action) => (
          <div key={action} data-count={action} data-value={plan.counts[action]}>
            <Statistic
              title={<ActionTag action={action} />}
              value={format.number(plan.counts[action])}
              styles={{
                content: action === 'conflict' && plan.counts.conflict > 0 ? { color: token.colorError } : {},
              }}
            />
          </div>
        ))}
      </Flex>
      {plan.counts.conflict > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('backups.wizard.conflicts', { count: plan.counts.conflict })}
        />
      )}
      {groupPlan(plan.items).map((group) => (
        <Card
          key={group.action}
          size="small"
          data-group={group.action}
          title={
            <Flex gap={8} align="center">
              <ActionTag action={group.action} />
              <Typography.Text type="secondary">{format.number(group.items.length)}</Typography.Text>
            </Flex>
          }
        >
          <Table<RestorePlanItem>
            size="small"
            rowKey={(item) => `${item.apiVersion}/${item.kind}/${item.namespace ?? ''}/${item.name}`}
            dataSource={group.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('backups.wizard.order'), dataIndex: 'order', key: 'order', width: 70 },
              { title: t('backups.name'), key: 'object', render: (_, item) => <ObjectName {...item} /> },
              {
                title: t('backups.wizard.targetNamespace'),
                key: 'target',
                render: (_, item) => item.targetNamespace ?? item.namespace ?? '–',
              },
              {
                title: t('backups.reason'),
                key: 'reason',
                render: (_, item) =>
                  reasonText(t, item) ?? <Typography.Text type="secondary">–</Typography.Text>,
              },
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
