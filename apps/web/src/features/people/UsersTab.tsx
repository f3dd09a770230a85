import { USER_SORTS, type UserListQuery, type UserSort } from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { ME_QUERY } from '../../app/RequireSession.tsx';
import { reasonOf, showOnField } from './form-errors.ts';
import { ListEmpty, ListHead, useListPagination } from './ListParts.tsx';
import { useListAddress } from './list-address.ts';
import { type NewUser, peopleApi, type User } from './people-api.ts';

export const USERS_QUERY = ['people', 'users'] as const;

/** The server's own rules (iam/names.ts, iam/password-hash.ts), checked here only to answer sooner. */
export const USERNAME_PATTERN = /^[a-z0-9]([a-z0-9._@+-]{0,126}[a-z0-9])?$/;
export const MIN_PASSWORD = 12;

/** The address's state filter as the server's `disabled`. */
const DISABLED: Record<string, boolean> = { active: false, disabled: true };

/**
 * Users: searched, filtered, sorted and paged by the server, with the filters in the address; create,
 * disable or enable, set a password, remove.
 */
export function UsersTab() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const mayWrite = can('users:write', 'platform');
  const list = useListAddress<UserSort>(USER_SORTS, 'username');
  const state = list.get('state');
  const source = list.get('source');
  const query: UserListQuery = {
    ...list.query,
    ...(list.get('q') && { q: list.get('q') }),
    ...(state in DISABLED && { disabled: DISABLED[state] }),
    ...((source === 'local' || source === 'oidc') && { source }),
  };
  const [creating, setCreating] = useState(false);
  const [passwordFor, setPasswordFor] = useState<string>();
  const users = useQuery({
    queryKey: [...USERS_QUERY, query],
    queryFn: () => peopleApi.users(query),
    placeholderData: keepPreviousData,
  });
  // The server refuses disabling or removing oneself; the buttons are not offered for that row.
  const me = useQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['people'] });

  const toggle = useMutation({
    mutationFn: (user: User) => peopleApi.setDisabled(user.username, !user.disabled),
    onSuccess: (user) => {
      message.success(
        t(user.disabled ? 'people.users.disabledDone' : 'people.users.enabledDone', { name: user.username }),
      );
      void refresh();
    },
    onError: (error) => message.error(reasonOf(error)),
  });
  const remove = useMutation({
    mutationFn: (username: string) => peopleApi.removeUser(username),
    onSuccess: (_, username) => {
      message.success(t('people.users.removed', { name: username }));
      void refresh();
    },
    onError: (error) => message.error(reasonOf(error)),
  });
  const confirmDisable = (user: User) =>
    user.disabled
      ? toggle.mutate(user)
      : modal.confirm({
          title: t('people.users.disableTitle', { name: user.username }),
          content: t('people.users.disableText', { name: user.username }),
          okText: t('people.users.disableConfirm', { name: user.username }),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () => toggle.mutateAsync(user),
        });
  const confirmRemove = (user: User) =>
    modal.confirm({
      title: t('people.users.removeTitle', { name: user.username }),
      content: t('people.users.removeText', { name: user.username }),
      okText: t('people.users.removeConfirm', { name: user.username }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(user.username),
    });

  const filtered = Boolean(list.get('q') || state || source);
  const answer = users.error ? undefined : users.data;
  const pagination = useListPagination(list, answer?.total);
  const now = Date.now();

  return (
    <Flex vertical gap={8}>
      <ListHead
        list={list}
        placeholder={t('people.users.search')}
        count={answer && t('people.users.count', { count: format.number(answer.total) })}
        busy={users.isFetching}
        create={mayWrite ? { text: t('people.users.create'), onClick: () => setCreating(true) } : undefined}
      />
      {users.error && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
      <Table<User>
        size="small"
        rowKey="id"
        loading={users.isPending}
        dataSource={answer?.items ?? []}
        locale={{
          emptyText: (
            <ListEmpty
              text={filtered ? t('people.users.noMatch') : t('people.users.empty')}
              onClear={
                filtered
                  ? () => list.change({ q: undefined, state: undefined, source: undefined })
                  : undefined
              }
            />
          ),
        }}
        pagination={pagination}
        onChange={(pagination, filters, sorter, extra) => {
          if (extra.action === 'filter')
            list.change({ state: filters.state?.[0]?.toString(), source: filters.source?.[0]?.toString() });
          else list.onTableChange(pagination, sorter as never, extra as never);
        }}
        columns={[
          {
            title: t('people.users.username'),
            key: 'username',
            sorter: true,
            sortOrder: list.sortOrder('username'),
            render: (_, user) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{user.username}</Typography.Text>
                {user.displayName && user.displayName !== user.username && (
                  <Typography.Text type="secondary">{user.displayName}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('people.users.email'),
            key: 'email',
            sorter: true,
            sortOrder: list.sortOrder('email'),
            render: (_, user) => user.email || '–',
          },
          {
            title: t('people.users.source'),
            key: 'source',
            filters: [
              { text: t('people.users.source.local'), value: 'local' },
              { text: t('people.users.source.oidc'), value: 'oidc' },
            ],
            filterMultiple: false,
            filteredValue: source ? [source] : null,
            sorter: true,
            sortOrder: list.sortOrder('source'),
            render: (_, user) => <Tag>{t(`people.users.source.${user.source}`)}</Tag>,
          },
          {
            title: t('people.users.state'),
            key: 'state',
            filters: [
              { text: t('people.users.active'), value: 'active' },
              { text: t('people.users.disabled'), value: 'disabled' },
            ],
            filterMultiple: false,
            filteredValue: state ? [state] : null,
            sorter: true,
            sortOrder: list.sortOrder('state'),
            render: (_, user) =>
              user.disabled ? (
                <Tag color="error">{t('people.users.disabled')}</Tag>
              ) : (
                <Tag color="success">{t('people.users.active')}</Tag>
              ),
          },
          {
            title: t('people.users.lastLogin'),
            key: 'lastLogin',
            sorter: true,
            sortOrder: list.sortOrder('lastLogin'),
            render: (_, user) =>
              user.lastLoginAt ? (
                <span title={format.dateTime(user.lastLoginAt)}>{format.ago(user.lastLoginAt, now)}</span>
              ) : (
                t('time.never')
              ),
          },
          {
            title: t('people.users.created'),
            key: 'created',
            sorter: true,
            sortOrder: list.sortOrder('created'),
            render: (_, user) => format.dateTime(user.createdAt),
          },
          ...(mayWrite
            ? [
                {
                  title: t('people.actions'),
                  key: 'actions',
                  render: (_: unknown, user: User) => (
                    <Space size={4}>
                      {user.id !== me.data?.user.id && (
                        <Button size="small" onClick={() => confirmDisable(user)}>
                          {user.disabled ? t('people.users.enable') : t('people.users.disable')}
                        </Button>
                      )}
                      {user.source === 'local' && (
                        <Button size="small" onClick={() => setPasswordFor(user.username)}>
                          {t('people.users.setPassword')}
                        </Button>
                      )}
                      {user.id !== me.data?.user.id && (
                        <Button size="small" danger onClick={() => confirmRemove(user)}>
                          {t('people.remove')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={refresh} />
      <SetPasswordModal username={passwordFor} onClose={() => setPasswordFor(undefined)} />
    </Flex>
  );
}

const USER_FIELDS = ['username', 'password', 'displayName', 'email'] as const;

function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const [problem, setProblem] = useState<string>();
  const create = useMutation({
    mutationFn: (values: NewUser) =>
      peopleApi.createUser({
        username: values.username,
        password: values.password,
        ...(values.displayName && { displayName: values.displayName }),
        ...(values.email && { email: values.email }),
      }),
    onSuccess: (user) => {
      message.success(t('people.users.createdDone', { name: user.username }));
      form.resetFields();
      onClose();
      void onCreated();
    },
    onError: (error) => {
      if (!showOnField(form, error, USER_FIELDS)) setProblem(reasonOf(error));
    },
  });
  return (
    <Modal
      title={t('people.users.create')}
      open={open}
      okText={t('people.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setProblem(undefined);
          create.mutate(values);
        }}
      >
        <Form.Item
          name="username"
          label={t('people.users.username')}
          extra={t('people.users.usernameHelp')}
          rules={[
            { required: true, message: t('people.users.usernameRequired') },
            { pattern: USERNAME_PATTERN, message: t('people.users.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('people.users.displayName')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('people.users.email')}
          rules={[{ type: 'email', message: t('people.users.emailInvalid') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('people.users.password')}
          extra={t('people.passwordRule', { min: MIN_PASSWORD })}
          rules={[
            { required: true, message: t('people.passwordRequired') },
            { min: MIN_PASSWORD, message: t('people.passwordRule', { min: MIN_PASSWORD }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SetPasswordModal({ username, onClose }: { username: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const set = useMutation({
    mutationFn: (password: string) => peopleApi.setPassword(username ?? '', password),
    onSuccess: () => {
      message.success(t('people.users.passwordSet', { name: username ?? '' }));
      form.resetFields();
      onClose();
    },
    onError: (error) => form.setFields([{ name: 'password', errors: [reasonOf(error)] }]),
  });
  return (
    <Modal
      title={t('people.users.setPasswordTitle', { name: username ?? '' })}
      open={username !== undefined}
      okText={t('people.users.setPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={set.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('people.users.setPasswordText')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => set.mutate(values.password)}
      >
        <Form.Item
          name="password"
          label={t('people.users.newPassword')}
          extra={t('people.passwordRule', { min: MIN_PASSWORD })}
          rules={[
            { required: true, message: t('people.passwordRequired') },
            { min: MIN_PASSWORD, message: t('people.passwordRule', { min: MIN_PASSWORD }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
