/**
 * The npm scripts name programs that exist: `npm run bench` once named a bench/run.ts that did not
 * (issue 9, item 7), and the benchmark runner finds every benchmark in bench/.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

test('every file an npm script runs exists', async () => {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const missing: string[] = [];
  for (const [name, command] of Object.entries(manifest.scripts)) {
    for (const file of command.match(/[\w./-]+\.(?:ts|sh|cjs|mjs|js)\b/g) ?? []) {
      await access(path.join(root, file)).catch(() => missing.push(`${name}: ${file}`));
    }
  }
  assert.deepEqual(missing, []);
});

test('npm run bench runs every benchmark program in bench/, and refuses a name it does not know', async () => {
  const programs = (await readdir(path.join(root, 'bench'))).filter((file) => file.endsWith('.bench.ts'));
  const { stdout } = await run(process.execPath, ['bench/run.ts', '--list'], { cwd: root });
  const listed = stdout.trim().split('\n');
  assert.deepEqual(listed.toSorted(), programs.map((file) => `bench/${file}`).toSorted());
  // Quick ones first: the store benchmark needs no cluster, the sandbox one builds and starts many.
  assert.equal(listed[0], 'bench/store.bench.ts');
  assert.equal(listed.at(-1), 'bench/sandbox.bench.ts');
  const picked = await run(process.execPath, ['bench/run.ts', 'search', '--list'], { cwd: root });
  assert.equal(picked.stdout.trim(), 'bench/search.bench.ts');
  await assert.rejects(
    run(process.execPath, ['bench/run.ts', 'nosuch', '--list'], { cwd: root }),
    (error) => {
      assert.match(
        String((error as { stderr: string }).stderr),
        /no benchmark named nosuch; there are store/,
      );
      return true;
    },
  );
});
