import { Flex, Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { AlertsTab } from './AlertsTab.tsx';
import { DeliveriesTab } from './DeliveriesTab.tsx';
import { PoliciesTab } from './PoliciesTab.tsx';
import { ReceiversTab } from './ReceiversTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { SilencesTab } from './SilencesTab.tsx';

/** /alerts/{tab}: alerts, rules, silences; and for notification readers receivers, policies, deliveries. */
export default function AlertingPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { tab = 'alerts' } = useParams();
  const notifications = can('notifications:read', 'platform');
  const tabs = [
    { key: 'alerts', label: t('alerting.tab.alerts'), children: <AlertsTab /> },
    { key: 'rules', label: t('alerting.tab.rules'), children: <RulesTab /> },
    { key: 'silences', label: t('alerting.tab.silences'), children: <SilencesTab /> },
    ...(notifications
      ? [
          { key: 'receivers', label: t('alerting.tab.receivers'), children: <ReceiversTab /> },
          { key: 'policies', label: t('alerting.tab.policies'), children: <PoliciesTab /> },
          { key: 'deliveries', label: t('alerting.tab.deliveries'), children: <DeliveriesTab /> },
        ]
      : []),
  ];
  const active = tabs.some((entry) => entry.key === tab) ? tab : 'alerts';

  return (
    <Flex vertical gap={8}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('alerting.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('alerting.intro')}</Typography.Text>
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key === 'alerts' ? '/alerts' : `/alerts/${key}`)}
        items={tabs}
        destroyOnHidden
      />
    </Flex>
  );
}
