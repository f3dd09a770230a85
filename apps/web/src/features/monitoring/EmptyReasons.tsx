import { Alert, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { metricLabel } from './metric-words.ts';
import type { EmptyEntry } from './monitoring-api.ts';

/**
 * Why a chart has no line for a metric, in plain words, with the server's sentence and detail (the last
 * scrape error, the engine's error). Metrics with the same reason and detail share one notice.
 */
export function EmptyReasons({
  empty,
  name,
}: {
  empty: EmptyEntry[];
  /** How an entry is named: its metric's label unless told otherwise (e.g. with its cluster). */
  name?: (entry: EmptyEntry) => string;
}) {
  const { t } = useI18n();
  const can = useCan();
  const groups = new Map<string, EmptyEntry[]>();
  for (const entry of empty) {
    const key = `${entry.reason}\u0000${entry.detail ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  if (groups.size === 0) return null;
  return (
    <Flex vertical gap={6}>
      {[...groups.entries()].map(([key, entries]) => {
        const first = entries[0] as EmptyEntry;
        const metrics = entries
          .map((entry) => (name ? name(entry) : metricLabel(t, entry.metric)))
          .join(', ');
        const title = t(`monitoring.empty.${first.reason}`, { metrics });
        const detail =
          first.reason === 'target-down' && first.detail
            ? t('monitoring.lastScrapeError', { detail: first.detail })
            : first.detail;
        const link = first.reason === 'engine-unavailable' && can('monitoring:admin', 'platform');
        return (
          <Alert
            key={key}
            type={first.reason === 'no-data' || first.reason === 'not-provided' ? 'info' : 'warning'}
            showIcon
            title={title}
            data-reason={first.reason}
            description={
              (entries.length === 1 || detail || link) && (
                <Flex vertical gap={2}>
                  {/* The server's sentence names one metric; for several, the title says it for all. */}
                  {entries.length === 1 && (
                    <Typography.Text type="secondary">{first.message}</Typography.Text>
                  )}
                  {detail && (
                    <Typography.Text
                      type="secondary"
                      code
                      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                    >
                      {detail}
                    </Typography.Text>
                  )}
                  {link && <Link to="/monitoring">{t('monitoring.openEngine')}</Link>}
                </Flex>
              )
            }
          />
        );
      })}
    </Flex>
  );
}
