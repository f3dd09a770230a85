import { useQuery } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api } from '../../api/portolan.ts';
import { ME_QUERY } from '../../app/RequireSession.tsx';
import { type ChartPreferences, preferencesKey, readPreferences } from './chart-choices.ts';

export { RANGES, type Range, REFRESHES, type Refresh } from './chart-choices.ts';

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
