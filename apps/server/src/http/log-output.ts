import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';

export type LogFormat = 'text' | 'json';

interface LogSink {
  write(line: string): void;
}

/** Fields every record carries; the text format shows the message and whatever else there is. */
const PLAIN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId']);
const LEVEL_PREFIX: Record<number, string> = {
  10: 'trace: ',
  20: 'debug: ',
  40: 'warning: ',
  50: 'error: ',
  60: 'fatal: ',
};

/** One log record (pino's JSON line) as a line for people: the message, then the other fields. */
export function formatLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const prefix = LEVEL_PREFIX[Number(record.level)] ?? '';
  const details = Object.entries(record)
    .filter(([key]) => !PLAIN.has(key))
    .map(([key, value]) => `${key}=${describe(value)}`);
  return `${prefix}${String(record.msg ?? '')}${details.length ? ` (${details.join(', ')})` : ''}\n`;
}

function describe(value: unknown): string {
  if (value && typeof value === 'object' && 'message' in value) return String(value.message);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The logger of a Fastify instance: plain lines for people by default, JSON lines for machines
 * with --log-format json. Fastify's own line per request is off: logRequests writes one at debug.
 */
export function serverLogger(deps: {
  level: string;
  format: LogFormat;
  stream?: LogSink;
}): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  const sink = deps.stream ?? process.stdout;
  const stream = deps.format === 'json' ? sink : { write: (line: string) => sink.write(formatLogLine(line)) };
  return {
    logger: { level: deps.level, stream },
    logController: new LogController({ disableRequestLogging: true }),
  };
}

/** One line per answered request at debug level (health polls included), for --log-level debug. */
export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      `${request.method} ${request.url}`,
    );
  });
}
