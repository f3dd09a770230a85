/**
 * The notifier against real local receivers: an HTTP sink (node:http) in place of webhooks and chat
 * robots, and a real SMTP server (smtp-server), on 127.0.0.1 free ports. Alerts come from a test feed
 * (a real AlertFeed kept in memory); time is a clock the test moves, and rounds run when the test asks.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { createCredentialCipher, toEncryptionKey } from '#server/clusters/credential-cipher.ts';
import {
  createSqlNotificationStore,
  type NotificationDatabase,
} from '#server/store/notifications/notification-sql-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '#server/store/testing/database-fixtures.ts';
import { selfSignedCertificate } from '#server/testing/self-signed.ts';
import { DELIVERY_FAILING_RULE } from './deliverer.ts';
import { createNotifications, type Notifications } from './index.ts';
import { startSmtpSink, startWebhookSink, subjectOf, verifyDingTalk, verifyFeishu } from './testing/sinks.ts';
import { createTestFeed } from './testing/test-feed.ts';

let now = Date.parse('2026-12-05T10:00:00Z');
const clock = () => new Date(now);
const advance = (ms: number) => {
  now += ms;
};
const cipher = createCredentialCipher([toEncryptionKey(randomBytes(32))]);
const log = { warn: () => undefined };

let database: TestDatabase;
let feed: ReturnType<typeof createTestFeed>;
let notifications: Notifications;
let hook: Awaited<ReturnType<typeof startWebhookSink>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

before(async () => {
  hook = await startWebhookSink();
  smtp = await startSmtpSink();
});
after(async () => {
  await hook.close();
  await smtp.close();
});
/** A notifier as one replica runs it, over the test's database and feed. */
const replica = () =>
  createNotifications({
    store: createSqlNotificationStore(database.db.withTables<NotificationDatabase>()),
    cipher,
    feed,
    clock,
    consoleUrl: () => 'https://portolan.example',
    backoffMs: () => 5,
    log,
  });

beforeEach(async () => {
  await database?.destroy();
  database = await sqliteTestDatabase();
  feed = createTestFeed(clock);
  notifications = replica();
  hook.received.length = 0;
  hook.setStatus(200);
  smtp.received.length = 0;
});
after(() => database?.destroy());

async function hookAndMail(policy: Record<string, unknown> = {}) {
  await notifications.receivers.put(
    'ops-hook',
    { type: 'webhook', url: `${hook.url}/alerts?token=t0ken` },
    'alice',
  );
  await notifications.receivers.put(
    'ops-mail',
    {
      type: 'email',
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        username: 'alerts',
        password: 'mail-secret',
        from: 'Portolan <portolan@example.com>',
        to: ['oncall@example.com'],
      },
    },
    'alice',
  );
  await notifications.policies.put(
    'critical',
    { receivers: ['ops-hook', 'ops-mail'], match: { levels: ['critical'] }, ...policy },
    'alice',
  );
}

const crashLoop = (id: string, pod: string) => ({
  id,
  rule: 'PodCrashLooping',
  labels: { cluster: 'c1', namespace: 'shop', pod },
  summary: `Pod shop/${pod} is crash-looping`,
});

test('firing alerts reach the webhook and the mailbox once, grouped, after groupWait, in the template’s words', async () => {
  await hookAndMail({ groupWait: '30s' });
  feed.fire(crashLoop('a1', 'web-1'));
  feed.fire(crashLoop('a2', 'web-2'));
  await notifications.round();
  assert.equal(hook.received.length, 0, 'nothing before groupWait');
  advance(30_000);
  await notifications.round();
  await notifications.round();
  assert.equal(hook.received.length, 1, 'one message for the group');
  const body = hook.received[0]?.body;
  assert.equal(body.status, 'firing');
  assert.deepEqual(body.groupLabels, { alertname: 'PodCrashLooping', cluster: 'c1' });
  assert.deepEqual(body.alerts.map((a: { labels: { pod: string } }) => a.labels.pod).sort(), [
    'web-1',
    'web-2',
  ]);
  assert.equal(body.alerts[0].annotations.summary.startsWith('Pod shop/web-'), true);
  assert.match(body.title, /^\[FIRING\] PodCrashLooping · c1$/);
  assert.equal(smtp.received.length, 1, 'one mail');
  const mail = smtp.received[0];
  assert.deepEqual(mail?.to, ['oncall@example.com']);
  assert.equal(mail?.user, 'alerts', 'the mail was sent after signing in');
  assert.equal(subjectOf(mail?.raw ?? ''), '[FIRING] PodCrashLooping · c1 (2)');
  assert.match(mail?.raw ?? '', /Pod shop\/web-1 is crash-looping/);
  assert.match(mail?.raw ?? '', /https:\/\/portolan\.example\/alerts/);
  const log = await notifications.deliveries({});
  assert.equal(log.items.length, 2);
  assert.ok(log.items.every((d) => d.ok && d.attempts.length === 1 && d.kind === 'firing'));
  assert.equal(
    log.items.find((d) => d.receiver === 'ops-mail')?.attempts[0]?.status,
    250,
    'the SMTP reply code',
  );
  assert.equal(log.items.find((d) => d.receiver === 'ops-hook')?.attempts[0]?.status, 200);
});

test('a firing group repeats after repeatInterval, and its resolution is sent once', async () => {
  await hookAndMail({ groupWait: '0s', groupInterval: '1m', repeatInterval: '10m' });
  feed.fire(crashLoop('a1', 'web-1'));
  await notifications.round();
  assert.equal(hook.received.length, 1);
  advance(9 * 60_000);
  await notifications.round();
  assert.equal(hook.received.length, 1, 'no repeat before repeatInterval');
  advance(60_000);
  await notifications.round();
  assert.equal(hook.received.length, 2, 'repeated after repeatInterval');
  feed.resolveAlert('a1');
  advance(60_000);
  await notifications.round();
  assert.equal(hook.received.length, 3);
  assert.equal(hook.received[2]?.body.status, 'resolved');
  assert.equal(hook.received[2]?.body.alerts[0].status, 'resolved');
  assert.equal(subjectOf(smtp.received.at(-1)?.raw ?? ''), '[RESOLVED] PodCrashLooping · c1 (1)');
  advance(60 * 60_000);
  await notifications.round();
  assert.equal(hook.received.length, 3, 'a resolved group is not sent again');
});

test('a silenced alert is not sent; one that matches no policy is not sent either', async () => {
  await hookAndMail({ groupWait: '0s' });
  feed.fire({ ...crashLoop('a1', 'web-1'), silencedBy: 'silence-1' });
  feed.fire({ ...crashLoop('a2', 'web-2'), level: 'warning' });
  await notifications.round();
  advance(60_000);
  await notifications.round();
  assert.equal(hook.received.length, 0);
  assert.equal(smtp.received.length, 0);
  // Unsilenced: it is sent.
  feed.silence('a1', undefined);
  await notifications.round();
  assert.equal(hook.received.length, 1);
  // Silenced again while firing: no resolution is told, and no repeat comes.
  feed.silence('a1', 'silence-2');
  advance(5 * 3_600_000);
  await notifications.round();
  assert.equal(hook.received.length, 1);
});

test('a failing webhook is retried and logged per attempt, raises NotificationDeliveryFailing, and resolves it when it recovers', async () => {
  await notifications.receivers.put('ops-hook', { type: 'webhook', url: hook.url, retries: 2 }, 'alice');
  await notifications.policies.put(
    'all',
    { receivers: ['ops-hook'], groupWait: '0s', groupInterval: '1m', repeatInterval: '1m' },
    'alice',
  );
  hook.setStatus(500);
  feed.fire(crashLoop('a1', 'web-1'));
  const key = `${DELIVERY_FAILING_RULE}${JSON.stringify({ receiver: 'ops-hook' })}`;
  for (let round = 0; round < 3; round++) {
    await notifications.round();
    advance(60_000);
    if (round < 2) assert.equal(feed.raised.get(key), undefined, `not raised after ${round + 1} failures`);
  }
  const log = await notifications.deliveries({ receiver: 'ops-hook' });
  assert.equal(log.items.length, 3);
  for (const delivery of log.items) {
    assert.equal(delivery.ok, false);
    assert.equal(delivery.attempts.length, 3, 'the first try and 2 retries');
    assert.equal(delivery.attempts[0]?.status, 500);
    assert.match(delivery.attempts[0]?.error ?? '', /answered 500: "sink is failing on purpose"/);
    assert.equal(delivery.attempts[0]?.errorCode, 'answered-body');
    assert.equal(delivery.attempts[0]?.errorParams?.status, 500);
    assert.equal(typeof delivery.attempts[0]?.durationMs, 'number');
  }
  assert.equal(feed.raised.get(key)?.state, 'firing', 'raised after 3 failed deliveries');
  assert.match(feed.raised.get(key)?.description ?? '', /answered 500/);
  // The console words it from the code: the receiver, the count, and the last error's own code inside.
  const raised = feed.raised.get(key);
  assert.equal(raised?.textCode, 'delivery-failing-since');
  assert.equal(raised?.textParams?.receiver, 'ops-hook');
  assert.equal(raised?.textParams?.failures, 3);
  assert.equal(raised?.textParams?.errorCode, 'answered-body');
  assert.equal(raised?.textParams?.['error.status'], 500);
  assert.equal(raised?.summary, 'Notifications to receiver ops-hook keep failing');
  const [view] = await notifications.receivers.list();
  assert.equal(view?.lastDelivery?.ok, false);
  assert.ok(view?.failingSince);
  hook.setStatus(200);
  await notifications.round();
  assert.equal(feed.raised.get(key)?.state, 'resolved', 'resolved once a delivery succeeds');
  assert.equal((await notifications.receivers.get('ops-hook')).failingSince, undefined);
});

test('DingTalk and Feishu robots receive signed messages their services accept', async () => {
  const ding = await startWebhookSink(verifyDingTalk('SECding', () => now));
  const feishu = await startWebhookSink(verifyFeishu('feishu-secret', () => now));
  try {
    await notifications.receivers.put(
      'ding',
      { type: 'dingtalk', url: `${ding.url}/robot/send?access_token=abc`, secret: 'SECding' },
      'a',
    );
    await notifications.receivers.put(
      'fs',
      { type: 'feishu', url: `${feishu.url}/open-apis/bot/v2/hook/xyz`, secret: 'feishu-secret' },
      'a',
    );
    await notifications.receivers.put(
      'fs-wrong',
      { type: 'feishu', url: `${feishu.url}/open-apis/bot/v2/hook/xyz`, secret: 'wrong', retries: 0 },
      'a',
    );
    await notifications.policies.put(
      'robots',
      { receivers: ['ding', 'fs', 'fs-wrong'], groupWait: '0s' },
      'a',
    );
    feed.fire(crashLoop('a1', 'web-1'));
    await notifications.round();
    assert.equal(ding.received.length, 1);
    assert.equal(ding.received[0]?.body.msgtype, 'markdown');
    assert.match(ding.received[0]?.body.markdown.text, /Pod shop\/web-1 is crash-looping/);
    assert.equal(feishu.received.length, 1, 'only the message signed with the right secret is taken');
    assert.equal(feishu.received[0]?.body.msg_type, 'interactive');
    assert.match(
      feishu.received[0]?.body.card.elements[0].content,
      /Level: critical · Cluster: c1 · Namespace: shop/,
    );
    const wrong = await notifications.deliveries({ receiver: 'fs-wrong' });
    assert.match(wrong.items[0]?.attempts[0]?.error ?? '', /refused: 19021 sign match fail/);
    assert.equal(wrong.items[0]?.attempts[0]?.errorCode, 'robot-refused-message');
    assert.equal(wrong.items[0]?.attempts[0]?.errorParams?.code, 19021);
  } finally {
    await ding.close();
    await feishu.close();
  }
});

test('send test answers the delivery with the error a user needs', async () => {
  const closed = await startWebhookSink();
  const url = closed.url;
  await closed.close();
  await notifications.receivers.put('gone', { type: 'webhook', url, retries: 1 }, 'a');
  const refused = await notifications.receivers.test('gone');
  assert.equal(refused.ok, false);
  assert.equal(refused.kind, 'test');
  assert.equal(refused.attempts.length, 2);
  assert.match(
    refused.attempts[0]?.error ?? '',
    /connection refused by 127\.0\.0\.1:\d+: nothing listens there/,
  );
  // As a code and values too, for the console to word (issue #10).
  assert.equal(refused.attempts[0]?.errorCode, 'refused');
  assert.deepEqual(refused.attempts[0]?.errorParams, { where: new URL(url).host });
  await notifications.receivers.put(
    'bad-mail',
    {
      type: 'email',
      retries: 0,
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        username: 'alerts',
        password: 'nope',
        from: 'p@example.com',
        to: ['o@example.com'],
      },
    },
    'a',
  );
  const auth = await notifications.receivers.test('bad-mail');
  assert.equal(auth.ok, false);
  assert.match(auth.attempts[0]?.error ?? '', /SMTP authentication failed at 127\.0\.0\.1:\d+: 535/);
  assert.equal(auth.attempts[0]?.errorCode, 'smtp-auth-failed-reply');
  assert.match(String(auth.attempts[0]?.errorParams?.detail), /^535/);
  assert.equal(auth.attempts[0]?.status, 535);
  await notifications.receivers.put('ok', { type: 'webhook', url: hook.url }, 'a');
  const sent = await notifications.receivers.test('ok');
  assert.equal(sent.ok, true);
  assert.equal(hook.received[0]?.body.test, true);
  assert.match(hook.received[0]?.body.title, /^\[TEST\]/);
  // Tests do not count towards a receiver failing.
  assert.equal(feed.raised.size, 0);
});

test('a receiver that does not answer holds back no other group’s message, and its delivery says it timed out', async () => {
  const hang = http.createServer(() => undefined);
  await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
  try {
    const port = (hang.address() as AddressInfo).port;
    await notifications.receivers.put(
      'slow',
      { type: 'webhook', url: `http://127.0.0.1:${port}`, timeoutSeconds: 2, retries: 0 },
      'a',
    );
    await notifications.receivers.put('fast', { type: 'webhook', url: hook.url }, 'a');
    await notifications.policies.put(
      'to-slow',
      { receivers: ['slow'], match: { labels: { team: 'a' } }, groupWait: '0s' },
      'a',
    );
    await notifications.policies.put(
      'to-fast',
      { receivers: ['fast'], match: { labels: { team: 'b' } }, groupWait: '0s' },
      'a',
    );
    feed.fire({ id: 'a1', rule: 'SlowOne', labels: { cluster: 'c1', team: 'a' } });
    feed.fire({ id: 'b1', rule: 'FastOne', labels: { cluster: 'c1', team: 'b' } });
    const started = performance.now();
    const round = notifications.round();
    while (hook.received.length === 0 && performance.now() - started < 5000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(hook.received.length, 1);
    assert.ok(
      performance.now() - started < 1500,
      'the fast receiver’s message did not wait for the slow one',
    );
    await round;
    const [slow] = (await notifications.deliveries({ receiver: 'slow' })).items;
    assert.equal(slow?.ok, false);
    assert.match(slow?.attempts[0]?.error ?? '', /no answer from 127\.0\.0\.1:\d+ within 2 s/);
  } finally {
    hang.closeAllConnections();
    await new Promise((resolve) => hang.close(resolve));
  }
});

test('WeCom gets markdown and Slack gets blocks, in each one’s words; a robot’s error code is a failed delivery', async () => {
  const robots = await startWebhookSink((request) =>
    request.url.includes('refuse')
      ? { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }
      : undefined,
  );
  try {
    await notifications.receivers.put(
      'wecom',
      { type: 'wecom', url: `${robots.url}/cgi-bin/webhook/send?key=k1` },
      'a',
    );
    await notifications.receivers.put('slack', { type: 'slack', url: `${robots.url}/services/T0/B0/x` }, 'a');
    await notifications.receivers.put(
      'wecom-bad',
      { type: 'wecom', url: `${robots.url}/cgi-bin/webhook/send?key=refuse`, retries: 0 },
      'a',
    );
    await notifications.policies.put(
      'robots',
      { receivers: ['wecom', 'slack', 'wecom-bad'], groupWait: '0s' },
      'a',
    );
    feed.fire(crashLoop('a1', 'web-1'));
    await notifications.round();
    const wecom = robots.received.find((r) => r.url.includes('key=k1'))?.body;
    assert.equal(wecom.msgtype, 'markdown');
    assert.match(
      wecom.markdown.content,
      /^### \[FIRING\] PodCrashLooping · c1\n\*\*Pod shop\/web-1 is crash-looping\*\*/,
    );
    const slack = robots.received.find((r) => r.url.includes('/services/'))?.body;
    assert.equal(slack.text, '[FIRING] PodCrashLooping · c1');
    assert.equal(slack.blocks[0].type, 'header');
    assert.match(slack.blocks[1].text.text, /<https:\/\/portolan\.example\/alerts\/a1\|Open in Portolan>/);
    const [bad] = (await notifications.deliveries({ receiver: 'wecom-bad' })).items;
    assert.equal(bad?.ok, false);
    assert.match(bad?.attempts[0]?.error ?? '', /refused: 93000 invalid webhook url/);
  } finally {
    await robots.close();
  }
});

test('a replica taking over sends the message still waiting once, and does not send again what was sent', async () => {
  await hookAndMail({ groupWait: '30s', groupInterval: '1m', repeatInterval: '1h' });
  feed.fire(crashLoop('a1', 'web-1'));
  await notifications.round();
  assert.equal(hook.received.length, 0, 'the first replica waits groupWait');
  // The first replica stops; another with the same database takes the job over.
  const second = replica();
  advance(30_000);
  await second.round();
  assert.equal(hook.received.length, 1, 'the waiting message is not lost');
  const third = replica();
  advance(10 * 60_000);
  await third.round();
  await third.round();
  assert.equal(hook.received.length, 1, 'nor sent again before repeatInterval');
  advance(50 * 60_000);
  await third.round();
  assert.equal(hook.received.length, 2, 'the repeat comes at its time');
});

test('send test over implicit TLS to a server whose certificate is not trusted says TLS failed', async () => {
  const tls = await selfSignedCertificate('notify-tls-');
  const secure = await startSmtpSink(undefined, tls);
  try {
    await notifications.receivers.put(
      'tls-mail',
      {
        type: 'email',
        retries: 0,
        smtp: {
          host: '127.0.0.1',
          port: secure.port,
          security: 'tls',
          from: 'p@example.com',
          to: ['o@example.com'],
        },
      },
      'a',
    );
    const answer = await notifications.receivers.test('tls-mail');
    assert.equal(answer.ok, false);
    assert.match(answer.attempts[0]?.error ?? '', /^TLS with 127\.0\.0\.1:\d+ failed: .*certificate/i);
    assert.equal(secure.received.length, 0);
  } finally {
    await secure.close();
  }
});
