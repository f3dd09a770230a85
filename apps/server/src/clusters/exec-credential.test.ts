import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { processesMentioning } from '@portolan/sandbox/testing';
import { createExecCredentialSource, type ExecPluginSetup } from './exec-credential.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';

let dir = '';
const V1 = 'client.authentication.k8s.io/v1';

// A real plugin: counts its runs, records KUBERNETES_EXEC_INFO, prints a token that expires at $EXP.
const PLUGIN = `#!/bin/sh
n=$(cat "$COUNT" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$COUNT"
echo "$KUBERNETES_EXEC_INFO" > "$INFO"
if [ "$1" = "--fail" ]; then echo "login required: run aws sso login" >&2; exit 3; fi
if [ "$1" = "--old" ]; then printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}'; exit 0; fi
printf '{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"tok-%s%s","expirationTimestamp":"%s"}}' "$n" "$1" "$EXP"
`;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'exec-credential-'));
  await writeFile(path.join(dir, 'plugin.sh'), PLUGIN);
  await chmod(path.join(dir, 'plugin.sh'), 0o755);
});
after(() => rm(dir, { recursive: true, force: true }));

function setup(
  name: string,
  args: string[] = [],
  extra: Partial<ExecPluginSetup['exec']> = {},
): ExecPluginSetup {
  return {
    exec: {
      apiVersion: V1,
      command: path.join(dir, 'plugin.sh'),
      args,
      env: [
        { name: 'COUNT', value: path.join(dir, `${name}.count`) },
        { name: 'INFO', value: path.join(dir, `${name}.info`) },
        { name: 'EXP', value: '2030-01-01T01:00:00Z' },
      ],
      ...extra,
    },
    field: 'users[u].user.exec',
    baseDir: dir,
    cluster: { server: 'https://10.0.0.1:6443' },
  };
}

const runs = async (name: string) => Number(await readFile(path.join(dir, `${name}.count`), 'utf8'));

test('the token is cached until its expirationTimestamp, shared by concurrent requests, and renewed after a 401', async () => {
  let now = new Date('2030-01-01T00:00:00Z');
  const source = createExecCredentialSource(setup('cache'), { clock: () => now, env: process.env });
  const [first, second] = await Promise.all([source.get(), source.get()]);
  assert.deepEqual(first, { authorization: 'Bearer tok-1' });
  assert.deepEqual(second, first);
  assert.equal(await runs('cache'), 1);
  assert.deepEqual(source.current()?.expiresAt, new Date('2030-01-01T01:00:00Z'));

  now = new Date('2030-01-01T00:59:59Z');
  assert.deepEqual(await source.get(), { authorization: 'Bearer tok-1' });
  now = new Date('2030-01-01T01:00:00Z');
  assert.deepEqual(await source.get(), { authorization: 'Bearer tok-2' }, 'run again once expired');
  source.invalidate();
  assert.deepEqual(await source.get(), { authorization: 'Bearer tok-3' }, 'run again after invalidate');
  assert.equal(await runs('cache'), 3);
});

test('the plugin gets KUBERNETES_EXEC_INFO, with the cluster when provideClusterInfo is set', async () => {
  const clock = () => new Date('2030-01-01T00:00:00Z');
  await createExecCredentialSource(setup('info', [], { provideClusterInfo: true }), {
    clock,
    env: process.env,
  }).get();
  assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'info.info'), 'utf8')), {
    apiVersion: V1,
    kind: 'ExecCredential',
    spec: { interactive: false, cluster: { server: 'https://10.0.0.1:6443' } },
  });
  const relative = setup('relative', ['-r'], { command: './plugin.sh' });
  assert.deepEqual(await createExecCredentialSource(relative, { clock, env: process.env }).get(), {
    authorization: 'Bearer tok-1-r',
  });
});

test('a missing plugin is named with its installHint', async () => {
  const source = createExecCredentialSource(
    setup('missing', [], {
      command: 'portolan-no-such-plugin',
      installHint: 'Install it with: brew install no-such',
    }),
    { clock: () => new Date(), env: process.env },
  );
  await assert.rejects(source.get(), (error: unknown) => {
    assert.ok(error instanceof KubeconfigError);
    assert.equal(error.problem, 'exec-plugin-missing');
    assert.match(
      error.message,
      /the credential plugin "portolan-no-such-plugin" named in users\[u\]\.user\.exec\.command was not found/,
    );
    assert.match(error.message, /Install it with: brew install no-such/);
    return true;
  });
});

test('a failing plugin is reported with its stderr; a wrong apiVersion is named', async () => {
  const clock = () => new Date();
  await assert.rejects(
    createExecCredentialSource(setup('fail', ['--fail']), { clock, env: process.env }).get(),
    /plugin ".*plugin\.sh" failed: it exited with code 3: login required: run aws sso login/,
  );
  await assert.rejects(
    createExecCredentialSource(setup('old', ['--old']), { clock, env: process.env }).get(),
    /returned ExecCredential client\.authentication\.k8s\.io\/v1beta1, but the kubeconfig expects an ExecCredential of client\.authentication\.k8s\.io\/v1/,
  );
  assert.throws(
    () =>
      createExecCredentialSource(setup('x', [], { interactiveMode: 'Always' }), { clock, env: process.env }),
    /needs an interactive terminal/,
  );
});

test('a token printed with CR/LF inside is refused, naming the plugin and the field, not the token', async () => {
  const plugin = path.join(dir, 'crlf-plugin.sh');
  await writeFile(
    plugin,
    `#!/bin/sh\nprintf '{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"secret-part\\\\r\\\\nX-Evil: 1"}}'\n`,
  );
  await chmod(plugin, 0o755);
  const source = createExecCredentialSource(
    { ...setup('crlf'), exec: { apiVersion: V1, command: plugin } },
    { clock: () => new Date(), env: process.env },
  );
  await assert.rejects(source.get(), (error: unknown) => {
    assert.ok(error instanceof KubeconfigError);
    assert.equal(error.problem, 'exec-plugin-failed');
    assert.equal(error.field, 'users[u].user.exec');
    assert.match(
      error.message,
      /the token printed by the credential plugin ".*crlf-plugin\.sh" of users\[u\]\.user\.exec contains a line break \(CR\)/,
    );
    assert.doesNotMatch(error.message, /secret-part|Evil/);
    return true;
  });
});

test('a plugin that never returns is stopped at the time limit, with what it started', async () => {
  const plugin = path.join(dir, 'hang-plugin.sh');
  // The shell waits for its child, which keeps the output open: both must go.
  await writeFile(plugin, '#!/bin/sh\nsleep 987.25\n');
  await chmod(plugin, 0o755);
  const source = createExecCredentialSource(
    { ...setup('hang'), exec: { apiVersion: V1, command: plugin } },
    { clock: () => new Date(), env: process.env, timeoutMs: 1_000 },
  );
  const started = Date.now();
  await assert.rejects(
    source.get(),
    /"[^"]*hang-plugin\.sh" failed: it did not finish within 1 s \(the exec plugin time limit\)/,
  );
  assert.ok(Date.now() - started < 3_000, `answered after ${Date.now() - started} ms`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(processesMentioning('987.25'), [], 'the sleep the plugin started was killed too');
});
