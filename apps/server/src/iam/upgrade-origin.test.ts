import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originOnly } from '#server/config/origins.ts';
import { upgradeOriginProblem } from './upgrade-origin.ts';

const cookie = 'portolan_session=abc; portolan_csrf=def';
const at = (headers: Record<string, string>) => ({ host: 'portolan.example:8080', ...headers });

test('a session cookie counts on an upgrade only from the server’s own origin or a listed one', () => {
  assert.equal(upgradeOriginProblem(at({ cookie, origin: 'http://portolan.example:8080' }), []), undefined);
  assert.equal(upgradeOriginProblem(at({ cookie, origin: 'https://portolan.example:8080' }), []), undefined);
  const refused = upgradeOriginProblem(at({ cookie, origin: 'http://evil.example' }), []);
  assert.match(refused ?? '', /http:\/\/evil\.example/);
  assert.match(refused ?? '', /--allowed-origins/, 'says how to allow it');
  assert.ok(upgradeOriginProblem(at({ cookie, origin: 'http://portolan.example:9090' }), []), 'another port');
  assert.ok(upgradeOriginProblem(at({ cookie, origin: 'null' }), []), 'a sandboxed page');
  assert.equal(
    upgradeOriginProblem(at({ cookie, origin: 'https://console.example' }), ['https://console.example']),
    undefined,
  );
  assert.equal(
    upgradeOriginProblem({ host: 'portolan.example', cookie, origin: 'https://portolan.example:443' }, []),
    undefined,
    'default ports are the same origin',
  );
});

test('bearer tokens, requests without a cookie and clients that send no Origin are not browsers’ sessions', () => {
  const evil = 'http://evil.example';
  assert.equal(
    upgradeOriginProblem(at({ cookie, origin: evil, authorization: 'Bearer ptl_x' }), []),
    undefined,
  );
  assert.equal(upgradeOriginProblem(at({ origin: evil }), []), undefined);
  assert.equal(upgradeOriginProblem(at({ cookie }), []), undefined);
});

test('an allowed origin is scheme, host and port only', () => {
  assert.equal(originOnly('https://console.example/'), 'https://console.example');
  assert.equal(originOnly('https://console.example:443'), 'https://console.example');
  assert.equal(originOnly('http://10.0.0.1:3000'), 'http://10.0.0.1:3000');
  assert.equal(originOnly('https://console.example/app'), undefined);
  assert.equal(originOnly('console.example'), undefined);
  assert.equal(originOnly('ftp://console.example'), undefined);
});
