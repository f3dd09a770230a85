import { PERMISSIONS, type Permission } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Form, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { type EffectiveEntry, peopleApi, type RoleBinding } from './people-api.ts';
import { ClusterSelect, NamespaceSelect, UserSelect, WorkspaceSelect } from './pickers.tsx';
import { ROLE_COLOR, ScopeText, SubjectText } from './ScopeTag.tsx';

/** Actions a binding can grant: `public` and `self` belong to everyone. */
const ACTIONS = PERMISSIONS.filter((p) => p !== 'public' && p !== 'self');

/** Access reviews: what one user may do where, and who may do one action in a scope. */
export function AccessTab() {
  const can = useCan();
  return (
    <Flex vertical gap={12}>
      {can('users:read', 'platform') && <EffectivePermissions />}
      {can('bindings:read', { somewhere: true }) && <WhoCan />}
    </Flex>
  );
}

function EffectivePermissions() {
  const { t } = useI18n();
  const [user, setUser] = useState<string>();
  const effective = useQuery({
    queryKey: ['people', 'permissions', user],
    queryFn: () => peopleApi.permissions(user ?? ''),
    enabled: Boolean(user),
  });
  return (
    <Card size="small" title={t('people.access.effectiveTitle')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <UserSelect
          style={{ width: 240 }}
          aria-label={t('people.pick.user')}
          value={user}
          onChange={setUser}
        />
        {effective.data && (
          <Typography.Text type="secondary">
            {effective.data.groups.length
              ? t('people.access.groups', { groups: effective.data.groups.join(', ') })
              : t('people.access.noGroups')}
          </Typography.Text>
        )}
      </Space>
      {effective.error && <ErrorNotice error={effective.error} onRetry={() => void effective.refetch()} />}
      {!user ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.access.pickUser')} />
      ) : (
        <Table<EffectiveEntry>
          size="small"
          rowKey={(e) => `${e.bindingId}/${e.cluster}/${e.namespace}/${e.workspace}`}
          loading={effective.isFetching}
          dataSource={effective.data?.entries ?? []}
          locale={{ emptyText: t('people.access.nothing', { user }) }}
          pagination={false}
          columns={[
            { title: t('people.bindings.scope'), key: 'scope', render: (_, e) => <ScopeText scope={e} /> },
            {
              title: t('people.bindings.role'),
              key: 'role',
              render: (_, e) => <Tag color={ROLE_COLOR[e.role]}>{t(`people.role.${e.role}`)}</Tag>,
            },
            {
              title: t('people.access.from'),
              key: 'from',
              render: (_, e) => <SubjectText subject={e.from} />,
            },
            {
              title: t('people.access.permissions'),
              key: 'permissions',
              render: (_, e) => (
                <Space size={[2, 2]} wrap>
                  {e.permissions.map((p) => (
                    <Tag key={p} title={t(`people.permission.${p}`)}>
                      {p}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

interface WhoCanQuery {
  action: Permission;
  cluster?: string;
  namespace?: string;
  workspace?: string;
}

function WhoCan() {
  const { t } = useI18n();
  const [form] = Form.useForm<WhoCanQuery>();
  const cluster = Form.useWatch('cluster', form);
  const workspace = Form.useWatch('workspace', form);
  const [asked, setAsked] = useState<WhoCanQuery>();
  const answer = useQuery({
    queryKey: ['people', 'who-can', asked],
    queryFn: () => peopleApi.whoCan(asked as WhoCanQuery),
    enabled: Boolean(asked),
  });
  return (
    <Card size="small" title={t('people.access.whoCanTitle')}>
      <Form<WhoCanQuery>
        form={form}
        layout="inline"
        initialValues={{ action: 'resources:write' }}
        onFinish={(values) =>
          setAsked(Object.fromEntries(Object.entries(values).filter(([, v]) => v)) as unknown as WhoCanQuery)
        }
        style={{ rowGap: 8, marginBottom: 8 }}
      >
        <Form.Item name="action" label={t('people.access.action')}>
          <Select<Permission>
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'value' }}
            options={ACTIONS.map((p) => ({
              value: p,
              label: <span title={t(`people.permission.${p}`)}>{p}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item name="workspace" label={t('people.workspace')}>
          <WorkspaceSelect style={{ width: 160 }} disabled={Boolean(cluster)} />
        </Form.Item>
        <Form.Item name="cluster" label={t('people.cluster')}>
          <ClusterSelect
            style={{ width: 180 }}
            disabled={Boolean(workspace)}
            onChange={() => form.setFieldValue('namespace', undefined)}
          />
        </Form.Item>
        <Form.Item name="namespace" label={t('people.namespace')}>
          <NamespaceSelect style={{ width: 180 }} cluster={cluster} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('people.access.ask')}
        </Button>
      </Form>
      {answer.error && <ErrorNotice error={answer.error} />}
      {!asked ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.access.askHint')} />
      ) : (
        answer.data && (
          <Flex vertical gap={8}>
            <Typography.Text>
              {answer.data.users.length
                ? t('people.access.usersWho', { action: asked.action, count: answer.data.users.length })
                : t('people.access.nobody', { action: asked.action })}
            </Typography.Text>
            <Space size={[4, 4]} wrap>
              {answer.data.users.map((u) => (
                <Tag key={u} color="blue">
                  {u}
                </Tag>
              ))}
            </Space>
            <Table<RoleBinding>
              size="small"
              rowKey="id"
              dataSource={answer.data.bindings}
              pagination={false}
              locale={{ emptyText: t('people.bindings.empty') }}
              columns={[
                {
                  title: t('people.access.throughBinding'),
                  key: 'subject',
                  render: (_, b) => <SubjectText subject={b.subject} />,
                },
                {
                  title: t('people.bindings.role'),
                  key: 'role',
                  render: (_, b) => <Tag color={ROLE_COLOR[b.role]}>{t(`people.role.${b.role}`)}</Tag>,
                },
                {
                  title: t('people.bindings.scope'),
                  key: 'scope',
                  render: (_, b) => <ScopeText scope={b.scope} />,
                },
              ]}
            />
          </Flex>
        )
      )}
    </Card>
  );
}
