import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Scrollback, Transcript } from './output-buffers.ts';

test('the scrollback keeps exactly the last bytes printed, cutting the oldest chunk where it must', () => {
  const scrollback = new Scrollback(10);
  scrollback.push(Buffer.from('abcdef'));
  scrollback.push(Buffer.from('ghij'));
  assert.equal(scrollback.read().toString(), 'abcdefghij');
  scrollback.push(Buffer.from('kl'));
  assert.equal(scrollback.read().toString(), 'cdefghijkl');
  scrollback.push(Buffer.from('mnopqrstuvwxyz'));
  assert.equal(scrollback.read().toString(), 'qrstuvwxyz');
  assert.equal(scrollback.length, 10);
});

test('the transcript keeps the first bytes up to its limit, then says it was cut', () => {
  const transcript = new Transcript(8);
  transcript.push(Buffer.from('hello '));
  assert.equal(transcript.read().toString(), 'hello ');
  transcript.push(Buffer.from('world'));
  transcript.push(Buffer.from('more'));
  const text = transcript.read().toString();
  assert.ok(text.startsWith('hello wo\r\n'), text);
  assert.match(text, /transcript stops here; it keeps the first 8 bytes/);
});
