import { Flex, Result, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { AccessTab } from './AccessTab.tsx';
import { BindingsTab } from './BindingsTab.tsx';
import { GroupsTab } from './GroupsTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { WorkspacesTab } from './WorkspacesTab.tsx';

/** Whether the caller may see any part of People (the menu entry asks the same). */
export function canSeePeople(can: ReturnType<typeof useCan>): boolean {
  return can('users:read', 'platform') || can('bindings:read', { somewhere: true });
}

/** People: users, groups, workspaces, role bindings and access reviews; each tab only when permitted. */
export default function PeoplePage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const users = can('users:read', 'platform');
  const bindings = can('bindings:read', { somewhere: true });
  const tabs = [
    users && { key: 'users', label: t('people.tab.users'), children: <UsersTab /> },
    users && { key: 'groups', label: t('people.tab.groups'), children: <GroupsTab /> },
    can('workspaces:read', { somewhere: true }) && {
      key: 'workspaces',
      label: t('people.tab.workspaces'),
      children: <WorkspacesTab />,
    },
    bindings && { key: 'bindings', label: t('people.tab.bindings'), children: <BindingsTab /> },
    (users || bindings) && { key: 'access', label: t('people.tab.access'), children: <AccessTab /> },
  ].filter((tab) => tab !== false);
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab') : tabs[0]?.key;

  return (
    <Flex vertical gap={4}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('people.title')}
      </Typography.Title>
      {tabs.length === 0 ? (
        <Result status="403" title={t('people.forbidden')} />
      ) : (
        <Tabs
          activeKey={active ?? undefined}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={tabs}
          destroyOnHidden
        />
      )}
    </Flex>
  );
}
