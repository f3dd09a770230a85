import type { ConnectionFacts } from '@portolan/api';
import type { ClusterFacts } from '#server/clusters/connection-check.ts';

/** The connection check's facts as the API answers them: dates as ISO text, what is unknown as null. */
export function connectionFactsAnswer(facts: ClusterFacts): ConnectionFacts {
  return {
    context: { ...facts.context, namespace: facts.context.namespace ?? null },
    server: facts.server,
    identity: facts.identity ? { username: facts.identity.username, groups: facts.identity.groups } : null,
    version: facts.version,
    platform: facts.platform,
    platformEvidence: facts.platformEvidence,
    nodeCount: facts.nodeCount ?? null,
    missingPermissions: facts.missingPermissions.map(({ group, resource, verbs }) => ({
      group,
      resource,
      verbs,
    })),
    credentialExpiry: facts.credentialExpiry.map((item) => ({
      kind: item.kind,
      field: item.field,
      expiresAt: item.expiresAt?.toISOString() ?? null,
      subject: item.subject ?? null,
      renewable: item.renewable,
    })),
    warnings: facts.warnings,
  };
}
