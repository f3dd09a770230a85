/** Kubernetes quantities, read the same way by the server and the console. */
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "2Gi", "1e3") as a number of base units; NaN when malformed. */
export function parseQuantity(text: string | undefined): number {
  if (!text) return 0;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(text.trim());
  if (!match?.[1]) return Number.NaN;
  return Number(match[1]) * (SUFFIX[match[2] ?? ''] ?? Number.NaN);
}
