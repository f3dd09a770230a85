import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ClusterList } from '@portolan/api';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import { type CutOffRelay, startCutOffRelay } from '#server/clusters/testing/cut-off-relay.ts';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// One real sandbox registered under four names with different labels; `far` reaches it through a
// relay that the test cuts, so `far` goes Offline the way an unreachable cluster does.
const sandbox = sharedSandboxes().clusters[0];
let harness: Harness;
let relay: CutOffRelay | undefined;

interface Refusal {
  error: { code: string; message: string; field?: string };
}

const list = async (query = '') => {
  const answer = await harness.call<ClusterList>('GET', `/api/v1/clusters${query}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
};
const names = async (query: string) => (await list(query)).items.map((cluster) => cluster.name);

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  harness = await startHarness();
  await harness.register('prod-east', sandbox.kubeconfig, { env: 'prod', region: 'east' });
  await harness.register('prod-west', sandbox.kubeconfig, { env: 'prod', region: 'west' });
  await harness.register('dev', sandbox.kubeconfig, { env: 'dev' });
  relay = await startCutOffRelay(sandbox.kubeconfig);
  const far = await harness.call('POST', '/api/v1/clusters', {
    name: 'far',
    displayName: 'Far Away',
    kubeconfig: relay.kubeconfig,
    labels: { env: 'prod', region: 'edge' },
  });
  assert.equal(far.status, 201, JSON.stringify(far.body));
  relay.cut();
  const deadline = Date.now() + 30_000;
  while (!(await names('?status=Offline')).includes('far')) {
    assert.ok(Date.now() < deadline, 'far goes Offline once cut off');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

after(async () => {
  relay?.cut();
  await harness?.stop({ removeData: true });
});

test('no query: every cluster, sorted by name, with the total and no next page', async () => {
  const all = await list();
  assert.deepEqual(
    all.items.map((cluster) => cluster.name),
    ['dev', 'far', 'prod-east', 'prod-west'],
  );
  assert.equal(all.total, 4);
  assert.equal(all.continue, null);
});

test('labelSelector takes equality and set-based selectors', async () => {
  assert.deepEqual(await names('?labelSelector=env%3Dprod'), ['far', 'prod-east', 'prod-west']);
  assert.deepEqual(await names(`?labelSelector=${encodeURIComponent('env=prod,region notin (edge)')}`), [
    'prod-east',
    'prod-west',
  ]);
  assert.deepEqual(await names(`?labelSelector=${encodeURIComponent('region in (west,edge)')}`), [
    'far',
    'prod-west',
  ]);
  assert.deepEqual(await names('?labelSelector=!region'), ['dev']);
});

test('status takes several comma-separated; q matches the name or display name', async () => {
  assert.deepEqual(await names('?status=Ready'), ['dev', 'prod-east', 'prod-west']);
  assert.deepEqual(await names('?status=offline,unknown'), ['far']);
  assert.deepEqual(await names('?q=AWAY'), ['far']);
  assert.deepEqual(await names('?q=prod&status=Ready,Offline'), ['prod-east', 'prod-west']);
});

test('sort and order: status puts Offline first; created follows registration', async () => {
  assert.equal((await names('?sort=status'))[0], 'far');
  assert.deepEqual(await names('?sort=created'), ['prod-east', 'prod-west', 'dev', 'far']);
  assert.deepEqual(await names('?sort=name&order=desc'), ['prod-west', 'prod-east', 'far', 'dev']);
});

test('limit and continue walk every page once, each with the total', async () => {
  const first = await list('?limit=3&sort=created');
  assert.deepEqual(
    first.items.map((cluster) => cluster.name),
    ['prod-east', 'prod-west', 'dev'],
  );
  assert.equal(first.total, 4);
  assert.ok(first.continue);
  const second = await list(`?limit=3&sort=created&continue=${first.continue}`);
  assert.deepEqual(
    second.items.map((cluster) => cluster.name),
    ['far'],
  );
  assert.equal(second.continue, null);
});

test('a bad selector, an unknown status or sort, a foreign token: 400 naming the parameter', async () => {
  const refused = async (query: string) => {
    const answer = await harness.call<Refusal>('GET', `/api/v1/clusters${query}`);
    assert.equal(answer.status, 400, `${query}: ${JSON.stringify(answer.body)}`);
    return answer.body.error;
  };
  const selector = await refused(`?labelSelector=${encodeURIComponent('env in prod')}`);
  assert.equal(selector.field, 'labelSelector');
  assert.match(
    selector.message,
    /"\(" must follow "in".*expected forms: key=value, key!=value, key in \(a,b\)/,
  );
  const status = await refused('?status=Ready,online');
  assert.equal(status.field, 'status');
  assert.match(
    status.message,
    /status "online" is not a cluster status; use one or more of Ready, Offline, Unknown/,
  );
  assert.match((await refused('?sort=size')).message, /sort/);
  const token = (await list('?limit=1')).continue;
  const foreign = await refused(`?limit=1&status=Ready&continue=${token}`);
  assert.equal(foreign.field, 'continue');
});

test('a member sees only the clusters it has grants in, in the list, its total and its filters', async () => {
  const member = await addMember(harness, 'west-viewer', 'Viewer', {
    level: 'cluster',
    cluster: 'prod-west',
  });
  const as = async (query: string) => {
    const response = await fetch(`${harness.url}/api/v1/clusters${query}`, {
      headers: { authorization: `Bearer ${(await member.newToken()).token}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()) as ClusterList;
  };
  const seen = await as('');
  assert.deepEqual(
    seen.items.map((cluster) => cluster.name),
    ['prod-west'],
  );
  assert.equal(seen.total, 1);
  const prod = await as('?labelSelector=env%3Dprod');
  assert.deepEqual(
    prod.items.map((cluster) => cluster.name),
    ['prod-west'],
  );
  assert.equal(prod.total, 1, 'clusters it cannot see are not counted');
});
