/**
 * What run-tests.ts does after a failed run. A test that drives real Chromium, or real control planes,
 * on a small shared machine can miss a moment under load that it never misses alone; such a file is
 * run once more, by itself. Only browser and cluster test files, only once, and only when few failed:
 * any other failure (a unit test, a store test), or a file that fails again, fails the run. What
 * passed only on its second run is named in the output.
 */
import type { TestOutcome } from './test-outcomes-reporter.ts';

/** The most failed files a run may have and still be retried: more points at a real break. */
export const MOST_FILES_RETRIED = 3;

/** Test files whose timing rests on real Chromium or real clusters: the only ones run again. */
const RETRIED_KINDS = ['.browser.test.ts', '.cluster.test.ts'];

/** The files to run again, or none when the failures are not all in a few browser or cluster test files. */
export function filesToRetry(outcomes: readonly TestOutcome[]): string[] {
  const failed = [...new Set(outcomes.filter((test) => test.outcome === 'failed').map((test) => test.file))];
  if (failed.length === 0 || failed.length > MOST_FILES_RETRIED) return [];
  return failed.every((file) => RETRIED_KINDS.some((kind) => file.endsWith(kind))) ? failed : [];
}

/** The counts of a run, with the retried files' first outcomes replaced by their second ones. */
export function summarise(
  first: readonly TestOutcome[],
  second: readonly TestOutcome[] = [],
): { passed: number; failed: number; skipped: number; passedOnRetry: string[] } {
  const retried = new Set(second.map((test) => test.file));
  const outcomes = [...first.filter((test) => !retried.has(test.file)), ...second];
  const count = (outcome: TestOutcome['outcome']) =>
    outcomes.filter((test) => test.outcome === outcome).length;
  const passedAgain = new Set(
    second.filter((test) => test.outcome === 'passed').map((test) => `${test.file}\u0000${test.name}`),
  );
  const passedOnRetry = first
    .filter((test) => test.outcome === 'failed' && passedAgain.has(`${test.file}\u0000${test.name}`))
    .map((test) => test.name);
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), passedOnRetry };
}
