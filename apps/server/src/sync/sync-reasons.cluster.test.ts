/**
 * A sync the API server refuses (403) keeps the refusal as a code and values beside the English, in
 * the engine's status and in the store, on each store: the console words `forbidden` with its verb
 * in the reader's language. The cluster's kubeconfig is a ServiceAccount bound to the `view`
 * ClusterRole, which lists most kinds but not Secrets; once Secrets may be read, the error and its
 * code go together.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SearchAnswer, SyncAnswer } from '@portolan/api';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { HARNESS_STORES } from '#server/testing/harness-database.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { testTempDir } from '#server/testing/temp-dir.ts';

const { binDir, clusters } = sharedSandboxes();
const [sandbox] = clusters;
if (!sandbox) throw new Error('these tests need a shared sandbox (PORTOLAN_TEST_CLUSTERS)');
const k = (kubeconfig: string, args: string[]) => kubectlOk(binDir, kubeconfig, args);

/** A kubeconfig for the sandbox whose user is the ServiceAccount `reader` of `ns`, bound to `view`. */
async function viewerKubeconfig(ns: string): Promise<string> {
  const admin = sandbox?.kubeconfig ?? '';
  await k(admin, ['create', 'namespace', ns]);
  await k(admin, ['create', 'serviceaccount', 'reader', '-n', ns]);
  await k(admin, ['create', 'clusterrolebinding', ns, '--clusterrole=view', `--serviceaccount=${ns}:reader`]);
  const token = (await k(admin, ['create', 'token', 'reader', '-n', ns, '--duration=1h'])).trim();
  const file = path.join(await testTempDir('sync-reasons-'), 'kubeconfig');
  await writeFile(file, await k(admin, ['config', 'view', '--raw', '--flatten', '--minify']));
  const adminUser = await k(file, ['config', 'view', '-o', 'jsonpath={.users[0].name}']);
  await k(file, ['config', 'set-credentials', 'reader', `--token=${token}`]);
  await k(file, ['config', 'set-context', '--current', '--user=reader']);
  await k(file, ['config', 'unset', `users.${adminUser}`]);
  return file;
}

type StoredState = SyncAnswer['resources'][number];

async function secretsState(harness: Harness, name: string) {
  const sync = (await harness.call<SyncAnswer>('GET', `/api/v1/clusters/${name}/sync`)).body;
  const stored = sync.resources.find((r) => r.resource === 'secrets' && r.group === '');
  const running = sync.engine?.resources.find((r) => r.resource === 'secrets' && r.group === '');
  return { stored, running };
}

for (const store of HARNESS_STORES)
  describe(`a refused sync keeps its code, on ${store}`, () => {
    const ns = uniqueNamespace(`sync-reasons-${store}`);
    const name = `viewer-${store}`;
    let harness: Harness;

    before(async () => {
      const kubeconfig = await viewerKubeconfig(ns);
      harness = await startHarness({ store });
      await harness.register(name, kubeconfig);
    });
    after(async () => {
      await harness?.stop({ removeData: true });
      const admin = sandbox.kubeconfig;
      await k(admin, [
        'delete',
        'clusterrolebinding',
        ns,
        `${ns}-secrets`,
        '--ignore-not-found',
        '--wait=false',
      ]);
      await k(admin, ['delete', 'clusterrole', `${ns}-secrets`, '--ignore-not-found', '--wait=false']);
      await k(admin, ['delete', 'namespace', ns, '--wait=false']);
    });

    test('a 403 on listing Secrets is `forbidden` with the verb and kind, in the engine and the store', async () => {
      const { stored, running } = await eventually(
        'the sync of secrets to be refused',
        async () => {
          const state = await secretsState(harness, name);
          return state.stored?.reasonCode && state.running?.reasonCode ? state : undefined;
        },
        60_000,
      );
      const forbidden = (state: Pick<StoredState, 'error' | 'reasonCode' | 'reasonParams'> | undefined) => {
        assert.equal(state?.reasonCode, 'forbidden', JSON.stringify(state));
        assert.equal(state?.reasonParams?.verb, 'list');
        assert.equal(state?.reasonParams?.resource, 'secrets');
        assert.equal(state?.reasonParams?.kind, 'Secret');
        assert.equal(state?.reasonParams?.status, 403);
        assert.match(String(state?.error), /forbidden/, 'the English is kept beside the code');
      };
      forbidden(stored);
      forbidden(running);

      // A search for Secrets says the cluster's part failed, with the same code for the console to word.
      const search = await harness.call<SearchAnswer>('GET', `/api/v1/search?kinds=secrets&clusters=${name}`);
      assert.equal(search.status, 200, JSON.stringify(search.body));
      const freshness = search.body.clusters.find((cluster) => cluster.name === name);
      assert.equal(freshness?.status, 'failed', JSON.stringify(freshness));
      assert.equal(freshness?.failedResource, 'secrets');
      assert.equal(freshness?.syncReasonCode, 'forbidden');
      assert.equal(freshness?.syncReasonParams?.verb, 'list');
      assert.match(String(freshness?.error), /^secrets: .*forbidden/);

      // A kind the user may read has no error at all.
      const sync = (await harness.call<SyncAnswer>('GET', `/api/v1/clusters/${name}/sync`)).body;
      const configmaps = sync.resources.find((r) => r.resource === 'configmaps' && r.group === '');
      assert.deepEqual([configmaps?.error, configmaps?.reasonCode ?? null], [null, null]);
    });

    test('once Secrets may be listed, the error goes with its code', async () => {
      const admin = sandbox.kubeconfig;
      await k(admin, [
        'create',
        'clusterrole',
        `${ns}-secrets`,
        '--verb=get,list,watch',
        '--resource=secrets',
      ]);
      await k(admin, [
        'create',
        'clusterrolebinding',
        `${ns}-secrets`,
        `--clusterrole=${ns}-secrets`,
        `--serviceaccount=${ns}:reader`,
      ]);
      let last: unknown;
      const { stored, running } = await eventually(
        'the sync of secrets to recover',
        async () => {
          const state = await secretsState(harness, name);
          last = state;
          return state.stored && state.stored.error === null && state.running?.error === null
            ? state
            : undefined;
        },
        60_000,
      ).catch((error: Error) => assert.fail(`${error.message}; last seen: ${JSON.stringify(last)}`));
      assert.deepEqual([stored?.reasonCode, stored?.reasonParams], [null, null]);
      assert.deepEqual([running?.reasonCode, running?.reasonParams], [null, null]);
    });
  });
