/**
 * The store's part for chart repositories and the catalogue: repository rows (the password sealed by
 * the caller) and the chart versions of each repository's last good index.
 */
export type RepositoryType = 'http' | 'oci';
export type RepositoryStatus = 'new' | 'ready' | 'failed';

export interface RepositoryRow {
  id: string;
  name: string;
  type: RepositoryType;
  url: string;
  username: string;
  /** Sealed by the caller (credential-cipher); the store keeps the text as it is. */
  sealedPassword: string | null;
  caPem: string | null;
  skipTlsVerify: boolean;
  intervalSeconds: number;
  charts: string[];
  status: RepositoryStatus;
  problem: string | null;
  reason: string | null;
  lastRefreshAt: Date | null;
  lastGoodAt: Date | null;
  etag: string | null;
  lastModified: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type RepositorySettings = Pick<
  RepositoryRow,
  'type' | 'url' | 'username' | 'sealedPassword' | 'caPem' | 'skipTlsVerify' | 'intervalSeconds' | 'charts'
>;

export type RepositoryState = Pick<
  RepositoryRow,
  'status' | 'problem' | 'reason' | 'lastRefreshAt' | 'lastGoodAt' | 'etag' | 'lastModified'
>;

/** One version of one chart as the index gave it. */
export interface ChartVersionRow {
  chart: string;
  version: string;
  appVersion: string | null;
  description: string;
  keywords: string[];
  category: string | null;
  iconUrl: string | null;
  created: Date | null;
  digest: string | null;
  urls: string[];
  deprecated: boolean;
  kubeVersion: string | null;
  dependencies: Array<Record<string, unknown>>;
  prerelease: boolean;
  /** The version the catalogue lists for its chart. */
  latest: boolean;
  /** 0 for the newest version of its chart, then 1, 2… in semver order. */
  rank: number;
}

export interface StoredChartVersion extends ChartVersionRow {
  repository: string;
}

export interface ChartSearch {
  q?: string;
  repository?: string;
  keyword?: string;
  category?: string;
  sort: 'name' | 'newest';
  limit: number;
  offset: number;
}

export interface RepositoryCounts {
  charts: number;
  versions: number;
}

export interface HelmStore {
  createRepository(name: string, settings: RepositorySettings): Promise<RepositoryRow>;
  getRepository(name: string): Promise<RepositoryRow | undefined>;
  listRepositories(): Promise<RepositoryRow[]>;
  updateRepository(name: string, settings: Partial<RepositorySettings>): Promise<RepositoryRow>;
  setRepositoryState(name: string, state: Partial<RepositoryState>): Promise<void>;
  /** Removes the repository and its chart versions. */
  deleteRepository(name: string): Promise<boolean>;
  /** Afterwards the repository's versions are exactly `versions` (one transaction). */
  replaceVersions(name: string, versions: ChartVersionRow[]): Promise<void>;
  counts(): Promise<Map<string, RepositoryCounts>>;
  search(query: ChartSearch): Promise<{ items: StoredChartVersion[]; total: number }>;
  categories(): Promise<string[]>;
  /** Every version of a chart in a repository, newest first. */
  versionsOf(repository: string, chart: string): Promise<StoredChartVersion[]>;
  version(repository: string, chart: string, version: string): Promise<StoredChartVersion | undefined>;
  /** The catalogue's row (newest non-pre-release) of each named chart, in every repository. */
  latestOf(charts: string[]): Promise<StoredChartVersion[]>;
}
