import { clusterReasonEn } from './reason-words.ts';

/** The clusters list's add and replace drawers: testing a kubeconfig's connection before saving it. */
export const clustersEn = {
  ...clusterReasonEn,
  'clusters.test.button': 'Test connection',
  'clusters.test.hint': 'Optional: saving tests the connection anyway.',
  'clusters.test.ok': 'Connected to {server}',
  'clusters.test.okWithWarnings': 'Connected to {server}, with warnings',
  'clusters.test.failed': 'The connection test failed',
  'clusters.test.where': 'In the kubeconfig at {field}',
  'clusters.test.context': 'Context',
  'clusters.test.version': 'Kubernetes',
  'clusters.test.platform': 'Platform',
  'clusters.test.nodes': 'Nodes',
  'clusters.test.nodesUnknown': 'Unknown: the credentials may not list nodes',
  'clusters.test.identity': 'Credentials of',
  'clusters.test.identityUnknown': 'The server does not say',
  'clusters.test.groups': 'Groups: {groups}',
  'clusters.test.expiry': 'Credentials expire',
  'clusters.test.expiryItem': '{kind}: {when}',
  'clusters.test.expiresAt': '{date} ({ago})',
  'clusters.test.noExpiry': 'No expiry stated',
  'clusters.test.renewable': 'renewed automatically',
  'clusters.test.kind.client-certificate': 'Client certificate',
  'clusters.test.kind.token': 'Token',
  'clusters.test.kind.id-token': 'ID token',
  'clusters.test.kind.exec': 'Credential plugin',
  'clusters.test.missingTitle': 'Sync will lack {count} resource types',
  'clusters.test.missingText':
    'These credentials may not list and watch them in all namespaces, so Portolan will not show or search them:',
  'clusters.test.warnings': 'Warnings',
  'clusters.addedWithout': 'Added, but these credentials may not list and watch: {resources}',
} as const;
