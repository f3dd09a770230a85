import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server serving the built console, one shared sandbox cluster, Debian's Chromium.
// PORTOLAN_SCREENSHOTS=<dir> also writes the create pages in both languages and themes there.
const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
const CLUSTER = 'create-test';
const namespace = uniqueNamespace('create');
const shots = process.env.PORTOLAN_SCREENSHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'namespace', namespace]);
  harness = await startHarness();
  await harness.register(CLUSTER, sandbox.kubeconfig);
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox)
    await kubectlOk(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

// With screenshots asked for, each test's last view too (what went wrong, when one fails).
afterEach(async (context) => {
  if (shots)
    await page.screenshot({
      path: path.join(shots, `after-${context.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
    });
});

const base = `/api/v1/clusters/${CLUSTER}`;
const fieldError = (id: string) => page.locator(`.ant-form-item:has(#${id}) .ant-form-item-explain-error`);
const formPage = () => `${harness.url}/create/workload?cluster=${CLUSTER}&namespace=${namespace}`;

test('a Deployment made from the form exists in the cluster with its Service, and its page opens', async () => {
  await page.goto(formPage());
  await page.locator('#name').fill('shop');
  await page.locator('#replicas').fill('2');
  await page.locator('#containers_0_image').fill('nginx:1.27');
  await page.getByRole('button', { name: '+ Add a port' }).first().click();
  await page.locator('#containers_0_ports_0_containerPort').fill('80');
  // The YAML beside the form is the cluster's own dry run of it.
  await page.locator('[data-preview-status]', { hasText: `As ${CLUSTER}’s dry run returned it` }).waitFor();
  await page.waitForFunction(() =>
    /replicas: 2/.test(
      (document.querySelector('[data-editor="YAML"]')?.textContent ?? '').replace(/\u00a0/g, ' '),
    ),
  );
  await page.getByRole('tab', { name: 'Environment' }).click();
  await page.getByRole('button', { name: '+ Add a variable' }).click();
  await page.locator('#containers_0_env_0_name').fill('MODE');
  await page.locator('#containers_0_env_0_value').fill('shop');
  await page.locator('#service_type').click();
  await page.getByTitle('ClusterIP (inside the cluster)').click();
  await page.getByRole('button', { name: '+ Add a port' }).last().click();
  await page.locator('#service_ports_0_port').fill('80');
  await page.getByRole('button', { name: 'Create Deployment' }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}/workloads/Deployment/${namespace}/shop$`));

  const made = await harness.call<{
    object: {
      spec: { replicas: number; template: { spec: { containers: { image: string; env: unknown[] }[] } } };
    };
  }>('GET', `${base}/workloads/Deployment/${namespace}/shop`);
  assert.equal(made.status, 200);
  assert.equal(made.body.object.spec.replicas, 2);
  const [container] = made.body.object.spec.template.spec.containers;
  assert.equal(container?.image, 'nginx:1.27');
  assert.deepEqual(container?.env, [{ name: 'MODE', value: 'shop' }]);
  const service = await harness.call<{ type: string; ports: { port: number }[] }>(
    'GET',
    `${base}/services/${namespace}/shop`,
  );
  assert.equal(service.status, 200);
  assert.equal(service.body.type, 'ClusterIP');
});

test('the Deployment edited as YAML: a refusal marked on its line, then the reviewed change applied', async () => {
  await page.goto(`${harness.url}/clusters/${CLUSTER}/edit?kind=Deployment&namespace=${namespace}&name=shop`);
  const replicas = page.locator('[data-editor="YAML"] .view-line', { hasText: /^\s*replicas:\s2$/ }).first();
  await replicas.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('-1');
  await page.getByRole('button', { name: 'Review changes' }).click();
  // The form's create owns spec.replicas: the cluster names the conflict, on the field's line.
  await page
    .locator('[data-refusal]', { hasText: /Line \d+: spec\.replicas: conflict with "portolan"/ })
    .waitFor();
  await page.getByRole('button', { name: 'Take them over and review' }).click();
  // Taken over, the value itself is refused: -1 replicas, marked on its line.
  await page.locator('[data-refusal]', { hasText: /Line \d+: spec\.replicas: Invalid value: -1/ }).waitFor();
  await page.locator('[data-editor="YAML"] .squiggly-error').first().waitFor();

  await page
    .locator('[data-editor="YAML"] .view-line', { hasText: /^\s*replicas:\s-1$/ })
    .first()
    .click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: `Changes to Deployment ${namespace}/shop` });
  await dialog.locator('[data-diff] .monaco-diff-editor').waitFor();
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByText(`Deployment ${namespace}/shop applied.`).waitFor();
  const made = await harness.call<{ spec: { replicas: number } }>(
    'GET',
    `${base}/resources/deployments/shop?namespace=${namespace}`,
  );
  assert.equal(made.body.spec.replicas, 3);
});

test('bad fields are refused on the field: empty image and replicas -1 here, a bad quantity by the server', async () => {
  await page.goto(formPage());
  await page.locator('#name').fill('broken');
  await page.locator('#replicas').fill('-1');
  await page.getByRole('button', { name: 'Create Deployment' }).click();
  await fieldError('containers_0_image').filter({ hasText: 'Name the image to run' }).waitFor();
  await fieldError('replicas').filter({ hasText: 'A whole number, 0 or more' }).waitFor();

  // What only the server checks comes back on the field it names, in the server's words.
  await page.locator('#replicas').fill('1');
  await page.locator('#containers_0_image').fill('nginx:1.27');
  await page.getByRole('tab', { name: 'Resources' }).click();
  await page.locator('#containers_0_resources_limits_cpu').fill('lots');
  const refused = await harness.call<{ error: { fields: { field: string; message: string }[] } }>(
    'POST',
    `${base}/workloads?dryRun=true`,
    {
      kind: 'Deployment',
      name: 'broken',
      namespace,
      replicas: 1,
      containers: [{ name: 'app', image: 'nginx:1.27', resources: { limits: { cpu: 'lots' } } }],
    },
  );
  assert.equal(refused.status, 422);
  const reason = refused.body.error.fields.find((entry) => entry.field.endsWith('limits.cpu'));
  assert.ok(reason, JSON.stringify(refused.body));
  await page.getByRole('tab', { name: 'Image and command' }).click(); // the refusal switches back to it
  await page.getByRole('button', { name: 'Create Deployment' }).click();
  await fieldError('containers_0_resources_limits_cpu').filter({ hasText: reason.message }).waitFor();
  const absent = await harness.call('GET', `${base}/workloads/Deployment/${namespace}/broken`);
  assert.equal(absent.status, 404);
});

/** The preview's text as the editor shows it (Monaco draws spaces as no-break spaces). */
const previewText = () =>
  page.evaluate(() =>
    (document.querySelector('[data-editor="YAML"]')?.textContent ?? '').replace(/\u00a0/g, ' '),
  );

test('a CronJob with an init container: the schedule read back in words, both in the dry run, then created', async () => {
  // Tall enough for the editor to draw the whole CronJob (Monaco draws only the lines in view).
  await page.setViewportSize({ width: 1440, height: 1800 });
  await page.goto(formPage());
  await page.locator('#kind').click();
  await page.locator('.ant-select-item-option[title="CronJob"]').click();
  await page.locator('#name').fill('nightly');
  await page.locator('#containers_0_image').fill('busybox:1');
  await page.locator('#cron_schedule').fill('61 9 * * MON-FRI');
  await fieldError('cron_schedule')
    .filter({ hasText: 'The minute (0–59) field is out of range or not a number, range, list or step' })
    .waitFor();
  await page.locator('#cron_schedule').fill('30 9 * * MON-FRI');
  await page.locator('#cron_timeZone').fill('Asia/Shanghai');
  await page
    .locator('[data-cron-reading]', { hasText: 'Runs at 09:30 on Monday to Friday, in Asia/Shanghai time.' })
    .waitFor();
  await page.locator('#cron_concurrencyPolicy').click();
  await page.getByTitle('Skip this run (Forbid)').click();
  await page.locator('#job_ttlSecondsAfterFinished').fill('3600');
  await page.getByRole('button', { name: '+ Add an init container' }).click();
  await page.locator('#initContainers_0_image').fill('busybox:1');
  await page.locator('#initContainers_0_command').fill('sh\n-c\necho ready');
  // An init container runs to completion: it has no health checks to set.
  const init = page.locator('[data-init-container="0"]');
  assert.equal(await init.getByRole('tab', { name: 'Health and hooks' }).count(), 0);

  // The cluster's own dry run of the form, with the schedule, the zone and the init container in it.
  await page.locator('[data-preview-status]', { hasText: `As ${CLUSTER}’s dry run returned it` }).waitFor();
  await page.waitForFunction(() => {
    const text = (document.querySelector('[data-editor="YAML"]')?.textContent ?? '').replace(/\u00a0/g, ' ');
    return text.includes('jobTemplate:') && text.includes('name: init-1') && text.includes('Asia/Shanghai');
  });
  const yaml = await previewText();
  for (const line of [
    'schedule: 30 9 * * MON-FRI',
    'timeZone: Asia/Shanghai',
    'concurrencyPolicy: Forbid',
    'ttlSecondsAfterFinished: 3600',
    'initContainers:',
    'image: busybox:1',
  ])
    assert.ok(yaml.includes(line), `the preview has ${line}`);
  if (shots) await cronScreenshots();

  await page.getByRole('button', { name: 'Create CronJob' }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}/workloads/CronJob/${namespace}/nightly$`));
  const made = await harness.call<{
    object: {
      spec: {
        schedule: string;
        timeZone: string;
        jobTemplate: { spec: { template: { spec: { initContainers: { command: string[] }[] } } } };
      };
    };
  }>('GET', `${base}/workloads/CronJob/${namespace}/nightly`);
  assert.equal(made.status, 200);
  assert.equal(made.body.object.spec.schedule, '30 9 * * MON-FRI');
  assert.equal(made.body.object.spec.timeZone, 'Asia/Shanghai');
  assert.deepEqual(made.body.object.spec.jobTemplate.spec.template.spec.initContainers[0]?.command, [
    'sh',
    '-c',
    'echo ready',
  ]);
  await page.setViewportSize({ width: 1280, height: 800 });
});

/** The CronJob form as filled in, in both languages and themes. */
async function cronScreenshots() {
  const dir = path.resolve(shots ?? '.');
  await mkdir(dir, { recursive: true });
  for (const locale of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const other = await openPage(browser, { locale, theme });
      await other.setViewportSize({ width: 1440, height: 1000 });
      await signIn(other, harness.url);
      await other.goto(formPage());
      await other.locator('#kind').click();
      await other.locator('.ant-select-item-option[title="CronJob"]').click();
      await other.locator('#name').fill('nightly-2');
      await other.locator('#containers_0_image').fill('busybox:1');
      await other.locator('#cron_schedule').fill('30 9 * * MON-FRI');
      await other.locator('#cron_timeZone').fill('Asia/Shanghai');
      await other.locator('[data-cron-reading]').waitFor();
      await other.getByRole('button', { name: /^\+ (Add an init container|添加初始化容器)$/ }).click();
      await other.locator('#initContainers_0_image').fill('busybox:1');
      await other
        .locator('[data-preview-status]')
        .filter({ hasText: /dry run|试运行/ })
        .waitFor();
      await other.waitForTimeout(800);
      await other.screenshot({
        path: path.join(dir, `create-cronjob.${locale}.${theme}.png`),
        fullPage: true,
      });
      await other.locator('#kind').click();
      await other.locator('.ant-select-item-option[title="Deployment"]').click();
      await other.locator('[data-section="updates"]').scrollIntoViewIfNeeded();
      await other.waitForTimeout(500);
      await other.locator('[data-section="updates"]').screenshot({
        path: path.join(dir, `create-updates.${locale}.${theme}.png`),
      });
      await other.context().close();
    }
  }
}

async function upload(text: string) {
  await page.locator('input[type=file]').setInputFiles({
    name: 'objects.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(text),
  });
  await page.waitForFunction(
    (first) =>
      (document.querySelector('[data-editor="YAML"]')?.textContent ?? '')
        .replace(/\u00a0/g, ' ')
        .includes(first),
    text.split('\n')[0] ?? '',
  );
}

test('malformed YAML on /create/yaml shows the line at fault, in words and in the editor', async () => {
  await page.goto(`${harness.url}/create/yaml?cluster=${CLUSTER}`);
  const malformed = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: ${namespace}\ndata:\n  a: [1, 2\n`;
  await upload(malformed);
  await page.getByRole('button', { name: 'Dry run' }).click();
  const refused = await harness.call<{ error: { line: number } }>('POST', `${base}/apply/preview`, {
    manifests: malformed,
  });
  assert.equal(refused.status, 400);
  assert.ok(refused.body.error.line > 0);
  await page.locator('[data-refusal]', { hasText: `Line ${refused.body.error.line}:` }).waitFor();
  // Monaco draws the marker as a squiggle on that line.
  await page.locator('[data-editor="YAML"] .squiggly-error').first().waitFor();
});

test("the editor checks a document against the cluster's own schema before anything is sent", async () => {
  await page.goto(`${harness.url}/create/yaml?cluster=${CLUSTER}`);
  const typo = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: typo',
    'spec:',
    '  replicaz: 2',
    '  selector: {matchLabels: {app: typo}}',
    '  template: {metadata: {labels: {app: typo}}, spec: {containers: [{name: app, image: nginx}]}}',
    '',
  ].join('\n');
  await upload(typo);
  await page.locator('[data-schema-status]', { hasText: 'own schema: Deployment' }).waitFor();
  // monaco-yaml marks the unknown field as a warning (the cluster refuses it); hovering it says why.
  await page.locator('[data-editor="YAML"] .squiggly-warning').first().waitFor();
  await page.locator('[data-editor="YAML"] .view-line span', { hasText: 'replicaz' }).first().hover();
  await page.locator('.monaco-hover', { hasText: /replicaz is not allowed/ }).waitFor();
});

test('in 简体中文 the editor’s own words are Chinese too (its hover offers 查看问题, not View Problem)', async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  try {
    await signIn(chinese, harness.url);
    await chinese.goto(`${harness.url}/create/yaml?cluster=${CLUSTER}`);
    await chinese.locator('input[type=file]').setInputFiles({
      name: 'typo.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta: {}\n'),
    });
    await chinese.locator('[data-editor="YAML"] .squiggly-warning').first().waitFor();
    await chinese.locator('[data-editor="YAML"] .view-line span', { hasText: 'datta' }).first().hover();
    const hover = chinese.locator('.monaco-hover', { hasText: '查看问题' });
    await hover.waitFor();
    assert.ok(!((await hover.textContent()) ?? '').includes('View Problem'));
  } finally {
    await chinese.context().close();
  }
});

test('the dry run shows create and update with a diff for the existing object, then applies both', async () => {
  await kubectlOk(binDir, sandbox?.kubeconfig ?? '', [
    'create',
    'configmap',
    'settings',
    '-n',
    namespace,
    '--from-literal=color=blue',
  ]);
  await page.goto(`${harness.url}/create/yaml?cluster=${CLUSTER}`);
  const text = [
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${namespace}\ndata:\n  color: green\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ${namespace}\ndata:\n  size: large\n`,
  ].join('---\n');
  await upload(text);
  // The editor checks the text against the cluster's own schema.
  await page
    .locator('[data-schema-status]', { hasText: `Checked against ${CLUSTER}’s own schema: ConfigMap` })
    .waitFor();
  await page.getByRole('button', { name: 'Dry run' }).click();
  const rows = page.locator('[data-results="preview"] tbody tr.ant-table-row');
  // kubectl owns the existing object's field: the dry run says so, and taking it over is the user's choice.
  await rows.filter({ hasText: 'settings' }).locator('[data-step="failed"]').waitFor();
  await rows.filter({ hasText: 'settings' }).filter({ hasText: 'another field manager owns' }).waitFor();
  await page.getByRole('checkbox', { name: 'Take over fields other tools manage' }).check();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await rows.filter({ hasText: 'settings' }).locator('[data-step="update"]').waitFor();
  await rows.filter({ hasText: 'extra' }).locator('[data-step="create"]').waitFor();
  await rows.filter({ hasText: 'settings' }).locator('.ant-table-row-expand-icon').click();
  const diff = page.locator('[data-diff] .monaco-diff-editor');
  await diff.waitFor();
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-diff]')?.textContent ?? '';
    return text.includes('blue') && text.includes('green');
  });
  if (shots) await screenshots(text);
  await page.getByRole('button', { name: 'Apply 2 object(s)' }).click();
  const applied = page.locator('[data-results="apply"] tbody tr.ant-table-row');
  await applied.filter({ hasText: 'settings' }).locator('[data-step="configured"]').waitFor();
  await applied.filter({ hasText: 'extra' }).locator('[data-step="created"]').waitFor();
  const stored = await kubectlOk(binDir, sandbox?.kubeconfig ?? '', [
    'get',
    'configmap',
    'settings',
    '-n',
    namespace,
    '-o',
    'jsonpath={.data.color}',
  ]);
  assert.equal(stored.trim(), 'green');
});

/** The two create pages, filled in, in both languages and themes, for people to look at. */
async function screenshots(yaml: string) {
  const dir = path.resolve(shots ?? '.');
  await mkdir(dir, { recursive: true });
  for (const locale of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const other = await openPage(browser, { locale, theme });
      await signIn(other, harness.url);
      await other.goto(formPage());
      await other.locator('#name').fill('shop-2');
      await other.locator('#containers_0_image').fill('nginx:1.27');
      await other
        .locator('[data-preview-status]')
        .filter({ hasText: /dry run|试运行/ })
        .waitFor();
      await other.waitForTimeout(800);
      await other.screenshot({
        path: path.join(dir, `create-workload.${locale}.${theme}.png`),
        fullPage: true,
      });
      await other.goto(`${harness.url}/create/yaml?cluster=${CLUSTER}`);
      await other.locator('input[type=file]').setInputFiles({
        name: 'objects.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(yaml),
      });
      await other.getByRole('checkbox').check();
      await other.getByRole('button', { name: /^(Dry run|试运行)$/ }).click();
      await other
        .locator('[data-results="preview"] .ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)')
        .first()
        .click();
      await other.locator('[data-diff] .monaco-diff-editor').waitFor();
      await other.waitForTimeout(800);
      await other.screenshot({ path: path.join(dir, `create-yaml.${locale}.${theme}.png`), fullPage: true });
      await other.context().close();
    }
  }
}
