/**
 * A preview whose target cluster Portolan has no client for says why as a code and values beside the
 * English (issue #10). Portolan's own interfaces are faked here (the engine's render, the caller's
 * targets); the error is the one cluster access really throws.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PropagationDocument, propagationEnglish } from '@portolan/api';
import { ClusterError, ClusterNotConnectedError } from '#server/clusters/cluster-errors.ts';
import type { Caller } from '#server/iam/caller.ts';
import { noClient, previewPropagation } from './preview.ts';

const admin: Caller = {
  userId: 'u1',
  username: 'ana',
  groups: [],
  credential: { kind: 'session', sessionIdHash: 'x' },
  grants: [
    {
      role: 'Admin',
      level: 'cluster',
      cluster: 'east',
      subject: { kind: 'user', name: 'ana' },
      bindingId: 'b',
    },
  ],
};

const document = { metadata: { name: 'p' }, spec: {} } as unknown as PropagationDocument;

async function previewWith(error: Error) {
  const [target] = await previewPropagation(
    {
      propagations: { render: async () => [{ cluster: 'east', objects: [], removals: [] }] },
      targets: {
        of: async () => {
          throw error;
        },
      },
    },
    admin,
    document,
  );
  return target;
}

test('a cluster with no open connection: its stored reason and what to do, as a code and values', async () => {
  const target = await previewWith(
    new ClusterNotConnectedError(
      'east',
      'https://east:6443',
      'cannot open its stored credentials: no key k2',
    ),
  );
  assert.equal(target?.errorCode, 'preview.no-connection');
  assert.deepEqual(target?.errorParams, {
    cluster: 'east',
    detail: 'cannot open its stored credentials: no key k2',
  });
  // The English is the error's own, made from the same words.
  assert.equal(
    target?.error,
    new ClusterNotConnectedError('east', '', 'cannot open its stored credentials: no key k2').message,
  );
  assert.deepEqual(target?.objects, []);
});

test('any other failure to get a client keeps its English as the detail', async () => {
  const target = await previewWith(new ClusterError('not-found', 'no cluster named "east"'));
  assert.equal(target?.errorCode, 'preview.no-client');
  assert.deepEqual(target?.errorParams, { cluster: 'east', detail: 'no cluster named "east"' });
  assert.equal(
    target?.error,
    'Portolan has no client for cluster east, so nothing of it can be shown: no cluster named "east"',
  );
  // A connection error without a stored reason says so in its own words, and still fits its code.
  const plain = noClient('east', new ClusterNotConnectedError('east', '', null));
  assert.equal(plain.code, 'preview.no-connection');
  assert.equal(propagationEnglish(plain), new ClusterNotConnectedError('east', '', null).message);
});
