import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upgradeRefusal, upgradeTargets } from './versions.ts';

const catalogue = ['v1.37.2', 'v1.36.3', 'v1.36.1', 'v1.35.0'].map((version, index) => ({
  version,
  minor: version.slice(1, 5),
  built: true,
  default: index === 0,
}));

test('a newer patch of the same minor and the next minor are allowed', () => {
  assert.equal(upgradeRefusal('v1.36.1', 'v1.36.3'), undefined);
  assert.equal(upgradeRefusal('v1.36.3', 'v1.37.2'), undefined);
  assert.equal(upgradeRefusal('v1.36.1', 'v1.37.2'), undefined);
});

test('skipping a minor, downgrading and staying put are refused, saying why', () => {
  assert.match(upgradeRefusal('v1.35.0', 'v1.37.2') ?? '', /skips a minor/);
  assert.match(upgradeRefusal('v1.37.2', 'v1.36.3') ?? '', /downgrades are refused/);
  assert.match(upgradeRefusal('v1.36.3', 'v1.36.1') ?? '', /downgrades are refused/);
  assert.match(upgradeRefusal('v1.36.3', 'v1.36.3') ?? '', /already/);
  assert.match(upgradeRefusal('v1.36.3', 'latest') ?? '', /not a Kubernetes version/);
});

test('upgrade targets are the catalogue entries one step ahead', () => {
  assert.deepEqual(upgradeTargets('v1.36.1', catalogue), ['v1.37.2', 'v1.36.3']);
  assert.deepEqual(upgradeTargets('v1.35.0', catalogue), ['v1.36.3', 'v1.36.1']);
  assert.deepEqual(upgradeTargets('v1.37.2', catalogue), []);
});
