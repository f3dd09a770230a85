import type { IncomingMessage } from 'node:http';
import { type KubeStatus, kubeStatus } from './kube-status.ts';
import { splitProxyPath } from './proxy-path.ts';
import type { ProxyTarget, ProxyTargetResolver } from './proxy-target.ts';

/** Who is calling; undefined when the request proves no identity. */
export type Authenticate<Caller> = (
  request: IncomingMessage,
) => Caller | undefined | Promise<Caller | undefined>;

export type Admission =
  | { ok: true; cluster: string; path: string; target: ProxyTarget }
  | { ok: false; status: KubeStatus; error?: unknown };

/**
 * Decides whether a proxy request goes through: a well-formed path, an authenticated caller, a
 * cluster the caller may reach. Answers with the Status to send otherwise.
 */
export async function admitProxyRequest<Caller>(
  request: IncomingMessage,
  authenticate: Authenticate<Caller>,
  targets: ProxyTargetResolver<Caller>,
): Promise<Admission> {
  const split = splitProxyPath(request.url ?? '');
  if (!split) return { ok: false, status: kubeStatus(404, `no route ${request.url}`) };
  if (!split.ok) return { ok: false, status: kubeStatus(400, split.message) };
  let caller: Caller | undefined;
  try {
    caller = await authenticate(request);
  } catch (error) {
    return {
      ok: false,
      status: kubeStatus(500, 'Portolan could not check the credentials; see its log'),
      error,
    };
  }
  if (caller === undefined) {
    return {
      ok: false,
      status: kubeStatus(
        401,
        'Portolan did not accept the credentials: send a valid Portolan token (download a new kubeconfig)',
      ),
    };
  }
  let target: ProxyTarget | undefined;
  try {
    target = await targets.resolve(split.cluster, caller);
  } catch (error) {
    const message = `Portolan could not look up cluster "${split.cluster}"; see its log`;
    return { ok: false, status: kubeStatus(500, message), error };
  }
  if (!target) {
    const message = `cluster "${split.cluster}" is not registered in Portolan (or you may not use it); see the cluster list`;
    return { ok: false, status: kubeStatus(404, message) };
  }
  return { ok: true, cluster: split.cluster, path: split.path, target };
}

/** The Status for a member cluster that could not be reached (connection refused, TLS, credentials). */
export function unreachableStatus(cluster: string, error: unknown): KubeStatus {
  const detail = error instanceof Error ? error.message : String(error);
  return kubeStatus(503, `Portolan cannot reach cluster "${cluster}": ${detail}`);
}
