import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyJsonPatch, JsonPatchError, type JsonPatchOperation, parsePointer } from './json-patch.ts';

const patch = (document: unknown, operations: JsonPatchOperation[]): unknown =>
  applyJsonPatch(structuredClone(document), operations);

test('pointers unescape ~1 then ~0 and refuse other escapes', () => {
  assert.deepEqual(parsePointer(''), []);
  assert.deepEqual(parsePointer('/a~1b/c~0d/~01/'), ['a/b', 'c~d', '~1', '']);
  assert.throws(() => parsePointer('a/b'), /must be empty or start with "\/"/);
  assert.throws(() => parsePointer('/a~2'), /"~0" \(for ~\) or "~1"/);
  assert.throws(() => parsePointer('/a~'), JsonPatchError);
});

test('add: object members, array inserts, "-" appends, the root replaced', () => {
  const document = { a: { list: [1, 2] } };
  assert.deepEqual(patch(document, [{ op: 'add', path: '/a/b', value: { c: 1 } }]), {
    a: { list: [1, 2], b: { c: 1 } },
  });
  assert.deepEqual(patch(document, [{ op: 'add', path: '/a/list/0', value: 0 }]), { a: { list: [0, 1, 2] } });
  assert.deepEqual(patch(document, [{ op: 'add', path: '/a/list/2', value: 3 }]), { a: { list: [1, 2, 3] } });
  assert.deepEqual(patch(document, [{ op: 'add', path: '/a/list/-', value: 9 }]), { a: { list: [1, 2, 9] } });
  assert.deepEqual(patch(document, [{ op: 'add', path: '', value: { x: 1 } }]), { x: 1 });
  assert.deepEqual(patch(document, [{ op: 'add', path: '/a', value: null }]), { a: null });
  assert.throws(
    () => patch(document, [{ op: 'add', path: '/a/list/3', value: 0 }]),
    /index 3 is past the end/,
  );
  assert.throws(() => patch(document, [{ op: 'add', path: '/a/list/01', value: 0 }]), /not an index/);
  assert.throws(
    () => patch(document, [{ op: 'add', path: '/missing/x', value: 0 }]),
    /path \/missing\/x does not exist/,
  );
  assert.throws(() => patch(document, [{ op: 'add', path: '/a/b' }]), /needs a "value"/);
});

test('remove and replace need the target to be there', () => {
  const document = { a: 1, b: [1, 2, 3], 'x/y': { '~': 2 } };
  assert.deepEqual(patch(document, [{ op: 'remove', path: '/b/1' }]), { a: 1, b: [1, 3], 'x/y': { '~': 2 } });
  assert.deepEqual(patch(document, [{ op: 'remove', path: '/x~1y/~0' }]), { a: 1, b: [1, 2, 3], 'x/y': {} });
  assert.deepEqual(patch(document, [{ op: 'replace', path: '/a', value: [5] }]), {
    a: [5],
    b: [1, 2, 3],
    'x/y': { '~': 2 },
  });
  assert.deepEqual(Object.keys(patch(document, [{ op: 'replace', path: '/a', value: 2 }]) as object), [
    'a',
    'b',
    'x/y',
  ]);
  assert.deepEqual(patch(document, [{ op: 'replace', path: '/b/2', value: 0 }]), {
    a: 1,
    b: [1, 2, 0],
    'x/y': { '~': 2 },
  });
  assert.throws(() => patch(document, [{ op: 'remove', path: '/nope' }]), /\/nope does not exist/);
  assert.throws(() => patch(document, [{ op: 'remove', path: '/b/3' }]), /past the end/);
  assert.throws(() => patch(document, [{ op: 'remove', path: '/b/-' }]), /not an index/);
  assert.throws(() => patch(document, [{ op: 'replace', path: '/nope', value: 1 }]), /does not exist/);
  assert.throws(() => patch(document, [{ op: 'remove', path: '' }]), /whole object cannot be removed/);
  assert.throws(
    () => patch(document, [{ op: 'add', path: '/a/b', value: 1 }]),
    /parent is not an object or an array/,
  );
});

test('move and copy take from "from"; move cannot go into its own child', () => {
  const document = { a: { b: 1 }, list: ['x', 'y'] };
  assert.deepEqual(patch(document, [{ op: 'move', from: '/a/b', path: '/c' }]), {
    a: {},
    list: ['x', 'y'],
    c: 1,
  });
  assert.deepEqual(patch(document, [{ op: 'move', from: '/list/0', path: '/list/-' }]), {
    a: { b: 1 },
    list: ['y', 'x'],
  });
  assert.deepEqual(patch(document, [{ op: 'move', from: '/a', path: '/a' }]), document);
  const copied = patch(document, [{ op: 'copy', from: '/a', path: '/d' }]) as { a: object; d: object };
  assert.deepEqual(copied.d, { b: 1 });
  assert.notEqual(copied.d, copied.a);
  assert.throws(() => patch(document, [{ op: 'move', from: '/a', path: '/a/b/c' }]), /into its own child/);
  assert.throws(() => patch(document, [{ op: 'copy', from: '/nope', path: '/d' }]), /\/nope does not exist/);
  assert.throws(() => patch(document, [{ op: 'move', path: '/d' }]), /needs a "from"/);
});

test('test compares deeply and stops the patch when it fails', () => {
  const document = { a: { b: [1, { c: 'x' }] } };
  assert.deepEqual(
    patch(document, [
      { op: 'test', path: '/a/b', value: [1, { c: 'x' }] },
      { op: 'remove', path: '/a' },
    ]),
    {},
  );
  assert.throws(
    () => patch(document, [{ op: 'test', path: '/a/b/1/c', value: 'y' }]),
    (error: unknown) =>
      error instanceof JsonPatchError && error.path === '/a/b/1/c' && /"test" failed/.test(error.message),
  );
});

test('a member named __proto__ is an own member, never the prototype', () => {
  const result = patch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<
    string,
    unknown
  >;
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(result, '__proto__')?.value, { polluted: true });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.throws(() => patch({}, [{ op: 'replace', path: '/constructor', value: 1 }]), /does not exist/);
});

test('every failure carries its code and values, and its message is their English (for the console to word)', () => {
  const failure = (document: unknown, operations: JsonPatchOperation[]) => {
    try {
      patch(document, operations);
    } catch (error) {
      assert.ok(error instanceof JsonPatchError);
      return { code: error.code, params: error.params, message: error.message };
    }
    assert.fail('the patch applied');
  };
  const document = { a: { list: [1, 2] } };
  assert.deepEqual(failure(document, [{ op: 'remove', path: '/a/nothing' }]), {
    code: 'patch.no-path',
    params: { pointer: '/a/nothing' },
    message: 'path /a/nothing does not exist',
  });
  assert.deepEqual(failure(document, [{ op: 'add', path: '/a/list/5', value: 0 }]), {
    code: 'patch.past-end',
    params: { pointer: '/a/list/5', index: 5, length: 2 },
    message: 'path /a/list/5: index 5 is past the end (length 2)',
  });
  assert.deepEqual(failure(document, [{ op: 'test', path: '/a/list/0', value: 'x' }]), {
    code: 'patch.test-failed',
    params: { pointer: '/a/list/0', value: '"x"' },
    message: '"test" failed: /a/list/0 is not "x"',
  });
  assert.deepEqual(failure(document, [{ op: 'copy', path: '/b' }]), {
    code: 'patch.needs-field',
    params: { op: 'copy', pointer: '/b', field: 'from' },
    message: '"copy" at /b needs a "from"',
  });
  assert.deepEqual(failure(document, [{ op: 'move', from: '/a', path: '/a/b' }]), {
    code: 'patch.move-into-child',
    params: { from: '/a', pointer: '/a/b' },
    message: '"move" cannot move /a into its own child /a/b',
  });
  assert.equal(failure(document, [{ op: 'remove', path: '' }]).code, 'patch.remove-whole');
  assert.equal(failure(document, [{ op: 'remove', path: 'a' }]).code, 'patch.not-pointer');
  assert.equal(failure(document, [{ op: 'remove', path: '/a~2' }]).code, 'patch.bad-escape');
  assert.equal(failure(document, [{ op: 'remove', path: '/a/list/x' }]).code, 'patch.not-index');
  assert.equal(failure({ a: 1 }, [{ op: 'add', path: '/a/b/c', value: 1 }]).code, 'patch.no-path');
  assert.equal(
    failure({ a: 'x' }, [{ op: 'add', path: '/a/b', value: 1 }]).code,
    'patch.parent-not-container',
  );
  assert.equal(failure(document, [{ op: 'nope' as 'add', path: '/a' }]).code, 'patch.unknown-op');
});
