import type { Health } from '@portolan/kinds';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { healthWords } from './health-words.ts';

const COLORS: Record<Health['state'], string> = {
  Available: 'green',
  Complete: 'green',
  Progressing: 'blue',
  Degraded: 'red',
  Paused: 'orange',
  Suspended: 'default',
};

/** `(health, kind, object) => text`: health's detail in the page's language. */
export function useHealthText(): (health: Health, kind: string, object: unknown) => string {
  const { t } = useI18n();
  return (health, kind, object) => {
    const words = healthWords(health, kind, object);
    return 'text' in words ? words.text : t(words.key, words.values);
  };
}

/** A workload's health as a coloured word; Kubernetes' reason and the detail on hover. */
export function HealthTag({ health, kind, object }: { health: Health; kind: string; object: unknown }) {
  const { t } = useI18n();
  const detail = useHealthText()(health, kind, object);
  const title = [health.reason, detail].filter(Boolean).join(': ');
  return (
    <Tooltip title={title}>
      <Tag color={COLORS[health.state]} data-health={health.state}>
        {t(`workloads.health.${health.state}`)}
      </Tag>
    </Tooltip>
  );
}
