import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { statusWords, toneOf } from './pod-model.ts';

const COLORS = { good: 'success', busy: 'processing', bad: 'error', plain: 'default' } as const;

/** A pod's or container's status in words, coloured by how it reads (theme-aware preset colours). */
export function PodStatus({ text }: { text: string }) {
  const { t } = useI18n();
  return <Tag color={COLORS[toneOf(text)]}>{statusWords(text, t)}</Tag>;
}
