import type { SandboxManager, SandboxOptionsInput } from '@portolan/sandbox';
import type { FastifyInstance } from 'fastify';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import type { SandboxClusters } from '#server/sandboxes/sandbox-clusters.ts';

const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 40 } },
} as const;

const createBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    nodes: { type: 'integer', minimum: 0, maximum: 1000 },
    nodeCpu: { type: 'string' },
    nodeMemory: { type: 'string' },
    nodePods: { type: 'integer', minimum: 1, maximum: 10000 },
    zones: { type: 'array', items: { type: 'string' }, minItems: 1 },
    region: { type: 'string' },
    nodeLabels: { type: 'object', additionalProperties: { type: 'string' } },
    apiserverPort: { type: 'integer', minimum: 1024, maximum: 65535 },
    register: {
      type: 'boolean',
      description:
        'also register it as a cluster of the same name; the answer is then `{ sandbox, cluster }`',
    },
    demo: {
      type: 'boolean',
      description:
        'also fill it with demo namespaces, workloads of every kind, Services, an Ingress, ConfigMaps, Secrets and storage (implies register); the answer lists each object made',
    },
  },
} as const;

type CreateBody = SandboxOptionsInput & { register?: boolean; demo?: boolean };

/** Local sandbox clusters: create, list, start, stop, delete. */
export function registerSandboxRoutes(
  app: FastifyInstance,
  sandboxes: SandboxManager,
  sandboxClusters?: SandboxClusters,
): void {
  const read = { permission: 'sandboxes:read' } as const;
  const write = { permission: 'sandboxes:write' } as const;

  app.get('/api/v1/sandboxes', { config: read }, async () => ({ items: await sandboxes.list() }));

  app.get<{ Params: { name: string } }>(
    '/api/v1/sandboxes/:name',
    { config: read, schema: { params: nameParams } },
    async (request) => sandboxes.get(request.params.name),
  );

  app.post<{ Body: CreateBody }>(
    '/api/v1/sandboxes',
    { config: write, schema: { body: createBody } },
    async (request, reply) => {
      const { register, demo, ...options } = request.body;
      if (!register && !demo) {
        const report = await sandboxes.create(options);
        return reply.status(201).send({ ...report.sandbox, readyMs: report.readyMs });
      }
      if (!sandboxClusters)
        return reply.status(400).send({
          error: {
            code: 'invalid',
            field: 'register',
            message: 'this server has no cluster registry; leave out register and demo',
          },
        });
      // Registering is a cluster write, whatever creating the sandbox needs.
      const caller = callerOf(request);
      requireAllowed(caller, 'clusters:write', 'platform');
      const report = await sandboxClusters.create(caller, options, { demo: demo === true });
      return reply.status(201).send({
        sandbox: { ...report.sandbox.sandbox, readyMs: report.sandbox.readyMs },
        cluster: report.cluster,
        ...(report.demo ? { demo: report.demo } : {}),
      });
    },
  );

  app.post<{ Params: { name: string } }>(
    '/api/v1/sandboxes/:name/start',
    { config: write, schema: { params: nameParams } },
    async (request) => {
      const report = await sandboxes.start(request.params.name);
      return { ...report.sandbox, readyMs: report.readyMs };
    },
  );

  app.post<{ Params: { name: string } }>(
    '/api/v1/sandboxes/:name/stop',
    { config: write, schema: { params: nameParams } },
    async (request) => sandboxes.stop(request.params.name),
  );

  app.delete<{ Params: { name: string } }>(
    '/api/v1/sandboxes/:name',
    { config: write, schema: { params: nameParams } },
    async (request, reply) => {
      await sandboxes.delete(request.params.name);
      return reply.status(204).send();
    },
  );
}
