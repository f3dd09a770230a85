import type { KubeClient } from '#server/kube/kube-client.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import type { NodeFacts } from './platform-detect.ts';

/** How many nodes there are (one list request of one item), and a sample for platform detection. */
export async function countNodes(
  client: KubeClient,
): Promise<{ count: number | undefined; sample: NodeFacts[] }> {
  const response = await client.request<{
    items?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: { providerID?: string };
    }[];
    metadata?: { continue?: string; remainingItemCount?: number };
  }>({ path: '/api/v1/nodes', query: { limit: 1 } });
  if (response.status === 403) return { count: undefined, sample: [] };
  if (response.status !== 200) {
    throw new KubeError(
      { code: response.status, message: `listing nodes answered ${response.status}` },
      {
        method: 'GET',
        path: '/api/v1/nodes',
        server: client.server,
      },
    );
  }
  const items = response.body.items ?? [];
  const sample = items.map((node) => ({
    ...(node.metadata?.labels ? { labels: node.metadata.labels } : {}),
    ...(node.metadata?.annotations ? { annotations: node.metadata.annotations } : {}),
    ...(node.spec?.providerID ? { providerID: node.spec.providerID } : {}),
  }));
  const more = response.body.metadata?.continue;
  if (!more) return { count: items.length, sample };
  const remaining = response.body.metadata?.remainingItemCount;
  if (remaining !== undefined) return { count: items.length + remaining, sample };
  return { count: (await client.list('/api/v1/nodes')).items.length, sample };
}

/** Who the credentials authenticate as (SelfSubjectReview, GA in 1.28); undefined when the server does not say. */
export async function whoAmI(
  client: KubeClient,
): Promise<{ username: string; groups: string[] } | undefined> {
  const response = await client.request<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>(
    {
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    },
  );
  const user = response.body?.status?.userInfo;
  return response.status === 201 && user?.username
    ? { username: user.username, groups: user.groups ?? [] }
    : undefined;
}
