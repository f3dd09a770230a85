import { Flex, Tabs, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { CLUSTER_TABS } from './cluster-tabs.ts';

/** One cluster: a tab per area (/clusters/{cluster}/{tab}); the first tab when none is named. */
export default function ClusterDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { cluster = '', tab } = useParams();
  const tabs = [...CLUSTER_TABS].sort((a, b) => a.order - b.order);
  const active = tabs.find((entry) => entry.key === tab) ?? tabs[0];
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Link to="/clusters">{t('nav.clusters')}</Link> / {cluster}
      </Typography.Title>
      <Tabs
        activeKey={active?.key}
        onChange={(key) => navigate(`/clusters/${encodeURIComponent(cluster)}/${key}`)}
        destroyOnHidden
        items={tabs.map(({ key, labelKey, Component }) => ({
          key,
          label: t(labelKey),
          children: (
            <Suspense fallback={<Loading />}>
              <Component cluster={cluster} />
            </Suspense>
          ),
        }))}
      />
    </Flex>
  );
}
