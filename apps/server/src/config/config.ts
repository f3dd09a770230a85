import path from 'node:path';
import { parseArgs } from 'node:util';

/** Every setting of the server, read once at start from flags, then environment, then defaults. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Restart sandboxes that were running before Portolan stopped. */
  recoverSandboxes: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function pick(flag: string | undefined, env: string | undefined, fallback: string): string {
  return flag ?? env ?? fallback;
}

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'log-level': { type: 'string' },
      'recover-sandboxes': { type: 'string' },
    },
  });
  const portText = pick(values.port, env.PORTOLAN_PORT, '8080');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ConfigError(`port "${portText}" (--port or PORTOLAN_PORT) must be a number from 0 to 65535`);
  }
  const logLevel = pick(values['log-level'], env.PORTOLAN_LOG_LEVEL, 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(
      `log level "${logLevel}" (--log-level or PORTOLAN_LOG_LEVEL) must be one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const recover = pick(values['recover-sandboxes'], env.PORTOLAN_RECOVER_SANDBOXES, 'true');
  if (recover !== 'true' && recover !== 'false') {
    throw new ConfigError(`recover-sandboxes "${recover}" must be true or false`);
  }
  return {
    host: pick(values.host, env.PORTOLAN_HOST, '127.0.0.1'),
    port,
    dataDir: path.resolve(pick(values['data-dir'], env.PORTOLAN_DATA_DIR, 'data')),
    logLevel: logLevel as ServerConfig['logLevel'],
    recoverSandboxes: recover === 'true',
  };
}
