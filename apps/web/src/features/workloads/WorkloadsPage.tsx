import { Card, Flex, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { WorkloadsTable } from './WorkloadsTable.tsx';

/** /workloads: every workload on every cluster, in one table. */
export default function WorkloadsPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('workloads.title')}
      </Typography.Title>
      <Card size="small">
        <WorkloadsTable />
      </Card>
    </Flex>
  );
}
