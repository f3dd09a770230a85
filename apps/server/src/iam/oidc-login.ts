import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { AuditLog } from '#server/audit/audit-log.ts';
import type { OidcClaimSettings, OidcSettings } from '#server/config/oidc-settings.ts';
import type { IamStore, User } from '#server/store/iam/iam-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { IamError } from './iam-errors.ts';
import { DEFAULT_CLAIM_SETTINGS, groupsFromClaims, upsertOidcUser } from './oidc-users.ts';
import { hashSecret, newSecret, type Random } from './opaque-secret.ts';
import type { NewSession, SessionService } from './session-service.ts';

export interface OidcLogin {
  /** The provider as the sign-in page names it. */
  readonly providerName: string;
  /** The provider's URL to send the browser to, and the state to keep in a cookie until it returns. */
  start(returnTo?: string): Promise<{ url: string; state: string }>;
  /** Completes the login from the callback URL; `cookieState` is the state cookie of this browser. */
  finish(
    callbackUrl: URL,
    cookieState: string | undefined,
    from: { sourceIp: string; userAgent: string },
  ): Promise<{ user: User; session: NewSession; returnTo: string }>;
}

const LOGIN_TTL_MS = 10 * 60_000;

/** Only paths of this site: anything else would make the login an open redirect. */
function safeReturnTo(returnTo: string | undefined): string {
  return returnTo && /^\/(?![/\\])/.test(returnTo) ? returnTo : '/';
}

function sameState(a: string, b: string | undefined): boolean {
  if (!b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** OpenID Connect sign-in: authorization code with PKCE, state and nonce, through openid-client. */
export function createOidcLogin(deps: {
  settings: OidcSettings;
  store: IamStore;
  sessions: SessionService;
  audit: AuditLog;
  clock: Clock;
  random: Random;
}): OidcLogin {
  const { settings } = deps;
  const claimSettings: OidcClaimSettings = { ...DEFAULT_CLAIM_SETTINGS, ...settings };
  let config: Promise<client.Configuration> | undefined;
  const configuration = () => {
    config ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        config = undefined; // try discovery again next time
        throw new IamError(
          'unauthenticated',
          `cannot reach the OpenID provider ${settings.issuer}: ${(error as Error).message}`,
        );
      });
    return config;
  };

  return {
    providerName: settings.displayName ?? new URL(settings.issuer).host,
    async start(returnTo) {
      const found = await configuration();
      const state = newSecret(deps.random, '');
      const nonce = newSecret(deps.random, '');
      const codeVerifier = newSecret(deps.random, '');
      await deps.store.oidcLogins.put({
        stateHash: hashSecret(state),
        codeVerifier,
        nonce,
        returnTo: safeReturnTo(returnTo),
        expiresAt: deps.clock().getTime() + LOGIN_TTL_MS,
      });
      const url = client.buildAuthorizationUrl(found, {
        redirect_uri: settings.redirectUri,
        scope: (settings.scopes ?? ['openid', 'profile', 'email']).join(' '),
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, state };
    },

    async finish(callbackUrl, cookieState, from) {
      const event = {
        action: 'auth.login',
        credential: 'oidc',
        ...from,
        verb: 'GET',
        route: callbackUrl.pathname,
      };
      try {
        const problem = callbackUrl.searchParams.get('error');
        if (problem) {
          const description = callbackUrl.searchParams.get('error_description');
          throw new IamError('unauthenticated', `the OpenID provider refused: ${description ?? problem}`);
        }
        const state = callbackUrl.searchParams.get('state') ?? '';
        if (!sameState(state, cookieState))
          throw new IamError('unauthenticated', 'this sign-in did not start in this browser; start it again');
        const login = await deps.store.oidcLogins.take(hashSecret(state), deps.clock().getTime());
        if (!login)
          throw new IamError('unauthenticated', 'this sign-in expired or was used already; start it again');
        const found = await configuration();
        // The provider saw the configured redirect URI, whatever host this request arrived on.
        const current = new URL(settings.redirectUri);
        current.search = callbackUrl.search;
        const tokens = await client
          .authorizationCodeGrant(
            found,
            current,
            {
              pkceCodeVerifier: login.codeVerifier,
              expectedState: state,
              expectedNonce: login.nonce,
              idTokenExpected: true,
            },
            { redirect_uri: settings.redirectUri },
          )
          .catch((error: unknown) => {
            throw new IamError('unauthenticated', `the OpenID sign-in failed: ${(error as Error).message}`);
          });
        let claims: Record<string, unknown> = { ...tokens.claims() };
        let groups = groupsFromClaims(claims, claimSettings);
        if (groups === undefined) {
          // Many providers put groups only in userinfo (oidc-provider does by default for the code flow).
          const info = await client.fetchUserInfo(found, tokens.access_token, String(claims.sub));
          claims = { ...info, ...claims };
          groups = groupsFromClaims(claims, claimSettings) ?? [];
        }
        const issuer = found.serverMetadata().issuer;
        const user = await upsertOidcUser(deps.store, {
          issuer,
          claims,
          groups,
          settings: claimSettings,
          at: deps.clock(),
        });
        const session = await deps.sessions.create(user, 'oidc', from);
        await deps.audit.record({
          ...event,
          actor: user.username,
          outcome: 'allowed',
          status: 200,
          detail: groups.join(','),
        });
        return { user, session, returnTo: login.returnTo };
      } catch (error) {
        const status = error instanceof IamError ? error.statusCode : 500;
        await deps.audit.record({
          ...event,
          actor: null,
          outcome: 'denied',
          status,
          detail: (error as Error).message,
        });
        throw error;
      }
    },
  };
}
