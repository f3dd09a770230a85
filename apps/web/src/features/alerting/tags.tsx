import { ALERT_LEVELS, type AlertLevel } from '@portolan/api';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { AlertState } from './alerting-api.ts';

export { ALERT_LEVELS };

const LEVEL_COLORS: Record<AlertLevel, string> = {
  critical: 'error',
  warning: 'warning',
  info: 'processing',
};

/** An alert's or rule's level, coloured by how urgent it is. */
export function LevelTag({ level }: { level: AlertLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} data-level={level}>
      {t(`alerting.level.${level}`)}
    </Tag>
  );
}

const STATE_COLORS: Record<AlertState, string> = {
  firing: 'error',
  silenced: 'default',
  inhibited: 'default',
  resolved: 'success',
};

export function AlertStateTag({ state }: { state: AlertState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {t(`alerting.state.${state}`)}
    </Tag>
  );
}

/** Labels as small tags `key=value`. */
export function LabelTags({ labels, skip = [] }: { labels: Record<string, string>; skip?: string[] }) {
  return (
    <>
      {Object.entries(labels)
        .filter(([key]) => !skip.includes(key))
        .map(([key, value]) => (
          <Tag key={key} style={{ marginBlock: 2 }}>
            {key}={value}
          </Tag>
        ))}
    </>
  );
}
