import type { Health } from '@portolan/kinds';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

const COLORS: Record<Health['state'], string> = {
  Available: 'green',
  Complete: 'green',
  Progressing: 'blue',
  Degraded: 'red',
  Paused: 'orange',
  Suspended: 'default',
};

/** A workload's health as a coloured word; Kubernetes' reason and the detail on hover. */
export function HealthTag({ health }: { health: Health }) {
  const { t } = useI18n();
  const title = [health.reason, health.message].filter(Boolean).join(': ');
  return (
    <Tooltip title={title}>
      <Tag color={COLORS[health.state]} data-health={health.state}>
        {t(`workloads.health.${health.state}`)}
      </Tag>
    </Tooltip>
  );
}
