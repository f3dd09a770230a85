/**
 * NotificationDeliveryFailing's summary and description come as a code and values (issue #10): the
 * receiver, the count, since when, and the last error with its own delivery code carried inside; the
 * English is made from the same words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliveryError } from '@portolan/api';
import { failingText } from './deliverer.ts';

test('the last error rides inside with its code and values; since is there only when known', () => {
  const last = { ...deliveryError('refused', { where: '127.0.0.1:9' }) };
  const since = new Date('2026-12-05T10:00:00Z');
  const text = failingText('ops-hook', 4, since, last);
  assert.equal(text.textCode, 'delivery-failing-since');
  assert.deepEqual(text.textParams, {
    receiver: 'ops-hook',
    failures: 4,
    since: '2026-12-05T10:00:00.000Z',
    error: 'connection refused by 127.0.0.1:9: nothing listens there',
    errorCode: 'refused',
    'error.where': '127.0.0.1:9',
  });
  assert.equal(text.summary, 'Notifications to receiver ops-hook keep failing');
  assert.equal(
    text.description,
    '4 deliveries in a row failed since 2026-12-05T10:00:00.000Z; the last said: connection refused by 127.0.0.1:9: nothing listens there. Check the receiver in Notifications (send test shows the error) and its delivery log.',
  );
  const bare = failingText('ops-hook', 3, undefined, { error: 'there is no receiver named x' });
  assert.equal(bare.textCode, 'delivery-failing');
  assert.deepEqual(bare.textParams, {
    receiver: 'ops-hook',
    failures: 3,
    error: 'there is no receiver named x',
  });
  assert.equal(failingText('r', 3, undefined, undefined).textParams.error, 'unknown');
});
