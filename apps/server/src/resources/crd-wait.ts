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
