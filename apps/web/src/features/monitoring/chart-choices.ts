/** The chart range and refresh choices, and how remembered ones are read back. */
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
