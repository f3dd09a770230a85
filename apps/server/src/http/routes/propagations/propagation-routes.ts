import {
  PROPAGATION_ROUTES,
  type PropagationDocument,
  type PropagationEventQuery,
  type PropagationListQuery,
  type PropagationView,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { PropagationConflictError, type Propagations } from '#server/propagation/contract.ts';
import { previewPropagation } from '#server/propagation/preview.ts';
import {
  maySee,
  requireSourceRead,
  requireWriteEverywhere,
  visibleEvents,
  visibleView,
} from '#server/propagation/propagation-access.ts';
import {
  checkPropagation,
  type DocumentWarning,
  PropagationCheckError,
  warningFields,
} from '#server/propagation/propagation-checks.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { acceptYaml, documentBody } from './propagation-body.ts';

export interface PropagationRouteDeps {
  propagations: Propagations;
  /** The caller's client of a member cluster, for the preview's live reads. */
  targets: ResourceTargets;
  /** The registered clusters' names: a document naming another gets a warning. */
  clusterNames: () => Promise<string[]>;
}

const tags = ['propagations'];
const one = '/api/v1/propagations/:name';
const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 253 } },
} as const;

type Named = { Params: { name: string } };

/** The document's own refusals in Portolan's shape; everything else goes to the shared handler. */
function answerErrors<R extends FastifyRequest>(
  handler: (request: R, reply: FastifyReply) => Promise<unknown>,
) {
  return async (request: R, reply: FastifyReply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      if (error instanceof PropagationCheckError) {
        const fields = error.problems.map(({ field, message }) => ({
          field,
          reason: 'FieldValueInvalid',
          message,
        }));
        return reply
          .status(400)
          .send({ error: { code: 'invalid', message: error.message, field: error.field, fields } });
      }
      if (error instanceof PropagationConflictError) {
        const hint = /reload/i.test(error.message)
          ? ''
          : '; reload the propagation and apply your change to it again';
        return reply.status(409).send({ error: { code: 'conflict', message: `${error.message}${hint}` } });
      }
      throw error;
    }
  };
}

const notFound = (name: string) =>
  new IamError('not-found', `no propagation is named "${name}"; list them with GET /api/v1/propagations`);

/** Every cluster the stored propagation may have written on: where it is now, and where it is placed. */
async function clustersOf(propagations: Propagations, view: PropagationView): Promise<string[]> {
  const placed = await propagations.targetsOf(view.document);
  return [...new Set([...view.status.targets.map((target) => target.cluster), ...placed])];
}

/**
 * Propagations (issue #12): list, read, create or replace from JSON or YAML, remove, preview, and
 * their events. Each route needs its permission somewhere (the access hook); the handler checks the
 * exact clusters and namespaces (propagation/propagation-access.ts), since a propagation acts on many.
 */
export function registerPropagationRoutes(app: FastifyInstance, deps: PropagationRouteDeps): void {
  const read = { permission: 'resources:read', scope: 'handler' } as const;
  const write = { permission: 'resources:write', scope: 'handler' } as const;
  const service = deps.propagations;

  /** The stored propagation if the caller may see it at all; 404 otherwise, as for a name never used. */
  async function visible(caller: Caller, name: string): Promise<PropagationView> {
    const view = await service.get(name);
    if (!view || !maySee(caller, view)) throw notFound(name);
    return view;
  }

  /** Schema-valid; checked beyond the schema; readable at its source. Its warnings. */
  async function checked(caller: Caller, document: PropagationDocument): Promise<DocumentWarning[]> {
    const warnings = checkPropagation(document, await deps.clusterNames());
    requireSourceRead(caller, document);
    return warnings;
  }

  app.get<{ Querystring: PropagationListQuery }>(
    '/api/v1/propagations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Propagations the caller may see, each showing only the target clusters it may read',
        querystring: PROPAGATION_ROUTES['GET /api/v1/propagations'].querystring,
        response: PROPAGATION_ROUTES['GET /api/v1/propagations'].response,
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { q, cluster, phase, limit = 100, offset = 0 } = request.query;
      const items = (await service.list())
        .filter((view) => maySee(caller, view))
        .map((view) => visibleView(caller, view))
        .filter((view) => q === undefined || view.document.metadata.name.includes(q))
        .filter((view) => phase === undefined || view.status.phase === phase)
        .filter(
          (view) => cluster === undefined || view.status.targets.some((target) => target.cluster === cluster),
        )
        .sort((a, b) => a.document.metadata.name.localeCompare(b.document.metadata.name));
      return { items: items.slice(offset, offset + limit), total: items.length };
    },
  );

  app.get<Named>(
    one,
    {
      config: read,
      schema: {
        tags,
        summary: 'One propagation with its status on the target clusters the caller may read',
        params: nameParams,
        response: PROPAGATION_ROUTES[`GET ${one}`].response,
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return visibleView(caller, await visible(caller, request.params.name));
    },
  );

  app.get<Named & { Querystring: PropagationEventQuery }>(
    `${one}/events`,
    {
      config: read,
      schema: {
        tags,
        summary:
          'What the propagation did, newest first; events of clusters the caller may not read are left out',
        params: nameParams,
        querystring: PROPAGATION_ROUTES[`GET ${one}/events`].querystring,
        response: PROPAGATION_ROUTES[`GET ${one}/events`].response,
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const name = request.params.name;
      await visible(caller, name);
      const { cluster, limit = 100, cursor } = request.query;
      const page = await service.events(name, {
        limit,
        ...(cluster === undefined ? {} : { cluster }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { items: visibleEvents(caller, page.items), nextCursor: page.nextCursor };
    },
  );

  app.delete<Named>(
    one,
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a propagation: what it created on each cluster is cleaned up first, then the record',
        description:
          'The caller must be allowed to write everywhere the propagation wrote (its current and placed ' +
          'targets, in the namespaces of its objects); only objects Portolan created are ever deleted.',
        params: nameParams,
        response: PROPAGATION_ROUTES[`DELETE ${one}`].response,
      },
    },
    answerErrors<FastifyRequest<Named>>(async (request, reply) => {
      const caller = callerOf(request);
      const name = request.params.name;
      const view = await visible(caller, name);
      requireWriteEverywhere(caller, view.document, await clustersOf(service, view), 'remove');
      const removed = await service.remove(name, caller.username);
      if (!removed) throw notFound(name);
      return reply.status(202).send(visibleView(caller, removed));
    }),
  );

  app.register(async (scope) => {
    acceptYaml(scope);

    scope.put<Named & { Body: PropagationDocument }>(
      one,
      {
        config: write,
        schema: {
          tags,
          summary: 'Create or replace a propagation from its document (JSON, or YAML as application/yaml)',
          description:
            'metadata.name must be the name in the path. The caller must be allowed to write on every ' +
            'target cluster, in every namespace the document writes in (cluster-scoped objects need a ' +
            'cluster role), and, on a replace, everywhere the propagation wrote before. A ' +
            'metadata.generation other than the stored one is refused (409): reload and retry. ' +
            'Answers 201 when created, 200 when replaced, with `warnings` for what will not do what it seems to.',
          params: nameParams,
          body: documentBody,
          response: PROPAGATION_ROUTES[`PUT ${one}`].response,
        },
      },
      answerErrors<FastifyRequest<Named & { Body: PropagationDocument }>>(async (request, reply) => {
        const caller = callerOf(request);
        const document = request.body;
        if (document.metadata.name !== request.params.name)
          throw new PropagationCheckError([
            {
              field: 'metadata.name',
              message: `is "${document.metadata.name}" but the path names "${request.params.name}"; make them the same`,
            },
          ]);
        const warnings = await checked(caller, document);
        requireWriteEverywhere(caller, document, await service.targetsOf(document));
        const stored = await service.get(document.metadata.name);
        if (stored) {
          if (!maySee(caller, stored))
            throw new IamError(
              'conflict',
              `the name "${document.metadata.name}" is taken by a propagation you may not see; choose another name`,
            );
          requireWriteEverywhere(caller, stored.document, await clustersOf(service, stored), 'change');
        }
        const { view, created } = await service.save(document, caller.username);
        const answer = visibleView(caller, view);
        return reply.status(created ? 201 : 200).send({ ...answer, ...warningFields(warnings) });
      }),
    );

    scope.post<{ Body: PropagationDocument }>(
      '/api/v1/propagations/preview',
      {
        // Nothing changes: only a refusal is worth a record in the audit trail.
        config: { ...read, audit: 'refusals' },
        schema: {
          tags,
          summary:
            'What applying a propagation document would do on each target cluster; nothing is saved or applied',
          description:
            'Per target cluster, each object exactly as it would be applied and a diff against the live ' +
            'object (only the fields Portolan sets; Secret values masked unless the caller may reveal ' +
            'them there). Objects the caller may not read or write there are `refused`, with the reason.',
          body: documentBody,
          response: PROPAGATION_ROUTES['POST /api/v1/propagations/preview'].response,
        },
      },
      answerErrors<FastifyRequest<{ Body: PropagationDocument }>>(async (request) => {
        const caller = callerOf(request);
        const warnings = await checked(caller, request.body);
        const targets = await previewPropagation(
          { propagations: service, targets: deps.targets },
          caller,
          request.body,
        );
        return { targets, ...warningFields(warnings) };
      }),
    );
  });
}
