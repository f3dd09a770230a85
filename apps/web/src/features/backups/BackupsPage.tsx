import { Flex, Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { BackupsTab } from './BackupsTab.tsx';
import { DestinationsTab } from './DestinationsTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { RestoresTab } from './RestoresTab.tsx';

/** /backups/{tab}: backups, plans, restores; and for platform administrators the destinations. */
export default function BackupsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { tab = 'backups' } = useParams();
  const tabs = [
    { key: 'backups', label: t('backups.tab.backups'), children: <BackupsTab /> },
    { key: 'plans', label: t('backups.tab.plans'), children: <PlansTab /> },
    { key: 'restores', label: t('backups.tab.restores'), children: <RestoresTab /> },
    ...(can('backups:admin', 'platform')
      ? [{ key: 'destinations', label: t('backups.tab.destinations'), children: <DestinationsTab /> }]
      : []),
  ];
  const active = tabs.some((entry) => entry.key === tab) ? tab : 'backups';
  return (
    <Flex vertical gap={8}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('backups.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('backups.intro')}</Typography.Text>
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key === 'backups' ? '/backups' : `/backups/${key}`)}
        items={tabs}
        destroyOnHidden
      />
    </Flex>
  );
}
