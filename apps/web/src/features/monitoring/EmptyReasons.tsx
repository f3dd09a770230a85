import { Alert, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { metricLabel } from './metric-words.ts';
import type { EmptyEntry } from './monitoring-api.ts';

/**
 * Why a chart has no line for a metric, in the reader's language: what is wrong, what to do, and the
 * last scrape error as the engine reported it. The engine's own reason is on the Monitoring page, which
 * every notice of an unavailable engine links to. Metrics with the same reason and detail share one notice.
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
        // The scrape error is the engine's data; other details are server sentences (in English).
        const detail =
          first.reason === 'target-down' && first.detail
            ? t('monitoring.lastScrapeError', { detail: first.detail })
            : undefined;
        const link = first.reason === 'engine-unavailable' && can('monitoring:read', 'platform');
        return (
          <Alert
            key={key}
            type={first.reason === 'no-data' || first.reason === 'not-provided' ? 'info' : 'warning'}
            showIcon
            title={title}
            data-reason={first.reason}
            description={
              <Flex vertical gap={2}>
                <Typography.Text type="secondary">{t(`monitoring.advice.${first.reason}`)}</Typography.Text>
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
            }
          />
        );
      })}
    </Flex>
  );
}
