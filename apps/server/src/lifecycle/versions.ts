import type { ProviderVersion } from './provider.ts';

/** A Kubernetes version as v<major>.<minor>.<patch>. */
export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(version: string): ParsedVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

const minorOf = (v: ParsedVersion) => `${v.major}.${v.minor}`;

/**
 * Why going from `from` to `to` is refused, in plain words; undefined when it is allowed: one minor
 * at a time (no skips), never down, a newer patch of the same minor allowed.
 */
export function upgradeRefusal(from: string, to: string): string | undefined {
  const a = parseVersion(from);
  const b = parseVersion(to);
  if (!a) return `the cluster's version "${from}" is not one Portolan can read`;
  if (!b) return `"${to}" is not a Kubernetes version; write it as v1.37.2`;
  if (a.major !== b.major) return `${to} is another major version than ${from}; Portolan upgrades within v1`;
  if (b.minor < a.minor || (b.minor === a.minor && b.patch < a.patch))
    return `${to} is older than the cluster's ${from}: downgrades are refused; restore a snapshot taken on the older version instead`;
  if (b.minor === a.minor && b.patch === a.patch) return `the cluster is on ${from} already`;
  if (b.minor > a.minor + 1)
    return `${to} skips a minor version: upgrade one minor at a time (to ${a.major}.${a.minor + 1}.x first)`;
  return undefined;
}

/** The catalogue's versions the cluster may go to next, newest first. */
export function upgradeTargets(current: string, catalogue: ProviderVersion[]): string[] {
  return catalogue
    .filter((entry) => upgradeRefusal(current, entry.version) === undefined)
    .map((entry) => entry.version);
}

export { minorOf };
