/**
 * Each reason the prober and the registry write comes with its code and the values the console words
 * it with: a connection failure its address and system code (or step, or the system's own words), an
 * answer of /readyz its status, credentials that could not be had or opened their problem.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLUSTER_REASON_CODES } from '@portolan/api';
import { classifyConnectionError, KubeConnectionError } from '#server/kube/kube-connection-errors.ts';
import { reasonOfError, reasonOfReadyz, reasonOfUnopenable } from './cluster-reasons.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';

const server = 'https://127.0.0.1:41173';
const systemError = (code: string, message = `boom ${code}`) => Object.assign(new Error(message), { code });

test('a refused connection: unreachable, its address and system code, and the English as it was', () => {
  const error = classifyConnectionError(systemError('ECONNREFUSED'), server);
  assert.deepEqual(reasonOfError(error), {
    reason: error.message,
    reasonCode: 'unreachable',
    reasonParams: { address: '127.0.0.1:41173', systemCode: 'ECONNREFUSED' },
  });
});

test('failures whose code does not say it all keep the system words; a timeout keeps its step', () => {
  assert.deepEqual(
    reasonOfError(classifyConnectionError(systemError('EWEIRD', 'socket hang up'), server)).reasonParams,
    {
      address: '127.0.0.1:41173',
      systemCode: 'EWEIRD',
      detail: 'socket hang up',
    },
  );
  const tls = reasonOfError(
    classifyConnectionError(systemError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version'), server),
  );
  assert.equal(tls.reasonCode, 'tls-handshake');
  assert.equal(tls.reasonParams.detail, 'wrong version');
  const late = new KubeConnectionError('timeout', 'h:6443', 'took longer', 'ETIMEDOUT', 'first-byte');
  assert.deepEqual(reasonOfError(late).reasonParams, {
    address: 'h:6443',
    systemCode: 'ETIMEDOUT',
    step: 'first-byte',
  });
});

test('credentials that could not be had, answers of /readyz, unopenable credentials and the rest', () => {
  const plugin = reasonOfError(
    new KubeconfigError('exec-plugin-failed', 'the credential plugin "x" failed: exit 1'),
  );
  assert.equal(plugin.reasonCode, 'credentials-failed');
  assert.equal(plugin.reasonParams.problem, 'exec-plugin-failed');
  assert.deepEqual(reasonOfReadyz(401, 'Unauthorized').reasonCode, 'unauthorized');
  assert.deepEqual(reasonOfReadyz(403, '{}').reasonParams, { status: 403 });
  assert.deepEqual(reasonOfReadyz(500, '[-]etcd failed\n').reasonParams, {
    status: 500,
    detail: '[-]etcd failed',
  });
  assert.match(reasonOfReadyz(500, '').reason, /not ready \(\/readyz answered 500/);
  assert.equal(reasonOfReadyz(500, '').reasonParams.detail, '', 'the words always have their detail');
  assert.equal(reasonOfUnopenable(new Error('no key k2')).reasonCode, 'credentials-unopenable');
  assert.deepEqual(reasonOfError('odd'), {
    reason: 'odd',
    reasonCode: 'error',
    reasonParams: { detail: 'odd' },
  });
  for (const made of [plugin, reasonOfReadyz(401, ''), reasonOfUnopenable('x'), reasonOfError(null)])
    assert.ok(CLUSTER_REASON_CODES.includes(made.reasonCode), `${made.reasonCode} is in the API's list`);
});
