import type { KubeClient } from '#server/kube/kube-client.ts';
import { type Clock, systemClock } from '#server/time/clock.ts';
import type { KindResolver } from './kind-resolver.ts';
import { ResourceError, UnknownKindError } from './resource-errors.ts';

/** Waits until discovery serves a kind whose CustomResourceDefinition was just created. */
export async function waitForCrdKind(
  kinds: KindResolver,
  apiVersion: string,
  kind: string,
  options: { timeoutMs: number; clock?: Clock },
): Promise<void> {
  const { timeoutMs, clock = systemClock } = options;
  const deadline = clock().getTime() + timeoutMs;
  for (;;) {
    try {
      await kinds.resolveObject(apiVersion, kind);
      return;
    } catch (error) {
      if (!(error instanceof UnknownKindError)) throw error;
    }
    if (clock().getTime() >= deadline) {
      throw new ResourceError(
        'unknown-kind',
        504,
        `${apiVersion} ${kind} was not served within ${timeoutMs / 1000} s of applying its CustomResourceDefinition; ` +
          "check the CRD's conditions (kubectl describe crd)",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface CrdList {
  items?: Array<{ spec?: { group?: string; names?: { kind?: string } } }>;
}

/**
 * Whether the cluster already holds a CustomResourceDefinition of `group`/`kind`: one applied a
 * moment ago is stored before discovery serves its kind. False when the caller may not list CRDs.
 */
export async function clusterDefinesKind(client: KubeClient, group: string, kind: string): Promise<boolean> {
  if (!group.includes('.')) return false;
  try {
    const response = await client.request<CrdList>({
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    });
    if (response.status !== 200) return false;
    return (response.body.items ?? []).some(
      (crd) => crd.spec?.group === group && crd.spec.names?.kind === kind,
    );
  } catch {
    return false;
  }
}
