import type { KubeClient } from '#server/kube/kube-client.ts';
import { kubeErrorFromResponse } from '#server/kube/kube-errors.ts';

export interface GroupResource {
  group: string;
  resource: string;
}

export interface MissingPermission extends GroupResource {
  verbs: string[];
}

interface AccessReview {
  status?: { allowed?: boolean; reason?: string; evaluationError?: string };
}

async function allowed(client: KubeClient, verb: string, group: string, resource: string): Promise<boolean> {
  const path = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
  const response = await client.request<AccessReview>({
    method: 'POST',
    path,
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb, group, resource } },
    },
  });
  if (response.status !== 201 && response.status !== 200) {
    throw kubeErrorFromResponse(response.status, response.body, {
      method: 'POST',
      path,
      server: client.server,
    });
  }
  return response.body.status?.allowed === true;
}

/**
 * Which of `resources` the credentials cannot list and watch in all namespaces, asked with
 * SelfSubjectAccessReviews. One review of `*` answers for cluster administrators.
 */
export async function missingSyncPermissions(
  client: KubeClient,
  resources: GroupResource[],
  concurrency = 8,
): Promise<MissingPermission[]> {
  const verbs = ['list', 'watch'];
  const everything = await Promise.all(verbs.map((verb) => allowed(client, verb, '*', '*')));
  if (everything.every(Boolean)) return [];
  const missing: MissingPermission[] = [];
  const pending = [...resources];
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const entry = next;
      const answers = await Promise.all(
        verbs.map((verb) => allowed(client, verb, entry.group, entry.resource)),
      );
      const denied = verbs.filter((_, index) => !answers[index]);
      if (denied.length > 0) missing.push({ group: entry.group, resource: entry.resource, verbs: denied });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const order = new Map(resources.map((entry, index) => [`${entry.group}/${entry.resource}`, index]));
  return missing.sort(
    (a, b) => (order.get(`${a.group}/${a.resource}`) ?? 0) - (order.get(`${b.group}/${b.resource}`) ?? 0),
  );
}
