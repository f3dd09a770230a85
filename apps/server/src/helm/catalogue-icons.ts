import { getFromRepository, type RepositoryAccess } from './repository-http.ts';

export const ICON_MAX_BYTES = 256 * 1024;
const FAILURE_KEPT_MS = 10 * 60_000;
const KEPT = 500;

export interface Icon {
  contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
  body: Buffer;
}

/**
 * What the bytes are, whatever the server claimed: only these images are served, so a chart cannot
 * have Portolan serve HTML or script from its own origin.
 */
export function sniffImage(body: Buffer): Icon['contentType'] | undefined {
  if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg';
  if (body.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (body.subarray(0, 4).toString('latin1') === 'RIFF' && body.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  const head = body.subarray(0, 1024).toString('utf8').trimStart().toLowerCase();
  if (
    (head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!--')) &&
    head.includes('<svg')
  )
    return 'image/svg+xml';
  return undefined;
}

/** A `data:image/…;base64,…` icon, as some indexes carry. */
function fromDataUri(uri: string): Buffer | undefined {
  const match = /^data:image\/[\w.+-]+(;[\w=.-]+)*?(;base64)?,(.*)$/s.exec(uri);
  if (!match) return undefined;
  return match[2]
    ? Buffer.from(match[3] ?? '', 'base64')
    : Buffer.from(decodeURIComponent(match[3] ?? ''), 'utf8');
}

/**
 * Icons fetched by the server (never hot-linked by the browser, so no third party learns who looks),
 * kept in memory by URL; a failure is remembered for ten minutes so a dead host costs one try.
 */
export function createIconFetcher(now: () => number = Date.now) {
  const kept = new Map<string, { icon?: Icon; failedAt?: number }>();
  const remember = (url: string, entry: { icon?: Icon; failedAt?: number }) => {
    kept.set(url, entry);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  };
  return {
    /**
     * `accessFor` gives the repository's credentials and trust for a URL on its own host, and
     * undefined elsewhere: there only public addresses are fetched.
     */
    async get(
      url: string,
      accessFor: (target: URL) => RepositoryAccess | undefined,
    ): Promise<Icon | undefined> {
      const known = kept.get(url);
      if (known?.icon) return known.icon;
      if (known?.failedAt !== undefined && now() - known.failedAt < FAILURE_KEPT_MS) return undefined;
      let body: Buffer | undefined;
      if (url.startsWith('data:')) body = fromDataUri(url);
      else {
        const target = (() => {
          try {
            return new URL(url);
          } catch {
            return undefined;
          }
        })();
        if (target && (target.protocol === 'https:' || target.protocol === 'http:')) {
          const access = accessFor(target);
          const answer = await getFromRepository({
            url: target.toString(),
            access: access ?? {},
            publicOnly: access === undefined,
            maxBytes: ICON_MAX_BYTES,
            timeoutMs: 5_000,
          }).catch(() => undefined);
          if (answer?.status === 200) body = answer.body;
        }
      }
      const contentType = body && body.length <= ICON_MAX_BYTES ? sniffImage(body) : undefined;
      if (!body || !contentType) {
        remember(url, { failedAt: now() });
        return undefined;
      }
      const icon = { contentType, body };
      remember(url, { icon });
      return icon;
    },
  };
}
