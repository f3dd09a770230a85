import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, testCrd } from '@portolan/sandbox/testing';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
let group: string;
before(async () => {
  t = await setUpRouteTest('skinds');
  group = `${t.namespace}.example.com`;
  const crd = testCrd({ group, kind: 'Widget2', plural: 'widget2s', shortNames: ['wdg2'] });
  const applied = await t.send('POST', `${t.base}/apply`, { manifests: [crd] });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
  await t.k('wait', '--for=condition=Established', `crd/widget2s.${group}`, '--timeout=30s');
  const widget = {
    apiVersion: `${group}/v1`,
    kind: 'Widget2',
    metadata: { name: 'w1', namespace: t.namespace },
  };
  const created = await t.send('POST', `${t.base}/apply`, { manifests: [widget] });
  assert.equal(created.body.failed, 0, JSON.stringify(created.body));
});
after(async () => {
  await t?.k('delete', 'crd', `widget2s.${group}`, '--wait=false').catch(() => undefined);
  await t?.cleanup();
});

const search = (kinds: string) =>
  t.send('GET', `/api/v1/search?kinds=${encodeURIComponent(kinds)}&clusters=${t.cluster}&objects=false`);

test('a custom kind is found by its Kind name, plural, singular, short name and plural.group', async () => {
  // The sync stores the CRD and the object; until then the name may be unknown.
  await eventually('the Widget2 in the store', async () => {
    const answer = await search('Widget2');
    return answer.status === 200 && answer.body.items.length === 1 ? true : undefined;
  });
  for (const kinds of ['Widget2', 'widget2s', 'widget2', 'wdg2', `widget2s.${group}`, `${group}/widget2s`]) {
    const answer = await search(kinds);
    assert.equal(answer.status, 200, `${kinds}: ${JSON.stringify(answer.body)}`);
    assert.deepEqual(
      answer.body.items.map((item: { kind: string; name: string }) => `${item.kind}/${item.name}`),
      ['Widget2/w1'],
      kinds,
    );
  }
});

test('built-in kinds are found by Kind name and short name as kubectl reads them', async () => {
  for (const kinds of ['Namespace', 'ns', 'namespaces']) {
    const answer = await search(kinds);
    assert.equal(answer.status, 200, kinds);
    assert.ok(
      answer.body.items.some((item: { name: string }) => item.name === t.namespace),
      `${kinds} finds the test namespace`,
    );
  }
});

test('an unknown kind is a 400 naming the field, with the close matches', async () => {
  const answer = await search('Widget3');
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error.code, 'invalid-query');
  assert.equal(answer.body.error.field, 'kinds');
  assert.ok(answer.body.error.suggestions.includes('Widget2'), JSON.stringify(answer.body.error));
  assert.match(answer.body.error.message, /"Widget3".*did you mean "Widget2"/);
  const typo = await search('Deploymnet');
  assert.equal(typo.status, 400);
  assert.ok(typo.body.error.suggestions.includes('Deployment'), JSON.stringify(typo.body.error));
});
