import type { AlertRuleSpec, SilenceSpec } from '@portolan/api';
import { allowedInCluster, authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { describeScope } from '#server/iam/route-guards.ts';
import type { StoredAlert, StoredSilence } from '#server/store/alerting/alerting-store.ts';
import { coveredClusters } from './rule-status.ts';
import { pinnedScope } from './silence-matchers.ts';

/** An alert is read with alerts:read at its cluster and namespace; Portolan's own (no cluster) at the platform. */
export function maySeeAlert(caller: Caller, alert: Pick<StoredAlert, 'labels'>): boolean {
  const { cluster, namespace } = alert.labels;
  if (!cluster) return authorize(caller, 'alerts:read', 'platform');
  return authorize(caller, 'alerts:read', namespace ? { cluster, namespace } : { cluster });
}

/** A rule is visible when one of the clusters it covers is. */
export function maySeeRule(
  caller: Caller,
  spec: Pick<AlertRuleSpec, 'scope'>,
  registered: readonly string[],
): boolean {
  if (authorize(caller, 'alerts:read', 'platform')) return true;
  return coveredClusters(spec, registered).some((cluster) =>
    allowedInCluster(caller, 'alerts:read', cluster),
  );
}

/** A silence is visible where it pins (unpinned ones to anyone who reads alerts: they hold back theirs too). */
export function maySeeSilence(caller: Caller, silence: Pick<StoredSilence, 'matchers'>): boolean {
  const { cluster, namespace } = pinnedScope(silence.matchers);
  if (!cluster) return true;
  return authorize(caller, 'alerts:read', namespace ? { cluster, namespace } : { cluster });
}

function forbid(
  caller: Caller,
  action: 'alerts:write' | 'monitoring:admin',
  scope: Parameters<typeof authorize>[2],
) {
  if (!authorize(caller, action, scope))
    throw new IamError(
      'forbidden',
      `you may not ${action} in ${describeScope(scope)}; ask its Admin for a role`,
    );
}

/**
 * Writing a rule needs alerts:write on every scope it covers (a custom PromQL rule: monitoring:admin,
 * a platform Admin's). Clusters are those the spec names; none named means every cluster, the platform.
 */
export function requireRuleWrite(caller: Caller, spec: Pick<AlertRuleSpec, 'promql' | 'scope'>): void {
  if (spec.promql !== undefined) forbid(caller, 'monitoring:admin', 'platform');
  const clusters = spec.scope?.clusters ?? [];
  if (clusters.length === 0) {
    forbid(caller, 'alerts:write', 'platform');
    return;
  }
  for (const cluster of clusters) {
    const namespaces = spec.scope?.namespaces;
    if (!namespaces || namespaces.length === 0) forbid(caller, 'alerts:write', { cluster });
    else for (const namespace of namespaces) forbid(caller, 'alerts:write', { cluster, namespace });
  }
}

/** A silence needs alerts:write on the cluster/namespace its matchers pin; one pinning no cluster, platform. */
export function requireSilenceWrite(caller: Caller, spec: Pick<SilenceSpec, 'matchers'>): void {
  const { cluster, namespace } = pinnedScope(spec.matchers);
  forbid(caller, 'alerts:write', !cluster ? 'platform' : namespace ? { cluster, namespace } : { cluster });
}

/** The clusters the caller may write rules on, for a rule that names none: all, or those listed. */
export function writableClusters(caller: Caller, registered: readonly string[]): string[] | 'all' {
  if (authorize(caller, 'alerts:write', 'platform')) return 'all';
  return registered.filter((cluster) => authorize(caller, 'alerts:write', { cluster }));
}
