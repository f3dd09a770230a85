import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManifestError } from '#server/resources/resource-errors.ts';
import { readYamlDocument } from './propagation-body.ts';

const DOCUMENT = `apiVersion: portolan.dev/v1
kind: Propagation
metadata: { name: shop }
spec:
  placement: { clusters: { all: true } }
`;

test('one YAML document is read into an object', () => {
  assert.deepEqual(readYamlDocument(DOCUMENT), {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name: 'shop' },
    spec: { placement: { clusters: { all: true } } },
  });
});

test('several documents, none, or YAML that does not parse are refused with where and what to do', () => {
  const refusal = (text: string, pattern: RegExp) =>
    assert.throws(
      () => readYamlDocument(text),
      (error: unknown) => error instanceof ManifestError && pattern.test(error.message),
    );
  refusal(`${DOCUMENT}---\n${DOCUMENT}`, /holds 2 documents; send one Propagation per request/);
  refusal('# nothing here\n', /holds no document/);
  refusal('apiVersion: portolan.dev/v1\nkind: [\n', /not valid YAML at line \d+, column \d+/);
  refusal('apiVersion: portolan.dev/v1\nkind: Propagation\nmetadata: {}\n', /metadata.name is missing/);
});
