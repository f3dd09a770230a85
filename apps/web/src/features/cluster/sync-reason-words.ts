/**
 * The console's words for why a resource type's sync failed, by the codes of packages/api's
 * sync-reasons.ts (issue #10) that are not a cluster's own reasons (those are worded by
 * clusters/reason-words.ts). A group of kinds failing alike shares one line, so the words speak of
 * "these kinds" and the line beneath names them; a code without words shows the server's English.
 */
export const syncReasonEn = {
  'syncReason.unauthorized':
    "the API server did not accept the credentials (it answered 401 to {verb}); get current credentials for this cluster and replace the cluster's kubeconfig.",
  'syncReason.forbidden':
    "the kubeconfig's user may not {verb} these kinds (the API server answered 403); allow it list and watch on them in the cluster's RBAC, or Portolan cannot show them.",
  'syncReason.forbidden.discovery':
    "the kubeconfig's user may not read what the API server serves ({resource} answered 403); allow it get on the discovery paths (the system:discovery role does).",
  'syncReason.not-found':
    'the API server no longer serves these kinds (it answered 404 to {verb}): their CRD or API was removed. Portolan stops syncing them at its next discovery.',
  'syncReason.api-error': 'the API server answered {status} ({reason}) to {verb}: {detail}',
  'syncReason.store-failed':
    "Portolan's store could not keep what was read: {detail}. Check the database's free space and connection.",
  'syncReason.discovery-incomplete':
    'some APIs could not be discovered: {apis}. Their kinds are not synced until they answer (an aggregated API such as metrics.k8s.io may be down).',
  'syncReason.error': '{detail}',
  /** A search's freshness: the one type whose sync failed, then why. */
  'syncReason.ofResource': '{resource}: {reason}',
} as const;
