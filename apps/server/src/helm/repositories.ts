import { X509Certificate } from 'node:crypto';
import type { ChartRepository, RepositoryCheck, RepositoryInput, RepositoryPatch } from '@portolan/api';
import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type {
  ChartVersionRow,
  HelmStore,
  RepositoryRow,
  RepositorySettings,
} from '#server/store/helm/helm-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { CatalogueError } from './catalogue-errors.ts';
import { parseChartIndex } from './chart-index.ts';
import { createOciClient } from './oci-registry.ts';
import {
  getFromRepository,
  type RepositoryAccess,
  RepositoryError,
  statusProblem,
} from './repository-http.ts';

export const DEFAULT_INTERVAL_SECONDS = 3600;
const INDEX_MAX_BYTES = 64 * 1024 * 1024;
const SKIP_TLS_WARNING =
  'TLS verification is off for this repository: anyone on the network path can read its credentials and change its charts';

export interface RepositoriesDeps {
  store: HelmStore;
  cipher: CredentialCipher;
  clock: Clock;
  timeoutMs?: number;
  log?: { warn(object: object, message: string): void };
}

/** What reading a repository found: its versions, or that the index has not changed since last time. */
type ReadResult =
  | { changed: true; versions: ChartVersionRow[]; etag: string | null; lastModified: string | null }
  | { changed: false };

const sealContext = (name: string) => `chart-repository:${name}`;

/** The answer's view of a repository: never the password or the CA itself. */
function repositoryView(row: RepositoryRow, counts?: { charts: number; versions: number }): ChartRepository {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    name: row.name,
    type: row.type,
    url: row.url,
    username: row.username,
    hasPassword: row.sealedPassword !== null,
    hasCa: row.caPem !== null,
    skipTlsVerify: row.skipTlsVerify,
    intervalSeconds: row.intervalSeconds,
    charts: row.charts,
    status: row.status,
    problem: row.problem as ChartRepository['problem'],
    reason: row.reason,
    lastRefreshAt: iso(row.lastRefreshAt),
    lastGoodAt: iso(row.lastGoodAt),
    chartCount: counts?.charts ?? 0,
    versionCount: counts?.versions ?? 0,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Checks the settings that need no network; the type follows the URL's scheme. */
function validatedSettings(
  settings: Omit<RepositorySettings, 'type' | 'sealedPassword'>,
): Omit<RepositorySettings, 'sealedPassword'> {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new CatalogueError(
      400,
      'invalid',
      `"${settings.url}" is not a URL: write https://host/path or oci://host/path`,
      'url',
    );
  }
  const type = url.protocol === 'oci:' ? 'oci' : 'http';
  if (type === 'http' && url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CatalogueError(
      400,
      'invalid',
      `a repository URL starts with https://, http:// or oci://, not ${url.protocol}//`,
      'url',
    );
  if (url.username || url.password)
    throw new CatalogueError(
      400,
      'invalid',
      'put the username and password in their own fields, not in the URL',
      'url',
    );
  if (type === 'oci' && settings.charts.length === 0)
    throw new CatalogueError(
      400,
      'invalid',
      'name the charts to list under this registry path (registries need not list what they hold)',
      'charts',
    );
  if (type === 'http' && settings.charts.length > 0)
    throw new CatalogueError(
      400,
      'invalid',
      'charts are named only for OCI registries; an index lists its own',
      'charts',
    );
  if (settings.caPem) {
    const blocks =
      settings.caPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    try {
      if (blocks.length === 0) throw new Error('no certificate');
      for (const block of blocks) new X509Certificate(block);
    } catch {
      throw new CatalogueError(
        400,
        'invalid',
        'the CA is not PEM certificates (-----BEGIN CERTIFICATE-----…)',
        'caPem',
      );
    }
  }
  return { ...settings, type, url: settings.url.replace(/\/+$/, '') };
}

/** The chart repositories: kept in the store, read over HTTP(S) or the OCI distribution API. */
export function createRepositories(deps: RepositoriesDeps) {
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const { store } = deps;

  const accessOf = (
    row: Pick<RepositoryRow, 'name' | 'username' | 'sealedPassword' | 'caPem' | 'skipTlsVerify'>,
  ): RepositoryAccess => ({
    username: row.username,
    password: row.sealedPassword
      ? deps.cipher.decrypt(row.sealedPassword, sealContext(row.name)).toString('utf8')
      : null,
    caPem: row.caPem,
    skipTlsVerify: row.skipTlsVerify,
  });

  /** Reads a repository's versions; with `conditional`, an unchanged HTTP index costs a 304. */
  async function read(
    settings: Pick<RepositorySettings, 'type' | 'url' | 'charts'>,
    access: RepositoryAccess,
    conditional?: { etag: string | null; lastModified: string | null },
  ): Promise<ReadResult> {
    if (settings.type === 'oci') {
      const versions = await createOciClient(settings.url, access, timeoutMs).listCharts(settings.charts);
      return { changed: true, versions, etag: null, lastModified: null };
    }
    const indexUrl = `${settings.url}/index.yaml`;
    const answer = await getFromRepository({
      url: indexUrl,
      access,
      maxBytes: INDEX_MAX_BYTES,
      timeoutMs,
      headers: {
        ...(conditional?.etag ? { 'if-none-match': conditional.etag } : {}),
        ...(conditional?.lastModified ? { 'if-modified-since': conditional.lastModified } : {}),
      },
    });
    if (answer.status === 304) return { changed: false };
    if (answer.status !== 200) throw statusProblem(answer.status, new URL(indexUrl));
    const versions = parseChartIndex(answer.body.toString('utf8'), indexUrl);
    const header = (name: string) => {
      const value = answer.headers[name];
      return typeof value === 'string' ? value : null;
    };
    return { changed: true, versions, etag: header('etag'), lastModified: header('last-modified') };
  }

  const asRefusal = (error: unknown): never => {
    if (error instanceof RepositoryError)
      throw new CatalogueError(422, error.problem, error.message, error.field);
    throw error;
  };

  const checkAnswer = (versions: ChartVersionRow[], skipTlsVerify: boolean): RepositoryCheck => ({
    ok: true,
    charts: new Set(versions.map((v) => v.chart)).size,
    versions: versions.length,
    ...(skipTlsVerify ? { warnings: [SKIP_TLS_WARNING] } : {}),
  });

  /** The settings an add or check names; a CA not given is `keptCa` (an edit keeps the stored one). */
  const settingsOf = (input: RepositoryInput, keptCa?: string | null) =>
    validatedSettings({
      url: input.url,
      username: input.username ?? '',
      caPem: input.caPem || keptCa || null,
      skipTlsVerify: input.skipTlsVerify ?? false,
      intervalSeconds: input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
      charts: input.charts ?? [],
    });

  /** Keeps what a read found: its versions when they changed, and the repository as ready now. */
  async function keepGoodRead(name: string, result: ReadResult): Promise<void> {
    if (result.changed) await store.replaceVersions(name, result.versions);
    const at = deps.clock();
    await store.setRepositoryState(name, {
      status: 'ready',
      problem: null,
      reason: null,
      lastRefreshAt: at,
      lastGoodAt: at,
      ...(result.changed ? { etag: result.etag, lastModified: result.lastModified } : {}),
    });
  }

  const view = async (row: RepositoryRow) => repositoryView(row, (await store.counts()).get(row.name));

  const mustGet = async (name: string) => {
    const row = await store.getRepository(name);
    if (!row)
      throw new CatalogueError(
        404,
        'not-found',
        `no chart repository "${name}" (GET /api/v1/helm/repositories lists them)`,
      );
    return row;
  };

  /** Refreshes one repository and records the outcome; a failure keeps the last good versions. */
  async function refreshRow(row: RepositoryRow): Promise<void> {
    const at = deps.clock();
    // After a key rotation the password is sealed again with the active key, as cluster credentials are.
    if (row.sealedPassword && deps.cipher.needsReencryption(row.sealedPassword))
      await store.updateRepository(row.name, {
        sealedPassword: deps.cipher.reencrypt(row.sealedPassword, sealContext(row.name)),
      });
    try {
      // A failing repository is read whole: its etag belongs to the index it last read well.
      await keepGoodRead(row.name, await read(row, accessOf(row), row.status === 'ready' ? row : undefined));
    } catch (error) {
      const problem = error instanceof RepositoryError ? error.problem : 'bad-answer';
      const reason = error instanceof Error ? error.message : String(error);
      await store.setRepositoryState(row.name, { status: 'failed', problem, reason, lastRefreshAt: at });
      if (!(error instanceof RepositoryError))
        deps.log?.warn({ err: error }, `refreshing chart repository ${row.name} failed`);
    }
  }

  const service = {
    async list(): Promise<ChartRepository[]> {
      const [rows, counts] = await Promise.all([store.listRepositories(), store.counts()]);
      return rows.map((row) => repositoryView(row, counts.get(row.name)));
    },
    async get(name: string): Promise<ChartRepository> {
      return view(await mustGet(name));
    },
    /**
     * Reads the repository as it would be saved, saving nothing; a failure is a 422 with the reason.
     * For a repository that exists, a password or CA not given is the stored one (as an edit keeps it).
     */
    async check(input: RepositoryInput): Promise<RepositoryCheck> {
      const stored = await store.getRepository(input.name);
      const kept = stored ? accessOf(stored) : undefined;
      const settings = settingsOf(input, kept?.caPem);
      const password = input.password || kept?.password || null;
      const result = await read(settings, { ...settings, password }).catch(asRefusal);
      return checkAnswer(result.changed ? result.versions : [], settings.skipTlsVerify);
    },
    /** Checks the repository first and refuses with the reason; then keeps it with its versions. */
    async add(input: RepositoryInput): Promise<ChartRepository> {
      if (await store.getRepository(input.name))
        throw new CatalogueError(
          409,
          'conflict',
          `a chart repository named "${input.name}" exists already; pick another name`,
          'name',
        );
      const settings = settingsOf(input);
      const password = input.password || null;
      const result = await read(settings, { ...settings, password }).catch(asRefusal);
      const sealed = password ? deps.cipher.encrypt(password, sealContext(input.name)) : null;
      await store.createRepository(input.name, { ...settings, sealedPassword: sealed });
      await keepGoodRead(input.name, result);
      return view(await mustGet(input.name));
    },
    /** Changes settings; a change of where or how it is read is checked first, then refreshed. */
    async update(name: string, patch: RepositoryPatch): Promise<ChartRepository> {
      const row = await mustGet(name);
      const password =
        patch.password === undefined ? accessOf(row).password : patch.password === '' ? null : patch.password;
      const settings = validatedSettings({
        url: patch.url ?? row.url,
        username: patch.username ?? row.username,
        caPem: patch.caPem === undefined ? row.caPem : patch.caPem || null,
        skipTlsVerify: patch.skipTlsVerify ?? row.skipTlsVerify,
        intervalSeconds: patch.intervalSeconds ?? row.intervalSeconds,
        charts: patch.charts ?? row.charts,
      });
      const reads = ['url', 'username', 'password', 'caPem', 'skipTlsVerify', 'charts'].some(
        (key) => key in patch,
      );
      const result = reads ? await read(settings, { ...settings, password }).catch(asRefusal) : undefined;
      await store.updateRepository(name, {
        ...settings,
        sealedPassword: password ? deps.cipher.encrypt(password, sealContext(name)) : null,
      });
      if (result) await keepGoodRead(name, result);
      return view(await mustGet(name));
    },
    async remove(name: string): Promise<void> {
      if (!(await store.deleteRepository(name)))
        throw new CatalogueError(404, 'not-found', `no chart repository "${name}"`);
    },
    /** Refreshes now; the answer shows the outcome (status `failed` with the reason when it did not work). */
    async refresh(name: string): Promise<ChartRepository> {
      await refreshRow(await mustGet(name));
      return view(await mustGet(name));
    },
    /** Refreshes every repository whose interval has passed since its last refresh (the scheduled job). */
    async refreshDue(): Promise<string[]> {
      const now = deps.clock().getTime();
      const due = (await store.listRepositories()).filter(
        (row) =>
          row.intervalSeconds > 0 &&
          (row.lastRefreshAt === null || row.lastRefreshAt.getTime() + row.intervalSeconds * 1000 <= now),
      );
      for (const row of due) await refreshRow(row);
      return due.map((row) => row.name);
    },
    /** How to reach a repository (its password unsealed): for fetching its charts and icons. */
    async accessOf(name: string): Promise<{ row: RepositoryRow; access: RepositoryAccess }> {
      const row = await mustGet(name);
      return { row, access: accessOf(row) };
    },
  };
  return service;
}

export type Repositories = ReturnType<typeof createRepositories>;

/**
 * The scheduled refresh as a singleton job (WorkLeases): one replica checks every `everyMs` which
 * repositories are due. Started and stopped as the lease comes and goes.
 */
export function repositoryRefreshJob(
  repositories: Pick<Repositories, 'refreshDue'>,
  everyMs = 60_000,
  log?: RepositoriesDeps['log'],
) {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await repositories.refreshDue();
    } catch (error) {
      log?.warn(
        { err: error },
        'the scheduled refresh of chart repositories failed; trying again next round',
      );
    } finally {
      running = false;
    }
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), everyMs);
      timer.unref();
      void tick();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
