import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Helm keeps each revision of a release in a Secret of this type, named
 * `sh.helm.release.v1.<name>.v<revision>`, labelled owner=helm, name, status and version. Its
 * `data.release` is base64 (as every Secret value) of base64 of gzip of the release as JSON.
 */
export const RELEASE_SECRET_TYPE = 'helm.sh/release.v1';

/** Where the store keeps a release's metadata (never its values, manifest or notes), as JSON. */
export const RELEASE_ANNOTATION = 'portolan.dev/helm-release';

/** The most a release may unzip to: a chart with large files is MBs; beyond this it is not read. */
export const MAX_RELEASE_BYTES = 16 * 1024 * 1024;

/** What the store keeps of one revision: enough to list and compare, nothing a user configured. */
export interface ReleaseMetadata {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string | null;
  icon: string | null;
  description: string | null;
  firstDeployed: string | null;
  lastDeployed: string | null;
  /** How long the notes are (the notes themselves may hold anything the chart printed). */
  notesLength: number;
  /** Set when the payload could not be read: then the rest comes from the Secret's labels. */
  decodeError?: DecodeError;
}

/** Why a payload could not be read, in one word. */
export type DecodeError =
  | 'missing'
  | 'not-base64'
  | 'too-large'
  | 'not-gzip'
  | 'not-json'
  | 'not-a-release'
  // Stored before this server read release payloads: the next sync of the Secret reads it.
  | 'not-decoded';

class ReleaseDecodeError extends Error {
  readonly word: DecodeError;
  constructor(word: DecodeError) {
    super(`helm release payload: ${word}`);
    this.word = word;
  }
}

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => !!value && typeof value === 'object';
const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(value: string): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new ReleaseDecodeError('not-base64');
  return Buffer.from(compact, 'base64');
}

/** The release JSON text, unzipped with a bound; helm wrote old releases without gzip, so those pass as they are. */
function unzip(bytes: Buffer): string {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    if (bytes.length > MAX_RELEASE_BYTES) throw new ReleaseDecodeError('too-large');
    return bytes.toString('utf8');
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_RELEASE_BYTES }).toString('utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ReleaseDecodeError(code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'not-gzip');
  }
}

/** Only the named fields of a parsed release; throws when it is not shaped like one. */
function metadataOf(release: unknown): ReleaseMetadata {
  if (!isObject(release) || typeof release.name !== 'string' || typeof release.version !== 'number')
    throw new ReleaseDecodeError('not-a-release');
  const info = isObject(release.info) ? release.info : {};
  const chart = isObject(release.chart) && isObject(release.chart.metadata) ? release.chart.metadata : {};
  return {
    name: release.name,
    namespace: typeof release.namespace === 'string' ? release.namespace : '',
    revision: release.version,
    status: text(info.status) ?? 'unknown',
    chart: text(chart.name) ?? '',
    chartVersion: text(chart.version) ?? '',
    appVersion: text(chart.appVersion),
    icon: text(chart.icon),
    description: text(info.description),
    firstDeployed: text(info.first_deployed),
    lastDeployed: text(info.last_deployed),
    notesLength: typeof info.notes === 'string' ? info.notes.length : 0,
  };
}

/**
 * The metadata of one release Secret's payload (`data.release` as the Kubernetes API gives it).
 * Throws a ReleaseDecodeError naming what is wrong.
 */
export function decodeReleasePayload(data: unknown): ReleaseMetadata {
  if (typeof data !== 'string' || !data) throw new ReleaseDecodeError('missing');
  // Kubernetes' base64 of helm's base64: the inner text is at most 4/3 of the gzip bytes, so bounded too.
  const inner = fromBase64(fromBase64(data).toString('latin1'));
  let release: unknown;
  try {
    release = JSON.parse(unzip(inner));
  } catch (error) {
    if (error instanceof ReleaseDecodeError) throw error;
    throw new ReleaseDecodeError('not-json');
  }
  return metadataOf(release);
}

/** What the labels say when the payload cannot be read: helm writes name, status and version on every revision. */
function metadataFromLabels(secret: Obj, decodeError: DecodeError): ReleaseMetadata {
  const metadata = isObject(secret.metadata) ? secret.metadata : {};
  const labels = isObject(metadata.labels) ? (metadata.labels as Record<string, string>) : {};
  const revision = Number(labels.version);
  return {
    name: labels.name ?? '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    revision: Number.isInteger(revision) ? revision : 0,
    status: labels.status ?? 'unknown',
    chart: '',
    chartVersion: '',
    appVersion: null,
    icon: null,
    description: null,
    firstDeployed: null,
    lastDeployed: null,
    notesLength: 0,
    decodeError,
  };
}

/** Whether a Secret object is a Helm release revision. */
export function isReleaseSecret(object: unknown): object is Obj {
  return isObject(object) && object.type === RELEASE_SECRET_TYPE;
}

/**
 * A release Secret's metadata, from its payload, or from its labels with the reason the payload
 * could not be read: one bad Secret never fails a sync.
 */
export function releaseMetadataOf(secret: Obj): ReleaseMetadata {
  try {
    const data = isObject(secret.data) ? secret.data.release : undefined;
    return decodeReleasePayload(data);
  } catch (error) {
    if (error instanceof ReleaseDecodeError) return metadataFromLabels(secret, error.word);
    throw error;
  }
}

/**
 * The metadata a stored release Secret carries in its annotation; from its labels, marked
 * not-decoded, when it has none. Undefined for any other object.
 */
export function storedReleaseMetadata(object: unknown): ReleaseMetadata | undefined {
  if (!isReleaseSecret(object)) return undefined;
  const annotations = isObject(object.metadata) ? object.metadata.annotations : undefined;
  const json = isObject(annotations) ? annotations[RELEASE_ANNOTATION] : undefined;
  try {
    const parsed = typeof json === 'string' ? (JSON.parse(json) as unknown) : undefined;
    if (isObject(parsed) && typeof parsed.name === 'string') return parsed as unknown as ReleaseMetadata;
  } catch {
    // Written by this server, so never bad JSON; the labels serve if it is.
  }
  return metadataFromLabels(object, 'not-decoded');
}

/** A `data.release` value as helm writes it, for tests and benchmarks that make releases without helm. */
export function encodeReleasePayload(release: object): string {
  const helmText = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return Buffer.from(helmText).toString('base64');
}
