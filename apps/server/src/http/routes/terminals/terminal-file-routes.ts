import path from 'node:path';
import { TERMINAL_UPLOAD_LIMIT, terminalFile, terminalFileList } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '#server/audit/audit-log.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import type { HomeFile } from '#server/terminals/session-runner.ts';
import type { TerminalSessions } from '#server/terminals/terminal-sessions.ts';
import { auditEventOf } from '../../audit-hook.ts';
import { formatBytes } from '../../body-limits.ts';
import { query, responses } from '../shared/route-schemas.ts';
import { handleTerminalError, terminalIdParams } from './terminal-route-errors.ts';

/** The most files listed, and the largest file downloaded. */
const LIST_LIMIT = 1000;
const DOWNLOAD_LIMIT = 64 * 1024 * 1024;

const tags = ['terminals'];
const pathQuery = query(
  {
    path: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      description: "relative to the session's home, '/' between folders, e.g. manifests/app.yaml",
    },
  },
  ['path'],
);

const fileView = (file: HomeFile) => ({ ...file, modifiedAt: file.modifiedAt.toISOString() });

/** `attachment; filename=…` that every browser reads, with the name in UTF-8 for those that can. */
function attachment(file: string): string {
  const name = path.posix.basename(file);
  const plain = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Files in and out of a terminal's home: a manifest to apply, a log to keep. Only the owner's open
 * session; paths climbing out of the home, absolute or through a symbolic link are refused (400).
 */
export function registerTerminalFileRoutes(
  app: FastifyInstance,
  deps: { sessions: TerminalSessions; audit: Pick<AuditLog, 'record'> | undefined },
): void {
  const { sessions } = deps;
  app.register(async (scope) => {
    // An upload is the file's bytes whatever its type: a .json file stays bytes, not a parsed object.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler(handleTerminalError);

    scope.get<{ Params: { id: string } }>(
      '/api/v1/terminals/:id/files',
      {
        config: { permission: 'self' },
        schema: {
          tags,
          summary: "The files in one of your terminals' home",
          params: terminalIdParams,
          response: responses({ 200: terminalFileList }),
        },
      },
      async (request) => {
        const terminal = await sessions.find(callerOf(request).userId, request.params.id);
        return { items: (await terminal.process.home.list(LIST_LIMIT)).map(fileView) };
      },
    );

    scope.get<{ Params: { id: string }; Querystring: { path: string } }>(
      '/api/v1/terminals/:id/files/content',
      {
        config: { permission: 'self' },
        schema: {
          tags,
          summary: "Download a file from one of your terminals' home",
          description: `The file's bytes as application/octet-stream, named in Content-Disposition; at most ${formatBytes(DOWNLOAD_LIMIT)}.`,
          params: terminalIdParams,
          querystring: pathQuery,
          response: responses({ 200: { type: 'string', format: 'binary' } }),
        },
      },
      async (request, reply) => {
        const terminal = await sessions.find(callerOf(request).userId, request.params.id);
        const content = await terminal.process.home.read(request.query.path, DOWNLOAD_LIMIT);
        await deps.audit?.record({
          ...auditEventOf(request, 200),
          cluster: terminal.cluster,
          resourceKind: 'terminal',
          resourceName: terminal.id,
          detail: `downloaded ${request.query.path} (${content.length} bytes)`,
        });
        return reply
          .type('application/octet-stream')
          .header('content-disposition', attachment(request.query.path))
          .send(content);
      },
    );

    scope.put<{ Params: { id: string }; Querystring: { path: string }; Body: Buffer }>(
      '/api/v1/terminals/:id/files/content',
      {
        // Recorded below with the file's name and size; refusals by the hook.
        config: { permission: 'self', audit: 'refusals' },
        bodyLimit: TERMINAL_UPLOAD_LIMIT,
        schema: {
          tags,
          summary: "Upload a file into one of your terminals' home (a manifest to apply)",
          description: `The body is the file's bytes (any Content-Type), at most ${formatBytes(TERMINAL_UPLOAD_LIMIT)}; folders are made as needed and an existing file is replaced.`,
          params: terminalIdParams,
          querystring: pathQuery,
          response: responses({ 200: terminalFile }),
        },
      },
      async (request) => {
        const terminal = await sessions.find(callerOf(request).userId, request.params.id);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const written = await terminal.process.home.write(request.query.path, body);
        await deps.audit?.record({
          ...auditEventOf(request, 200),
          cluster: terminal.cluster,
          resourceKind: 'terminal',
          resourceName: terminal.id,
          detail: `uploaded ${written.path} (${written.size} bytes)`,
        });
        return fileView(written);
      },
    );
  });
}
