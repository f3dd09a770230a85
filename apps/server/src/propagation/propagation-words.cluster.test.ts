/**
 * The last of a propagation's English that came without a code (issue #10), against a real server and
 * a real sandbox cluster: a document's warnings, a member cluster's refusal (in a preview, and in a
 * round), and an override that cannot be applied each come with a code and values whose English is
 * the text the server has always sent, so the console can word them in the reader's language.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  type PropagationDocument,
  type PropagationPreview,
  type PropagationView,
  propagationEnglish,
} from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { memberHeaders } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters: shared } = sharedSandboxes();
const MEMBER = 'words-east';
const namespace = uniqueNamespace('words');
/** A namespace nobody makes: an object placed in it is refused by the member. */
const missing = uniqueNamespace('words-none');
const VIEWER = `words-viewer-${process.pid}`;
const name = `words-${process.pid}`;
let harness: Harness;
let kubeconfig: string;
let viewerHeaders: { authorization: string };

before(async () => {
  const [a] = shared;
  assert.ok(a, 'a shared sandbox');
  kubeconfig = a.kubeconfig;
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  harness = await startHarness();
  await harness.register(MEMBER, kubeconfig);
  viewerHeaders = await memberHeaders(harness, VIEWER, 'Viewer', { level: 'cluster', cluster: MEMBER });
});

after(async () => {
  for (const suffix of ['', '-override', '-missing'])
    await harness?.call('DELETE', `/api/v1/propagations/${name}${suffix}`);
  await harness?.stop({ removeData: true });
  await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

async function send(path: string, method: string, body: unknown, headers = harness.headers) {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on what they read
  return { status: response.status, body: (await response.json()) as any };
}

const documentOf = (
  propagation: string,
  templates: Record<string, unknown>[],
  spec: Partial<PropagationDocument['spec']> = {},
): PropagationDocument => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name: propagation },
  spec: {
    includeDependencies: true,
    suspended: false,
    placement: { clusters: { names: [MEMBER] } },
    templates,
    ...spec,
  },
});

const configMap = (inNamespace: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: inNamespace },
  data: { mode: 'worded' },
});

/** Each code and values says exactly the English sent beside it. */
function assertSaysTheSame(english: string | undefined, code: unknown, params: unknown) {
  assert.equal(typeof code, 'string', `no code beside "${english}"`);
  assert.equal(propagationEnglish({ code, params } as never), english);
}

test('a preview’s and a save’s warnings come with a code and values each, saying the same English', async () => {
  const document = documentOf(name, [configMap(namespace)], {
    placement: { clusters: { names: [MEMBER, 'esat'] } },
  });
  const preview = await send('/api/v1/propagations/preview', 'POST', document);
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  const answer = preview.body as PropagationPreview;
  assert.deepEqual(answer.warnings, [
    'spec.placement.clusters.names[1]: no registered cluster is named "esat"; nothing happens there until one is (check the spelling)',
  ]);
  assert.deepEqual(answer.warningCodes, [
    {
      code: 'warning.unknown-cluster',
      params: { field: 'spec.placement.clusters.names[1]', cluster: 'esat' },
    },
  ]);
  const saved = await send(`/api/v1/propagations/${name}`, 'PUT', document);
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const view = saved.body as PropagationView;
  assert.deepEqual(view.warnings, answer.warnings);
  assert.deepEqual(view.warningCodes, answer.warningCodes);
  // A document without warnings answers neither field.
  const plain = await send('/api/v1/propagations/preview', 'POST', documentOf(name, [configMap(namespace)]));
  assert.equal(plain.body.warnings, undefined);
  assert.equal(plain.body.warningCodes, undefined);
});

test('a member cluster’s refusal in a preview is coded around Kubernetes’ own words', async () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'token', namespace },
    data: { token: Buffer.from('s3cret').toString('base64') },
  };
  const preview = await send(
    '/api/v1/propagations/preview',
    'POST',
    documentOf(name, [secret]),
    viewerHeaders,
  );
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  const object = (preview.body as PropagationPreview).targets[0]?.objects[0];
  // Kubernetes' view role reads no Secrets: the member refuses the Viewer's read.
  assert.equal(object?.action, 'refused');
  assert.match(object?.reason ?? '', /not allowed to get secrets "token" in namespace/);
  assert.equal(object?.reasonCode, 'reason.member-refused');
  assertSaysTheSame(object?.reason, object?.reasonCode, object?.reasonParams);
  const params = object?.reasonParams ?? {};
  assert.match(String(params.detailCode), /^refusal\.forbidden-(user-)?namespace$/);
  assert.equal(params['detail.verb'], 'get');
  assert.equal(params['detail.object'], 'secrets "token"');
  assert.equal(params['detail.namespace'], namespace);
});

test('a member refusing an apply says so with a code, in the object’s reason and in the event', async () => {
  const propagation = `${name}-missing`;
  const saved = await send(
    `/api/v1/propagations/${propagation}`,
    'PUT',
    documentOf(propagation, [configMap(missing)]),
  );
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const object = await eventually('the ConfigMap failed on the member', async () => {
    const view = await harness.portolan.propagations.get(propagation);
    const found = view?.status.targets[0]?.objects.find((o) => o.kind === 'ConfigMap');
    return found?.state === 'failed' ? found : undefined;
  });
  assert.equal(object.reason, `namespace "${missing}" does not exist`);
  assert.equal(object.reasonCode, 'reason.member-refused');
  assert.deepEqual(object.reasonParams, {
    detail: object.reason,
    detailCode: 'refusal.no-namespace',
    'detail.namespace': missing,
  });
  const event = (await harness.portolan.propagations.events(propagation, { limit: 100 })).items.find(
    (e) => e.reason === 'ApplyFailed',
  );
  assert.equal(event?.message, object.reason);
  assert.equal(event?.messageCode, 'event.apply-failed');
  assert.equal(event?.messageParams?.detailCode, 'refusal.no-namespace');
  assertSaysTheSame(event?.message, event?.messageCode, event?.messageParams);
});

test('an override that cannot be applied says why with a code, the JSON patch’s own failure inside', async () => {
  const propagation = `${name}-override`;
  const document = documentOf(propagation, [configMap(namespace)], {
    overrides: [{ clusters: { names: [MEMBER] }, jsonPatch: [{ op: 'remove', path: '/data/nothing' }] }],
  });
  const english =
    'spec.overrides[0]: override 0, JSON patch on ConfigMap ' +
    `${namespace}/settings: path /data/nothing does not exist`;
  const preview = await send('/api/v1/propagations/preview', 'POST', document);
  const previewed = (preview.body as PropagationPreview).targets[0];
  assert.equal(previewed?.error, english);
  assert.equal(previewed?.errorCode, 'reason.override-failed');
  assertSaysTheSame(previewed?.error, previewed?.errorCode, previewed?.errorParams);
  assert.equal(previewed?.errorParams?.detailCode, 'override.json-patch');
  assert.equal(previewed?.errorParams?.['detail.detailCode'], 'patch.no-path');
  assert.equal((await send(`/api/v1/propagations/${propagation}`, 'PUT', document)).status, 201);
  const target = await eventually('the target failed', async () => {
    const view = await harness.portolan.propagations.get(propagation);
    const found = view?.status.targets[0];
    return found?.state === 'failed' ? found : undefined;
  });
  assert.equal(target.reason, english);
  assert.deepEqual(target.reasonParams, previewed?.errorParams);
  assertSaysTheSame(target.reason, target.reasonCode, target.reasonParams);
});
