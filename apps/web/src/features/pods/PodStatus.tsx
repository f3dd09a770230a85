import { Tag } from 'antd';
import type { MessageKey } from '../../app/en.ts';
import { useI18n } from '../../app/i18n.tsx';
import { toneOf } from './pod-model.ts';

const COLORS = { good: 'success', busy: 'processing', bad: 'error', plain: 'default' } as const;

/** Words Kubernetes uses that the console translates; other reasons (CrashLoopBackOff, …) stay as written. */
const KNOWN = new Set(['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown', 'Terminating', 'Completed']);

/** A pod's or container's status in words, coloured by how it reads (theme-aware preset colours). */
export function PodStatus({ text }: { text: string }) {
  const { t } = useI18n();
  const words = KNOWN.has(text) ? t(`pods.phase.${text}` as MessageKey) : text;
  return <Tag color={COLORS[toneOf(text)]}>{words}</Tag>;
}
