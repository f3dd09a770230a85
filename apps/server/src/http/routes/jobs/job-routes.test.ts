import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobDetail, JobPage, JobView } from '@portolan/api';
import type { JobContext, JobSpec } from '#server/jobs/jobs.ts';
import { gate, untilCancelled } from '#server/jobs/testing/job-work.ts';
import { addMember, type Member } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

/**
 * The operation log's routes on a real server: what each caller may list, read and cancel, and the
 * step stream (past steps, then live ones, then the end; resumed after Last-Event-ID). No member
 * cluster is needed: jobs name clusters, and the test's work writes steps as Helm operations would.
 */

let harness: Harness;
let viewer: Member;
let editor: Member;
const by = { id: 'admin', name: 'admin' };

before(async () => {
  harness = await startHarness();
  viewer = await addMember(harness, 'ns-viewer', 'Viewer', {
    level: 'namespace',
    cluster: 'c1',
    namespace: 'ns-a',
  });
  editor = await addMember(harness, 'ns-editor', 'Editor', {
    level: 'namespace',
    cluster: 'c1',
    namespace: 'ns-a',
  });
});
after(() => harness.stop({ removeData: true }));

const start = (spec: Omit<JobSpec, 'createdBy'>, work: (job: JobContext) => Promise<unknown>) =>
  harness.portolan.jobs.start({ ...spec, createdBy: by }, work);

async function as<T>(member: Member, method: string, path: string) {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: { cookie: member.cookie, 'x-csrf-token': member.csrf },
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface StreamEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** Reads server-sent events until `end` (or `count` events); aborts the request afterwards. */
async function readEvents(
  path: string,
  headers: Record<string, string>,
  onEvent: (event: StreamEvent) => void = () => undefined,
): Promise<StreamEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${harness.url}${path}`, {
    headers: { ...harness.headers, ...headers },
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  const events: StreamEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body?.getReader();
  assert.ok(reader);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const fields = new Map(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)] as const),
      );
      if (!fields.has('event')) continue;
      const event = {
        ...(fields.has('id') ? { id: fields.get('id') } : {}),
        event: fields.get('event') ?? '',
        data: JSON.parse(fields.get('data') ?? 'null'),
      };
      events.push(event);
      onEvent(event);
    }
  }
  controller.abort();
  return events;
}

describe('jobs routes', () => {
  test('a namespace Viewer lists and reads only its namespace’s jobs; platform-wide jobs need platform reach', async () => {
    const mine = await start(
      { kind: 'test.work', cluster: 'c1', namespace: 'ns-a', target: 'web' },
      async (job) => {
        await job.step('applied', {}, 'Applied');
        return { revision: 1 };
      },
    );
    const other = await start({ kind: 'test.work', cluster: 'c1', namespace: 'ns-b' }, async () => null);
    const clusterWide = await start({ kind: 'test.work', cluster: 'c2' }, async () => null);
    const platform = await start({ kind: 'test.platform' }, async () => null);
    await Promise.all(
      [mine, other, clusterWide, platform].map((job) => harness.portolan.jobs.finished(job.id)),
    );

    const everything = await harness.call<JobPage>('GET', '/api/v1/jobs?limit=500');
    for (const job of [mine, other, clusterWide, platform])
      assert.ok(
        everything.body.items.some((item) => item.id === job.id),
        `admin sees ${job.id}`,
      );

    const seen = await as<JobPage>(viewer, 'GET', '/api/v1/jobs');
    assert.equal(seen.status, 200);
    assert.deepEqual(
      seen.body.items.map((item) => item.id),
      [mine.id],
    );
    assert.equal(seen.body.total, 1);
    assert.equal(seen.body.items[0]?.state, 'succeeded');
    assert.deepEqual(seen.body.items[0]?.result, { revision: 1 });

    const detail = await as<JobDetail>(viewer, 'GET', `/api/v1/jobs/${mine.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.body.steps.map((step) => step.code),
      ['applied'],
    );
    for (const hidden of [other, clusterWide, platform]) {
      const refused = await as<{ error: { message: string } }>(viewer, 'GET', `/api/v1/jobs/${hidden.id}`);
      assert.equal(refused.status, 404, `${hidden.kind} ${hidden.cluster}/${hidden.namespace}`);
      assert.match(refused.body.error.message, /no job .* that you may read/);
    }

    const filtered = await harness.call<JobPage>('GET', '/api/v1/jobs?kind=test.platform');
    assert.deepEqual(
      filtered.body.items.map((item) => item.id),
      [platform.id],
    );
    const bad = await harness.call<{ error: { message: string } }>('GET', '/api/v1/jobs?continue=nonsense');
    assert.equal(bad.status, 400);
  });

  test('cancel: a Viewer is refused; an Editor of the namespace cancels, and the trail names the job', async () => {
    const running = await start(
      { kind: 'test.work', cluster: 'c1', namespace: 'ns-a', target: 'slow' },
      untilCancelled,
    );
    const refused = await as<{ error: { message: string } }>(
      viewer,
      'POST',
      `/api/v1/jobs/${running.id}/cancel`,
    );
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /you may not resources:write/);

    const cancelled = await as<JobView>(editor, 'POST', `/api/v1/jobs/${running.id}/cancel`);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const ended = await harness.portolan.jobs.finished(running.id);
    assert.equal(ended.state, 'cancelled');
    assert.equal(ended.error, 'Cancelled by ns-editor');

    const again = await as<{ error: { message: string } }>(
      editor,
      'POST',
      `/api/v1/jobs/${running.id}/cancel`,
    );
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /not running: it ended as cancelled/);

    const trail = await harness.call<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/api/v1/audit?action=resources:write&actor=ns-editor',
    );
    const records = trail.body.items.filter((record) => record.resourceName === running.id);
    assert.deepEqual(
      records.map((record) => [
        record.outcome,
        record.status,
        record.cluster,
        record.namespace,
        record.detail,
      ]),
      [
        ['failed', 409, 'c1', 'ns-a', 'test.work slow was not running (cancelled)'],
        ['allowed', 200, 'c1', 'ns-a', 'asked test.work slow to stop'],
      ],
    );
  });

  test('the step stream sends past steps, then live ones, then the end; it resumes after Last-Event-ID', async () => {
    const live = gate();
    const job = await start({ kind: 'test.work', cluster: 'c1', namespace: 'ns-a' }, async (work) => {
      await work.step('chart-fetched', { chart: 'web', version: '1.0.0' }, 'Fetched chart web 1.0.0');
      await work.step('rendered', { objects: 3 }, 'Rendered 3 objects');
      await live.opened;
      await work.step('applied', {}, 'Applied');
      await work.step('ready', {}, 'Ready');
      return { revision: 4 };
    });
    // Past steps come first; the gate opens only once they have arrived, so the rest come live.
    const events = await readEvents(`/api/v1/jobs/${job.id}/steps`, {}, (event) => {
      if (event.event === 'step' && event.id === '2') live.open();
    });
    assert.deepEqual(
      events.map((event) => `${event.event} ${event.id ?? ''}`.trim()),
      ['step 1', 'step 2', 'step 3', 'step 4', 'end'],
    );
    assert.deepEqual((events[0]?.data as { params: unknown } | undefined)?.params, {
      chart: 'web',
      version: '1.0.0',
    });
    const end = events.at(-1)?.data as JobView;
    assert.equal(end.state, 'succeeded');
    assert.deepEqual(end.result, { revision: 4 });

    const resumed = await readEvents(`/api/v1/jobs/${job.id}/steps`, { 'last-event-id': '2' });
    assert.deepEqual(
      resumed.map((event) => `${event.event} ${event.id ?? ''}`.trim()),
      ['step 3', 'step 4', 'end'],
    );
    const fromQuery = await readEvents(`/api/v1/jobs/${job.id}/steps?after=3`, {});
    assert.deepEqual(
      fromQuery.map((event) => `${event.event} ${event.id ?? ''}`.trim()),
      ['step 4', 'end'],
    );
  });
});
