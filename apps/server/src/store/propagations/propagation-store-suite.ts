import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestDatabase } from '../testing/database-fixtures.ts';
import { canonical, createSqlPropagationStore, type PropagationDatabase } from './propagation-sql-store.ts';
import type { OwnedObject, PropagationStore } from './propagation-store.ts';

const documentOf = (name: string, spec: object, generation?: number) => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name, ...(generation === undefined ? {} : { generation }) },
  spec,
});
const spec = { placement: { clusters: { all: true } } };
const save = (store: PropagationStore, document: ReturnType<typeof documentOf>, by = 'alice', at = 1000) =>
  store.save({
    name: document.metadata.name,
    document,
    specKey: JSON.stringify(canonical(document.spec)),
    expectedGeneration: document.metadata.generation,
    by,
    at: new Date(at),
  });

const owned = (name: string, more: Partial<OwnedObject> = {}): OwnedObject => ({
  propagation: 'web',
  cluster: 'c1',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  created: true,
  appliedGeneration: 1,
  state: 'applied',
  reason: null,
  lastAppliedAt: new Date(2000),
  ...more,
});

/** The one suite every PropagationStore passes, run on each dialect; time is passed in, never read. */
export function propagationStoreSuite(name: string, newDatabase: () => Promise<TestDatabase>): void {
  const withStore = async (run: (store: PropagationStore) => Promise<void>) => {
    const database = await newDatabase();
    try {
      await run(createSqlPropagationStore(database.db.withTables<PropagationDatabase>()));
    } finally {
      await database.destroy();
    }
  };

  test(`${name} propagation store: the generation rises only when the spec changes; a stale one is refused`, () =>
    withStore(async (store) => {
      const first = await save(store, documentOf('web', spec));
      assert.equal(first.created, true);
      assert.equal(first.propagation.generation, 1);
      assert.equal(
        (first.propagation.document as { metadata: { generation: number } }).metadata.generation,
        1,
      );
      // The same spec (keys in another order), new labels: saved, generation kept.
      const relabelled = { ...documentOf('web', { placement: { clusters: { all: true } } }, 1) };
      const same = await save(store, { ...relabelled, metadata: { ...relabelled.metadata } }, 'bob', 2000);
      assert.equal(same.created, false);
      assert.equal(same.propagation.generation, 1);
      assert.equal(same.propagation.updatedBy, 'bob');
      assert.equal(same.propagation.createdBy, 'alice');
      assert.deepEqual(same.propagation.updatedAt, new Date(2000));
      const changed = await save(store, documentOf('web', { ...spec, suspended: true }, 1), 'bob', 3000);
      assert.equal(changed.propagation.generation, 2);
      await assert.rejects(
        save(store, documentOf('web', { ...spec, suspended: false }, 1)),
        /generation 2, not 1/,
      );
      // No generation given: overwrite.
      assert.equal((await save(store, documentOf('web', spec))).propagation.generation, 3);
      const [version] = await store.versions();
      assert.equal(version?.name, 'web');
      const resaved = await save(store, documentOf('web', { ...spec, suspended: true }));
      assert.equal(resaved.propagation.generation, 4);
      assert.notEqual((await store.versions())[0]?.version, version?.version, 'a save changes the version');
      await store.setObserved('web', 3);
      await store.setFailover('web', { 'apps/Deployment/shop/web': { borrowed: { c2: { c1: 3 } } } });
      const read = await store.get('web');
      assert.equal(read?.observedGeneration, 3);
      assert.equal(read?.generation, 4);
      assert.deepEqual(read?.failover, { 'apps/Deployment/shop/web': { borrowed: { c2: { c1: 3 } } } });
      assert.deepEqual(
        (await store.list()).map((p) => p.name),
        ['web'],
      );
      const deleting = await store.markDeleting('web', 'carol', new Date(4000));
      assert.equal(deleting?.deleting, true);
      assert.equal(deleting?.updatedBy, 'carol');
      await assert.rejects(save(store, documentOf('web', spec)), /being deleted/);
      assert.equal(await store.markDeleting('missing', 'carol', new Date(4000)), undefined);
    }));

  test(`${name} propagation store: reasons and events keep their code and values, and lose them when cleared`, () =>
    withStore(async (store) => {
      await save(store, documentOf('web', spec));
      const refused = { code: 'reason.member-refused', params: { detail: 'quota exceeded', n: 2 } } as const;
      const target = {
        propagation: 'web',
        cluster: 'c1',
        state: 'failed',
        reason: 'quota exceeded',
        reasonWording: refused,
        replicas: null,
        movedIn: 0,
        movedOut: 0,
        offlineSince: null,
        lastAppliedAt: null,
      } as const;
      await store.putTarget(target);
      assert.deepEqual((await store.targets('web'))[0]?.reasonWording, refused);
      await store.putTarget({ ...target, state: 'applied', reason: null, reasonWording: null });
      assert.equal((await store.targets('web'))[0]?.reasonWording, undefined);
      await store.putObject(
        owned('a', { state: 'failed', reason: 'quota exceeded', reasonWording: refused }),
      );
      assert.deepEqual((await store.objects({ propagation: 'web' }))[0]?.reasonWording, refused);
      const applied = { code: 'event.applied', params: { generation: 3, cluster: 'c1', count: 2 } } as const;
      await store.addEvent({
        id: 'e1',
        at: new Date(1),
        propagation: 'web',
        cluster: 'c1',
        type: 'Normal',
        reason: 'Applied',
        message: 'generation 3 applied on c1 (2 objects)',
        messageWording: applied,
        object: null,
      });
      assert.deepEqual((await store.events('web', { limit: 10 })).items[0]?.messageWording, applied);
    }));

  test(`${name} propagation store: targets and ownership records are kept per cluster and go with the propagation`, () =>
    withStore(async (store) => {
      await save(store, documentOf('web', spec));
      await store.putTarget({
        propagation: 'web',
        cluster: 'c1',
        state: 'applied',
        reason: null,
        replicas: 4,
        movedIn: 2,
        movedOut: 0,
        offlineSince: null,
        lastAppliedAt: new Date(5000),
      });
      await store.putTarget({
        propagation: 'web',
        cluster: 'c2',
        state: 'offline',
        reason: 'connection refused',
        replicas: null,
        movedIn: 0,
        movedOut: 2,
        offlineSince: new Date(4000),
        lastAppliedAt: null,
      });
      await store.putTarget({
        propagation: 'web',
        cluster: 'c1',
        state: 'failed',
        reason: 'quota',
        replicas: 5,
        movedIn: 0,
        movedOut: 0,
        offlineSince: null,
        lastAppliedAt: new Date(6000),
      });
      const targets = await store.targets('web');
      assert.deepEqual(
        targets.map((t) => [t.cluster, t.state, t.reason, t.replicas, t.movedOut]),
        [
          ['c1', 'failed', 'quota', 5, 0],
          ['c2', 'offline', 'connection refused', null, 2],
        ],
      );
      assert.deepEqual(targets[1]?.offlineSince, new Date(4000));
      await store.putObject(owned('a'));
      await store.putObject(owned('b', { cluster: 'c2', created: false, uid: null }));
      await store.putObject(owned('a', { state: 'failed', reason: 'refused', appliedGeneration: 2 }));
      const objects = await store.objects({ propagation: 'web' });
      assert.equal(objects.length, 2);
      assert.deepEqual(objects[0], owned('a', { state: 'failed', reason: 'refused', appliedGeneration: 2 }));
      assert.deepEqual(
        (await store.objects({ cluster: 'c2' })).map((o) => [o.name, o.created, o.uid]),
        [['b', false, null]],
      );
      await store.deleteObject(owned('b', { cluster: 'c2' }));
      assert.deepEqual(await store.objects({ cluster: 'c2' }), []);
      await store.deleteTarget('web', 'c2');
      assert.deepEqual(
        (await store.targets()).map((t) => t.cluster),
        ['c1'],
      );
      await store.addEvent({
        id: 'e1',
        at: new Date(1),
        propagation: 'web',
        cluster: null,
        type: 'Normal',
        reason: 'Applied',
        message: 'm',
        object: null,
      });
      await store.delete('web');
      assert.equal(await store.get('web'), undefined);
      assert.deepEqual(await store.targets(), []);
      assert.deepEqual(await store.objects({}), []);
      assert.deepEqual((await store.events('web', { limit: 10 })).items, []);
    }));

  test(`${name} propagation store: events page newest first, by cluster, and are pruned by age`, () =>
    withStore(async (store) => {
      await save(store, documentOf('web', spec));
      for (let i = 0; i < 5; i++)
        await store.addEvent({
          id: `e${i}`,
          at: new Date(1000 + i * 10),
          propagation: 'web',
          cluster: i % 2 ? 'c2' : 'c1',
          type: i === 3 ? 'Warning' : 'Normal',
          reason: 'Applied',
          message: `event ${i}`,
          object: 'ConfigMap/shop/a',
        });
      // Two at the same time: the id decides.
      await store.addEvent({
        id: 'e9',
        at: new Date(1040),
        propagation: 'web',
        cluster: 'c1',
        type: 'Normal',
        reason: 'DriftRepaired',
        message: 'x',
        object: null,
      });
      const first = await store.events('web', { limit: 3 });
      assert.deepEqual(
        first.items.map((e) => e.id),
        ['e9', 'e4', 'e3'],
      );
      assert.equal(first.items[2]?.type, 'Warning');
      const second = await store.events('web', { limit: 3, cursor: first.nextCursor ?? '' });
      assert.deepEqual(
        second.items.map((e) => e.id),
        ['e2', 'e1', 'e0'],
      );
      assert.equal(second.nextCursor, null);
      assert.deepEqual(
        (await store.events('web', { limit: 10, cluster: 'c2' })).items.map((e) => e.id),
        ['e3', 'e1'],
      );
      await assert.rejects(store.events('web', { limit: 3, cursor: 'nonsense' }), /cursor/);
      assert.equal(await store.prune(new Date(1020)), 2);
      assert.equal((await store.events('web', { limit: 10 })).items.length, 4);
    }));
}
