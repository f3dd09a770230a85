import type { ReactNode } from 'react';
import type { I18n } from '../../app/i18n.tsx';
import { statusWords, toneOf } from './pod-model.ts';
import type { PodQuery, PodRow } from './pod-rows.ts';
import { podPagePath } from './pods-api.ts';

// The pods list's columns: each cell is plain text, a link or a span with a class, no component.

export type Freshness = 'fresh' | 'stale' | 'syncing' | 'failed';

/**
 * Rows are drawn again once a minute, with `now` at the minute's start: a pod made since then is
 * "now", never "in 40 seconds".
 */
const since = (iso: string, now: number) => Math.max(now, Date.parse(iso));

/** What every row reads besides itself: it changes with the language, the minute and the clusters' freshness. */
export interface RowContext {
  t: I18n['t'];
  format: I18n['format'];
  now: number;
  freshness: Map<string, Freshness>;
  columns: Column[];
}

export interface Column {
  key: string;
  title: string;
  width: number;
  sort?: NonNullable<PodQuery['sort']>;
  cell(row: PodRow, context: RowContext): ReactNode;
}

export function columnsOf(t: I18n['t'], withCluster: boolean): Column[] {
  const text = (value: string) => <span title={value}>{value}</span>;
  return [
    ...(withCluster
      ? [
          {
            key: 'cluster',
            title: t('pods.cluster'),
            width: 140,
            sort: 'cluster' as const,
            cell: (row: PodRow, { t, freshness }: RowContext) => {
              const status = freshness.get(row.cluster);
              return (
                <>
                  {row.cluster}
                  {status && status !== 'fresh' && (
                    <span
                      className={`pods-tag ${status === 'failed' ? 'bad' : status === 'stale' ? 'warn' : 'busy'}`}
                      title={t(`pods.freshness.${status}.long`, { cluster: row.cluster })}
                    >
                      {t(`pods.freshness.${status}`)}
                    </span>
                  )}
                </>
              );
            },
          },
        ]
      : []),
    {
      key: 'namespace',
      title: t('pods.namespace'),
      width: 150,
      sort: 'namespace',
      cell: (row) => text(row.namespace),
    },
    {
      key: 'name',
      title: t('pods.name'),
      width: 280,
      sort: 'name',
      cell: (row) => (
        <a href={podPagePath(row.cluster, row.namespace, row.name)} title={row.name}>
          {row.name}
        </a>
      ),
    },
    {
      key: 'status',
      title: t('pods.status'),
      width: 160,
      cell: (row, { t }) => (
        <span className={`pods-tag status ${toneOf(row.status)}`}>{statusWords(row.status, t)}</span>
      ),
    },
    {
      key: 'ready',
      title: t('pods.ready'),
      width: 70,
      cell: (row) => (
        <span className={row.ready < row.total ? 'pods-warn' : undefined}>
          {row.ready}/{row.total}
        </span>
      ),
    },
    {
      key: 'restarts',
      title: t('pods.restarts'),
      width: 90,
      cell: (row, { t, format, now }) => (
        <span
          className={row.restarts > 0 ? 'pods-warn' : undefined}
          title={
            row.lastRestartAt
              ? t('pods.lastRestart', { when: format.ago(row.lastRestartAt, since(row.lastRestartAt, now)) })
              : undefined
          }
        >
          {format.number(row.restarts)}
        </span>
      ),
    },
    { key: 'node', title: t('pods.node'), width: 150, cell: (row) => text(row.node ?? '–') },
    {
      key: 'created',
      title: t('pods.age'),
      width: 140,
      sort: 'created',
      cell: (row, { format, now }) =>
        row.createdAt ? (
          <span title={row.createdAt}>{format.ago(row.createdAt, since(row.createdAt, now))}</span>
        ) : (
          '–'
        ),
    },
  ];
}
