import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { ME_QUERY } from '../../app/RequireSession.tsx';
import { accountApi } from './account-api.ts';
import { TokensCard } from './TokensCard.tsx';

/** The fields /auth/me answers beyond the console's shared Me type. */
interface Profile {
  username: string;
  displayName?: string;
  email?: string | null;
  source?: 'local' | 'oidc';
  createdAt?: string;
  lastLoginAt?: string | null;
}

/** The server's rule (MIN_PASSWORD_LENGTH in iam/password-hash.ts), checked here only to answer sooner. */
const MIN_PASSWORD = 12;

/** My account: who I am and what I may do, my password, my API tokens, signing out everywhere. */
export default function AccountPage() {
  const { t, format } = useI18n();
  const me = useQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  const user = me.data.user as Profile;

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('account.title')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('account.profile')} style={{ height: '100%' }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('account.username')}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t('account.displayName')}>
                {user.displayName || '–'}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.email')}>{user.email || '–'}</Descriptions.Item>
              <Descriptions.Item label={t('account.source')}>
                {user.source === 'oidc' ? t('account.source.oidc') : t('account.source.local')}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.groups')}>
                {me.data.groups.length ? (
                  <Space size={[4, 4]} wrap>
                    {me.data.groups.map((g) => (
                      <Tag key={g}>{g}</Tag>
                    ))}
                  </Space>
                ) : (
                  t('common.none')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.roles')}>
                {me.data.permissions.length ? (
                  <Flex vertical gap={2}>
                    {me.data.permissions.map((grant) => (
                      <span
                        key={`${grant.role}/${grant.level}/${grant.workspace}/${grant.cluster}/${grant.namespace}`}
                      >
                        <Tag
                          color={
                            grant.role === 'Admin' ? 'red' : grant.role === 'Editor' ? 'gold' : 'default'
                          }
                        >
                          {t(`account.role.${grant.role}`)}
                        </Tag>
                        {grant.level === 'platform'
                          ? t('account.platformWide')
                          : [grant.workspace, grant.cluster, grant.namespace].filter(Boolean).join(' / ')}
                      </span>
                    ))}
                  </Flex>
                ) : (
                  t('account.noRoles')
                )}
              </Descriptions.Item>
              {user.createdAt && (
                <Descriptions.Item label={t('account.created')}>
                  {format.dateTime(user.createdAt)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={12} style={{ height: '100%' }}>
            {user.source === 'oidc' ? (
              <Card size="small" title={t('account.password')}>
                <Typography.Text type="secondary">{t('account.passwordOidc')}</Typography.Text>
              </Card>
            ) : (
              <ChangePassword />
            )}
            <SignOutEverywhere />
          </Flex>
        </Col>
      </Row>
      <TokensCard />
    </Flex>
  );
}

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  repeat: string;
}

function ChangePassword() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [problem, setProblem] = useState<string>();
  const change = useMutation({
    mutationFn: (values: PasswordValues) => accountApi.changePassword(values.oldPassword, values.newPassword),
    onSuccess: () => {
      form.resetFields();
      message.success(t('account.passwordChanged'));
    },
    onError: (error) => {
      // 403: the current password is wrong; 400: the new one breaks the server's rules.
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 403) form.setFields([{ name: 'oldPassword', errors: [error.message] }]);
      else if (status === 400) form.setFields([{ name: 'newPassword', errors: [error.message] }]);
      else setProblem(error.message);
    },
  });
  return (
    <Card size="small" title={t('account.password')}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} />}
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setProblem(undefined);
          change.mutate(values);
        }}
      >
        <Form.Item
          name="oldPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('account.currentPasswordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          extra={t('account.passwordRule', { min: MIN_PASSWORD })}
          rules={[
            { required: true, message: t('account.newPasswordRequired') },
            { min: MIN_PASSWORD, message: t('account.passwordRule', { min: MIN_PASSWORD }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('account.repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.repeatRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.repeatMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary">{t('account.passwordOthersEnd')}</Typography.Text>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

function SignOutEverywhere() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const confirm = () =>
    modal.confirm({
      title: t('account.everywhereTitle'),
      content: t('account.everywhereText'),
      okText: t('account.everywhereConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await accountApi.signOutEverywhere();
        } catch (error) {
          message.error((error as Error).message);
          return;
        }
        queryClient.clear();
        navigate('/sign-in', { replace: true });
      },
    });
  return (
    <Card size="small" title={t('account.sessions')}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('account.everywhereHelp')}</Typography.Text>
        <Button danger onClick={confirm}>
          {t('account.everywhere')}
        </Button>
      </Flex>
    </Card>
  );
}
