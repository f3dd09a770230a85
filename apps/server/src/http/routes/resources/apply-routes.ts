import { applyAnswer, previewAnswer } from '@portolan/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { previewApply } from '#server/resources/apply-preview.ts';
import { type ApplyOptions, type ApplyResult, applyManifests } from '#server/resources/apply-service.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { resourceErrorBody } from '../../errors.ts';
import { maskedSecretDiff } from '../config/secret-diff.ts';
import { maskSecret, refuseMaskedValues } from '../config/secret-masking.ts';
import { dryRun, fieldManager, kubeObject, pathParams, query, responses } from '../shared/route-schemas.ts';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/apply-patch+yaml'];

interface ApplyBody {
  manifests: string | KubeObject[];
  fieldManager?: string;
  force?: boolean;
  dryRun?: boolean;
  namespace?: string;
}

const options = {
  fieldManager,
  force: { type: 'boolean', description: 'take over fields another field manager owns' },
  dryRun,
  namespace: { type: 'string', description: 'for namespaced objects that name none' },
} as const;

const manifestsText = {
  type: 'string',
  minLength: 1,
  // No maxLength: the route's body limit (--manifest-body-limit-mib) is the one cap.
  description: 'YAML or JSON; several documents separated by `---`, or a List',
} as const;

const body = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['manifests'],
        additionalProperties: false,
        properties: {
          manifests: { anyOf: [manifestsText, { type: 'array', items: kubeObject }] },
          ...options,
        },
      },
    },
    ...Object.fromEntries(YAML_TYPES.map((type) => [type, { schema: manifestsText }])),
  },
} as const;

const resourceView = (resource: DiscoveredResource) => ({
  group: resource.group,
  version: resource.version,
  resource: resource.resource,
  namespaced: resource.namespaced,
});

function resultView(result: Omit<ApplyResult, 'outcome'> & { live?: KubeObject }): Record<string, unknown> {
  const { resource, error, object, live, ...rest } = result;
  return {
    ...rest,
    ...(resource ? { resource: resourceView(resource) } : {}),
    ...(object ? { object: maskSecret(object) } : {}),
    ...(live ? { live: maskSecret(live) } : {}),
    ...(error ? { error: resourceErrorBody(error) } : {}),
  };
}

/** Server-side apply of YAML or JSON manifests, and its dry-run preview with a diff per document. */
export function registerApplyRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  // Each document names its own namespace: the handler checks every one (see inputOf).
  const config = { permission: 'resources:write', scope: 'handler' } as const;
  const tags = ['resources'];
  type Route = {
    Params: { cluster: string };
    Body: ApplyBody | string;
    Querystring: Omit<ApplyBody, 'manifests'>;
  };

  /** Options from the JSON body, or from the query when the body is the YAML itself. */
  function inputOf(request: FastifyRequest<Route>) {
    const given =
      typeof request.body === 'string' ? { ...request.query, manifests: request.body } : request.body;
    if (Array.isArray(given.manifests)) for (const object of given.manifests) refuseMaskedValues(object);
    const applyOptions: ApplyOptions = { fieldManager: given.fieldManager ?? 'portolan' };
    if (given.force) applyOptions.force = true;
    if (given.dryRun) applyOptions.dryRun = true;
    if (given.namespace) applyOptions.namespace = given.namespace;
    const caller = callerOf(request);
    const cluster = request.params.cluster;
    applyOptions.check = (location) =>
      requireAllowed(
        caller,
        'resources:write',
        location.namespace ? { cluster, namespace: location.namespace } : { cluster },
      );
    return { manifests: given.manifests, options: applyOptions };
  }

  app.register(async (scope) => {
    scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, text, done) => done(null, text));

    scope.post<Route>(
      '/api/v1/clusters/:cluster/apply',
      {
        config,
        schema: {
          tags,
          summary: 'Server-side apply of YAML or JSON (several documents); each document reports its outcome',
          description:
            'Send JSON `{ manifests, fieldManager, force, dryRun, namespace }`, or the YAML itself ' +
            '(Content-Type application/yaml) with the options in the query. Nothing is sent until every ' +
            'document parses (400 with line and column) and names a served kind.',
          params: pathParams(),
          querystring: query(options),
          body,
          response: responses({ 200: applyAnswer }),
        },
      },
      async (request) => {
        const { manifests, options: applyOptions } = inputOf(request);
        const results = await applyManifests(
          await targets.of(request.params.cluster, callerOf(request)),
          manifests,
          applyOptions,
        );
        return {
          failed: results.filter((result) => result.outcome === 'failed').length,
          results: results.map((result) => ({ ...resultView(result), outcome: result.outcome })),
        };
      },
    );

    scope.post<Route>(
      '/api/v1/clusters/:cluster/apply/preview',
      {
        config,
        schema: {
          tags,
          summary: 'What an apply would do: a server dry run, with a diff against each live object',
          params: pathParams(),
          querystring: query(options),
          body,
          response: responses({ 200: previewAnswer }),
        },
      },
      async (request) => {
        const { manifests, options: applyOptions } = inputOf(request);
        const { dryRun: _dryRun, ...previewOptions } = applyOptions;
        const previews = await previewApply(
          await targets.of(request.params.cluster, callerOf(request)),
          manifests,
          previewOptions,
        );
        return {
          results: previews.map((preview) => {
            const view = { ...resultView(preview), action: preview.action, diff: preview.diff };
            if (preview.kind !== 'Secret' || preview.apiVersion !== 'v1' || !preview.object) return view;
            const label = `Secret/${preview.namespace}/${preview.name}`;
            return { ...view, diff: maskedSecretDiff(preview.live, preview.object, label) };
          }),
        };
      },
    );
  });
}
