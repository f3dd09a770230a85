import assert from 'node:assert/strict';
import test from 'node:test';
import { diffSides } from './diff-sides.ts';

test('the live text is the applied one with each hunk turned back', () => {
  const applied = 'a\nb\nc2\nd\ne\nf\ng\nh\ni\nj\nk\nl2\n';
  const diff = [
    '--- live',
    '+++ proposed',
    '@@ -1,6 +1,6 @@',
    ' a',
    ' b',
    '-c',
    '+c2',
    ' d',
    ' e',
    ' f',
    '@@ -9,4 +9,4 @@',
    ' i',
    ' j',
    ' k',
    '-l',
    '+l2',
  ].join('\n');
  assert.deepEqual(diffSides(diff, applied), {
    original: 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n',
    modified: applied,
  });
});

test('a new object has nothing on the live side', () => {
  assert.deepEqual(diffSides('--- none\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n', 'a\nb\n'), {
    original: '',
    modified: 'a\nb\n',
  });
});

test('hunks that do not fit the text are shown alone, side by side', () => {
  const sides = diffSides('@@ -3,2 +3,2 @@\n x\n-old\n+new\n', 'other\ntext\n');
  assert.deepEqual(sides, { original: 'x\nold\n', modified: 'x\nnew\n' });
});
