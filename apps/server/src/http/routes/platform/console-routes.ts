import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the API and its tools: never answered with the console's page. */
const SERVER_PATHS = /^\/(api|k8s|healthz|readyz|metrics|openapi\.json|docs)(\/|\?|$)/;

/** Vite writes content-hashed file names under assets/: a new build means new names. */
const HASHED_DIR = 'assets/';

const config = { permission: 'public' } as const;
const schema = {
  tags: ['server'],
  response: {
    200: { description: 'the console’s page or file', content: { '*/*': { schema: { type: 'string' } } } },
    404: {
      description: 'no such file, or a path of the API',
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  },
} as const;

/**
 * The web console (apps/web, built to webDir) at / on the API's port: its files, and its page for
 * any other path a browser opens, so a link into the single-page app works on reload. Public like
 * /docs: the page itself signs the user in through the API.
 */
export function registerConsoleRoutes(app: FastifyInstance, webDir: string): void {
  // serve: false: the routes below decide what is a file, what is the page and what is the API's.
  void app.register(fastifyStatic, {
    root: webDir,
    serve: false,
    preCompressed: true,
    suppressWarning: true,
  });

  const page = async (_request: FastifyRequest, reply: FastifyReply) => sendPage(reply, webDir);
  app.get('/', { config, schema: { ...schema, summary: 'The web console' } }, page);
  app.get(
    '/*',
    { config, schema: { ...schema, summary: 'The web console’s files, and its page for its own paths' } },
    async (request, reply) => {
      const wanted = (request.params as { '*': string })['*'];
      if (SERVER_PATHS.test(request.url)) return notFound(request, reply);
      const file = await fileIn(webDir, wanted);
      if (file) {
        // Hashed names never change content; other files (favicon, manifest) may change with a build.
        const hashed = file.startsWith(HASHED_DIR);
        if (!hashed) void reply.header('cache-control', 'public, max-age=300');
        return reply.sendFile(file, hashed ? { maxAge: '365d', immutable: true } : { cacheControl: false });
      }
      const acceptsPage = (request.headers.accept ?? '').includes('text/html');
      return acceptsPage ? sendPage(reply, webDir) : notFound(request, reply);
    },
  );
}

/** index.html, checked on every load (it names the current build's assets); or how to build it. */
async function sendPage(reply: FastifyReply, webDir: string) {
  void reply.header('cache-control', 'no-cache');
  if (await fileIn(webDir, 'index.html')) return reply.sendFile('index.html', { cacheControl: false });
  return reply.type('text/html; charset=utf-8').send(missingConsolePage(webDir));
}

/** The path relative to webDir when it names a file inside it; undefined otherwise. */
async function fileIn(webDir: string, wanted: string): Promise<string | undefined> {
  const full = path.resolve(webDir, `./${wanted}`);
  if (!full.startsWith(`${path.resolve(webDir)}${path.sep}`)) return undefined;
  const found = await stat(full).catch(() => undefined);
  return found?.isFile() ? path.relative(webDir, full).split(path.sep).join('/') : undefined;
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ error: { code: 'not-found', message: `no route ${request.method} ${request.url}` } });
}

function missingConsolePage(webDir: string): string {
  const escaped = webDir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portolan</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Portolan</h1>
<p>The API is running, but the web console is not built: there is no <code>index.html</code> in
<code>${escaped}</code>.</p>
<p>Build it with <code>source scripts/setup.sh</code> (or <code>cd apps/web &amp;&amp; npm run build</code>),
or point <code>--web-dir</code> / <code>PORTOLAN_WEB_DIR</code> at a built console. Then reload this page.</p>
<p>Meanwhile the API answers under <code>/api/v1</code>, documented at <a href="/docs">/docs</a>.</p>
</body></html>
`;
}
