import assert from 'node:assert/strict';
import { test } from 'node:test';
import { receiverFormOf, receiverSpecOf } from './receiver-form.ts';

test('a webhook keeps its URL and headers; empty sealed fields are left out so the server keeps its own', () => {
  assert.deepEqual(
    receiverSpecOf({
      name: 'hook',
      type: 'webhook',
      url: ' http://127.0.0.1:9/hook ',
      secret: 'not for webhooks',
      headers: [
        { name: 'Authorization', value: 'Bearer x' },
        { name: ' ', value: 'dropped' },
      ],
      smtp: { host: 'ignored' },
      retries: 0,
    }),
    { type: 'webhook', url: 'http://127.0.0.1:9/hook', headers: { Authorization: 'Bearer x' }, retries: 0 },
  );
  assert.deepEqual(receiverSpecOf({ name: 'hook', type: 'dingtalk', url: '', secret: '' }), {
    type: 'dingtalk',
  });
});

test('an email receiver sends its SMTP settings, its password only when typed', () => {
  const spec = receiverSpecOf({
    name: 'mail',
    type: 'email',
    smtp: {
      host: 'smtp.example.com',
      port: 465,
      security: 'tls',
      from: 'a@example.com',
      to: ['b@example.com', ' '],
    },
  });
  assert.deepEqual(spec.smtp, {
    host: 'smtp.example.com',
    port: 465,
    security: 'tls',
    from: 'a@example.com',
    to: ['b@example.com'],
  });
  const form = receiverFormOf({
    name: 'mail',
    type: 'email',
    set: ['password'],
    smtp: { host: 'h', port: 25, security: 'none', from: 'a@b.c', to: ['d@e.f'] },
    updatedAt: '',
  });
  assert.equal(form.smtp?.password, undefined);
  assert.equal(receiverSpecOf(form).smtp?.password, undefined);
});
