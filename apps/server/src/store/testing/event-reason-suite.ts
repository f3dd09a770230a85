import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordFromObject } from '../resources/resource-record.ts';
import type { ResourceRecord, SearchQuery, Store } from '../store.ts';
import { type Backend, upsert } from './store-fixtures.ts';

const EVENTS = { group: '', version: 'v1', resource: 'events' };

function eventRecord(namespace: string, name: string, type: string, reason: string, minute: number) {
  return recordFromObject(EVENTS, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      namespace,
      name,
      uid: `uid-${namespace}-${name}`,
      resourceVersion: '1',
      creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    },
    involvedObject: { kind: 'Pod', namespace, name: name.split('.')[0] },
    type,
    reason,
    message: `${reason} of ${name}`,
  });
}

/** Events searched by reason: every event with it, however old, counted exactly and paged. */
export function eventReasonTests(
  withStore: (run: (store: Store, backend: Backend) => Promise<void>) => Promise<void>,
): void {
  test('events by reason: the old ones too, with the type and namespace filters, paged and counted', () =>
    withStore(async (store) => {
      const records: ResourceRecord[] = [];
      // Two old BackOff events, then 300 newer Pulled ones: the reason is found past the newest pages.
      records.push(eventRecord('shop', 'web-1.a', 'Warning', 'BackOff', 0));
      records.push(eventRecord('bank', 'api-1.b', 'Warning', 'BackOff', 1));
      for (let i = 0; i < 300; i++)
        records.push(eventRecord('shop', `web-${i}.p`, 'Normal', 'Pulled', 10 + i));
      records.push(eventRecord('shop', 'web-2.c', 'Normal', 'BackOffLimit', 2));
      await store.resources.applyChanges('c1', records.map(upsert));
      const ask = (query: Partial<SearchQuery>) =>
        store.resources.search({ kinds: ['Event'], sort: 'created', order: 'desc', ...query });

      const backOff = await ask({ reason: 'BackOff', limit: 1 });
      assert.deepEqual(
        backOff.items.map((row) => row.name),
        ['api-1.b'],
      );
      assert.equal(backOff.remaining, 1, 'one more BackOff: the reason matches exactly, not BackOffLimit');
      assert.equal(backOff.estimated, false);
      assert.ok(backOff.continue);
      const next = await ask({ reason: 'BackOff', limit: 1, continue: backOff.continue });
      assert.deepEqual(
        next.items.map((row) => row.name),
        ['web-1.a'],
      );
      assert.equal(next.continue, undefined);

      const inShop = await ask({ reason: 'BackOff', namespaces: ['shop'] });
      assert.deepEqual(
        inShop.items.map((row) => row.name),
        ['web-1.a'],
      );
      assert.equal((await ask({ reason: 'BackOff', phases: ['Normal'] })).items.length, 0);
      const pulled = await ask({ reason: 'Pulled', limit: 100 });
      assert.equal(pulled.items.length + pulled.remaining, 300);
      assert.equal((await ask({ reason: 'Nothing' })).items.length, 0);
      await assert.rejects(
        ask({ reason: 'Pulled', limit: 100, continue: backOff.continue }),
        /continue token belongs to a query with other filters/,
      );
    }));
}
