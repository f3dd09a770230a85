import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { formatValue, type UnitWords } from './chart-model.ts';
import { monitoringEn } from './messages.ts';

/** A catalogue metric's name for people; a name the console has no words for stays as the server names it. */
export function metricLabel(t: I18n['t'], metric: string): string {
  const key = `monitoring.metric.${metric}`;
  return key in monitoringEn ? t(key as MessageKey) : metric;
}

export function unitWords(t: I18n['t']): UnitWords {
  return {
    core: t('monitoring.unit.core'),
    cores: t('monitoring.unit.cores'),
    millicores: t('monitoring.unit.millicores'),
    perSecond: t('monitoring.unit.perSecond'),
    requestsPerSecond: t('monitoring.unit.requestsPerSecond'),
  };
}

/** A series label's value for people: pod phases in the reader's language, the rest as they are. */
export function labelValue(t: I18n['t'], key: string, value: string): string {
  return key === 'phase' && PHASES.includes(value) ? t(`phase.${value}` as MessageKey) : value;
}

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** A value in a catalogue unit, in the reader's language. */
export function valueFormatter(i18n: Pick<I18n, 't' | 'format'>, unit: string | undefined) {
  const words = unitWords(i18n.t);
  return (value: number) => formatValue(value, unit, i18n.format, words);
}
