import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineSplitter, parseWatchEvent } from './watch-stream.ts';

test('lines split across chunks, even inside a multi-byte character, come out whole', () => {
  const text =
    '{"type":"ADDED","object":{"name":"café"}}\n{"type":"BOOKMARK","object":{}}\n\n{"type":"DELETED"';
  const bytes = Buffer.from(text, 'utf8');
  const cut = bytes.indexOf(Buffer.from('é')) + 1; // between the two bytes of é
  const splitter = createLineSplitter();
  const lines = [
    ...splitter.push(bytes.subarray(0, cut)),
    ...splitter.push(bytes.subarray(cut, cut + 30)),
    ...splitter.push(bytes.subarray(cut + 30)),
  ];
  assert.deepEqual(
    lines.map((line) => parseWatchEvent<{ name?: string }>(line).type),
    ['ADDED', 'BOOKMARK'],
  );
  assert.equal(parseWatchEvent<{ name: string }>(lines[0] as string).object.name, 'café');
  splitter.push(Buffer.from(',"object":{}}'));
  assert.deepEqual(splitter.end(), ['{"type":"DELETED","object":{}}']);
  assert.deepEqual(splitter.end(), []);
});

test('a line that is not a watch event is refused, quoting it', () => {
  assert.throws(() => parseWatchEvent('<html>bad gateway'), /not JSON: <html>bad gateway/);
  assert.throws(() => parseWatchEvent('{"type":"SOMETHING","object":{}}'), /not a watch event/);
  const error = parseWatchEvent('{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}}');
  assert.equal(error.type, 'ERROR');
  assert.deepEqual(error.object, { kind: 'Status', code: 410, reason: 'Expired' });
});
