/**
 * Multi-cluster applications in a browser against a real server and a shared sandbox: the form checks
 * each field before anything is sent and shows the server's refusal on the field at fault; a ConfigMap
 * template propagated from the form previews as a create with its diff, is saved, and shows applied on
 * its page (and on the cluster, with Portolan's label); deleting names the propagation and its clusters
 * and removes only what Portolan created.
 *
 * PORTOLAN_PROPAGATION_SHOTS=DIR also saves the list, form, preview and detail in English and
 * 简体中文, light and dark.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'prop-a';
/** The same sandbox under a second name: a target for objects read from the first. */
const SECOND = 'prop-b';
const namespace = uniqueNamespace('prop');
const NAME = `cm-${namespace}`.slice(0, 63);
const TEAM = `${namespace}-team`;
const ROLE = `${namespace}-auditor`;
const shots = process.env.PORTOLAN_PROPAGATION_SHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;
let previews = 0;

before(async () => {
  requireBuiltConsole();
  harness = await startHarness();
  await harness.register(CLUSTER, kubeconfig, { env: 'test' });
  await harness.register(SECOND, kubeconfig, { env: 'second' });
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  // Already there before the propagation: it must survive the propagation's removal.
  await kubectlOk(binDir, kubeconfig, ['create', 'configmap', 'kept', '-n', namespace, '--from-literal=a=b']);
  await kubectlOk(binDir, kubeconfig, ['apply', '-n', namespace, '-f', '-'], { input: WEB });
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  page.setDefaultTimeout(30_000);
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/propagations/preview')) previews++;
  });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  for (const name of [namespace, TEAM])
    await kubectl(binDir, kubeconfig, ['delete', 'namespace', name, '--wait=false']);
});

/** A Deployment whose pods read a ConfigMap: the ConfigMap goes with it as a dependency. */
const WEB = `apiVersion: v1
kind: ConfigMap
metadata: {name: web-settings}
data: {MODE: eu}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          envFrom: [{configMapRef: {name: web-settings}}]
`;

/** The form item (label, control and messages) whose label is `label`. */
const formItem = (label: string) =>
  page
    .locator('.ant-form-item')
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });

/** The page's Preview button (by its text: an editor's widget may hide the page from the accessibility tree). */
const previewButton = () => page.locator('button', { hasText: /^Preview$/ });

/** The error under a form field (not its hint). */
const fieldError = (label: string) => formItem(label).locator('.ant-form-item-explain-error');

/** Replaces the text of the YAML editor labelled `label`. */
async function typeYaml(label: string, text: string) {
  await page.locator(`[data-editor="${label}"] .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.locator(`[data-editor="${label}"] .view-lines`, { hasText: text.slice(0, 20) }).waitFor();
}

/** A ConfigMap as one line of JSON (which is YAML): the editor indents typed lines by itself. */
const configMap = (withNamespace: boolean) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'shop-settings', ...(withNamespace ? { namespace } : {}) },
    data: { mode: 'eu' },
  });

/** An option of the select dropdown open now (closed ones stay in the page, hidden). */
const option = (text: string | RegExp) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
    hasText: text,
  });

async function pickTarget(name: string) {
  await page.getByRole('combobox', { name: 'Target clusters', exact: true }).click();
  await option(new RegExp(`^${name}`))
    .first()
    .click();
  await page.keyboard.press('Escape');
}

test('an empty list offers the three ways to create a propagation', async () => {
  await page.goto(`${harness.url}/propagations`);
  const empty = page.locator('.ant-empty');
  await empty.getByRole('button', { name: 'Create' }).waitFor();
  await empty.getByRole('button', { name: 'Namespace on many clusters' }).waitFor();
  await empty.getByRole('button', { name: 'Role on many clusters' }).waitFor();
});

test('the form checks each field before sending; the server’s refusal lands on the field at fault', async () => {
  await page.goto(`${harness.url}/propagations/new`);
  await previewButton().click();
  await fieldError('Name').getByText('Give it a name').waitFor();
  await page.getByText('there is nothing to propagate').waitFor();
  await fieldError('Target clusters')
    .getByText(/Name clusters, give a label selector/)
    .waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Not_A_Name');
  await page.getByLabel('Target clusters: By cluster labels').fill('env in prod');
  await previewButton().click();
  await fieldError('Name')
    .getByText(/Lower-case letters, digits and dashes/)
    .waitFor();
  await fieldError('By cluster labels')
    .getByText(/Write a label selector/)
    .waitFor();
  assert.equal(previews, 0, 'nothing is sent while the form has problems');

  // The live count follows the label selector as the server matches it.
  await page.getByLabel('Target clusters: By cluster labels').fill('env=test');
  await page.locator('[data-matching="1"]', { hasText: CLUSTER }).waitFor();
  await page.getByLabel('Target clusters: By cluster labels').fill('');
  await pickTarget(CLUSTER);
  await page.getByLabel('Name', { exact: true }).fill(NAME);
  // A namespaced template without its namespace: only the server knows ConfigMap is namespaced.
  await typeYaml('Templates', configMap(false));
  await previewButton().click();
  await fieldError('Templates')
    .getByText(/ConfigMap lives in a namespace/)
    .waitFor();
  assert.equal(previews, 1);

  // The form and the YAML tab are one document: what is typed in one is in the other.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await page.locator('[data-editor="YAML"]').getByText(NAME).first().waitFor();
  await page.getByRole('tab', { name: 'Form' }).click();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), NAME);
  if (shots) await shoot('form');
});

test('a ConfigMap propagated from the form: the preview shows a create, then it is applied', async () => {
  await typeYaml('Templates', configMap(true));

  await previewButton().click();
  const tab = page.locator(`[data-preview-cluster="${CLUSTER}"]`);
  await tab.waitFor();
  assert.equal(await tab.getAttribute('data-refused'), 'false');
  const row = page.locator('tr', {
    has: page.locator(`[data-preview-object="ConfigMap ${namespace}/shop-settings"]`),
  });
  await row.locator('[data-action="create"]').waitFor();
  await row.locator('.ant-table-row-expand-icon').click();
  await page.locator('[data-diff] .monaco-diff-editor').waitFor();
  if (shots) await shoot('preview');
  const before = await kubectl(binDir, kubeconfig, ['get', 'configmap', 'shop-settings', '-n', namespace]);
  assert.notEqual(before.code, 0, 'nothing is applied before Save');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(new RegExp(`/propagations/${NAME}$`));
  await page.locator(`[data-target-state="${CLUSTER}"] [data-state="applied"]`).waitFor({ timeout: 60_000 });
  const label = await kubectlOk(binDir, kubeconfig, [
    'get',
    'configmap',
    'shop-settings',
    '-n',
    namespace,
    '-o',
    'jsonpath={.metadata.labels.portolan\\.dev/propagation}',
  ]);
  assert.equal(label.trim(), NAME);
  await page.locator(`[data-target="${CLUSTER}"]`).waitFor();
  await page
    .locator('tr', { has: page.locator(`[data-target="${CLUSTER}"]`) })
    .locator('.ant-table-row-expand-icon')
    .click();
  await page.locator(`[data-target-objects="${CLUSTER}"] [data-created]`).waitFor();
  if (shots) await shoot('detail');

  await page.goto(`${harness.url}/propagations`);
  const listed = page.locator('tr', { has: page.getByRole('link', { name: NAME }) });
  await listed.locator('[data-phase="Applied"]').waitFor({ timeout: 30_000 });
  assert.equal(await listed.locator('[data-targets]').getAttribute('data-targets'), '1/1');
  if (shots) await shoot('list');
});

test('a namespace on many clusters from the quick start: previewed, saved, applied with its RoleBinding', async () => {
  await page.goto(`${harness.url}/propagations`);
  await page.getByRole('button', { name: 'Quick starts' }).click();
  await page.getByRole('menuitem', { name: 'Namespace on many clusters' }).click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByLabel('Namespace', { exact: true }).fill(TEAM);
  await dialog.getByLabel('Give a group access').fill('team-a');
  await dialog.getByRole('combobox', { name: 'Target clusters', exact: true }).click();
  await option(new RegExp(`^${CLUSTER}`))
    .first()
    .click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  // The same preview as the form's, straight away.
  await page.locator(`[data-preview-object="Namespace ${TEAM}"]`).waitFor();
  const binding = page.locator('tr', {
    has: page.locator(`[data-preview-object="RoleBinding ${TEAM}/team-a-edit"]`),
  });
  await binding.locator('[data-action="create"]').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(new RegExp(`/propagations/ns-${TEAM}$`));
  await page.locator(`[data-target-state="${CLUSTER}"] [data-state="applied"]`).waitFor({ timeout: 60_000 });
  const role = await kubectlOk(binDir, kubeconfig, [
    'get',
    'rolebinding',
    'team-a-edit',
    '-n',
    TEAM,
    '-o',
    'jsonpath={.roleRef.name}',
  ]);
  assert.equal(role, 'edit');
});

test('a role on many clusters from the quick start: a ClusterRole and its binding, previewed before anything is made', async () => {
  await page.goto(`${harness.url}/propagations`);
  await page.getByRole('button', { name: 'Quick starts' }).click();
  await page.getByRole('menuitem', { name: 'Role on many clusters' }).click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByText('Name the role').waitFor();
  await dialog.getByLabel('ClusterRole name').fill(ROLE);
  await dialog.getByLabel('Name', { exact: true }).fill('auditors');
  await dialog.getByRole('combobox', { name: 'Target clusters', exact: true }).click();
  await option(new RegExp(`^${CLUSTER}`))
    .first()
    .click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const role = page.locator('tr', { has: page.locator(`[data-preview-object="ClusterRole ${ROLE}"]`) });
  await role.locator('[data-action="create"]').waitFor();
  const binding = page.locator('tr', {
    has: page.locator(`[data-preview-object="ClusterRoleBinding ${ROLE}"]`),
  });
  await binding.locator('[data-action="create"]').waitFor();
  assert.notEqual(
    (await kubectl(binDir, kubeconfig, ['get', 'clusterrole', ROLE])).code,
    0,
    'nothing made yet',
  );
});

test('a Viewer sees the propagations but none of the actions', async () => {
  const viewer = await addMember(harness, 'prop-viewer', 'Viewer', { level: 'cluster', cluster: CLUSTER });
  const other = await openPage(browser, { locale: 'en' });
  await signIn(other, harness.url, { username: viewer.username, password: 'prop-viewer-password-123' });
  await other.goto(`${harness.url}/propagations/ns-${TEAM}`);
  await other.locator(`[data-target-state="${CLUSTER}"]`).waitFor();
  for (const action of ['Edit', 'Suspend', 'Delete'])
    assert.equal(await other.getByRole('button', { name: action, exact: true }).count(), 0, action);
  await other.goto(`${harness.url}/propagations`);
  await other.getByRole('link', { name: `ns-${TEAM}` }).waitFor();
  assert.equal(await other.getByRole('button', { name: 'Create', exact: true }).count(), 0);
  await other.context().close();
});

test('objects from a source cluster: names offered from the store, the preview adds what the workload mounts', async () => {
  // The store has the Deployment before the page asks for names.
  for (let tries = 0; ; tries++) {
    const found = await harness.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/search?kinds=deployments.apps&clusters=${CLUSTER}&namespaces=${namespace}&objects=false`,
    );
    if (found.body.items.length) break;
    assert.ok(tries < 60, 'the Deployment is synced within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await page.goto(`${harness.url}/propagations`);
  await page.getByRole('button', { name: 'Create', exact: true }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(`src-${namespace}`.slice(0, 63));
  await page.getByRole('combobox', { name: 'Source cluster' }).click();
  await option(new RegExp(`^${CLUSTER}$`)).click();
  await page.getByRole('button', { name: 'Add objects from the source cluster' }).click();
  await page.getByRole('combobox', { name: 'Namespace', exact: true }).fill(namespace);
  await page.getByRole('combobox', { name: 'Names', exact: true }).click();
  await option(/^web$/).click();
  await page.keyboard.press('Escape');
  await pickTarget(SECOND);
  await previewButton().click();
  await page.locator(`[data-preview-cluster="${SECOND}"]`).waitFor();
  await page.locator(`[data-preview-object="Deployment ${namespace}/web"]`).waitFor();
  await page.locator(`[data-preview-object="ConfigMap ${namespace}/web-settings"]`).waitFor();
  assert.equal(await page.locator(`[data-preview-object="ConfigMap ${namespace}/kept"]`).count(), 0);
});

test('delete names the propagation and its clusters, and removes only what Portolan created', async () => {
  await page.goto(`${harness.url}/propagations/${NAME}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.locator('.ant-modal-confirm-title', { hasText: `Delete the propagation ${NAME}?` }).waitFor();
  await dialog.getByText(`Objects are removed on: ${CLUSTER}.`).waitFor();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(/\/propagations$/);
  const deadline = Date.now() + 60_000;
  while (
    (await kubectl(binDir, kubeconfig, ['get', 'configmap', 'shop-settings', '-n', namespace])).code === 0
  ) {
    assert.ok(Date.now() < deadline, 'the propagated ConfigMap is removed within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await kubectlOk(binDir, kubeconfig, ['get', 'configmap', 'kept', '-n', namespace]);
});

test('in 简体中文 the list, a propagation and the form have no English left but names and examples', async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  // What stays as written: the data (names, the namespace, labels), kinds, and the examples of syntax.
  const data = [
    CLUSTER,
    TEAM,
    `ns-${TEAM}`,
    'team-a-edit',
    'admin',
    'Portolan',
    'YAML JSON Patch Pod Namespace RoleBinding ConfigMap Secret ServiceAccount PVC',
    'apiVersion kind metadata name op replace remove add move copy test path spec value key=value',
    'env=prod,tier!=edge,region in (eu,us),!canary',
    'registry.example.com/shop mirror.example.cn Deployment',
  ];
  await chinese.goto(`${harness.url}/propagations`);
  await chinese.getByRole('link', { name: `ns-${TEAM}` }).waitFor();
  assert.deepEqual(await englishWords(chinese, data), [], 'list');
  await chinese.goto(`${harness.url}/propagations/ns-${TEAM}`);
  await chinese.locator(`[data-target-state="${CLUSTER}"]`).waitFor();
  await chinese.locator('.ant-table-row-expand-icon').first().click();
  await chinese.locator(`[data-target-objects="${CLUSTER}"] [data-created]`).first().waitFor();
  assert.deepEqual(await englishWords(chinese, data), [], 'detail');
  await chinese.goto(`${harness.url}/propagations/new`);
  await chinese.getByRole('button', { name: '添加差异化配置' }).click();
  await chinese.locator('[data-override="0"]').waitFor();
  assert.deepEqual(await englishWords(chinese, data), [], 'form');
  await chinese.context().close();
});

test('in 简体中文 why a cluster is refused, and the events that say so, read in Chinese (issue #10)', async () => {
  // Saved by a user who may write nowhere: the cluster is forbidden, and its reason and event say who.
  const outsider = `${namespace}-outsider`;
  const user = await harness.call('POST', '/api/v1/users', {
    username: outsider,
    password: `${outsider}-pw`,
  });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const refused = `refused-${namespace}`.slice(0, 63);
  await harness.portolan.propagations.save(
    {
      apiVersion: 'portolan.dev/v1',
      kind: 'Propagation',
      metadata: { name: refused },
      spec: {
        templates: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'refused', namespace }, data: { a: 'b' } },
        ],
        placement: { clusters: { names: [CLUSTER] } },
        includeDependencies: true,
        suspended: false,
      },
    },
    outsider,
  );
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  // Names (the user, the cluster, the namespace) and the permission's name stay as written.
  const data = [CLUSTER, refused, outsider, namespace, 'resources:write', 'admin', 'YAML', 'ConfigMap'];
  await chinese.goto(`${harness.url}/propagations/${refused}`);
  const reason = chinese.locator(`[data-target-reason="${CLUSTER}"]`);
  await reason.waitFor();
  const said = await reason.textContent();
  assert.equal(
    said,
    `最近保存此多集群应用的用户 ${outsider} 无权写入集群 ${CLUSTER} 的命名空间 ${namespace}（resources:write）；可由管理员授权，或由有权限的用户重新保存`,
  );
  await chinese.locator('.ant-table-row-expand-icon').first().click();
  await chinese.locator('[data-object-reason="refused"]').waitFor();
  assert.deepEqual(await englishWords(chinese, data), [], 'detail');
  await chinese.goto(`${harness.url}/propagations/${refused}?tab=events`);
  await chinese.locator('[data-event-message]').first().waitFor();
  assert.equal(await chinese.locator('[data-event-message]').first().textContent(), said);
  assert.deepEqual(await englishWords(chinese, data), [], 'events');
  await chinese.context().close();
  await harness.portolan.propagations.remove(refused, 'admin');
});

/** The page as it is now in English and 简体中文, light and dark: switched in place, so a form keeps what it holds. */
async function shoot(step: string) {
  const header = page.locator('.ant-layout-header');
  const save = async (name: string) => {
    await page.waitForTimeout(800);
    await page.screenshot({
      path: path.join(shots ?? '', `propagations-${step}.${name}.png`),
      fullPage: true,
    });
  };
  await save('en.light');
  await header.locator('button', { hasText: '☾' }).click();
  await save('en.dark');
  await header.getByText('简体中文').click();
  await save('zh-CN.dark');
  await header.locator('button', { hasText: '☀' }).click();
  await save('zh-CN.light');
  await header.getByText('English').click();
}
