import { type HelmErrorCode, type HelmErrorParams, helmErrorWords } from '@portolan/api';

/**
 * Where a Helm operation gets its chart: the catalogue fetches the packaged chart (.tgz) from a
 * chart repository or an OCI registry, with the repository's own credentials, and hands helm a
 * local file. helm itself never sees a repository credential.
 */
export interface ChartRef {
  /** A chart repository's name as Portolan knows it (GET /api/v1/helm/repositories). */
  repository: string;
  /** The chart's name in that repository. */
  chart: string;
  /** An exact version; absent means the newest that is not a pre-release. */
  version?: string;
}

export interface FetchedChart {
  /** The packaged chart on local disk, readable by this process only; gone after `release()`. */
  file: string;
  chart: string;
  version: string;
  /** The digest the repository's index (or the OCI manifest) gave, checked against the file. */
  digest?: string;
  /** Removes the file (and its private directory). */
  release(): Promise<void>;
}

export interface ChartSource {
  /**
   * Fetches the chart; refuses with a ChartSourceError (404 for an unknown repository, chart or
   * version; 502 when the repository cannot be reached, naming why).
   */
  fetch(ref: ChartRef, signal?: AbortSignal): Promise<FetchedChart>;
}

/** Why a chart could not be fetched, with the HTTP status its route answers. */
export class ChartSourceError extends Error {
  readonly status: 404 | 502 | 400;
  /** The message as a code the console words (helm-codes.ts), when Portolan wrote it. */
  readonly messageCode: HelmErrorCode | undefined;
  readonly params: HelmErrorParams | undefined;
  constructor(status: 404 | 502 | 400, message: string) {
    super(message);
    this.status = status;
    this.name = 'ChartSourceError';
  }

  /** A refusal whose English is made from `messageCode`'s words and `params`. */
  static coded(
    status: 404 | 502 | 400,
    messageCode: HelmErrorCode,
    params: HelmErrorParams,
  ): ChartSourceError {
    const error = new ChartSourceError(status, helmErrorWords(messageCode, params));
    Object.assign(error, { messageCode, params });
    return error;
  }
}
