import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CopyChunks, copyValue } from './copy-text.ts';

test('COPY text escapes backslash, tab, newline and carriage return, and nothing else', () => {
  assert.equal(copyValue('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
  assert.equal(copyValue('{"k":"v\\"q\\u0000"}'), '{"k":"v\\\\"q\\\\u0000"}');
  assert.equal(copyValue('名前 ✓ 🚀 "quoted" ,;|'), '名前 ✓ 🚀 "quoted" ,;|');
  assert.equal(copyValue('\\N'), '\\\\N', 'a text that reads as null is escaped');
});

test('COPY text writes null as \\N, numbers plainly, and refuses what is not a number', () => {
  assert.equal(copyValue(null), '\\N');
  assert.equal(copyValue(''), '');
  assert.equal(copyValue(1733450000000), '1733450000000');
  assert.throws(() => copyValue(Number.NaN), /NaN is not a number PostgreSQL can store/);
});

const textOf = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

test('a COPY row has its values apart by tabs and ends with a newline', () => {
  const copy = new CopyChunks();
  copy.add([7, 'ns', null, 'a\tb']);
  copy.add(['名前 🚀', 1]);
  assert.equal(textOf(copy.done()), '7\tns\t\\N\ta\\tb\n名前 🚀\t1\n');
});

test('COPY rows over many megabytes, and a value larger than a chunk, come out whole and in order', () => {
  const copy = new CopyChunks();
  const big = `{"note":"${'é'.repeat(700_000)}"}`;
  const expected: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const value = i === 1500 ? big : `{"n":${i},"text":"${'x'.repeat(i % 2000)}"}`;
    copy.add([i, value]);
    expected.push(`${i}\t${value}\n`);
  }
  const chunks = copy.done();
  assert.ok(chunks.length > 3, `the rows are written in several chunks (${chunks.length})`);
  assert.ok(
    chunks.some((chunk) => chunk.length >= 1_400_000),
    'the large value has a chunk of its own size',
  );
  assert.equal(textOf(chunks), expected.join(''));
});
