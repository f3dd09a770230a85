/**
 * The OpenID Connect settings as config reads them (PORTOLAN_OIDC_*); iam/oidc-login.ts acts on
 * them. They live here so that config/ names its own types and imports no service.
 */
export interface OidcClaimSettings {
  /** Claim holding the username; falls back to email, then to sub. Default preferred_username. */
  usernameClaim: string;
  /** Claim holding the groups: an array of strings, or one string. Default groups. */
  groupsClaim: string;
  /** Put before every provider group, so they never collide with local groups. Default `oidc:`. */
  groupsPrefix: string;
}

export interface OidcSettings extends Partial<OidcClaimSettings> {
  issuer: string;
  /** What the sign-in page calls the provider ("Sign in with <name>"); default the issuer's host. */
  displayName?: string;
  clientId: string;
  clientSecret?: string;
  /** Where the provider sends the browser back: Portolan's …/auth/oidc/callback as users reach it. */
  redirectUri: string;
  /** Default openid profile email; add groups (or what the provider needs) for the groups claim. */
  scopes?: string[];
  /** Only for a provider on loopback in tests and development: allows http. */
  allowInsecureHttp?: boolean;
}
