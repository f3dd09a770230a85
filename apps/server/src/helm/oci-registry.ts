import type { ChartVersionRow } from '#server/store/helm/helm-store.ts';
import {
  type ChartMetadata,
  compareVersions,
  parseVersion,
  rankVersions,
  versionRowOf,
} from './chart-index.ts';
import {
  getFromRepository,
  type HttpAnswer,
  type RepositoryAccess,
  RepositoryError,
  statusProblem,
} from './repository-http.ts';

export const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
const MANIFEST_TYPES =
  'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
/** Tags read per chart when listing: the newest this many (a registry may hold thousands of builds). */
const TAGS_LISTED = 50;

interface Descriptor {
  mediaType: string;
  digest: string;
  size?: number;
}

/** `oci://host[:port]/path` as the registry's https base and the repository path under it. */
export function parseOciUrl(url: string): { base: string; path: string } {
  const match = /^oci:\/\/([^/]+)(\/.*)?$/.exec(url);
  if (!match?.[1]) throw new RepositoryError('bad-answer', `"${url}" is not oci://host/path`, 'url');
  return { base: `https://${match[1]}`, path: (match[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

/** The parts of a WWW-Authenticate challenge: `Bearer realm="…",service="…"`. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const params: Record<string, string> = {};
  for (const match of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g))
    params[match[1] as string] = match[2] as string;
  return { scheme: scheme.toLowerCase(), params };
}

/**
 * A client of one registry over the OCI distribution API, with the registry's credentials: answers a
 * Basic challenge with them, and a Bearer challenge by asking the token service (with them, when
 * given) for a pull token for the repository in question.
 */
export function createOciClient(url: string, access: RepositoryAccess, timeoutMs = 15_000) {
  const { base, path } = parseOciUrl(url);
  const host = new URL(base).host;
  const tokens = new Map<string, string>();
  const repositoryOf = (chart: string) => (path ? `${path}/${chart}` : chart);

  async function bearerToken(challenge: Record<string, string>, scope: string, signal?: AbortSignal) {
    const realm = challenge.realm;
    if (!realm)
      throw new RepositoryError('bad-answer', `${host} asked for a token but named no token service`);
    const tokenUrl = new URL(realm);
    if (challenge.service) tokenUrl.searchParams.set('service', challenge.service);
    tokenUrl.searchParams.set('scope', challenge.scope ?? scope);
    const answer = await getFromRepository({
      url: tokenUrl.toString(),
      access,
      basicAuth: Boolean(access.username),
      maxBytes: 1024 * 1024,
      timeoutMs,
      ...(signal ? { signal } : {}),
    });
    if (answer.status !== 200) throw statusProblem(answer.status, tokenUrl);
    const body = JSON.parse(answer.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RepositoryError('bad-answer', `the token service ${tokenUrl.host} gave no token`);
    return token;
  }

  /** A GET under /v2/ with whatever authorization the registry asks for. */
  async function get(
    route: string,
    scope: string,
    options: { accept?: string; maxBytes: number; signal?: AbortSignal },
  ): Promise<HttpAnswer> {
    const target = `${base}/v2/${route}`;
    const send = (authorization?: string, basicAuth = false) =>
      getFromRepository({
        url: target,
        access,
        basicAuth,
        maxBytes: options.maxBytes,
        timeoutMs,
        headers: {
          ...(options.accept ? { accept: options.accept } : {}),
          ...(authorization ? { authorization } : {}),
        },
        ...(options.signal ? { signal: options.signal } : {}),
      });
    const known = tokens.get(scope);
    let answer = await send(known ? `Bearer ${known}` : undefined);
    if (answer.status === 401) {
      const challenge = parseChallenge(String(answer.headers['www-authenticate'] ?? ''));
      if (challenge.scheme === 'bearer') {
        const token = await bearerToken(challenge.params, scope, options.signal);
        tokens.set(scope, token);
        answer = await send(`Bearer ${token}`);
      } else if (access.username) {
        answer = await send(undefined, true);
      }
    }
    if (answer.status !== 200) throw statusProblem(answer.status, new URL(target));
    return answer;
  }

  const json = <T>(answer: HttpAnswer, what: string): T => {
    try {
      return JSON.parse(answer.body.toString('utf8')) as T;
    } catch {
      throw new RepositoryError('bad-answer', `${host} answered ${what} with something that is not JSON`);
    }
  };

  const client = {
    /** Every tag of a chart's repository, following the registry's pages. */
    async tags(chart: string, signal?: AbortSignal): Promise<string[]> {
      const repository = repositoryOf(chart);
      const scope = `repository:${repository}:pull`;
      const all: string[] = [];
      let route: string | undefined = `${repository}/tags/list?n=1000`;
      for (let page = 0; route && page < 20; page++) {
        const answer = await get(route, scope, { maxBytes: 8 * 1024 * 1024, ...(signal ? { signal } : {}) });
        all.push(...(json<{ tags?: string[] | null }>(answer, 'its tag list').tags ?? []));
        const link = /<([^>]+)>;\s*rel="next"/.exec(String(answer.headers.link ?? ''))?.[1];
        route = link ? link.replace(/^\/v2\//, '') : undefined;
      }
      return all;
    },
    async manifest(chart: string, reference: string, signal?: AbortSignal) {
      const repository = repositoryOf(chart);
      const answer = await get(`${repository}/manifests/${reference}`, `repository:${repository}:pull`, {
        accept: MANIFEST_TYPES,
        maxBytes: 4 * 1024 * 1024,
        ...(signal ? { signal } : {}),
      });
      const manifest = json<{
        config?: Descriptor;
        layers?: Descriptor[];
        annotations?: Record<string, string>;
      }>(answer, `the manifest of ${chart}:${reference}`);
      const layer = manifest.layers?.find((l) => l.mediaType === HELM_CHART_LAYER);
      if (!layer || manifest.config?.mediaType !== HELM_CONFIG)
        throw new RepositoryError(
          'bad-answer',
          `${chart}:${reference} on ${host} is not a Helm chart (no chart layer)`,
        );
      return { config: manifest.config, layer, annotations: manifest.annotations ?? {} };
    },
    async blob(chart: string, digest: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
      const repository = repositoryOf(chart);
      const answer = await get(`${repository}/blobs/${digest}`, `repository:${repository}:pull`, {
        maxBytes,
        ...(signal ? { signal } : {}),
      });
      return answer.body;
    },
    /**
     * The catalogue rows of the named charts: the newest tags of each (Helm writes `+` as `_` in a
     * tag), with the metadata of each version's chart config and its chart layer's digest.
     */
    async listCharts(charts: string[], signal?: AbortSignal): Promise<ChartVersionRow[]> {
      const rows: ChartVersionRow[] = [];
      for (const chart of charts) {
        const versions = (await client.tags(chart, signal))
          .map((tag) => ({ tag, version: tag.replaceAll('_', '+') }))
          .filter((t) => parseVersion(t.version))
          .sort((a, b) => compareVersions(b.version, a.version))
          .slice(0, TAGS_LISTED);
        const found = await mapLimited(versions, 4, async ({ tag }) => {
          const manifest = await client.manifest(chart, tag, signal);
          const config = json<ChartMetadata>(
            {
              status: 200,
              headers: {},
              body: await client.blob(chart, manifest.config.digest, 1024 * 1024, signal),
            },
            `the chart config of ${chart}:${tag}`,
          );
          const row = versionRowOf(chart, {
            ...config,
            created: manifest.annotations['org.opencontainers.image.created'],
            digest: manifest.layer.digest,
            urls: [`${url.replace(/\/+$/, '')}/${chart}:${tag}`],
          });
          return row;
        });
        for (const row of found) if (row) rows.push(row);
      }
      return rankVersions(rows);
    },
  };
  return client;
}

/** Runs `work` over `items` with at most `limit` at once, keeping their order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
