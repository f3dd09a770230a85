import type { OutgoingHttpHeaders } from 'node:http';
import type { ProxyImpersonation } from './proxy-target.ts';

// Headers that describe one hop, never the message (RFC 9110 §7.6.1), plus proxy credentials.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/**
 * Headers a caller must not choose: its own credentials (for Portolan, not the cluster), any
 * identity it claims, and Portolan's session cookie. X-Remote-* is the front-proxy identity that
 * an API server trusts from a front-proxy client certificate.
 */
function isCallerIdentity(name: string): boolean {
  return (
    name === 'authorization' ||
    name === 'cookie' ||
    name.startsWith('impersonate-') ||
    name.startsWith('x-remote-')
  );
}

export interface UpstreamHeaderOptions {
  /** Keep Connection and Upgrade (exec, attach and port-forward handshakes). */
  upgrade: boolean;
  /** From the KubeConnection (for example a kubeconfig's `as`); dropped when `impersonate` is set. */
  connectionHeaders?: Record<string, string | string[]>;
  impersonate?: ProxyImpersonation;
  /** The caller's address, appended to X-Forwarded-For for the member cluster's audit log. */
  remoteAddress?: string;
}

/**
 * The headers sent to the member cluster, built from the caller's raw headers so repeated ones
 * (X-Stream-Protocol-Version is sent once per protocol) stay separate lines.
 */
export function upstreamHeaders(rawHeaders: string[], options: UpstreamHeaderOptions): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...[existing].flat(), value];
  };
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    if (isCallerIdentity(name)) continue;
    if (HOP_BY_HOP.has(name) && !(options.upgrade && (name === 'connection' || name === 'upgrade'))) continue;
    add(name, value);
  }
  const fromConnection = Object.entries(options.connectionHeaders ?? {});
  for (const [name, value] of fromConnection) {
    const lower = name.toLowerCase();
    if (options.impersonate && lower.startsWith('impersonate-')) continue;
    headers[lower] = value;
  }
  if (options.impersonate) {
    headers['impersonate-user'] = options.impersonate.user;
    if (options.impersonate.groups.length > 0) headers['impersonate-group'] = options.impersonate.groups;
  }
  if (options.remoteAddress) {
    // One line: Go's Header.Get reads only the first X-Forwarded-For line.
    const earlier = [headers['x-forwarded-for'] ?? []].flat();
    headers['x-forwarded-for'] = [...earlier, options.remoteAddress].join(', ');
  }
  return headers;
}

/** The member cluster's response headers for the caller, as a flat raw list, without hop-by-hop ones. */
export function downstreamHeaders(rawHeaders: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) kept.push(name, rawHeaders[i + 1] as string);
  }
  return kept;
}
