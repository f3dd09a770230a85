/**
 * Origins (scheme://host[:port]) in their normal form: config checks --allowed-origins with them,
 * and iam/upgrade-origin.ts compares a request's Origin the same way.
 */

/** The origin in its normal form (scheme://host[:port], default ports left out), or undefined. */
export function normalOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The text's normal form when it is an origin and nothing more (no path, query or user), else undefined. */
export function originOnly(text: string): string | undefined {
  const origin = normalOrigin(text);
  if (!origin) return undefined;
  const url = new URL(text);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return undefined;
  return origin;
}
