import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { CORE_ROUTE_DOCS, fallbackDoc } from './routes/platform/core-route-docs.ts';
import { anyObject } from './routes/shared/route-schemas.ts';

const TAGS = [
  { name: 'clusters', description: 'Registered clusters, their credentials and health' },
  { name: 'search', description: 'Reads across clusters, from the store' },
  {
    name: 'resources',
    description: 'Any object of any kind, live: get, create, replace, patch, apply, delete',
  },
  { name: 'workloads', description: 'Deployments, StatefulSets, DaemonSets, Jobs and CronJobs' },
  { name: 'pods', description: 'Logs, events, owners and exec' },
  { name: 'nodes', description: 'Labels, taints, cordon and drain' },
  { name: 'network', description: 'Services with endpoints, Ingresses with rules' },
  { name: 'config', description: 'Secrets (masked unless revealed)' },
  { name: 'storage', description: 'Claims, volumes and classes' },
  { name: 'namespaces', description: 'Namespaces with quotas and limits' },
  { name: 'sandboxes', description: 'Local sandbox clusters' },
  { name: 'server', description: 'Health, metrics and this document' },
];

const STATIC_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// Relative addresses, so the page works behind a proxy that adds a path prefix.
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Portolan API</title>
<link rel="stylesheet" href="docs/static/swagger-ui.css">
<link rel="stylesheet" href="docs/static/index.css">
<link rel="icon" type="image/png" href="docs/static/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/static/swagger-ui-bundle.js"></script>
<script src="docs/static/docs-start.js"></script>
</body>
</html>
`;
const DOCS_START = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

type Described = FastifySchema & Record<string, unknown>;

/** Each route's schema for the document: its permission noted, and a response documented. */
function describe(
  schema: Described | undefined,
  method: string,
  url: string,
  permission: string | undefined,
): Described {
  const documented = CORE_ROUTE_DOCS[`${method} ${url}`];
  const known = schema?.response ? undefined : (documented ?? fallbackDoc(url));
  const described: Described = { ...schema, ...(known ?? {}), 'x-permission': permission ?? 'none' };
  if (schema?.summary) described.summary = schema.summary;
  const note = `Permission: \`${permission}\`.`;
  described.description = schema?.description ? `${schema.description}\n\n${note}` : note;
  return described;
}

/**
 * The OpenAPI 3.1 document at /openapi.json, generated from every route's schemas, and browsable
 * documentation at /docs served from the swagger-ui-dist package (no CDN). Call it before any
 * route is declared: it sees the routes declared after it.
 */
export function registerOpenApi(app: FastifyInstance): void {
  // Called rather than registered: a registered plugin loads only at ready, so it would miss the
  // routes declared between buildApp and listen.
  swagger(
    app,
    {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Portolan',
          version: 'v1',
          description:
            'One API for every Kubernetes cluster. Every operation notes its permission in `x-permission`.',
        },
        tags: TAGS,
      },
      transform: ({ schema, url, route }) => {
        const method = Array.isArray(route.method) ? (route.method[0] ?? 'GET') : route.method;
        return { schema: describe(schema as Described, method, url, route.config?.permission), url };
      },
    },
    (error) => {
      if (error) throw error;
    },
  );

  const config = { permission: 'public' } as const;
  const tags = ['server'];
  app.get(
    '/openapi.json',
    {
      config,
      schema: {
        tags,
        summary: 'This OpenAPI 3.1 document',
        response: { 200: { ...anyObject, description: 'OpenAPI 3.1' } },
      },
    },
    async () => app.swagger(),
  );

  app.get(
    '/docs',
    {
      config,
      schema: {
        tags,
        summary: 'Browsable documentation of this API',
        response: {
          200: { description: 'an HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
        },
      },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(DOCS_PAGE),
  );

  const cache = new Map<string, Buffer>();
  const files = [...Object.keys(STATIC_FILES), 'docs-start.js'];
  app.get<{ Params: { file: string } }>(
    '/docs/static/:file',
    {
      config,
      schema: {
        tags,
        summary: 'The documentation page’s scripts and styles',
        params: { type: 'object', required: ['file'], properties: { file: { type: 'string', enum: files } } },
        response: { 200: { description: 'the file', content: { '*/*': { schema: { type: 'string' } } } } },
      },
    },
    async (request, reply) => {
      const { file } = request.params;
      void reply.header('cache-control', 'public, max-age=3600');
      if (file === 'docs-start.js')
        return reply.type('application/javascript; charset=utf-8').send(DOCS_START);
      let content = cache.get(file);
      if (!content) {
        const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
        content = await readFile(path.join(dir, file));
        cache.set(file, content);
      }
      return reply.type(STATIC_FILES[file] ?? 'application/octet-stream').send(content);
    },
  );
}
