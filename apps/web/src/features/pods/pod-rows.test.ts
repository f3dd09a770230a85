import assert from 'node:assert/strict';
import test from 'node:test';
import type { SearchItem } from '@portolan/api';
import type { Pod } from './pod-model.ts';
import { POD_ROW_FIELDS, rowOf, searchParamsOf } from './pod-rows.ts';

/** `value` wrapped so that every key read below it is written to `reads` as a dotted path (indexes left out). */
function recorded(value: unknown, reads: Set<string>, path = ''): unknown {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const found = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof found === 'function') return found;
      if (Array.isArray(target)) return key === 'length' ? found : recorded(found, reads, path);
      const here = path ? `${path}.${key}` : key;
      reads.add(here);
      return recorded(found, reads, here);
    },
  });
}

const state = {
  waiting: { reason: 'CrashLoopBackOff', message: 'back-off' },
  terminated: { reason: 'Error', exitCode: 1, signal: 9, finishedAt: '2026-01-01T00:00:00Z' },
  running: { startedAt: '2026-01-01T00:00:00Z' },
};
/** A pod with every field a status can be read from, so that every branch of the row's reading runs. */
const pods: Pod[] = [
  {
    metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'c' }] },
  },
  {
    metadata: { name: 'b' },
    spec: { containers: [{ name: 'c' }], initContainers: [{ name: 'i' }, { name: 'j' }] },
    status: {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'i', state: { terminated: { exitCode: 0 } } },
        { name: 'j', state: { waiting: { reason: 'PodInitializing' } } },
      ],
    },
  },
  ...Object.entries(state).map(
    ([key, one]): Pod => ({
      metadata: { name: 'c' },
      spec: { containers: [{ name: 'c' }, { name: 'd' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'c',
            ready: true,
            restartCount: 3,
            state: { running: state.running },
            lastState: { terminated: state.terminated },
          },
          {
            name: 'd',
            ready: false,
            restartCount: 1,
            state: { [key]: one },
          },
        ],
      },
    }),
  ),
];

test('the Pods rows read only what they ask the search for (fields), so a cut-down pod makes the same row', () => {
  const reads = new Set<string>();
  for (const pod of pods) {
    const item = { cluster: 'x', namespace: 'n', name: pod.metadata.name, nodeName: null, createdAt: null };
    rowOf({ ...item, object: recorded(pod, reads) } as unknown as SearchItem);
  }
  const asked = POD_ROW_FIELDS.split(',');
  const missing = [...reads].filter(
    (path) =>
      !asked.some((field) => path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`)),
  );
  assert.deepEqual(missing, []);
  assert.ok(reads.has('status.containerStatuses.lastState.terminated.finishedAt'), [...reads].join(' '));
  assert.equal(searchParamsOf({ limit: 500 }).get('fields'), POD_ROW_FIELDS);
});
