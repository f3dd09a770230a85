/**
 * Semantic versions as Helm orders chart versions (1.2.3, v1.2.3, 1.2.3-rc.1, 1.2.3+build), so a
 * release can say whether the catalogue has a newer chart. Anything else is not compared.
 */
interface Version {
  numbers: [number, number, number];
  pre: string[];
}

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(text: string): Version | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) return undefined;
  return {
    numbers: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)],
    pre: match[4] ? match[4].split('.') : [],
  };
}

/** Pre-release identifiers: numbers below words, numbers by value, words by text; fewer below more. */
function comparePre(a: string[], b: string[]): number {
  if (!a.length || !b.length) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (xn !== yn) return xn ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Negative, zero or positive as `a` is older, the same or newer than `b`; undefined when either is not a version. */
export function compareChartVersions(a: string, b: string): number | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) {
    const difference = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (difference) return difference;
  }
  return comparePre(x.pre, y.pre);
}

/** Whether `candidate` is a newer version than `running`. */
export const isNewerVersion = (candidate: string, running: string): boolean =>
  (compareChartVersions(candidate, running) ?? 0) > 0;
