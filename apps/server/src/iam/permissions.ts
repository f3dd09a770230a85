/**
 * The permissions routes declare. Every route must name one (the app refuses to register a
 * route without it), so the route × permission table can be checked as a whole. They are IAM's
 * vocabulary (roles grant them, authorize checks them); http/ only attaches one to each route.
 */
export const PERMISSIONS = [
  'public',
  'metrics:read',
  'sandboxes:read',
  'sandboxes:write',
  'clusters:read',
  'clusters:write',
  'resources:read',
  'resources:write',
  /** Secret values in clear; every other route that returns a Secret masks them. */
  'secrets:reveal',
  /** A shell in a container: more than a write, so granted on its own. */
  'pods:exec',
  /** kubectl and helm through the Kubernetes API proxy, and the kubeconfig that points at it. */
  'clusters:proxy',
  /** Any signed-in caller, acting on its own account: who am I, sign out, password, own API tokens. */
  'self',
  /** Users and groups (platform). */
  'users:read',
  'users:write',
  /** Workspaces and which namespaces belong to them. */
  'workspaces:read',
  'workspaces:write',
  /** Role bindings, effective permissions and who-can, within the scope the caller administers. */
  'bindings:read',
  'bindings:write',
  /** The audit trail (platform). */
  'audit:read',
  /** Which replica owns which cluster sync and singleton job (platform). */
  'replicas:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
