import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MemberOpenApi } from '@portolan/api';
import { groupVersionOf, kubeJsonSchema, toJsonSchema } from './openapi-schema.ts';

const apps: MemberOpenApi = {
  group: 'apps',
  version: 'v1',
  fetchedAt: '2026-01-01T00:00:00Z',
  kinds: [{ group: 'apps', version: 'v1', kind: 'Deployment', schema: 'io.k8s.api.apps.v1.Deployment' }],
  schemas: {
    'io.k8s.api.apps.v1.Deployment': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        spec: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }], default: {} },
      },
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      type: 'object',
      required: ['selector'],
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        maxSurge: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        paused: { type: 'boolean', nullable: true },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: {} } },
      },
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.api.apps.v1.Unrelated': { type: 'object' },
  },
};

test('apiVersion splits into group and version; the core group is empty', () => {
  assert.deepEqual(groupVersionOf('apps/v1'), { group: 'apps', version: 'v1' });
  assert.deepEqual(groupVersionOf('v1'), { group: '', version: 'v1' });
});

test('OpenAPI v3 spellings become JSON schema: int-or-string, nullable, closed objects', () => {
  assert.deepEqual(toJsonSchema({ type: 'string', format: 'int-or-string' }), {
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  });
  assert.deepEqual(toJsonSchema({ type: 'boolean', nullable: true }), { type: ['boolean', 'null'] });
  const closed = toJsonSchema({ type: 'object', properties: { a: { type: 'string' } } }) as Record<
    string,
    unknown
  >;
  assert.equal(closed.additionalProperties, false);
  const open = toJsonSchema({
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: { a: {} },
  }) as Record<string, unknown>;
  assert.equal(open.additionalProperties, undefined);
});

test("a kind's schema keeps only what it reaches, references inside the one schema", () => {
  const schema = kubeJsonSchema([apps], [{ apiVersion: 'apps/v1', kind: 'Deployment' }]) as {
    allOf: { $ref: string }[];
    definitions: Record<
      string,
      { anyOf?: unknown; properties?: Record<string, { allOf?: { $ref: string }[] }> }
    >;
  };
  assert.equal(schema.allOf[0]?.$ref, '#/definitions/io.k8s.api.apps.v1.Deployment');
  const spec = schema.definitions['io.k8s.api.apps.v1.Deployment']?.properties?.spec;
  assert.equal(spec?.allOf?.[0]?.$ref, '#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
  assert.deepEqual(Object.keys(schema.definitions).sort(), [
    'io.k8s.api.apps.v1.Deployment',
    'io.k8s.api.apps.v1.DeploymentSpec',
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  ]);
  assert.ok(schema.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.anyOf);
});

test('several kinds check each document by its apiVersion and kind; unknown kinds are left alone', () => {
  const core: MemberOpenApi = {
    group: '',
    version: 'v1',
    fetchedAt: '2026-01-01T00:00:00Z',
    kinds: [{ group: '', version: 'v1', kind: 'ConfigMap', schema: 'io.k8s.api.core.v1.ConfigMap' }],
    schemas: { 'io.k8s.api.core.v1.ConfigMap': { type: 'object', properties: { data: { type: 'object' } } } },
  };
  const schema = kubeJsonSchema(
    [apps, core],
    [
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'example.com/v1', kind: 'Gadget' },
    ],
  ) as { allOf: { then: { $ref: string } }[] };
  assert.deepEqual(
    schema.allOf.map((entry) => entry.then.$ref),
    ['#/definitions/io.k8s.api.apps.v1.Deployment', '#/definitions/io.k8s.api.core.v1.ConfigMap'],
  );
  assert.equal(kubeJsonSchema([apps], [{ apiVersion: 'v1', kind: 'Secret' }]), undefined);
});
