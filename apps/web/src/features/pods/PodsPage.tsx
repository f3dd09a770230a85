import { Card, Flex, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PodsTable } from './PodsTable.tsx';

/** /pods: every pod on every cluster the caller may see. */
export default function PodsPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('pods.title')}
      </Typography.Title>
      <Card size="small">
        <PodsTable />
      </Card>
    </Flex>
  );
}
