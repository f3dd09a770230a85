const SECONDS = { '15m': 900, '1h': 3600, '6h': 21_600, '24h': 86_400, '7d': 604_800 } as const;

/** A named range ending now as start, end and a step of about 120 points (at least 15 s). */
export function rangeWindow(range: keyof typeof SECONDS, now: number) {
  const seconds = SECONDS[range];
  return {
    start: new Date(now - seconds * 1000).toISOString(),
    end: new Date(now).toISOString(),
    stepSeconds: Math.max(15, Math.round(seconds / 120)),
  };
}
