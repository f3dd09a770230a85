import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Segmented, Space, Tooltip, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/portolan.ts';
import { TopBarTerminalButton } from '../features/terminals/TerminalButtons.tsx';
import { TerminalDockProvider, TerminalDockSlot } from '../features/terminals/TerminalDockProvider.tsx';
import { useCan } from './can.ts';
import { useI18n } from './i18n.tsx';
import { Loading } from './Loading.tsx';
import { menuKeyOf } from './menu-key.ts';
import { ME_QUERY } from './RequireSession.tsx';
import { useSettings } from './settings.tsx';

/** The frame around every signed-in page, with the terminal dock that outlives page changes. */
export function Shell() {
  return (
    <TerminalDockProvider>
      <ShellFrame />
    </TerminalDockProvider>
  );
}

/** Navigation, language and theme, the user's menu, the terminals. */
function ShellFrame() {
  const { t } = useI18n();
  const { locale, setLocale, theme: mode, setTheme } = useSettings();
  const { token } = theme.useToken();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  const can = useCan();
  const selected = menuKeyOf(location.pathname);

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={200}
        theme="light"
        style={{ background: token.colorBgContainer, borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div style={{ padding: '14px 20px', fontWeight: 600, fontSize: 16 }}>
          <Link to="/" style={{ color: token.colorText }}>
            {t('app.name')}
          </Link>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          style={{ borderInlineEnd: 'none' }}
          items={[
            { key: 'overview', label: <Link to="/">{t('nav.overview')}</Link> },
            { key: 'clusters', label: <Link to="/clusters">{t('nav.clusters')}</Link> },
            ...(can('lifecycle:read', { somewhere: true })
              ? [{ key: 'lifecycle', label: <Link to="/lifecycle">{t('lifecycle.nav')}</Link> }]
              : []),
            { key: 'workloads', label: <Link to="/workloads">{t('workloads.nav')}</Link> },
            { key: 'pods', label: <Link to="/pods">{t('pods.nav')}</Link> },
            { key: 'releases', label: <Link to="/releases">{t('releases.nav')}</Link> },
            { key: 'apps', label: <Link to="/apps">{t('apps.nav')}</Link> },
            { key: 'operations', label: <Link to="/operations">{t('jobs.nav')}</Link> },
            { key: 'propagations', label: <Link to="/propagations">{t('propagations.nav')}</Link> },
            {
              key: 'multicluster-services',
              label: <Link to="/multicluster-services">{t('mcs.nav')}</Link>,
            },
            ...(can('alerts:read', { somewhere: true })
              ? [{ key: 'alerts', label: <Link to="/alerts">{t('alerting.nav')}</Link> }]
              : []),
            ...(can('inspections:read', { somewhere: true })
              ? [{ key: 'inspections', label: <Link to="/inspections">{t('inspections.nav')}</Link> }]
              : []),
            ...(can('monitoring:read', { somewhere: true })
              ? [{ key: 'monitoring', label: <Link to="/monitoring">{t('monitoring.nav')}</Link> }]
              : []),
            ...(can('backups:read', { somewhere: true })
              ? [{ key: 'backups', label: <Link to="/backups">{t('backups.nav')}</Link> }]
              : []),
            { key: 'search', label: <Link to="/search">{t('search.nav')}</Link> },
            { key: 'create', label: <Link to="/create/workload">{t('nav.create')}</Link> },
            ...(can('users:read', 'platform') || can('bindings:read', { somewhere: true })
              ? [{ key: 'people', label: <Link to="/people">{t('people.nav')}</Link> }]
              : []),
            ...(can('audit:read', 'platform')
              ? [{ key: 'audit', label: <Link to="/audit">{t('audit.nav')}</Link> }]
              : []),
            ...(can('audit:read', 'platform')
              ? [{ key: 'terminals', label: <Link to="/terminals">{t('terminals.nav')}</Link> }]
              : []),
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            height: 48,
            paddingInline: 16,
          }}
        >
          <Space size="middle">
            <TopBarTerminalButton />
            <Segmented
              aria-label={t('shell.language')}
              value={locale}
              onChange={(value) => setLocale(value as typeof locale)}
              options={[
                { label: 'English', value: 'en' },
                { label: '简体中文', value: 'zh-CN' },
              ]}
            />
            <Tooltip title={mode === 'dark' ? t('shell.theme.light') : t('shell.theme.dark')}>
              <Button
                aria-label={mode === 'dark' ? t('shell.theme.light') : t('shell.theme.dark')}
                onClick={() => setTheme(mode === 'dark' ? 'light' : 'dark')}
              >
                {mode === 'dark' ? '☀' : '☾'}
              </Button>
            </Tooltip>
            <Dropdown
              menu={{
                items: [
                  { key: 'account', label: <Link to="/account">{t('account.nav')}</Link> },
                  { key: 'sign-out', label: t('shell.signOut'), onClick: () => void signOut() },
                ],
              }}
            >
              <Button>
                <Typography.Text>{me.data?.user.username ?? ''}</Typography.Text>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <TerminalDockSlot />
      </Layout>
    </Layout>
  );
}
