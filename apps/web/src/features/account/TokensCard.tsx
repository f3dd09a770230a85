import {
  PERMISSIONS,
  type Permission,
  TOKEN_SORTS,
  TOKEN_STATES,
  type TokenListQuery,
  type TokenSort,
  type TokenState,
} from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { ListCount, useListPagination } from '../people/ListParts.tsx';
import { ListSearch } from '../people/ListSearch.tsx';
import { useListAddress } from '../people/list-address.ts';
import { type ApiToken, accountApi, MAX_TOKEN_DAYS, type NewToken } from './account-api.ts';

const TOKENS_QUERY = ['account', 'tokens'] as const;
/** What a token may be limited to: everything but `public`, which needs no token. */
const SCOPES = PERMISSIONS.filter((p) => p !== 'public');

function stateOf(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}
const STATE_COLOR: Record<TokenState, string> = { active: 'success', expired: 'default', revoked: 'error' };

/** My API tokens: create (the secret is shown once), list by name and prefix, revoke. */
export function TokensCard() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string }>();
  // Filters, sort and page in the address, answered by the server (newest first unless sorted).
  const list = useListAddress<TokenSort>(TOKEN_SORTS, 'created');
  const stateText = list.get('state');
  const state = (TOKEN_STATES as readonly string[]).includes(stateText)
    ? (stateText as TokenState)
    : undefined;
  const query: TokenListQuery = {
    ...list.query,
    ...(list.get('q') && { q: list.get('q') }),
    ...(state && { state }),
  };
  const tokens = useQuery({
    queryKey: [...TOKENS_QUERY, query],
    queryFn: () => accountApi.tokens(query),
    placeholderData: keepPreviousData,
  });
  const answer = tokens.error ? undefined : tokens.data;
  const pagination = useListPagination(list, answer?.total);
  const sortOrder = (column: TokenSort) =>
    list.sort ? list.sortOrder(column) : column === 'created' ? ('descend' as const) : null;
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => accountApi.revokeToken(token.id),
    onSuccess: (_, token) => {
      message.success(t('account.tokens.revoked', { name: token.name }));
      void queryClient.invalidateQueries({ queryKey: TOKENS_QUERY });
    },
    onError: (error) => message.error(error.message),
  });
  const confirmRevoke = (token: ApiToken) =>
    modal.confirm({
      title: t('account.tokens.revokeTitle', { name: token.name }),
      content: t('account.tokens.revokeText', { name: token.name, prefix: token.prefix }),
      okText: t('account.tokens.revokeConfirm', { name: token.name }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => revoke.mutateAsync(token),
    });
  const now = Date.now();

  return (
    <Card
      size="small"
      title={t('account.tokens.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('account.tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.tokens.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        <ListSearch
          value={list.get('q')}
          onSearch={(q) => list.change({ q })}
          placeholder={t('account.tokens.search')}
        />
        <Select<TokenState>
          allowClear
          style={{ width: 160 }}
          aria-label={t('account.tokens.stateFilter')}
          placeholder={t('account.tokens.stateFilter')}
          value={state}
          onChange={(value) => list.change({ state: value })}
          options={TOKEN_STATES.map((value) => ({ value, label: t(`account.tokens.state.${value}`) }))}
        />
        <ListCount
          text={answer && t('account.tokens.count', { count: format.number(answer.total) })}
          busy={tokens.isFetching}
        />
      </Space>
      {tokens.error && <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />}
      <Table<ApiToken>
        size="small"
        rowKey="id"
        loading={tokens.isPending}
        dataSource={answer?.items ?? []}
        locale={{
          emptyText: list.get('q') || state ? t('account.tokens.noMatch') : t('account.tokens.empty'),
        }}
        pagination={pagination}
        onChange={(paging, _filters, sorter, extra) =>
          list.onTableChange(paging, sorter as never, extra as never)
        }
        columns={[
          {
            title: t('account.tokens.name'),
            key: 'name',
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (_, token) => <Typography.Text strong>{token.name}</Typography.Text>,
          },
          {
            title: t('account.tokens.prefix'),
            key: 'prefix',
            render: (_, token) => <Typography.Text code>{`${token.prefix}…`}</Typography.Text>,
          },
          {
            title: t('account.tokens.scopes'),
            key: 'scopes',
            render: (_, token) =>
              token.scopes === 'all' ? (
                <Tag>{t('account.tokens.allScopes')}</Tag>
              ) : (
                <Space size={[2, 2]} wrap>
                  {token.scopes.map((scope) => (
                    <Tag key={scope}>{scope}</Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: t('account.tokens.state'),
            key: 'state',
            render: (_, token) => {
              const state = stateOf(token, now);
              return <Tag color={STATE_COLOR[state]}>{t(`account.tokens.state.${state}`)}</Tag>;
            },
          },
          {
            title: t('account.created'),
            key: 'created',
            sorter: true,
            sortOrder: sortOrder('created'),
            render: (_, token) => format.dateTime(token.createdAt),
          },
          {
            title: t('account.tokens.expires'),
            key: 'expires',
            sorter: true,
            sortOrder: sortOrder('expires'),
            render: (_, token) => format.dateTime(token.expiresAt),
          },
          {
            title: t('account.tokens.lastUsed'),
            key: 'lastUsed',
            sorter: true,
            sortOrder: sortOrder('lastUsed'),
            render: (_, token) => (token.lastUsedAt ? format.ago(token.lastUsedAt, now) : t('time.never')),
          },
          {
            title: t('account.actions'),
            key: 'actions',
            width: 100,
            render: (_, token) =>
              stateOf(token, now) === 'active' && (
                <Button size="small" danger onClick={() => confirmRevoke(token)}>
                  {t('account.tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, token) => {
          setCreating(false);
          setCreated({ name, token });
          void queryClient.invalidateQueries({ queryKey: TOKENS_QUERY });
        }}
      />
      <Modal
        title={t('account.tokens.createdTitle', { name: created?.name ?? '' })}
        open={created !== undefined}
        onCancel={() => setCreated(undefined)}
        footer={
          <Button type="primary" onClick={() => setCreated(undefined)}>
            {t('account.tokens.copiedIt')}
          </Button>
        }
        closable={false}
        maskClosable={false}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('account.tokens.onlyOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ tooltips: [t('account.tokens.copy'), t('account.tokens.copied')] }}
          style={{ wordBreak: 'break-all' }}
          data-testid="new-token"
        >
          {created?.token}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('account.tokens.howToUse')}</Typography.Text>
      </Modal>
    </Card>
  );
}

interface TokenValues {
  name: string;
  expiresInDays: number;
  limited: boolean;
  scopes?: Permission[];
}

function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (name: string, token: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<TokenValues>();
  const limited = Form.useWatch('limited', form);
  const [problem, setProblem] = useState<string>();
  const create = useMutation({
    mutationFn: (values: TokenValues) => {
      const body: NewToken = {
        name: values.name.trim(),
        scopes: values.limited ? (values.scopes ?? []) : 'all',
        expiresInDays: values.expiresInDays,
      };
      return accountApi.createToken(body);
    },
    onSuccess: (answer) => {
      form.resetFields();
      onCreated(answer.name, answer.token);
    },
    onError: (error) => {
      const text = error.message.toLowerCase();
      const field = text.includes('scope')
        ? 'scopes'
        : text.includes('name')
          ? 'name'
          : text.includes('expires')
            ? 'expiresInDays'
            : undefined;
      if (field) form.setFields([{ name: field, errors: [error.message] }]);
      else setProblem(error.message);
    },
  });
  return (
    <Modal
      title={t('account.tokens.create')}
      open={open}
      okText={t('account.tokens.createSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form<TokenValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ expiresInDays: 90, limited: false }}
        onFinish={(values) => {
          setProblem(undefined);
          create.mutate(values);
        }}
      >
        <Form.Item
          name="name"
          label={t('account.tokens.name')}
          extra={t('account.tokens.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('account.tokens.nameRequired') },
            { max: 100, message: t('account.tokens.nameTooLong') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('account.tokens.expiresIn')}
          extra={t('account.tokens.expiresHelp', { max: MAX_TOKEN_DAYS })}
          rules={[{ required: true, message: t('account.tokens.expiresHelp', { max: MAX_TOKEN_DAYS }) }]}
        >
          <InputNumber
            min={1}
            max={MAX_TOKEN_DAYS}
            precision={0}
            suffix={t('account.tokens.days')}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item name="limited" label={t('account.tokens.scopes')}>
          <Radio.Group
            options={[
              { value: false, label: t('account.tokens.allScopesHelp') },
              { value: true, label: t('account.tokens.someScopes') },
            ]}
          />
        </Form.Item>
        {limited && (
          <Form.Item name="scopes" rules={[{ required: true, message: t('account.tokens.scopesRequired') }]}>
            <Select<Permission[]>
              mode="multiple"
              aria-label={t('account.tokens.scopes')}
              placeholder={t('account.tokens.scopesPlaceholder')}
              options={SCOPES.map((scope) => ({ value: scope, label: scope }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
