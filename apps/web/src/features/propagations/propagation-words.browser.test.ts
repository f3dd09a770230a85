/**
 * In 简体中文, the last of a propagation's texts that were the server's English only (issue #10), in a
 * browser against a real server and a shared sandbox: a preview's warnings, an override that cannot be
 * applied (in the preview and on the propagation's page) and a member cluster's refusal of an object
 * read in Chinese, with names and Kubernetes' own words as written.
 *
 * PORTOLAN_PROPAGATION_WORDS_SHOTS=DIR also saves the preview and the detail page in 简体中文.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { PropagationDocument } from '@portolan/api';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'words-a';
const namespace = uniqueNamespace('pwords');
/** A namespace nobody makes on the cluster: a ConfigMap placed in it is refused there. */
const missing = uniqueNamespace('pwords-none');
const OVERRIDE = `override-${namespace}`.slice(0, 63);
const REFUSED = `refused-${namespace}`.slice(0, 63);
const shots = process.env.PORTOLAN_PROPAGATION_WORDS_SHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;

const configMap = (inNamespace: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: inNamespace },
  data: { mode: 'eu' },
});

const documentOf = (
  name: string,
  inNamespace: string,
  spec: Partial<PropagationDocument['spec']> = {},
): PropagationDocument => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name },
  spec: {
    templates: [configMap(inNamespace)],
    placement: { clusters: { names: [CLUSTER] } },
    includeDependencies: true,
    suspended: false,
    ...spec,
  },
});

before(async () => {
  requireBuiltConsole();
  harness = await startHarness();
  await harness.register(CLUSTER, kubeconfig, { env: 'test' });
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  // A cluster name no cluster has (a warning), and an override whose JSON patch finds no such path.
  await harness.portolan.propagations.save(
    documentOf(OVERRIDE, namespace, {
      placement: { clusters: { names: [CLUSTER, 'esat'] } },
      overrides: [{ clusters: { names: [CLUSTER] }, jsonPatch: [{ op: 'remove', path: '/data/nothing' }] }],
    }),
    'admin',
  );
  await harness.portolan.propagations.save(documentOf(REFUSED, missing), 'admin');
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'zh-CN' });
  page.setDefaultTimeout(30_000);
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  for (const name of [OVERRIDE, REFUSED]) await harness?.portolan.propagations.remove(name, 'admin');
  await harness?.stop({ removeData: true });
  await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

/** What stays as written: names, paths, kinds, and the Kubernetes and JSON words of the document. */
const data = [CLUSTER, OVERRIDE, REFUSED, namespace, missing, 'esat', 'admin', 'Portolan', 'YAML'];
const allowed = [
  ...data,
  'spec.placement.clusters.names[1] spec.overrides[0] Deployment ConfigMap settings JSON Patch /data/nothing',
  // The form behind the preview keeps its examples of syntax.
  'env=prod,tier!=edge,region in (eu,us),!canary',
  'registry.example.com/shop mirror.example.cn',
];

const shoot = async (name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.zh-CN.png`), fullPage: true });
};

test('in 简体中文 the preview words its warnings and an override that cannot be applied', async () => {
  await page.goto(`${harness.url}/propagations/${OVERRIDE}/edit`);
  await page.locator('button', { hasText: /^预\s*览$/ }).click();
  const warnings = page.getByTestId('propagation-warnings');
  await warnings.waitFor();
  assert.match(
    (await warnings.textContent()) ?? '',
    /spec\.placement\.clusters\.names\[1\]：没有已注册的集群名为“esat”；在有这样的集群之前，那里什么也不会发生（请检查拼写）/,
  );
  const error = page.locator(`[data-preview-error="${CLUSTER}"]`);
  await error.waitFor();
  assert.equal(
    await error.textContent(),
    `spec.overrides[0]：覆盖规则 0 对 ConfigMap ${namespace}/settings 的 JSON 补丁：路径 /data/nothing 不存在`,
  );
  await shoot('propagation-words-preview');
  assert.deepEqual(await englishWords(page, allowed), [], 'preview');
});

test('in 简体中文 a propagation’s page words why an override failed and why a member refused an object', async () => {
  await page.goto(`${harness.url}/propagations/${OVERRIDE}`);
  const overridden = page.locator(`[data-target-reason="${CLUSTER}"]`);
  await overridden.waitFor();
  assert.equal(
    await overridden.textContent(),
    `spec.overrides[0]：覆盖规则 0 对 ConfigMap ${namespace}/settings 的 JSON 补丁：路径 /data/nothing 不存在`,
  );
  await shoot('propagation-words-override');
  await page.goto(`${harness.url}/propagations/${REFUSED}`);
  await page.locator(`[data-target-state="${CLUSTER}"]`).waitFor();
  await page.locator('.ant-table-row-expand-icon').first().click();
  const reason = page.locator(`[data-target-objects="${CLUSTER}"] [data-object-reason="settings"]`);
  await reason.waitFor();
  await page.waitForFunction(
    (selector) => (document.querySelector(selector)?.textContent ?? '').includes('成员集群拒绝'),
    `[data-target-objects="${CLUSTER}"] [data-object-reason="settings"]`,
  );
  assert.equal(await reason.textContent(), `成员集群拒绝：命名空间“${missing}”不存在`);
  await shoot('propagation-words-refused');
  assert.deepEqual(await englishWords(page, allowed), [], 'detail');
});

test('in 简体中文 a save’s warnings are shown, worded, on the page it lands on', async () => {
  await page.goto(`${harness.url}/propagations/${OVERRIDE}/edit`);
  await page.locator('button', { hasText: /^预\s*览$/ }).click();
  await page.getByTestId('propagation-warnings').waitFor();
  await page.locator('button', { hasText: /^保\s*存$/ }).click();
  const saved = page.getByTestId('propagation-saved-warnings');
  await saved.waitFor();
  assert.match(page.url(), new RegExp(`/propagations/${OVERRIDE}$`));
  assert.match(
    (await saved.textContent()) ?? '',
    /^已保存，但有警告（1）：Portolan 会应用它，但以下内容不会按预期生效spec\.placement\.clusters\.names\[1\]：没有已注册的集群名为“esat”/,
  );
  await shoot('propagation-words-saved');
  assert.deepEqual(await englishWords(page, allowed), [], 'saved');
  // Closed, they stay closed when the page is read again.
  await saved.locator('.ant-alert-close-icon').click();
  await saved.waitFor({ state: 'detached' });
  await page.reload();
  await page.locator(`[data-target-reason="${CLUSTER}"]`).waitFor();
  assert.equal(await page.getByTestId('propagation-saved-warnings').count(), 0);
  if (!shots) return;
  // The same in English, for the screenshots.
  const en = await openPage(browser, { locale: 'en' });
  try {
    await signIn(en, harness.url);
    await en.goto(`${harness.url}/propagations/${OVERRIDE}/edit`);
    await en.locator('button', { hasText: /^Preview$/ }).click();
    await en.getByTestId('propagation-warnings').waitFor();
    await en.locator('button', { hasText: /^Save$/ }).click();
    await en.getByTestId('propagation-saved-warnings').waitFor();
    await en.screenshot({ path: path.join(shots, 'propagation-words-saved.en.png'), fullPage: true });
  } finally {
    await en.context().close();
  }
});
