import type { FromSchema } from 'json-schema-to-ts';
import type { TerminalEndCode } from './terminal-codes.ts';

/**
 * Web terminals: a shell with kubectl and helm pointed at one cluster through Portolan's Kubernetes
 * proxy, acting as the signed-in user (its own short-lived proxy token), in an isolated sandbox.
 *
 * Routes (the server declares each one's permission):
 * - POST   /api/v1/clusters/:cluster/terminals          open (clusters:proxy on that cluster) → 201 terminalSession
 * - GET    /api/v1/terminals                            the caller's open sessions (self) → { items }
 * - GET    /api/v1/terminals/history                    recorded sessions, every user (audit:read) → terminalHistoryPage
 * - GET    /api/v1/terminals/:id                        one open session of the caller (self) → terminalSession
 * - DELETE /api/v1/terminals/:id                        end it (the owner) → 204
 * - GET    /api/v1/terminals/:id/attach                 WebSocket; see TerminalServerControl / TerminalClientControl
 * - GET    /api/v1/terminals/:id/files                  the session home's files (owner) → { items: terminalFile[] }
 * - GET    /api/v1/terminals/:id/files/content?path=    download one file (owner), application/octet-stream
 * - PUT    /api/v1/terminals/:id/files/content?path=    upload one file (owner), raw body ≤ 10 MiB → terminalFile
 * - GET    /api/v1/terminals/:id/transcript             what the session printed (audit:read), text/plain
 */

const time = { type: 'string', format: 'date-time' } as const;

export const terminalEndReason = {
  type: 'string',
  enum: ['exit', 'closed', 'idle', 'revoked', 'detached', 'server-stopping', 'replica-lost', 'failed'],
  description:
    'exit: the shell ended; closed: the user ended it; idle: no input for the idle timeout; revoked: the ' +
    'user lost access; detached: nobody re-attached within the grace period; server-stopping: the ' +
    'replica stopped; replica-lost: the replica that ran it died; failed: it could not start',
} as const;

/** POST /api/v1/clusters/:cluster/terminals */
export const terminalOpenBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cols: { type: 'integer', minimum: 10, maximum: 1000, default: 120 },
    rows: { type: 'integer', minimum: 5, maximum: 500, default: 30 },
  },
} as const;

/** An open terminal as its owner sees it. */
export const terminalSession = {
  type: 'object',
  required: ['id', 'cluster', 'createdAt', 'lastInputAt', 'idleTimeoutSeconds', 'replica', 'attached'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    cluster: { type: 'string' },
    createdAt: time,
    lastInputAt: time,
    idleTimeoutSeconds: { type: 'integer', description: 'the session ends after this long without input' },
    replica: { type: 'string', description: 'the Portolan replica whose sandbox runs the shell' },
    attached: { type: 'boolean', description: 'whether a browser is connected to it now' },
  },
} as const;

export const terminalSessionList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: terminalSession } },
} as const;

/** One recorded session (open or ended), for platform Admins. */
export const terminalRecord = {
  type: 'object',
  required: [
    'id',
    'user',
    'cluster',
    'replica',
    'startedAt',
    'endedAt',
    'endReason',
    'bytesIn',
    'bytesOut',
    'hasTranscript',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    user: {
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, name: { type: 'string' } },
    },
    cluster: { type: 'string' },
    replica: { type: 'string' },
    startedAt: time,
    endedAt: { type: ['string', 'null'], format: 'date-time' },
    endReason: { anyOf: [terminalEndReason, { type: 'null' }] },
    bytesIn: { type: 'integer', description: 'bytes typed or pasted' },
    bytesOut: { type: 'integer', description: 'bytes the shell printed' },
    hasTranscript: { type: 'boolean' },
  },
} as const;

/** GET /api/v1/terminals/history: newest first, a page at a time. */
export const terminalHistoryQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    user: { type: 'string', description: 'a user id' },
    cluster: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    cursor: { type: 'string', description: 'nextCursor of the previous page' },
  },
} as const;

export const terminalHistoryPage = {
  type: 'object',
  required: ['items', 'nextCursor'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: terminalRecord },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

/** A file in a session's home; path is relative to the home, with '/' between folders. */
export const terminalFile = {
  type: 'object',
  required: ['path', 'size', 'modifiedAt'],
  additionalProperties: false,
  properties: { path: { type: 'string' }, size: { type: 'integer' }, modifiedAt: time },
} as const;

export const terminalFileList = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: terminalFile } },
} as const;

export type TerminalEndReason = FromSchema<typeof terminalEndReason>;
export type TerminalOpenBody = FromSchema<typeof terminalOpenBody>;
export type TerminalSession = FromSchema<typeof terminalSession>;
export type TerminalSessionList = FromSchema<typeof terminalSessionList>;
export type TerminalRecord = FromSchema<typeof terminalRecord>;
export type TerminalHistoryQuery = FromSchema<typeof terminalHistoryQuery>;
export type TerminalHistoryPage = FromSchema<typeof terminalHistoryPage>;
export type TerminalFile = FromSchema<typeof terminalFile>;
export type TerminalFileList = FromSchema<typeof terminalFileList>;

/** Largest upload into a session's home. */
export const TERMINAL_UPLOAD_LIMIT = 10 * 1024 * 1024;

/**
 * The attach WebSocket (GET /api/v1/terminals/:id/attach):
 * - server → client BINARY frames are terminal output. On every attach the server first sends an
 *   `attached` text message, then the scrollback it kept (the last 256 KiB) as binary, then live output.
 * - client → server BINARY frames (or text frames that are not JSON control messages) are input.
 * - Control messages are TEXT frames holding one JSON object, below.
 * Only one browser is attached at a time: a newer attach replaces the older one, which gets
 * `{type:'ended', reason:'detached'}`-free close code 4001 ("attached elsewhere") and may re-attach.
 * Close codes: 1000 the session ended (after an `ended` message), 1008 access lost (revoked),
 * 4001 attached elsewhere, 4004 no such session (or not yours), 4009 the session runs on another replica.
 * The server pings every 20 s; a client may also send {type:'ping'}.
 */
export type TerminalServerControl =
  | { type: 'attached'; session: TerminalSession; scrollbackBytes: number }
  | { type: 'idle-warning'; secondsLeft: number }
  /**
   * `code` and `params` (TERMINAL_END_CODES of terminal-codes.ts) word `message` in the reader's
   * language; absent when the server had only English to say.
   */
  | {
      type: 'ended';
      reason: TerminalEndReason;
      message: string;
      code?: TerminalEndCode;
      params?: Record<string, string | number>;
    }
  | { type: 'pong' };

export type TerminalClientControl =
  | { type: 'resize'; cols: number; rows: number }
  /** "Stay connected" after an idle warning: counts as input without typing. */
  | { type: 'activity' }
  | { type: 'ping' };

export const TERMINAL_CLOSE = {
  ended: 1000,
  revoked: 1008,
  attachedElsewhere: 4001,
  notFound: 4004,
  otherReplica: 4009,
} as const;
