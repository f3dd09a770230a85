import { Space, Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { NodeRow } from './node-model.ts';

const COLORS = { Ready: 'green', NotReady: 'red', Unknown: 'default' } as const;

/** Ready, NotReady or Unknown, and SchedulingDisabled when cordoned, as kubectl shows it. */
export function NodeStatus({ node }: { node: Pick<NodeRow, 'ready' | 'unschedulable'> }) {
  const { t } = useI18n();
  return (
    <Space size={2} wrap>
      <Tag color={COLORS[node.ready]} style={{ marginInlineEnd: 0 }}>
        {t(`clusterPage.nodes.${node.ready}`)}
      </Tag>
      {node.unschedulable && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('clusterPage.nodes.unschedulable')}
        </Tag>
      )}
    </Space>
  );
}
