import type { IncomingMessage } from 'node:http';
import { type KubeStatus, kubeStatus } from './kube-status.ts';
import { splitProxyPath } from './proxy-path.ts';
import type { ProxyTarget, ProxyTargetResolver } from './proxy-target.ts';

/** Who is calling; undefined when the request proves no identity. */
export type Authenticate<Caller> = (
  request: IncomingMessage,
) => Caller | undefined | Promise<Caller | undefined>;

/** Why Portolan answered a proxy request itself: a bad path, no credentials, no such cluster for this caller, a failure. */
export type Refusal = 'path' | 'credentials' | 'cluster' | 'error';

export type Admission<Caller = unknown> =
  | { ok: true; cluster: string; path: string; target: ProxyTarget; caller: Caller }
  | {
      ok: false;
      status: KubeStatus;
      refusal: Refusal;
      error?: unknown;
      /** As far as the request got: the caller once authenticated, the cluster and path once parsed. */
      caller?: Caller;
      cluster?: string;
      path?: string;
    };

/**
 * Decides whether a proxy request goes through: a well-formed path, an authenticated caller, a
 * cluster the caller may reach. Answers with the Status to send otherwise.
 */
export async function admitProxyRequest<Caller>(
  request: IncomingMessage,
  authenticate: Authenticate<Caller>,
  targets: ProxyTargetResolver<Caller>,
): Promise<Admission<Caller>> {
  const split = splitProxyPath(request.url ?? '');
  if (!split) return { ok: false, refusal: 'path', status: kubeStatus(404, `no route ${request.url}`) };
  if (!split.ok) return { ok: false, refusal: 'path', status: kubeStatus(400, split.message) };
  const where = { cluster: split.cluster, path: split.path };
  let caller: Caller | undefined;
  try {
    caller = await authenticate(request);
  } catch (error) {
    return {
      ok: false,
      refusal: 'error',
      status: kubeStatus(500, 'Portolan could not check the credentials; see its log'),
      error,
      ...where,
    };
  }
  if (caller === undefined) {
    return {
      ok: false,
      refusal: 'credentials',
      ...where,
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
    return { ok: false, refusal: 'error', status: kubeStatus(500, message), error, caller, ...where };
  }
  if (!target) {
    const message = `cluster "${split.cluster}" is not registered in Portolan (or you may not use it); see the cluster list`;
    return { ok: false, refusal: 'cluster', status: kubeStatus(404, message), caller, ...where };
  }
  return { ok: true, cluster: split.cluster, path: split.path, target, caller };
}

/** The Status for a member cluster that could not be reached (connection refused, TLS, credentials). */
export function unreachableStatus(cluster: string, error: unknown): KubeStatus {
  const detail = error instanceof Error ? error.message : String(error);
  return kubeStatus(503, `Portolan cannot reach cluster "${cluster}": ${detail}`);
}
