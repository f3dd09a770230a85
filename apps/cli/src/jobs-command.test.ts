import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { untilCancelled } from '@portolan/server/jobs/testing/job-work.ts';
import { type Harness, startHarness } from '@portolan/server/testing/portolan-harness.ts';
import { createApiClient } from './api-client.ts';
import { runApiCommand } from './api-commands.ts';
import type { CommandContext } from './command-context.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness.stop({ removeData: true }));

/** The command against the real server, its output kept. */
async function jobs(...argv: string[]) {
  const output = { stdout: '', stderr: '' };
  const context: CommandContext = {
    write: (text) => {
      output.stdout += text;
    },
    out: (line) => {
      output.stdout += `${line}\n`;
    },
    err: (line) => {
      output.stderr += `${line}\n`;
    },
    now: () => new Date(),
    env: {
      PORTOLAN_SERVER: harness.url,
      PORTOLAN_TOKEN: harness.headers.authorization.replace('Bearer ', ''),
    },
    connect: createApiClient,
  };
  const code = await runApiCommand('jobs', argv, context);
  return { code, ...output };
}

test('portolan jobs lists, watches to the end with the exit code of the outcome, shows, and cancels', async () => {
  const by = { id: 'admin', name: 'admin' };
  const job = await harness.portolan.jobs.start(
    { kind: 'helm.install', cluster: 'c1', namespace: 'ns-a', target: 'web', createdBy: by },
    async (work) => {
      await work.step('chart-fetched', { chart: 'nginx', version: '1.2.3' }, 'Fetched chart nginx 1.2.3');
      await new Promise((resolve) => setTimeout(resolve, 600));
      await work.step('ready', { ready: 2, total: 2 }, 'All 2 objects are ready');
      throw new Error('pretend the release failed');
    },
  );
  const listed = await jobs('--state', 'running');
  assert.equal(listed.code, 0);
  assert.match(listed.stdout, /^ID\s+KIND\s+TARGET\s+WHERE\s+STATE/);
  assert.match(listed.stdout, new RegExp(`${job.id}\\s+helm.install\\s+web\\s+c1/ns-a\\s+running\\s+admin`));

  const watched = await jobs('watch', job.id);
  assert.equal(watched.code, 1, 'a failed job exits 1');
  assert.match(
    watched.stdout,
    /Fetched chart nginx 1.2.3\n.*All 2 objects are ready\n.*ERROR: Failed: pretend the release failed\nfailed: pretend the release failed\n$/,
  );

  const shown = await jobs('show', job.id);
  assert.equal(shown.code, 1);
  assert.match(shown.stdout, /^helm.install web on c1\/ns-a, by admin/);

  const slow = await harness.portolan.jobs.start(
    { kind: 'helm.upgrade', target: 'slow', createdBy: by },
    untilCancelled,
  );
  const cancelled = await jobs('cancel', slow.id);
  assert.equal(cancelled.code, 0, cancelled.stderr);
  assert.equal((await harness.portolan.jobs.finished(slow.id)).state, 'cancelled');
  const again = await jobs('cancel', slow.id);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is not running/);

  const wrong = await jobs('--state', 'done');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--state/);
});
