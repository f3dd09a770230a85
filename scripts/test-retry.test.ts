import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestOutcome } from './test-outcomes-reporter.ts';
import { filesToRetry, summarise } from './test-retry.ts';

const outcome = (file: string, name: string, result: TestOutcome['outcome']): TestOutcome => ({
  file,
  name,
  outcome: result,
});

test('only failed browser and cluster test files are run again, and none when any other file failed', () => {
  const browser = outcome('/p/apps/web/src/a.browser.test.ts', 'a', 'failed');
  const cluster = outcome('/p/apps/server/src/d.cluster.test.ts', 'd', 'failed');
  const passing = outcome('/p/apps/web/src/b.browser.test.ts', 'b', 'passed');
  assert.deepEqual(filesToRetry([browser, passing]), [browser.file]);
  assert.deepEqual(filesToRetry([browser, cluster]), [browser.file, cluster.file]);
  assert.deepEqual(filesToRetry([browser, outcome('/p/apps/server/src/c.test.ts', 'c', 'failed')]), []);
  assert.deepEqual(
    filesToRetry([cluster, outcome('/p/apps/server/src/store/postgres-store.test.ts', 'e', 'failed')]),
    [],
  );
  assert.deepEqual(filesToRetry([passing]), []);
});

test('more than three failed browser files are not retried: that is a break, not a slow moment', () => {
  const failed = [1, 2, 3, 4].map((n) => outcome(`/p/${n}.browser.test.ts`, `t${n}`, 'failed'));
  assert.deepEqual(filesToRetry(failed), []);
  assert.equal(filesToRetry(failed.slice(0, 3)).length, 3);
});

test('the counts take a retried file’s second outcomes and name what passed only then', () => {
  const file = '/p/a.browser.test.ts';
  const first = [
    outcome(file, 'flaky', 'failed'),
    outcome(file, 'steady', 'passed'),
    outcome('/p/b.test.ts', 'other', 'passed'),
    outcome('/p/b.test.ts', 'later', 'skipped'),
  ];
  const second = [outcome(file, 'flaky', 'passed'), outcome(file, 'steady', 'passed')];
  assert.deepEqual(summarise(first, second), { passed: 3, failed: 0, skipped: 1, passedOnRetry: ['flaky'] });
  const failedAgain = [outcome(file, 'flaky', 'failed'), outcome(file, 'steady', 'passed')];
  assert.deepEqual(summarise(first, failedAgain), { passed: 2, failed: 1, skipped: 1, passedOnRetry: [] });
  assert.deepEqual(summarise(first), { passed: 2, failed: 1, skipped: 1, passedOnRetry: [] });
});
