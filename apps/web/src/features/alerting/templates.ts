import type { I18n } from '../../app/i18n.tsx';
import type { AlertTemplate } from './alerting-api.ts';

/** The built-in templates the console has words for (packages/api/src/alerting.ts lists them). */
export const KNOWN_TEMPLATES = [
  'node-not-ready',
  'pod-crash-looping',
  'workload-replicas-unavailable',
  'cpu-over-threshold',
  'memory-over-threshold',
  'pvc-almost-full',
  'certificate-expiring',
  'credential-expiring',
  'cluster-offline',
  'control-plane-errors',
] as const;
type Known = (typeof KNOWN_TEMPLATES)[number];

const known = (id: string): id is Known => (KNOWN_TEMPLATES as readonly string[]).includes(id);

/** A template's name and what it watches, in the reader's language; an unknown one by its id. */
export function templateText(id: string, t: I18n['t']): { title: string; description: string } {
  if (!known(id)) return { title: id, description: '' };
  return { title: t(`alerting.template.${id}`), description: t(`alerting.template.${id}.help`) };
}

const PARAM_NAMES = ['threshold', 'days', 'restarts', 'window'] as const;

/** A parameter's name in the reader's language; one the console does not know by its own name. */
export function paramName(name: string, t: I18n['t']): string {
  return (PARAM_NAMES as readonly string[]).includes(name)
    ? t(`alerting.param.name.${name as (typeof PARAM_NAMES)[number]}`)
    : name;
}

/** How a parameter's value is written: a ratio as 0–1, a duration as 5m. */
export function paramHint(param: AlertTemplate['params'][number], t: I18n['t']): string {
  return t(`alerting.param.${param.type}`);
}
