import type { SandboxManager, SandboxOptionsInput } from '@portolan/sandbox';
import type { FastifyInstance } from 'fastify';

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
  },
} as const;

/** Local sandbox clusters: create, list, start, stop, delete. */
export function registerSandboxRoutes(app: FastifyInstance, sandboxes: SandboxManager): void {
  const read = { permission: 'sandboxes:read' } as const;
  const write = { permission: 'sandboxes:write' } as const;

  app.get('/api/v1/sandboxes', { config: read }, async () => ({ items: await sandboxes.list() }));

  app.get<{ Params: { name: string } }>(
    '/api/v1/sandboxes/:name',
    { config: read, schema: { params: nameParams } },
    async (request) => sandboxes.get(request.params.name),
  );

  app.post<{ Body: SandboxOptionsInput }>(
    '/api/v1/sandboxes',
    { config: write, schema: { body: createBody } },
    async (request, reply) => {
      const report = await sandboxes.create(request.body);
      return reply.status(201).send({ ...report.sandbox, readyMs: report.readyMs });
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
