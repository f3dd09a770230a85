const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a Go-style duration (30s, 5m, 1h30m), or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  if (!/^([0-9]+(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)(ms|s|m|h|d)/g))
    total += Number(amount) * (UNITS[unit ?? 's'] ?? 0);
  return total;
}
