import { propagationDocument } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { parseManifests } from '#server/resources/manifest-parse.ts';
import { ManifestError } from '#server/resources/resource-errors.ts';

/** The YAML content types a Propagation may be sent as (`portolan apply -f` sends application/yaml). */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * A request body that is one Propagation document, as JSON or YAML. Both are checked against the
 * document's schema: YAML is read into an object first, with the apply route's parser (line and
 * column of a fault, alias bombs and deep nesting refused), so its fields are validated the same way.
 */
export const documentBody = {
  content: {
    'application/json': { schema: propagationDocument },
    ...Object.fromEntries(YAML_TYPES.map((type) => [type, { schema: propagationDocument }])),
  },
} as const;

/** Reads one YAML document into an object; several documents, or none, are refused with the fix. */
export function readYamlDocument(text: string): unknown {
  const manifests = parseManifests(text);
  if (manifests.length !== 1) {
    throw new ManifestError(
      manifests.length === 0
        ? 'the body holds no document; send one Propagation (apiVersion: portolan.dev/v1, kind: Propagation)'
        : `the body holds ${manifests.length} documents; send one Propagation per request (portolan apply -f sends each document of a file on its own)`,
      { document: manifests.length === 0 ? 1 : 2 },
    );
  }
  return manifests[0]?.object;
}

/** The YAML parser, and no plain text, in an encapsulated scope (the routes that take a document live there). */
export function acceptYaml(scope: FastifyInstance): void {
  // Fastify reads text/plain as a string by default, which no schema here checks: refuse it (415).
  scope.removeContentTypeParser('text/plain');
  scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, readYamlDocument(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
