import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ME_QUERY } from '../../app/RequireSession.tsx';
import { useSettings } from '../../app/settings.tsx';
import { signInMethods } from './sign-in-api.ts';

/** Only a path inside the console: `next` comes from the address bar and must not lead elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const { t } = useI18n();
  const { locale, setLocale } = useSettings();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Offered only when the server says OpenID Connect is configured; a failure just leaves the password form.
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: signInMethods, staleTime: 300_000 });
  const oidc = methods.data?.oidc;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.signIn(values.username, values.password);
      // Awaited: the console behind the sign-in reads the session from this query; stale, it comes back here.
      await queryClient.invalidateQueries({ queryKey: ME_QUERY });
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('signIn.title')}
          </Typography.Title>
          <Segmented
            aria-label={t('shell.language')}
            size="small"
            value={locale}
            onChange={(value) => setLocale(value as typeof locale)}
            options={[
              { label: 'EN', value: 'en' },
              { label: '中文', value: 'zh-CN' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        {oidc && (
          <>
            <Button
              block
              size="middle"
              href={`${oidc.start}?returnTo=${encodeURIComponent(safeNext(params.get('next')))}`}
            >
              {t('signIn.withProvider', { provider: oidc.name })}
            </Button>
            <Divider plain style={{ marginBlock: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('signIn.or')}
              </Typography.Text>
            </Divider>
          </>
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="middle">
          <Form.Item
            label={t('signIn.username')}
            name="username"
            rules={[{ required: true, message: t('signIn.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('signIn.firstRunHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
