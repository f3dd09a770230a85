import type { ClusterSelector, MultiClusterServiceView } from '@portolan/api';
import { Flex, Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { mcsReasonText } from './mcs-reason.ts';

type Import = MultiClusterServiceView['imports'][number];
type Export = MultiClusterServiceView['exports'][number];

const STATE_COLORS: Record<Import['state'], string> = {
  applied: 'success',
  pending: 'processing',
  failed: 'error',
  offline: 'warning',
  forbidden: 'error',
};

/** An import cluster's state as a coloured tag. */
export function StateTag({ state }: { state: Import['state'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {t(`mcs.state.${state}`)}
    </Tag>
  );
}

/** Each import cluster with its state (the reason on hover). */
export function ImportTags({ imports }: { imports: Import[] }) {
  const words = useI18n();
  const { t, format } = words;
  if (!imports.length) return <span>{t('mcs.importsNone')}</span>;
  return (
    <Flex gap={4} wrap>
      {imports.map((entry) => (
        <Tooltip key={entry.cluster} title={entry.reason ? mcsReasonText(words, entry) : undefined}>
          <Tag color={STATE_COLORS[entry.state]} data-import={entry.cluster} data-state={entry.state}>
            {entry.cluster} · {t(`mcs.state.${entry.state}`)}
            {entry.state === 'applied'
              ? ` · ${t('mcs.endpoints', { count: format.number(entry.endpoints ?? 0) })}`
              : ''}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

/** Each exporting cluster with its ready endpoints; offline (or empty) ones marked, the reason on hover. */
export function ExportTags({ exports, offline }: { exports: Export[]; offline: ReadonlySet<string> }) {
  const words = useI18n();
  const { t, format } = words;
  if (!exports.length) return <span>{t('mcs.exportsNone')}</span>;
  return (
    <Flex gap={4} wrap>
      {exports.map((entry) => {
        const away = offline.has(entry.cluster);
        return (
          <Tooltip key={entry.cluster} title={entry.reason ? mcsReasonText(words, entry) : undefined}>
            <Tag
              color={away ? 'warning' : entry.readyEndpoints > 0 ? 'blue' : 'default'}
              data-export={entry.cluster}
              data-ready={entry.readyEndpoints}
            >
              {entry.cluster} · {t('mcs.ready', { count: format.number(entry.readyEndpoints) })}
              {away ? ` · ${t('mcs.offline')}` : ''}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

/** A cluster selector in words: named clusters, a label selector, or every cluster; exclusions after. */
export function useSelectorText(): (selector: ClusterSelector) => string {
  const { t } = useI18n();
  return (selector) => {
    const parts: string[] = [];
    if (selector.all) parts.push(t('mcs.selector.all'));
    if (selector.names?.length) parts.push(t('mcs.selector.names', { names: selector.names.join(', ') }));
    if (selector.labelSelector) parts.push(t('mcs.selector.labels', { selector: selector.labelSelector }));
    if (selector.exclude?.length)
      parts.push(t('mcs.selector.exclude', { names: selector.exclude.join(', ') }));
    return parts.join('; ');
  };
}
