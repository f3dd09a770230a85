import type { ApiTokenService } from '#server/iam/api-token-service.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { HelmCredentials } from './helm-runner.ts';

/**
 * The calling user's own proxy token for one Helm operation: scoped to the proxy, living minutes,
 * limited by the caller's credential (a scoped API token cannot hand helm more than it has), and
 * revoked when the operation ends. `forget` drops remembered callers so the revocation counts at once.
 */
export function helmCredentialsFrom(deps: {
  tokens: Pick<ApiTokenService, 'createShortLived' | 'revoke'>;
  forget: () => void;
}): HelmCredentials {
  return {
    async issue(caller: Caller, purpose: string, lifetimeMs: number) {
      const limit = caller.credential.kind === 'token' ? caller.credential.scopes : 'all';
      const { token, view } = await deps.tokens.createShortLived(
        caller.userId,
        { name: `helm operation: ${purpose}`, scopes: ['clusters:proxy'], ttlMs: lifetimeMs },
        limit,
      );
      return {
        token,
        async revoke() {
          await deps.tokens.revoke(caller.userId, view.id).catch(() => undefined);
          deps.forget();
        },
      };
    },
  };
}
