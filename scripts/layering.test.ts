/**
 * The layering check (.dependency-cruiser.cjs, run by scripts/test.sh) fails on a new violation:
 * each rule is run on a tiny tree laid out like the real one, where one file breaks it. The known
 * violations listed in the config pass as pairs only: a known file importing something new fails
 * (shown with a fixture list of known pairs, as the project's own list shrinks to nothing).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');
const config = path.join(root, '.dependency-cruiser.cjs');

/**
 * Cruises `dir` with the project's config and its default reporter, as scripts/test.sh does: the
 * lines naming a violation (`error <rule>: <from> → <to>`), and the exit code.
 */
async function cruise(
  dir: string,
  targets: string[],
  configFile = config,
): Promise<{ code: number; violations: string[] }> {
  const answer = await run(depcruise, ['--config', configFile, ...targets], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  const violations = answer.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(error|warn|info) /.test(line));
  return { code: answer.code, violations };
}

let tree: string;
/** The project's rules with a fixture list of known pairs: clusters/connection-check.ts → sync/resource-selection.ts. */
let knownConfig: string;
const KNOWN_FROM = 'apps/server/src/clusters/connection-check.ts';
const KNOWN_TO = 'apps/server/src/sync/resource-selection.ts';

/** Writes files (path → text) under the fixture tree. */
async function lay(files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(tree, file)), { recursive: true });
    await writeFile(path.join(tree, file), text);
  }
}

before(async () => {
  tree = await mkdtemp(path.join(os.tmpdir(), 'portolan-layering-'));
  // fastify resolves from the project's own packages.
  await symlink(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
  await lay({
    'apps/server/src/http/permissions.ts': "export type Permission = 'audit:read';\n",
    'apps/server/src/http/app.ts': "import Fastify from 'fastify';\nexport const build = () => Fastify();\n",
    'apps/server/src/store/store.ts': 'export interface Store { close(): Promise<void> }\n',
  });
  knownConfig = path.join(tree, 'known-pairs.cjs');
  await writeFile(
    knownConfig,
    [
      `const project = require(${JSON.stringify(config)});`,
      'module.exports = {',
      `  forbidden: project.forbiddenWithKnown({ 'clusters-know-no-service': [[${JSON.stringify(KNOWN_FROM)}, ${JSON.stringify(KNOWN_TO)}]] }),`,
      '  options: project.options,',
      '};',
      '',
    ].join('\n'),
  );
});

after(async () => {
  await rm(tree, { recursive: true, force: true });
});

const S = 'apps/server/src';

const CASES: Array<{ rule: string; files: Record<string, string>; from: string; to: string }> = [
  {
    rule: 'http-is-the-top',
    files: {
      [`${S}/sync/sync-thing.ts`]: "import { build } from '../http/app.ts';\nexport const b = build;\n",
    },
    from: `${S}/sync/sync-thing.ts`,
    to: `${S}/http/app.ts`,
  },
  {
    rule: 'fastify-only-in-http',
    files: {
      [`${S}/search/search-hook.ts`]:
        "import type { FastifyRequest } from 'fastify';\nexport type R = FastifyRequest;\n",
    },
    from: `${S}/search/search-hook.ts`,
    to: 'node_modules/fastify/fastify.js',
  },
  {
    // A type-only import counts as much as any.
    rule: 'store-and-kube-know-no-service',
    files: {
      [`${S}/store/store-grants.ts`]:
        "import type { Grant } from '../iam/grants.ts';\nexport type G = Grant;\n",
      [`${S}/iam/grants.ts`]: 'export interface Grant { role: string }\n',
    },
    from: `${S}/store/store-grants.ts`,
    to: `${S}/iam/grants.ts`,
  },
  {
    rule: 'clusters-know-no-service',
    files: {
      [`${S}/clusters/cluster-search.ts`]:
        "import { search } from '../search/search-service.ts';\nexport const s = search;\n",
      [`${S}/search/search-service.ts`]: 'export const search = () => [];\n',
    },
    from: `${S}/clusters/cluster-search.ts`,
    to: `${S}/search/search-service.ts`,
  },
  {
    rule: 'routes-act-through-cluster-access',
    files: {
      [`${S}/http/routes/pod-routes.ts`]:
        "import { connectionWith } from '../../kube/kube-connection.ts';\nexport const c = connectionWith;\n",
      [`${S}/kube/kube-connection.ts`]: 'export const connectionWith = () => ({});\n',
    },
    from: `${S}/http/routes/pod-routes.ts`,
    to: `${S}/kube/kube-connection.ts`,
  },
  {
    rule: 'config-is-the-bottom',
    files: {
      [`${S}/config/config.ts`]: "import type { Store } from '../store/store.ts';\nexport type C = Store;\n",
    },
    from: `${S}/config/config.ts`,
    to: `${S}/store/store.ts`,
  },
  {
    rule: 'audit-knows-no-iam',
    files: {
      [`${S}/audit/audit-thing.ts`]:
        "import type { Caller } from '../iam/caller.ts';\nexport type C = Caller;\n",
      [`${S}/iam/caller.ts`]: 'export interface Caller { username: string }\n',
    },
    from: `${S}/audit/audit-thing.ts`,
    to: `${S}/iam/caller.ts`,
  },
  {
    rule: 'time-is-the-bottom',
    files: {
      [`${S}/time/clock.ts`]: "import type { Store } from '../store/store.ts';\nexport type C = Store;\n",
    },
    from: `${S}/time/clock.ts`,
    to: `${S}/store/store.ts`,
  },
  {
    rule: 'cli-speaks-only-the-api',
    files: {
      'apps/cli/src/store-command.ts':
        "import type { Store } from '../../server/src/store/store.ts';\nexport type C = Store;\n",
    },
    from: 'apps/cli/src/store-command.ts',
    to: `${S}/store/store.ts`,
  },
  {
    rule: 'packages-stand-alone',
    files: {
      'packages/api/src/index.ts':
        "import type { Store } from '../../../apps/server/src/store/store.ts';\nexport type C = Store;\n",
    },
    from: 'packages/api/src/index.ts',
    to: `${S}/store/store.ts`,
  },
  {
    rule: 'no-circular',
    files: {
      [`${S}/sync/one.ts`]: "import { two } from './two.ts';\nexport const one = () => two;\n",
      [`${S}/sync/two.ts`]: "import { one } from './one.ts';\nexport const two = () => one;\n",
    },
    from: `${S}/sync/one.ts`,
    to: `${S}/sync/two.ts`,
  },
];

test('a tree that keeps the layers passes: http/ may import fastify and every room below it', async () => {
  await lay({
    [`${S}/http/routes/audit-routes.ts`]:
      "import type { Permission } from '../permissions.ts';\nimport type { Store } from '../../store/store.ts';\nexport type P = [Permission, Store];\n",
  });
  const { code, violations } = await cruise(tree, ['apps']);
  assert.deepEqual(violations, []);
  assert.equal(code, 0);
});

test('a known pair passes as a pair only: the same file importing anything else fails', async () => {
  const known = {
    [KNOWN_FROM]:
      "import type { Selection } from '../sync/resource-selection.ts';\nexport type R = Selection;\n",
    [KNOWN_TO]: 'export type Selection = string[];\n',
  };
  await lay(known);
  try {
    assert.deepEqual((await cruise(tree, ['apps'], knownConfig)).violations, []);
    // The project's own list no longer holds the pair: the same tree fails with it.
    const project = await cruise(tree, ['apps']);
    assert.ok(
      project.violations.some((line) => line.startsWith(`error clusters-know-no-service: ${KNOWN_FROM} →`)),
      project.violations.join('\n'),
    );
    await lay({
      [KNOWN_FROM]: `${known[KNOWN_FROM]}import { search } from '../search/search-service.ts';\nexport const s = search;\n`,
      [`${S}/search/search-service.ts`]: 'export const search = () => [];\n',
    });
    const { code, violations } = await cruise(tree, ['apps'], knownConfig);
    assert.notEqual(code, 0, 'depcruise exits with an error');
    assert.deepEqual(violations, [
      `error clusters-know-no-service: ${KNOWN_FROM} → ${S}/search/search-service.ts`,
    ]);
  } finally {
    for (const file of [...Object.keys(known), `${S}/search/search-service.ts`]) {
      await rm(path.join(tree, file), { force: true });
    }
  }
});

for (const { rule, files, from, to } of CASES) {
  test(`${rule}: a new violation fails the check (${from} → ${to})`, async () => {
    await lay(files);
    try {
      const { code, violations } = await cruise(tree, [
        'apps',
        ...(from.startsWith('packages/') ? ['packages'] : []),
      ]);
      assert.notEqual(code, 0, 'depcruise exits with an error');
      // A cycle's report goes on over the next lines; its first names the import that closes it.
      const line = violations.find((found) => found.startsWith(`error ${rule}: ${from} →`));
      assert.ok(line, violations.join('\n'));
      // node_modules is named by its real path, wherever the fixture's link points.
      if (rule !== 'no-circular') assert.ok(line.endsWith(` → ${to}`) || line.endsWith(`/${to}`), line);
    } finally {
      for (const file of Object.keys(files)) await rm(path.join(tree, file), { force: true });
    }
  });
}

test('the project itself keeps its layers (the same check scripts/test.sh runs)', async () => {
  const targets = ['apps', 'packages', 'sandbox/src', 'bench', 'scripts'].filter((dir) =>
    existsSync(path.join(root, dir)),
  );
  const { code, violations } = await cruise(root, targets);
  assert.deepEqual(violations, []);
  assert.equal(code, 0);
});
