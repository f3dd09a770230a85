import type { PropagationDocument } from '@portolan/api';
import { type SelectorFields, selectorOf } from './propagation-form.ts';

// The common cases as small forms: each makes a Propagation of templates, which then goes through the
// same preview and save as any other.

export const ACCESS_ROLES = ['admin', 'edit', 'view'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export interface NamespaceStart {
  namespace: string;
  /** Labels on the namespace. */
  labels: Record<string, string>;
  targets: SelectorFields;
  /** A group given a ClusterRole in the namespace, when named. */
  group: string;
  role: AccessRole;
}

const RBAC = 'rbac.authorization.k8s.io';

function propagation(name: string, templates: object[], targets: SelectorFields): PropagationDocument {
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name },
    spec: {
      templates: templates as Record<string, unknown>[],
      placement: { clusters: selectorOf(targets) },
      includeDependencies: true,
      suspended: false,
    },
  };
}

/** A propagation's name from an object's: lower-case, at most 63 characters, no dot. */
export const nameFrom = (prefix: string, name: string) =>
  `${prefix}-${name}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');

/** A namespace on many clusters, optionally with a group bound to admin, edit or view in it. */
export function namespaceDocument(start: NamespaceStart): PropagationDocument {
  const namespace = start.namespace.trim();
  const templates: object[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, ...(Object.keys(start.labels).length ? { labels: start.labels } : {}) },
    },
  ];
  const group = start.group.trim();
  if (group)
    templates.push({
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: `${group}-${start.role}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'), namespace },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: start.role },
      subjects: [{ apiGroup: RBAC, kind: 'Group', name: group }],
    });
  return propagation(nameFrom('ns', namespace), templates, start.targets);
}

export interface RoleRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface RoleStart {
  role: string;
  rules: RoleRule[];
  subjectKind: 'Group' | 'User';
  subject: string;
  targets: SelectorFields;
}

export const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;

/** A ClusterRole and the ClusterRoleBinding that gives it to a group or user, on many clusters. */
export function roleDocument(start: RoleStart): PropagationDocument {
  const role = start.role.trim();
  const templates: object[] = [
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: { name: role },
      rules: start.rules.map((rule) => ({
        // The core group is the empty string, as Kubernetes writes it.
        apiGroups: rule.apiGroups.length
          ? rule.apiGroups.map((group) => (group === 'core' ? '' : group))
          : [''],
        resources: rule.resources,
        verbs: rule.verbs,
      })),
    },
  ];
  const subject = start.subject.trim();
  if (subject)
    templates.push({
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: role },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: RBAC, kind: start.subjectKind, name: subject }],
    });
  return propagation(nameFrom('role', role), templates, start.targets);
}
