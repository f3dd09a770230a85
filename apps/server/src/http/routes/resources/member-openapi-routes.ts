import { type DescribedKind, type MemberOpenApi, memberOpenApi } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import { callKube } from '#server/resources/kube-call.ts';
import { NotFoundError } from '#server/resources/resource-errors.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { responses } from '../shared/route-schemas.ts';

/** Schemas change only when the cluster's API does (an upgrade, a CRD); a few minutes old is fine. */
const KEEP_MS = 5 * 60_000;
/** Each document is up to a few MB: keep the most recently read ones only. */
const MAX_DOCUMENTS = 48;

interface OpenApiDocument {
  components?: { schemas?: Record<string, Record<string, unknown>> };
}
type Gvk = { group?: string; version?: string; kind?: string };

/** The kinds of this group version the document describes (meta types list every group; they are skipped). */
function kindsOf(schemas: Record<string, Record<string, unknown>>, group: string, version: string) {
  const kinds: DescribedKind[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (name.startsWith('io.k8s.apimachinery.')) continue;
    const gvks = (schema['x-kubernetes-group-version-kind'] as Gvk[] | undefined) ?? [];
    for (const gvk of gvks) {
      if ((gvk.group ?? '') === group && gvk.version === version && gvk.kind)
        kinds.push({ group, version, kind: gvk.kind, schema: name });
    }
  }
  return kinds.sort((a, b) => a.kind.localeCompare(b.kind));
}

const params = {
  type: 'object',
  required: ['cluster', 'group', 'version'],
  properties: {
    cluster: { type: 'string', minLength: 1, maxLength: 63, description: 'registered cluster name' },
    group: {
      type: 'string',
      pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
      maxLength: 253,
      description: '`core` for the core group (apiVersion `v1`)',
    },
    version: { type: 'string', pattern: '^v[0-9]+((alpha|beta)[0-9]+)?$' },
  },
} as const;

/**
 * The member cluster's own OpenAPI v3 schemas of one group version, for editors that check a
 * manifest against what this very cluster serves (its version, its CRDs). Read with the caller's
 * client (Kubernetes lets every signed-in user read /openapi) and kept per cluster for a few minutes.
 */
export function registerMemberOpenApiRoutes(
  app: FastifyInstance,
  targets: ResourceTargets,
  now: () => number = Date.now,
): void {
  const documents = new Map<string, { at: number; answer: Promise<MemberOpenApi> }>();

  async function read(target: Awaited<ReturnType<ResourceTargets['of']>>, group: string, version: string) {
    const path = group ? `/openapi/v3/apis/${group}/${version}` : `/openapi/v3/api/${version}`;
    const operation = { verb: 'get', group: '', resource: path };
    try {
      const { body } = await callKube<OpenApiDocument>(target.client, { path }, operation);
      const schemas = body.components?.schemas ?? {};
      return {
        group,
        version,
        fetchedAt: new Date(now()).toISOString(),
        kinds: kindsOf(schemas, group, version),
        schemas,
      };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const apiVersion = group ? `${group}/${version}` : version;
      throw new NotFoundError(
        operation,
        `cluster "${target.name}" serves no API ${apiVersion} (\`kubectl api-versions\` lists those it serves)`,
        error,
      );
    }
  }

  app.get<{ Params: { cluster: string; group: string; version: string } }>(
    '/api/v1/clusters/:cluster/openapi/:group/:version',
    {
      config: { permission: 'resources:read' },
      schema: {
        tags: ['resources'],
        summary: "The cluster's own OpenAPI v3 schemas of one group version (core: `core/v1`)",
        description:
          'What editors validate manifests against: `kinds` maps each kind to its schema in `schemas` ' +
          "(the document's components, custom resources included). Kept up to 5 minutes per cluster.",
        params,
        response: responses({ 200: memberOpenApi }),
      },
    },
    async (request) => {
      const { cluster, version } = request.params;
      const group = request.params.group === 'core' ? '' : request.params.group;
      const target = await targets.of(cluster, callerOf(request));
      const key = `${target.id}/${group}/${version}`;
      const kept = documents.get(key);
      if (kept && now() - kept.at < KEEP_MS) return kept.answer;
      const answer = read(target, group, version);
      documents.delete(key);
      documents.set(key, { at: now(), answer });
      // A failure is not kept: the next request asks the cluster again.
      answer.catch(() => documents.get(key)?.answer === answer && documents.delete(key));
      for (const oldest of documents.keys()) {
        if (documents.size <= MAX_DOCUMENTS) break;
        documents.delete(oldest);
      }
      return answer;
    },
  );
}
