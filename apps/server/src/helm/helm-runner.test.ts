import assert from 'node:assert/strict';
import { access, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Caller } from '#server/iam/caller.ts';
import { createHelmRunner, findHelm } from './helm-runner.ts';
import { failedHook, HelmCommandError, plainHelmReason, wasRolledBack } from './helm-runner-errors.ts';
import { schemaProblem } from './values-check.ts';

/**
 * The runner's promises, checked with a stand-in helm (a shell script) that writes down what it was
 * given: its argv, its environment, the modes of its directory, kubeconfig and values files.
 */
const TOKEN = 'ptl_secret-token-of-the-user';
const SECRET_VALUE = 'password: hunter2-very-secret';
const caller: Caller = {
  userId: 'u1',
  username: 'alice',
  groups: [],
  grants: [],
  credential: { kind: 'session', sessionIdHash: 'x' },
};

let dir: string;
let fakeHelm: string;
let record: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'helm-runner-test-'));
  record = path.join(dir, 'record');
  fakeHelm = path.join(dir, 'helm');
  await writeFile(
    fakeHelm,
    [
      '#!/bin/sh',
      `out=${record}`,
      'printf "argv:%s\\n" "$*" > "$out"',
      'env | sed "s/^/env:/" >> "$out"',
      'printf "home-mode:%s\\n" "$(stat -c %a "$HOME")" >> "$out"',
      'while [ $# -gt 0 ]; do',
      '  case "$1" in',
      '    --kubeconfig) printf "kubeconfig-mode:%s\\n" "$(stat -c %a "$2")" >> "$out"; cat "$2" | sed "s/^/kubeconfig:/" >> "$out";;',
      '    -f) printf "values-mode:%s\\n" "$(stat -c %a "$2")" >> "$out"; sed "s/^/values:/" "$2" >> "$out";;',
      '    fail) echo "level=WARN msg=noise" >&2; echo "Error: UPGRADE FAILED: release web failed, and has been rolled back due to rollback-on-failure being set: pre-upgrade hooks failed: 1 error occurred:" >&2; printf "\\t* timed out waiting for the condition\\n" >&2; exit 1;;',
      '  esac',
      '  shift',
      'done',
      'echo ok',
    ].join('\n'),
  );
  await chmod(fakeHelm, 0o755);
});
after(() => rm(dir, { recursive: true, force: true }));

function runner(revoked: string[], argvs: (readonly string[])[]) {
  return createHelmRunner({
    helmBin: async () => fakeHelm,
    proxy: { url: () => 'https://127.0.0.1:8443', certificateAuthority: undefined },
    credentials: {
      async issue(_caller, purpose) {
        return { token: TOKEN, revoke: async () => void revoked.push(purpose) };
      },
    },
    tmpRoot: dir,
    onSpawn: (argv) => argvs.push(argv),
  });
}

test('helm gets values and the token in private 0600 files, never in argv or its environment, and the directory and token are gone after', async () => {
  const revoked: string[] = [];
  const argvs: (readonly string[])[] = [];
  const session = await runner(revoked, argvs).open(caller, 'c1', 'install web');
  const output = await session.run(['install', 'web', '/charts/web.tgz', '--namespace', 'shop'], {
    values: [`${SECRET_VALUE}\n`, 'replicas: 2\n'],
  });
  assert.equal(output.stdout.trim(), 'ok');
  const seen = await readFile(record, 'utf8');
  const argv = seen.split('\n').find((line) => line.startsWith('argv:')) ?? '';
  for (const line of argvs.flat().concat(argv)) {
    assert.ok(!line.includes('hunter2'), `argv carries no value: ${line}`);
    assert.ok(!line.includes(TOKEN), `argv carries no token: ${line}`);
  }
  assert.match(argv, /--kube-context c1/);
  assert.match(argv, /-f \S+values-1-0\.yaml -f \S+values-1-1\.yaml/);
  const env = seen.split('\n').filter((line) => line.startsWith('env:'));
  assert.ok(
    !env.some((line) => line.includes(TOKEN) || line.includes('hunter2')),
    'the environment carries neither',
  );
  assert.ok(
    env.some((line) => /^env:HELM_CONFIG_HOME=.*portolan-helm-/.test(line)),
    'helm homes are private',
  );
  assert.ok(!env.some((line) => line.startsWith('env:KUBECONFIG=')), 'nothing of the server’s environment');
  assert.match(seen, /home-mode:700/);
  assert.match(seen, /kubeconfig-mode:600/);
  assert.deepEqual(
    seen.split('\n').filter((line) => line.startsWith('values-mode:')),
    ['values-mode:600', 'values-mode:600'],
  );
  assert.match(seen, /values:password: hunter2-very-secret/);
  assert.match(seen, new RegExp(`kubeconfig:.*token: ${TOKEN}`));
  assert.match(seen, /kubeconfig:.*server: https:\/\/127\.0\.0\.1:8443\/k8s\/clusters\/c1/);
  const home = /env:HOME=(\S+)/.exec(seen)?.[1] ?? '';
  await assert.rejects(access(path.join(home, 'values-1-0.yaml')), 'values files go after each call');
  assert.deepEqual(revoked, []);
  await session.close();
  await assert.rejects(access(home), 'the private directory is removed');
  assert.deepEqual(revoked, ['install web'], 'the token is revoked');
});

test('helm’s failure becomes one plain reason, with the hook and the rollback recognised', async () => {
  const session = await runner([], []).open(caller, 'c1', 'upgrade web');
  try {
    const error = await session.run(['fail']).then(
      () => assert.fail('helm failed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof HelmCommandError);
    assert.equal(
      error.message,
      'release web failed, and has been rolled back due to rollback-on-failure being set: pre-upgrade hooks failed: timed out waiting for the condition',
    );
    assert.equal(failedHook(error.message), 'pre-upgrade');
    assert.ok(wasRolledBack(error.message));
  } finally {
    await session.close();
  }
  assert.equal(plainHelmReason('Error: release: not found\n'), 'release: not found');
  assert.equal(HelmCommandError.fromHelm('Error: release: not found\n').status, 404);
});

test('a values schema refusal names the field, under its subchart when it is one', () => {
  const stderr = [
    "Error: values don't meet the specifications of the schema(s) in the following chart(s):",
    'web:',
    "- at '/image/tag': got number, want string",
    "- at '': missing property 'replicas'",
    'redis:',
    "- at '/port': got string, want integer",
  ].join('\n');
  const problem = schemaProblem(stderr, 'web');
  assert.equal(problem?.status, 400);
  assert.equal(problem?.field, 'values.image.tag');
  assert.match(
    problem?.message ?? '',
    /image\.tag: got number, want string; replicas: missing property 'replicas'; redis\.port/,
  );
  assert.equal(schemaProblem('Error: something else', 'web'), undefined);
});

test('a missing helm is named with both ways to provide it', async () => {
  const find = findHelm({ PORTOLAN_HELM_BIN: path.join(dir, 'nothing-here') }, async () => dir);
  await assert.rejects(find(), (error: Error) => {
    assert.match(error.message, /PORTOLAN_HELM_BIN/);
    assert.match(error.message, /sandbox/);
    return true;
  });
  assert.equal(await findHelm({}, async () => dir)(), fakeHelm);
});
