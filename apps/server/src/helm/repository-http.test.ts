/** Reads from a repository: what a chart's own URLs (icons) may reach, and how failures are worded. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { getFromRepository, isInternalAddress, RepositoryError } from './repository-http.ts';
import { type RepoServer, serveRepository } from './testing/repo-fixtures.ts';

let dir: string;
let server: RepoServer;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-repository-http-'));
  await writeFile(path.join(dir, 'icon.png'), 'x');
  server = await serveRepository(dir);
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

test('internal addresses are told apart from public ones', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '0.0.0.0',
  ])
    assert.equal(isInternalAddress(address), true, address);
  for (const address of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:1.1.1.1'])
    assert.equal(isInternalAddress(address), false, address);
});

test('a URL a chart names reaches only public addresses; the repository itself may be anywhere', async () => {
  const url = `${server.url}/icon.png`;
  assert.equal((await getFromRepository({ url, access: {}, maxBytes: 1024 })).status, 200);
  for (const target of [url, url.replace('127.0.0.1', '[::1]')])
    await assert.rejects(
      getFromRepository({ url: target, access: {}, maxBytes: 1024, publicOnly: true }),
      (error) => {
        assert.ok(error instanceof RepositoryError);
        assert.match(error.message, /is an internal address/);
        return true;
      },
    );
  // A name that resolves to an internal address is refused on the address looked up, not its name.
  await assert.rejects(
    getFromRepository({
      url: url.replace('127.0.0.1', 'localhost'),
      access: {},
      maxBytes: 1024,
      publicOnly: true,
    }),
    /internal address/,
  );
});

test('a body over the limit is refused, naming the host', async () => {
  await writeFile(path.join(dir, 'big.png'), Buffer.alloc(4096));
  await assert.rejects(
    getFromRepository({ url: `${server.url}/big.png`, access: {}, maxBytes: 1024 }),
    (error) => {
      assert.ok(error instanceof RepositoryError);
      assert.match(error.message, /sent more than 1 KiB/);
      return true;
    },
  );
});

test('HTTPS to a server that speaks plain HTTP says so', async () => {
  await assert.rejects(
    getFromRepository({
      url: `${server.url.replace('http:', 'https:')}/icon.png`,
      access: {},
      maxBytes: 1024,
    }),
    (error) => {
      assert.ok(error instanceof RepositoryError);
      assert.equal(error.problem, 'tls');
      assert.match(error.message, /does not answer TLS: it may serve plain HTTP/);
      return true;
    },
  );
});
