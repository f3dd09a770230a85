import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { waitForCrdKind } from './crd-wait.ts';
import type { KindResolver } from './kind-resolver.ts';
import { ResourceError, UnknownKindError } from './resource-errors.ts';

const widget: DiscoveredResource = {
  group: 'example.com',
  version: 'v1',
  resource: 'widgets',
  kind: 'Widget',
  singular: 'widget',
  namespaced: true,
  verbs: ['get', 'list'],
  shortNames: [],
  categories: [],
  subresources: [],
  preferred: true,
};

/** A resolver that serves the kind from the given attempt on (never, when undefined). */
function resolverServingFrom(attempt: number | undefined, onAttempt: () => void = () => {}) {
  let attempts = 0;
  const kinds: KindResolver = {
    resolve: async () => widget,
    async resolveObject(_apiVersion, kind) {
      attempts += 1;
      onAttempt();
      if (attempt !== undefined && attempts >= attempt) return widget;
      throw new UnknownKindError(kind, []);
    },
    invalidate() {},
  };
  return { kinds, attempts: () => attempts };
}

test('waiting for a CRD kind ends as soon as discovery serves it', async () => {
  const { kinds, attempts } = resolverServingFrom(2);
  await waitForCrdKind(kinds, 'example.com/v1', 'Widget', { timeoutMs: 30_000, clock: () => new Date(0) });
  assert.equal(attempts(), 2);
});

test('the deadline is measured on the injected clock: past it, a 504 says what to check', async () => {
  let now = 0;
  // Each attempt moves the clock 20 s on, so the second attempt is past a 30 s deadline.
  const { kinds, attempts } = resolverServingFrom(undefined, () => {
    now += 20_000;
  });
  const started = Date.now();
  await assert.rejects(
    waitForCrdKind(kinds, 'example.com/v1', 'Widget', { timeoutMs: 30_000, clock: () => new Date(now) }),
    (error: unknown) => {
      assert.ok(error instanceof ResourceError);
      assert.equal(error.status, 504);
      assert.match(error.message, /within 30 s/);
      assert.match(error.message, /kubectl describe crd/);
      return true;
    },
  );
  assert.equal(attempts(), 2);
  // One pause between attempts, not thirty seconds of them.
  assert.ok(Date.now() - started < 5_000);
});
