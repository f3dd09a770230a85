import { useQuery } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api } from '../../api/portolan.ts';
import { ME_QUERY } from '../../app/RequireSession.tsx';

export const RANGES = ['15m', '1h', '6h', '24h', '7d'] as const;
export type Range = (typeof RANGES)[number];
/** Seconds between refreshes; 0 is off. */
export const REFRESHES = [0, 30, 60, 300] as const;
export type Refresh = (typeof REFRESHES)[number];

export interface ChartPreferences {
  range: Range;
  refresh: Refresh;
}

const DEFAULTS: ChartPreferences = { range: '1h', refresh: 60 };

/** The browser key of one user's choices, so two people sharing a browser keep their own. */
export const preferencesKey = (user: string) => `portolan.charts.${user}`;

/** Reads remembered choices, ignoring anything that is not a known range or refresh. */
export function readPreferences(stored: string | null): ChartPreferences {
  try {
    const parsed = JSON.parse(stored ?? '{}') as Partial<ChartPreferences>;
    return {
      range: RANGES.includes(parsed.range as Range) ? (parsed.range as Range) : DEFAULTS.range,
      refresh: REFRESHES.includes(parsed.refresh as Refresh) ? (parsed.refresh as Refresh) : DEFAULTS.refresh,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Other charts on the page follow a change made on one of them. */
const PREFERENCES_EVENT = 'portolan.charts';

function subscribe(changed: () => void): () => void {
  window.addEventListener(PREFERENCES_EVENT, changed);
  window.addEventListener('storage', changed);
  return () => {
    window.removeEventListener(PREFERENCES_EVENT, changed);
    window.removeEventListener('storage', changed);
  };
}

/** The signed-in user's chart range and refresh, remembered in this browser across pages and visits. */
export function useChartPreferences(): [ChartPreferences, (next: Partial<ChartPreferences>) => void] {
  const me = useQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  const key = preferencesKey(me.data?.user.id ?? 'anonymous');
  const stored = useSyncExternalStore(subscribe, () => localStorage.getItem(key));
  const update = useCallback(
    (next: Partial<ChartPreferences>) => {
      localStorage.setItem(key, JSON.stringify({ ...readPreferences(localStorage.getItem(key)), ...next }));
      window.dispatchEvent(new Event(PREFERENCES_EVENT));
    },
    [key],
  );
  return [readPreferences(stored), update];
}
