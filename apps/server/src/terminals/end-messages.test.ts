/**
 * Why a session ended comes with a code and values the console words (issue #10): an idle or detach
 * limit in whole minutes or in seconds, with its flag; the English is made from the same words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endMessage, endSaid } from './end-messages.ts';
import { noSuchTerminal, TerminalError } from './terminal-errors.ts';

const settings = { idleTimeoutMs: 15 * 60_000, detachGraceMs: 90_000 };

test('idle and detached ends carry their limit and flag; the others their reason as the code', () => {
  assert.deepEqual(endSaid('idle', settings), {
    message: 'no input for 15 min (the idle timeout, --terminal-idle-timeout); open a new terminal to go on',
    code: 'idle',
    params: { minutes: 15, flag: '--terminal-idle-timeout' },
  });
  assert.deepEqual(endSaid('detached', settings), {
    message: 'no browser attached for 90 s (--terminal-detach-grace)',
    code: 'detached-seconds',
    params: { seconds: 90, flag: '--terminal-detach-grace' },
  });
  assert.equal(endSaid('idle', { ...settings, idleTimeoutMs: 4000 }).code, 'idle-seconds');
  for (const reason of ['exit', 'closed', 'revoked', 'server-stopping', 'replica-lost', 'failed'] as const) {
    const said = endSaid(reason, settings);
    assert.equal(said.code, reason);
    assert.deepEqual(said.params, {});
    assert.equal(endMessage(reason, settings), said.message);
  }
});

test('a refusal keeps its HTTP code and adds the message code with its values as text', () => {
  const missing = noSuchTerminal('t-1');
  assert.equal(missing.status, 404);
  assert.equal(missing.code, 'not-found');
  assert.equal(missing.messageCode, 'not-found');
  assert.deepEqual(missing.params, { id: 't-1' });
  assert.match(missing.message, /^you have no open terminal t-1;/);
  const full = TerminalError.coded(429, 'too-many-terminals', 'too-many-per-replica', {
    limit: 20,
    flag: '--terminal-max-per-replica',
  });
  assert.deepEqual(full.params, { limit: '20', flag: '--terminal-max-per-replica' });
  assert.match(full.message, /runs 20 terminals, the most it may \(--terminal-max-per-replica\)/);
});
