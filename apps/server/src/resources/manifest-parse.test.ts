import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifests } from './manifest-parse.ts';
import { ManifestError } from './resource-errors.ts';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function parseError(text: string): ManifestError {
  try {
    parseManifests(text);
  } catch (error) {
    assert.ok(error instanceof ManifestError, String(error));
    return error;
  }
  assert.fail('expected a ManifestError');
}

test('several YAML documents are read in order, empty ones skipped, with their start lines', () => {
  const text = `---\n${configMap('a')}---\n---\n${configMap('b')}`;
  const manifests = parseManifests(text);
  assert.deepEqual(
    manifests.map((entry) => [entry.document, entry.line, entry.object.metadata.name]),
    [
      [1, 2, 'a'],
      [3, 8, 'b'],
    ],
  );
});

test('YAML is read as kubectl reads it: 0644 is octal', () => {
  const [manifest] = parseManifests(`${configMap('a')}spec:\n  mode: 0644\n`);
  assert.equal((manifest?.object.spec as { mode: number } | undefined)?.mode, 0o644);
});

test('malformed YAML names the document, line and column', () => {
  const error = parseError(
    `${configMap('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b: c\n`,
  );
  assert.deepEqual([error.document, error.line, error.column], [2, 9, 9]);
  assert.match(error.message, /^document 2 is not valid YAML at line 9, column 9: Nested mappings/);
  const unclosed = parseError(`${configMap('a')}---\nkind: ConfigMap\nmetadata:\n  name: "b\n`);
  assert.equal(unclosed.document, 2);
  assert.match(unclosed.message, /Missing closing "quote/);
});

test('a bad indentation is reported where it is', () => {
  const error = parseError('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n labels: {}\n');
  assert.equal(error.document, 1);
  assert.equal(error.line, 5);
});

test('a document without apiVersion, kind or metadata.name says which field is missing', () => {
  assert.match(
    parseError('kind: ConfigMap\nmetadata:\n  name: a\n').message,
    /document 1 \(line 1\): apiVersion is missing/,
  );
  assert.match(parseError('apiVersion: v1\nmetadata:\n  name: a\n').message, /kind is missing/);
  const missingName = parseError(
    `${configMap('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n`,
  );
  assert.equal(missingName.field, 'metadata.name');
  assert.equal(missingName.document, 2);
  assert.equal(missingName.line, 9);
  assert.equal(parseError('apiVersion: v1\nkind: ConfigMap\n').field, 'metadata.name');
});

test('generateName is accepted only when asked for', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: a-\n';
  assert.equal(parseManifests(text, { allowGenerateName: true }).length, 1);
  assert.equal(parseError(text).field, 'metadata.name');
});

test('JSON objects, arrays and Lists are read; malformed JSON names line and column', () => {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
  assert.equal(parseManifests(JSON.stringify(object)).length, 1);
  assert.equal(parseManifests(JSON.stringify([object, object])).length, 2);
  const list = parseManifests(
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [object, object] }, null, 2),
  );
  assert.deepEqual(
    list.map((entry) => [entry.document, entry.item]),
    [
      [1, 0],
      [1, 1],
    ],
  );
  const error = parseError('{\n  "apiVersion": "v1",\n  "kind": }\n');
  assert.equal(error.line, 3);
  assert.equal(error.column, 11);
  const missingComma = parseError('{\n  "apiVersion": "v1"\n  "kind": "x"\n}');
  assert.deepEqual([missingComma.line, missingComma.column], [3, 3]);
});

test('a document that is not an object is refused', () => {
  assert.match(
    parseError(`${configMap('a')}---\n- just\n- a list\n`).message,
    /document 2, item 0 .*not an object/,
  );
  assert.match(parseError('hello\n').message, /document 1 \(line 1\) is not an object/);
});

/** Nine anchors, each a list of nine aliases to the one before: 9^7 strings once expanded. */
const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f', 'g'].map(
    (name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdef'[index]}`).join(',')}]`,
  ),
].join('\n');

test('a YAML alias bomb is refused as a malformed manifest naming the aliases, quickly', () => {
  const started = performance.now();
  const error = parseError(`${configMap('a')}---\n${billionLaughs}\n`);
  assert.equal(error.document, 2);
  assert.equal(error.status, 400);
  assert.match(error.message, /document 2 its aliases \(\*name\) expand to more than 1000 copies/);
  assert.ok(performance.now() - started < 2000, 'refused before expanding');
});

test('a few aliases, as real manifests use them, are read', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l {app: web}\n  annotations: *l\n`;
  assert.deepEqual(parseManifests(text)[0]?.object.metadata, {
    name: 'a',
    labels: { app: 'web' },
    annotations: { app: 'web' },
  });
});

test('collections nested too deeply are refused in words about the text, not the parser', () => {
  for (const text of [
    '['.repeat(50_000) + ']'.repeat(50_000),
    `a: ${'{b: '.repeat(20_000)}1${'}'.repeat(20_000)}`,
  ]) {
    const error = parseError(text);
    assert.match(error.message, /nested too deeply/);
    assert.doesNotMatch(error.message, /call stack/);
  }
});

test('a document the parser reads but that nests past the limit is refused before it is sent on', () => {
  const error = parseError(
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: ${'['.repeat(600)}${']'.repeat(600)}\n`,
  );
  assert.match(error.message, /document 1 nests more than 512 levels deep/);
});
