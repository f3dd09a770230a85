/**
 * scripts/image.sh (issue 17, deployment): the OCI image runs `node apps/server/src/main.ts` as
 * uid 10001 with its data in /data, and holds the Node runtime and the server but no dev
 * dependencies or tests. The build takes seconds, so the test builds the real image; without
 * buildah it checks the staged file tree only. As root, it also runs the server from that tree
 * (chroot, as uid 10001) and asks /healthz, as podman cannot run containers on every machine.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
// As root, scripts/image.sh installs Debian's buildah when it is missing; others need it installed.
const canPack =
  process.getuid?.() === 0 ||
  (await run('buildah', ['--version']).then(
    () => true,
    () => false,
  ));
let dir = '';

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-image-test-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface ImageConfig {
  config: {
    User: string;
    Entrypoint: string[];
    WorkingDir: string;
    Env: string[];
    ExposedPorts: Record<string, unknown>;
  };
}

test('the image: entrypoint, non-root user, data dir, ports, and a layer with node and the server only', {
  skip: canPack ? false : 'not root and buildah is not installed (apt-get install -y buildah)',
}, async () => {
  const archive = path.join(dir, 'portolan.tar');
  await run('bash', [path.join(root, 'scripts/image.sh'), '--output', archive, '--tag', 'portolan:test'], {
    timeout: 300_000,
    maxBuffer: 16 << 20,
  });
  const layout = path.join(dir, 'layout');
  await run('mkdir', ['-p', layout]);
  await run('tar', ['-xf', archive, '-C', layout]);
  const blob = (digest: string) => path.join(layout, 'blobs', digest.replace(':', '/'));
  const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
    manifests: { digest: string; annotations: Record<string, string> }[];
  };
  assert.equal(index.manifests[0]?.annotations['org.opencontainers.image.ref.name'], 'portolan:test');
  const manifest = JSON.parse(await readFile(blob(index.manifests[0]?.digest ?? ''), 'utf8')) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  const { config } = JSON.parse(await readFile(blob(manifest.config.digest), 'utf8')) as ImageConfig;
  assert.equal(config.User, '10001:10001');
  assert.deepEqual(config.Entrypoint, ['node', 'apps/server/src/main.ts']);
  assert.equal(config.WorkingDir, '/app');
  assert.ok(config.Env.includes('PORTOLAN_DATA_DIR=/data'));
  assert.ok(config.Env.includes('PORTOLAN_HOST=0.0.0.0'), 'reachable from outside the container');
  assert.deepEqual(Object.keys(config.ExposedPorts).sort(), ['8080', '8443']);

  assert.equal(manifest.layers.length, 1);
  const listing = (
    await run('tar', ['-tvf', blob(manifest.layers[0]?.digest ?? '')], { maxBuffer: 256 << 20 })
  ).stdout.split('\n');
  const entry = (name: string) => listing.find((line) => line.endsWith(` ${name}`));
  assert.match(entry('usr/local/bin/node') ?? '', /^-rwxr-xr-x 0\/0 /, 'the Node runtime, owned by root');
  assert.ok(entry('app/apps/server/src/main.ts'));
  assert.ok(entry('app/node_modules/fastify/package.json'), 'production packages');
  assert.ok(entry('usr/bin/openssl'), 'openssl makes the proxy certificate');
  assert.match(entry('data/') ?? '', /^drwx.* 10001\/10001 /, '/data belongs to the server');
  for (const absent of [
    'node_modules/typescript/',
    'node_modules/@biomejs/',
    'node_modules/dependency-cruiser/',
  ]) {
    assert.equal(entry(`app/${absent}`), undefined, `no dev dependency ${absent}`);
  }
  assert.equal(
    listing.find((line) => /app\/(apps|packages|sandbox)\/.*\.test\.ts$/.test(line)),
    undefined,
    'no tests',
  );
});

test('the staged file tree runs the server as uid 10001 and answers /healthz', {
  skip: process.getuid?.() === 0 && existsSync('/usr/sbin/chroot') ? false : 'needs root and chroot',
}, async () => {
  const tree = path.join(dir, 'rootfs');
  await run('bash', [path.join(root, 'scripts/image.sh'), '--rootfs-only', tree], {
    timeout: 300_000,
    maxBuffer: 16 << 20,
  });
  const child = spawn(
    '/usr/sbin/chroot',
    ['--userspec=10001:10001', tree, '/usr/local/bin/node', '--input-type=module', '-e', START],
    {
      env: {
        PATH: '/usr/local/bin:/usr/bin',
        PORTOLAN_HOST: '127.0.0.1',
        PORTOLAN_PORT: '0',
        PORTOLAN_PROXY_PORT: '0',
        PORTOLAN_DATA_DIR: '/data',
        PORTOLAN_ADMIN_PASSWORD: 'image-test-password-1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    const deadline = Date.now() + 60_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline && child.exitCode === null) {
      url = /API and console listening at (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(url, `the server did not start: ${output.slice(-2000)}`);
    const answer = await fetch(`${url}/healthz`);
    assert.deepEqual(await answer.json(), { status: 'ok' });
  } finally {
    child.kill('SIGTERM');
  }
});

/** The image's entrypoint, from inside the tree: `node apps/server/src/main.ts` in /app. */
const START = 'process.chdir("/app"); await import("/app/apps/server/src/main.ts");';
