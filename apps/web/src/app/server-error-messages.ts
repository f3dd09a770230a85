/**
 * The server's frequent refusals, worded from their `code` and `params` (packages/api errors.ts). In
 * English the console shows the server's own message, which says more; these keys exist in English
 * only because every key must.
 */
export const serverErrorsEn = {
  'serverError.forbidden': 'You may not {permission} in {scope}; ask its Admin for a role.',
  'serverError.clusterForbidden': 'The cluster does not allow you to {verb} {kind}{name}{where}.',
  'serverError.notFound': '{kind} {name} was not found{where}; it may have been removed.',
  'serverError.clusterNotFound': 'No cluster named "{name}"; the Clusters page lists them.',
  'serverError.conflict': '{kind} {name} changed since it was read; reload it and make the change again.',
  'serverError.unreachable':
    'The cluster’s API server {server} did not answer; check that it is running and reachable.',
  'serverError.unauthenticated': 'You are not signed in, or your session has ended; sign in again.',
  'serverError.unknownField': 'Unknown {where} "{field}": remove it or check its spelling.',
  'serverError.oneOf': '{where} "{field}" must be one of: {values}.',
  'serverError.invalidField': '{where} "{field}" is not valid.',
  'serverError.where.querystring': 'query parameter',
  'serverError.where.params': 'path parameter',
  'serverError.where.body': 'field',
  'serverError.scope.platform': 'the platform',
  'serverError.scope.anywhere': 'any scope',
  'serverError.scope.workspace': 'workspace {workspace}',
  'serverError.scope.cluster': 'cluster {cluster}',
  'serverError.scope.namespace': 'namespace {namespace} of cluster {cluster}',
  'serverError.inNamespace': ' in namespace {namespace}',
  'serverError.clusterWide': ' cluster-wide',
} as const;
