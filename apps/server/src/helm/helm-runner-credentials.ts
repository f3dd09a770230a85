import type { ApiTokenService } from '#server/iam/api-token-service.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { HelmCredentials } from './helm-runner.ts';

export interface ProxyCredentialDeps {
  tokens: Pick<ApiTokenService, 'createShortLived' | 'revoke'>;
  forget: () => void;
}

/**
 * The calling user's own proxy token for work Portolan does on their behalf (a Helm operation, a web
 * terminal): scoped to the proxy, limited by the caller's credential (a scoped API token cannot hand
 * more than it has), listed under `name`, and revoked by `revoke`. `forget` drops remembered callers
 * so the revocation counts at once.
 */
export async function issueProxyCredential(
  deps: ProxyCredentialDeps,
  caller: Caller,
  name: string,
  lifetimeMs: number,
): Promise<{ token: string; tokenId: string; revoke(): Promise<void> }> {
  const limit = caller.credential.kind === 'token' ? caller.credential.scopes : 'all';
  const { token, view } = await deps.tokens.createShortLived(
    caller.userId,
    { name, scopes: ['clusters:proxy'], ttlMs: lifetimeMs },
    limit,
  );
  return {
    token,
    tokenId: view.id,
    async revoke() {
      await deps.tokens.revoke(caller.userId, view.id).catch(() => undefined);
      deps.forget();
    },
  };
}

/** A proxy credential per Helm operation, living minutes and revoked when the operation ends. */
export function helmCredentialsFrom(deps: ProxyCredentialDeps): HelmCredentials {
  return {
    issue: (caller: Caller, purpose: string, lifetimeMs: number) =>
      issueProxyCredential(deps, caller, `helm operation: ${purpose}`, lifetimeMs),
  };
}
