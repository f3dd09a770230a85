import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import {
  englishWords,
  launchBrowser,
  noticeShown,
  openPage,
  requireBuiltConsole,
  signIn,
} from '../../testing/browser.ts';

// A real server serving the built console and one shared sandbox, driven through Chromium: a
// Deployment made through the API is found, scaled, restarted, rolled back and deleted from the
// console; a namespace Viewer is offered none of that, and the server refuses a forced scale.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'workloads-ui';
const namespace = uniqueNamespace('workloads-ui');
const NAME = 'checkout-web';
const VIEWED = 'catalogue-api';
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;
let viewer: { username: string; password: string };

const deployment = (name: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: web, image: 'nginx:1.27' }] }
`;

const CRON = 'nightly-export';
const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: { name: ${CRON}, namespace: ${namespace} }
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec: { restartPolicy: Never, containers: [{ name: export, image: 'busybox:1.37' }] }
`;

interface Deployment {
  spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> } } };
  metadata: { annotations: Record<string, string> };
}
const live = (name: string) =>
  harness.call<Deployment>(
    'GET',
    `/api/v1/clusters/${CLUSTER}/resources/deployments/${name}?namespace=${namespace}`,
  );

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await k('create', 'namespace', namespace);
  await eventually('the default ServiceAccount', async () =>
    (await k('get', 'sa', 'default', '-n', namespace).catch(() => '')) ? true : undefined,
  );
  harness = await startHarness();
  await harness.register(CLUSTER, sandbox.kubeconfig);
  const applied = await harness.call<{ failed: number }>('POST', `/api/v1/clusters/${CLUSTER}/apply`, {
    manifests: `${deployment(NAME)}\n---\n${deployment(VIEWED)}\n---\n${cronJob}`,
  });
  assert.equal(applied.status, 200, JSON.stringify(applied.body));
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
  const member = await addMember(harness, 'workloads-viewer', 'Viewer', {
    level: 'namespace',
    cluster: CLUSTER,
    namespace,
  });
  viewer = { username: member.username, password: `${member.username}-password-123` };
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

// Rows of this run's namespace only: a retried file finds the first attempt's namespace still
// being deleted on the shared sandbox, with Deployments of the same names in it.
const row = (name: string) =>
  page.locator('.ant-table-row', { hasText: name }).filter({ hasText: namespace });

test('the Deployment is found by name on /workloads, Available 1/1, and opens its page', async () => {
  await signIn(page, harness.url);
  await page.getByRole('link', { name: 'Workloads' }).click();
  await page.getByRole('heading', { name: 'Workloads' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('checkout');
  await page.getByRole('searchbox', { name: 'Search by name' }).press('Enter');
  await page.waitForURL(/[?&]q=checkout/);
  // From the store, filled by the watch: the row comes once the Deployment's pod is ready.
  await row(NAME).filter({ hasText: 'Available' }).filter({ hasText: '1/1' }).waitFor({ timeout: 30_000 });
  await row(NAME)
    .filter({ hasText: namespace })
    .filter({ hasText: CLUSTER })
    .filter({ hasText: 'nginx:1.27' })
    .waitFor();
  // The name search is the server's: the other Deployment leaves once its answer is shown (the list
  // keeps the previous page while the filtered one is on its way, so this waits rather than counts).
  await row(VIEWED).waitFor({ state: 'detached', timeout: 15_000 });
  await row(NAME).getByRole('link', { name: NAME }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}/workloads/deployments/${namespace}/${NAME}$`));
  await page.getByTestId('workload-replicas').filter({ hasText: '1 ready of 1 desired' }).waitFor();
});

test('scale refuses an empty count, then scales to 3 and the page shows 3 desired', async () => {
  await page.getByRole('button', { name: 'Scale', exact: true }).click();
  const dialog = page.locator('.ant-modal', { hasText: `Scale ${NAME}` });
  await dialog.locator('input').fill('');
  await dialog.getByRole('button', { name: 'Scale' }).click();
  await dialog.getByText('Enter a number of replicas').waitFor();
  await dialog.locator('input').fill('3');
  await dialog.getByRole('button', { name: 'Scale' }).click();
  await noticeShown(page, `${NAME} scaled to 3.`);
  await page.getByTestId('workload-replicas').filter({ hasText: 'of 3 desired' }).waitFor();
  assert.equal((await live(NAME)).body.spec.replicas, 3);
  await page.getByTestId('workload-replicas').filter({ hasText: '3 ready of 3 desired' }).waitFor();
});

test('restart makes a new revision, and the diff between the two shows the restart', async () => {
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm', { hasText: `Restart ${NAME}?` });
  await confirm.getByRole('button', { name: 'Restart' }).click();
  await page.getByText(`${NAME} is restarting`).waitFor();
  await confirm.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: 'Revisions' }).click();
  const second = page.locator('.ant-table-row', { has: page.locator('[data-revision="2"]') });
  await second.filter({ hasText: 'Current' }).waitFor({ timeout: 30_000 });
  await page.locator('.ant-table-row', { has: page.locator('[data-revision="1"]') }).waitFor();
  await page.getByTestId('revision-diff').filter({ hasText: 'kubectl.kubernetes.io/restartedAt' }).waitFor();
  const restarted = (await live(NAME)).body.spec.template.metadata.annotations ?? {};
  assert.ok(restarted['kubectl.kubernetes.io/restartedAt'], 'the restart is in the pod template');
});

test('roll back to revision 1 (confirmed by name) becomes revision 3, without the restart', async () => {
  const first = page.locator('.ant-table-row', { has: page.locator('[data-revision="1"]') });
  await first.getByRole('button', { name: 'Roll back' }).click();
  const confirm = page.locator('.ant-modal-confirm', { hasText: `Roll ${NAME} back to revision 1?` });
  await confirm.getByRole('button', { name: 'Roll back' }).click();
  await page.getByText(`${NAME} rolls back to revision 1.`).waitFor();
  // Kubernetes renumbers the revision it goes back to: 1 becomes 3, and 1 is gone.
  const third = page.locator('.ant-table-row', { has: page.locator('[data-revision="3"]') });
  await third.filter({ hasText: 'Current' }).waitFor({ timeout: 30_000 });
  await page.locator('[data-revision="1"]').waitFor({ state: 'detached' });
  const template = (await live(NAME)).body.spec.template.metadata.annotations ?? {};
  assert.equal(template['kubectl.kubernetes.io/restartedAt'], undefined);
  assert.equal((await live(NAME)).body.metadata.annotations['deployment.kubernetes.io/revision'], '3');
});

test('an autoscaler is set from the page (a maximum below the minimum refused first), shown, and removed', async () => {
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Autoscaler', exact: true }).click();
  const drawer = page.locator('.ant-drawer', { hasText: `Autoscaler of ${NAME}` });
  await drawer.getByText('No autoscaler: the replica count stays as set.').waitFor();
  await drawer.getByLabel('Minimum replicas').fill('3');
  await drawer.getByLabel('Maximum replicas').fill('2');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await drawer.getByText('The maximum cannot be below the minimum').waitFor();
  await drawer.getByLabel('Maximum replicas').fill('5');
  await drawer.getByLabel('Target CPU use (% of requests)').fill('70');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await noticeShown(page, `Autoscaler of ${NAME} saved.`);
  await page
    .locator('.ant-descriptions-item', { hasText: 'Autoscaler' })
    .filter({ hasText: '3 to 5 replicas' })
    .waitFor();
  const set = await harness.call<{
    autoscaler: { minReplicas: number; maxReplicas: number; cpuUtilization: number };
  }>('GET', `/api/v1/clusters/${CLUSTER}/workloads/deployments/${namespace}/${NAME}/autoscaler`);
  assert.deepEqual(
    [set.body.autoscaler.minReplicas, set.body.autoscaler.maxReplicas, set.body.autoscaler.cpuUtilization],
    [3, 5, 70],
  );
  await page.getByRole('button', { name: 'Autoscaler', exact: true }).click();
  await drawer.getByRole('button', { name: 'Remove autoscaler' }).click();
  const confirm = page.locator('.ant-modal-confirm', { hasText: `Remove the autoscaler of ${NAME}?` });
  await confirm.getByRole('button', { name: 'Remove autoscaler' }).click();
  await noticeShown(page, `Autoscaler of ${NAME} removed`);
  await page
    .locator('.ant-descriptions-item', { hasText: 'Autoscaler' })
    .filter({ hasText: 'None' })
    .waitFor();
});

test('delete asks, naming the Deployment, its namespace and cluster, and then it is gone', async () => {
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm', { hasText: `Delete Deployment ${NAME}?` });
  await confirm.filter({ hasText: `in namespace ${namespace} of cluster ${CLUSTER}` }).waitFor();
  await confirm.getByRole('button', { name: `Delete ${NAME}` }).click();
  await noticeShown(page, `Deployment ${NAME} deleted.`);
  await page.waitForURL(/\/workloads\?q=checkout-web/);
  await page.getByText('No workload matches.').waitFor({ timeout: 30_000 });
  assert.equal((await live(NAME)).status, 404);
});

test('a namespace Viewer reads the workload but is offered no scale, restart, delete or rollback; a forced scale is refused with the server’s reason', async () => {
  const viewerPage = await openPage(browser, { locale: 'en' });
  try {
    await signIn(viewerPage, harness.url, viewer);
    await viewerPage.goto(`${harness.url}/clusters/${CLUSTER}/workloads/deployments/${namespace}/${VIEWED}`);
    await viewerPage.getByTestId('workload-replicas').filter({ hasText: 'of 1 desired' }).waitFor();
    await viewerPage.getByRole('button', { name: 'Autoscaler', exact: true }).waitFor();
    for (const name of ['Scale', 'Restart', 'Pause rollout', 'Delete'])
      assert.equal(await viewerPage.getByRole('button', { name, exact: true }).count(), 0, name);
    await viewerPage.getByRole('tab', { name: 'Revisions' }).click();
    await viewerPage.locator('[data-revision="1"]').waitFor();
    assert.equal(await viewerPage.getByRole('button', { name: 'Roll back' }).count(), 0);
    await viewerPage.getByRole('tab', { name: 'YAML' }).click();
    await viewerPage
      .getByTestId('workload-yaml')
      .filter({ hasText: `name: ${VIEWED}` })
      .waitFor();
    await viewerPage.getByText('Read-only: your role does not let you change this workload.').waitFor();

    // The button is a courtesy; the server decides. The same request the Scale button sends:
    const forced = await viewerPage.evaluate(async (path) => {
      const csrf = document.cookie.match(/portolan_csrf=([^;]+)/)?.[1] ?? '';
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({ replicas: 5 }),
      });
      return { status: response.status, body: await response.json() };
    }, `/api/v1/clusters/${CLUSTER}/workloads/deployments/${namespace}/${VIEWED}/scale`);
    assert.equal(forced.status, 403, JSON.stringify(forced.body));
    assert.match(forced.body.error.message, /resources:write/);
    assert.equal((await live(VIEWED)).body.spec.replicas, 1, 'nothing changed');
  } finally {
    await viewerPage.context().close();
  }
});

test('a CronJob runs now (its Job appears) and is suspended, then says so', async () => {
  await page.goto(`${harness.url}/clusters/${CLUSTER}/workloads/cronjobs/${namespace}/${CRON}`);
  await page.getByRole('button', { name: 'Run now' }).click();
  const started = page.getByText(new RegExp(`Job ${CRON}-[a-z0-9-]+ started\\.`));
  await started.waitFor();
  const job = /Job (\S+) started/.exec((await started.textContent()) ?? '')?.[1];
  assert.ok(job);
  const made = await harness.call(
    'GET',
    `/api/v1/clusters/${CLUSTER}/resources/jobs/${job}?namespace=${namespace}`,
  );
  assert.equal(made.status, 200, 'the Job exists on the cluster');
  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.locator('[data-health=Suspended]').waitFor();
  await page.getByRole('button', { name: 'Resume schedule' }).waitFor();
  const cron = await harness.call<{ spec: { suspend?: boolean } }>(
    'GET',
    `/api/v1/clusters/${CLUSTER}/resources/cronjobs/${CRON}?namespace=${namespace}`,
  );
  assert.equal(cron.body.spec.suspend, true);

  // The health filter is the server's, in the table's words: Suspended lists the CronJob alone.
  await page.goto(`${harness.url}/workloads?ns=${namespace}&health=Suspended`);
  await row(CRON).locator('[data-health=Suspended]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-row').length === 1);
  await page.getByRole('combobox', { name: 'Health' }).waitFor();
  assert.equal(await page.locator('.ant-select', { hasText: 'Suspended' }).count(), 1);
});

test('the list stays current by itself: a Deployment made meanwhile appears without a reload', async () => {
  await page.goto(`${harness.url}/workloads?ns=${namespace}&q=late`);
  await page.getByText('No workload matches.').waitFor();
  const applied = await harness.call('POST', `/api/v1/clusters/${CLUSTER}/apply`, {
    manifests: deployment('late-arrival'),
  });
  assert.equal(applied.status, 200);
  await row('late-arrival').waitFor({ timeout: 20_000 });
});

test('in 简体中文 the list and a workload’s page leave no English but the data and Kubernetes’ own words', async () => {
  await page.getByText('简体中文').click();
  await page.goto(`${harness.url}/workloads?ns=${namespace}`);
  await row(VIEWED).waitFor();
  const listed = await harness.call<{ items: { name: string }[] }>(
    'GET',
    `/api/v1/search?kinds=workloads&namespaces=${namespace}&objects=false`,
  );
  const view = await harness.call<{ pods: { name: string; node?: string }[] }>(
    'GET',
    `/api/v1/clusters/${CLUSTER}/workloads/deployments/${namespace}/${VIEWED}`,
  );
  // What stays as written: names, images, labels, Kubernetes' kinds and strategies, technical names.
  const data = [
    CLUSTER,
    namespace,
    'admin',
    'nginx busybox app',
    'Deployment StatefulSet DaemonSet Job CronJob RollingUpdate YAML IP',
    ...listed.body.items.map((item) => item.name),
    ...view.body.pods.flatMap((pod) => [pod.name, pod.node ?? '']),
  ];
  assert.deepEqual(await englishWords(page, data), [], 'the workloads list');
  await page.goto(`${harness.url}/clusters/${CLUSTER}/workloads/deployments/${namespace}/${VIEWED}`);
  await page.getByTestId('workload-replicas').filter({ hasText: '期望 1 个' }).waitFor();
  await page.locator('[data-kubernetes-text]').first().waitFor();
  // Conditions and events are Kubernetes' words, in its language.
  await page.locator('[data-kubernetes-text]').evaluateAll((elements) => {
    for (const element of elements) element.remove();
  });
  assert.deepEqual(await englishWords(page, data), [], 'a workload’s page');
});
