import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffForPreview, projectOnto } from './preview-diff.ts';

const rendered = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
};

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, uid: 'u', resourceVersion: '7' },
  spec: {
    replicas: 2,
    progressDeadlineSeconds: 600,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27', terminationMessagePath: '/dev/termination-log' },
          { name: 'sidecar', image: 'envoy' },
        ],
      },
    },
  },
  status: { readyReplicas: 2 },
};

test('the live object is compared only in the fields Portolan would set', () => {
  assert.deepEqual(projectOnto(live, rendered), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
  assert.deepEqual(diffForPreview(live, rendered, 'Deployment/shop/web', false), {
    action: 'unchanged',
    diff: '',
    object: rendered,
  });
  // Lists without names are applied whole: an item only the live one has is a change.
  assert.deepEqual(projectOnto({ args: ['a', 'b'] }, { args: ['a'] }), { args: ['a', 'b'] });
});

test('a changed image is an update whose diff shows the field; an absent object is a create', () => {
  const changed = structuredClone(rendered);
  changed.spec.template.spec.containers[0] = { name: 'web', image: 'nginx:1.28' };
  const update = diffForPreview(live, changed, 'Deployment/shop/web', false);
  assert.equal(update.action, 'update');
  assert.match(update.diff, /^-.*image: nginx:1\.27$/m);
  assert.match(update.diff, /^\+.*image: nginx:1\.28$/m);
  assert.doesNotMatch(update.diff, /sidecar|terminationMessagePath|readyReplicas/);
  const create = diffForPreview(undefined, rendered, 'Deployment/shop/web', false);
  assert.equal(create.action, 'create');
  assert.match(create.diff, /^--- \/dev\/null/m);
  const removal = diffForPreview(live, undefined, 'Deployment/shop/web', false);
  assert.equal(removal.action, 'delete');
  assert.match(removal.diff, /^\+\+\+ \/dev\/null/m);
});

test('Secret values are masked unless revealed, and the diff still says which keys change', () => {
  const secret = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'shop' },
    data,
  });
  const masked = diffForPreview(
    secret({ a: 'b2xk', b: 'c2FtZQ==' }),
    secret({ a: 'bmV3', b: 'c2FtZQ==' }),
    'Secret/shop/s',
    false,
  );
  assert.equal(masked.action, 'update');
  assert.deepEqual(masked.object?.data, { a: '<masked>', b: '<masked>' });
  assert.doesNotMatch(masked.diff, /b2xk|bmV3|c2FtZQ/);
  assert.match(masked.diff, /^\+ {2}a: <masked, changed>$/m);
  const revealed = diffForPreview(secret({ a: 'b2xk' }), secret({ a: 'bmV3' }), 'Secret/shop/s', true);
  assert.match(revealed.diff, /^\+ {2}a: bmV3$/m);
  const removed = diffForPreview(secret({ a: 'b2xk' }), undefined, 'Secret/shop/s', false);
  assert.doesNotMatch(removed.diff, /b2xk/);
});
