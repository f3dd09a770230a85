/**
 * The alert pages' last English, in 简体中文 in a browser against a real server and a shared sandbox
 * (issue #10): a template alert's summary and description (the certificate-expiring template on the
 * sandbox's client certificate), the timeline's events ("raised by Portolan", a failed notification
 * with its error, a rule alert's value) and the missing-receiver error in the delivery log.
 *
 * PORTOLAN_ALERTING_SHOTS=DIR also saves the template alert, the raised alert's timeline and the
 * delivery log in English and 简体中文.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { closedPort } from '../../../../server/src/testing/sandbox-clients.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'coded-alerts';
const CERT_RULE = `cert-${process.pid}`;
const RAISED_RULE = 'CodedTimelineTest';
const TEAM = `coded-${process.pid}`;
const MISSING = `nobody-${process.pid}`;
const DOWN = `down-${process.pid}`;
const shots = process.env.PORTOLAN_ALERTING_SHOTS;
let harness: Harness;
let browser: Browser;
let downPort: number;

before(async () => {
  requireBuiltConsole();
  // Rules are evaluated every 2 s, so the template alert fires within the test.
  harness = await startHarness({ args: ['--alert-evaluation-interval', '2'] });
  await harness.register(CLUSTER, kubeconfig, { env: 'test' });
  // Any certificate expires within 100,000 days: the template fires on the sandbox's client certificate.
  const rule = await harness.call('PUT', `/api/v1/alerting/rules/${CERT_RULE}`, {
    template: 'certificate-expiring',
    level: 'warning',
    params: { days: 100_000 },
    for: '0s',
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  downPort = await closedPort();
  await harness.call('PUT', `/api/v1/notifications/receivers/${DOWN}`, {
    type: 'webhook',
    url: `http://127.0.0.1:${downPort}/hook`,
    retries: 0,
  });
  // A policy naming a receiver that does not exist, beside one that is down.
  await harness.call('PUT', `/api/v1/notifications/policies/${TEAM}`, {
    receivers: [MISSING, DOWN],
    match: { labels: { team: TEAM } },
    groupWait: '0s',
  });
  await harness.portolan.alerting.feed.raise({
    rule: RAISED_RULE,
    level: 'info',
    labels: { cluster: CLUSTER, team: TEAM },
    summary: 'An alert whose notifications fail',
    description: 'raised by coded-alert-text.browser.test.ts',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

async function signedIn(locale: 'en' | 'zh-CN'): Promise<Page> {
  const page = await openPage(browser, { locale });
  page.setDefaultTimeout(60_000);
  await signIn(page, harness.url);
  return page;
}

/** Opens an alert's drawer from the alerts list by its rule, once its summary reads `summary`. */
async function openAlert(page: Page, rule: string, summary: RegExp) {
  await page.goto(`${harness.url}/alerts`);
  const link = page.locator(`[data-alert="${rule}"]`).filter({ hasText: summary });
  await link.waitFor();
  await link.click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.waitFor();
  return drawer;
}

async function shoot(page: Page, name: string) {
  if (!shots) return;
  await page.waitForTimeout(600); // the drawer's slide
  await page.screenshot({ path: path.join(shots, name) });
}

test("a template alert's summary, description and timeline read in 简体中文", async () => {
  const page = await signedIn('zh-CN');
  try {
    const drawer = await openAlert(
      page,
      CERT_RULE,
      new RegExp(`Portolan 访问 ${CLUSTER} 所用的客户端证书将在 [\\d.]+ 天后过期`),
    );
    await drawer.getByText(/否则 Portolan 将失去这个集群。将于 .+ 过期/).waitFor();
    await drawer
      .locator('[data-event=firing]')
      .getByText(/^值 [\d.]+$/)
      .waitFor();
    assert.doesNotMatch(
      (await drawer.textContent()) ?? '',
      /client certificate|Replace the cluster|expires|value \d/,
    );
    await shoot(page, 'alerting-template-alert-zh-CN.png');
  } finally {
    await page.context().close();
  }
});

test("Portolan's own alert's timeline reads in 简体中文: raised by Portolan, a failed notification", async () => {
  const page = await signedIn('zh-CN');
  try {
    const drawer = await openAlert(page, RAISED_RULE, /An alert whose notifications fail/);
    await drawer.locator('[data-event=firing]').getByText('由 Portolan 发出').waitFor();
    // The failed delivery to the receiver that is down, its error worded too; the address kept.
    await drawer
      .locator('[data-event=notify-failed]')
      .getByText(`${DOWN}：127.0.0.1:${downPort} 拒绝了连接：那里没有服务在监听`)
      .waitFor();
    assert.doesNotMatch((await drawer.textContent()) ?? '', /raised by Portolan|connection refused/);
    await shoot(page, 'alerting-timeline-zh-CN.png');
  } finally {
    await page.context().close();
  }
});

test('the delivery log says in 简体中文 that a policy names a receiver that does not exist', async () => {
  const page = await signedIn('zh-CN');
  try {
    await page.goto(`${harness.url}/alerts/deliveries`);
    await page
      .getByText(`没有名为 ${MISSING} 的通知接收者：请创建它，或把它从通知策略 ${TEAM} 中去掉`)
      .first()
      .waitFor();
    assert.doesNotMatch((await page.locator('body').textContent()) ?? '', /there is no receiver named/);
    await shoot(page, 'alerting-deliveries-zh-CN.png');
  } finally {
    await page.context().close();
  }
});

test('the same views in English, for the screenshots (run only when PORTOLAN_ALERTING_SHOTS names a folder)', {
  skip: !shots,
}, async () => {
  const page = await signedIn('en');
  try {
    await openAlert(page, CERT_RULE, /client certificate Portolan uses/);
    await shoot(page, 'alerting-template-alert-en.png');
    const drawer = await openAlert(page, RAISED_RULE, /An alert whose notifications fail/);
    await drawer.getByText('raised by Portolan').waitFor();
    await shoot(page, 'alerting-timeline-en.png');
    await page.goto(`${harness.url}/alerts/deliveries`);
    await page.getByText(`there is no receiver named ${MISSING}`).first().waitFor();
    await shoot(page, 'alerting-deliveries-en.png');
  } finally {
    await page.context().close();
  }
});
