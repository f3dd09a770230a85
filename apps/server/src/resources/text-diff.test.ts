import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLines, unifiedDiff } from './text-diff.ts';

const apply = (before: string[], edits: ReturnType<typeof diffLines>) => {
  const kept = edits.filter((edit) => edit.type !== '+').map((edit) => edit.line);
  assert.deepEqual(kept, before, 'the edits keep and delete exactly the old lines');
  return edits.filter((edit) => edit.type !== '-').map((edit) => edit.line);
};

test('the edit script turns the old lines into the new ones', () => {
  const cases: [string, string][] = [
    ['abcabba', 'cbabac'],
    ['', 'abc'],
    ['abc', ''],
    ['abc', 'abc'],
    ['axbxc', 'aybyc'],
    ['abcdefgh', 'xbcdefgy'],
  ];
  for (const [from, to] of cases) {
    const before = [...from];
    const after = [...to];
    assert.deepEqual(apply(before, diffLines(before, after)), after, `${from} → ${to}`);
  }
  // Myers finds the shortest script: abcabba → cbabac takes 5 edits.
  assert.equal(diffLines([...'abcabba'], [...'cbabac']).filter((edit) => edit.type !== ' ').length, 5);
});

test('a unified diff shows changed lines with three lines of context', () => {
  const before = `${Array.from({ length: 12 }, (_, index) => `line ${index + 1}`).join('\n')}\n`;
  const after = before.replace('line 6', 'line six').replace('line 12', 'line 12\nline 13');
  assert.equal(
    unifiedDiff(before, after, { before: 'live', after: 'proposed' }),
    [
      '--- live',
      '+++ proposed',
      '@@ -3,10 +3,11 @@',
      ' line 3',
      ' line 4',
      ' line 5',
      '-line 6',
      '+line six',
      ' line 7',
      ' line 8',
      ' line 9',
      ' line 10',
      ' line 11',
      ' line 12',
      '+line 13',
      '',
    ].join('\n'),
  );
});

test('distant changes make separate hunks; equal texts make no diff', () => {
  const lines = Array.from({ length: 30 }, (_, index) => `${index + 1}`);
  const changed = [...lines];
  changed[1] = 'two';
  changed[25] = 'twenty-six';
  const diff = unifiedDiff(lines.join('\n'), changed.join('\n'), { before: 'a', after: 'b' });
  assert.deepEqual(
    diff.split('\n').filter((line) => line.startsWith('@@')),
    ['@@ -1,5 +1,5 @@', '@@ -23,7 +23,7 @@'],
  );
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', { before: 'a', after: 'b' }), '');
  assert.equal(
    unifiedDiff('', 'a\n', { before: 'none', after: 'new' }),
    '--- none\n+++ new\n@@ -0,0 +1,1 @@\n+a\n',
  );
});
