import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyLine, copyValue } from './copy-text.ts';

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

test('a COPY line has its values apart by tabs and ends with a newline', () => {
  assert.equal(copyLine([7, 'ns', null, 'a\tb']), '7\tns\t\\N\ta\\tb\n');
});
