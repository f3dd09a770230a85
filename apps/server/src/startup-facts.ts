import path from 'node:path';

export interface StartupFacts {
  /** The API's listener as bound (host as configured, port as chosen). */
  host: string;
  port: number;
  proxyUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The administrator made at this start, if one was. */
  admin?: { username: string; generatedPassword?: string };
}

/**
 * What a person starting Portolan needs to know, as plain lines: where to sign in, the first
 * administrator's password (only on the start that made it), where the data lives and in which store.
 */
export function startupLines(facts: StartupFacts): { info: string[]; password?: string } {
  // A wildcard address is not one a browser can open; loopback is on every machine.
  const host = ['0.0.0.0', '::', ''].includes(facts.host) ? '127.0.0.1' : facts.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${facts.port}/`;
  const info = [`Portolan is running. Sign in at ${url}`];
  const admin = facts.admin;
  if (admin && !admin.generatedPassword)
    info.push(`Administrator "${admin.username}" created with the password from PORTOLAN_ADMIN_PASSWORD.`);
  info.push(
    facts.databaseUrl
      ? `Data: PostgreSQL at ${redacted(facts.databaseUrl)}; keys and certificates in ${facts.dataDir}`
      : `Data: SQLite in ${path.join(facts.dataDir, 'portolan.db')}; keys and certificates in ${facts.dataDir}`,
  );
  info.push(`kubectl and helm through Portolan: ${facts.proxyUrl} (API documentation: ${url}docs)`);
  if (!admin?.generatedPassword) return { info };
  return {
    info,
    password: `First sign-in: user "${admin.username}", password ${admin.generatedPassword} (shown only this once; change it after signing in)`,
  };
}

/** A database URL without its password, to print. */
function redacted(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the configured database URL';
  }
}
