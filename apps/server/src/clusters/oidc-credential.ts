import type { CredentialSource } from '#server/kube/kube-connection.ts';
import type { Clock } from '#server/time/clock.ts';
import { jwtExpiry } from './credential-expiry.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import { checkHeaderValue } from './kubeconfig-headers.ts';
import type { AuthProviderConfig } from './kubeconfig-types.ts';

const REMOVED_PROVIDERS: Record<string, string> = {
  gcp: 'use the exec plugin gke-gcloud-auth-plugin instead (gcloud components install gke-gcloud-auth-plugin)',
  azure: 'use the exec plugin kubelogin instead (https://azure.github.io/kubelogin)',
};

/**
 * `auth-provider: oidc` sends the stored id-token. Portolan does not refresh it (the refresh-token
 * is not used): an expired id-token is refused with a message saying to log in again.
 */
export function createOidcCredentialSource(
  provider: AuthProviderConfig,
  deps: { field: string; clock: Clock },
): { source: CredentialSource; idToken: string } {
  const name = provider.name ?? '';
  if (name !== 'oidc') {
    const removed = REMOVED_PROVIDERS[name];
    throw new KubeconfigError(
      'unsupported-auth',
      removed
        ? `auth-provider "${name}" was removed from kubectl in Kubernetes 1.26; ${removed}`
        : `auth-provider "${name}" is not supported; Portolan supports auth-provider oidc and exec plugins`,
      { field: deps.field },
    );
  }
  const idToken = provider.config?.['id-token']?.trim();
  if (!idToken) {
    throw new KubeconfigError(
      'unsupported-auth',
      `${deps.field} (oidc) has no id-token; log in once with kubectl so the kubeconfig holds one, then use it here`,
      { field: deps.field },
    );
  }
  checkHeaderValue(idToken, {
    where: { field: `${deps.field}.config.id-token` },
    fix: 'log in again with kubectl so the kubeconfig holds a fresh id-token, and copy it unchanged',
  });
  const expiresAt = jwtExpiry(idToken);
  return {
    idToken,
    source: {
      async get() {
        if (expiresAt && deps.clock().getTime() >= expiresAt.getTime()) {
          throw new KubeconfigError(
            'credential-expired',
            `the OIDC id-token in ${deps.field} expired at ${expiresAt.toISOString()}; Portolan does not refresh OIDC tokens, so log in again and replace the kubeconfig`,
            { field: deps.field },
          );
        }
        return { authorization: `Bearer ${idToken}` };
      },
    },
  };
}
