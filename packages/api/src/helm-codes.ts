import { fillWords } from './fill-words.ts';
/**
 * Why a Helm install, upgrade, rollback or uninstall was refused or failed, as a code and values
 * beside Portolan's English (issue #10): a refusal's `{ error }` body (and a cluster's refusal in a
 * multi-cluster install) carries `messageCode` and `params` beside `message`. The server makes the
 * English from these words, so the two never disagree; the console words the same code in the reader's
 * language (apps/web/src/features/helm-actions/helm-words-zh.ts; a test checks every code has words
 * with the same placeholders). `detail` is what helm, Kubernetes, the YAML parser or the chart
 * repository said, kept as written; `operation` is helm's own command name (install, upgrade…).
 * A failed operation's job keeps the same code and values beside its reason (`errorCode` and
 * `errorParams` of a job, `reasonCode` and `reason.<name>` of its `failed` step).
 */
export const HELM_ERROR_WORDS = {
  'helm-said': '{detail}',
  'helm-silent': 'helm failed without saying why',
  'helm-stopped': 'helm was stopped ({signal})',
  'helm-not-started': 'helm could not be started: {detail}',
  'helm-missing':
    'no helm binary: set PORTOLAN_HELM_BIN to a helm 4 binary, or build the sandbox binaries (bash sandbox/build.sh, or PORTOLAN_SANDBOX_BIN pointing at their directory), which include helm',
  'helm-missing-at':
    'no helm binary at {paths}: set PORTOLAN_HELM_BIN to a helm 4 binary, or build the sandbox binaries (bash sandbox/build.sh, or PORTOLAN_SANDBOX_BIN pointing at their directory), which include helm',
  'not-json': "helm's {what} was not JSON; is helm 4 installed?",
  cancelled: 'the operation was cancelled before helm finished',
  'secrets-forbidden':
    "{detail}: helm keeps releases in Secrets, which this role may not read there (a Viewer's may not); GET /api/v1/helm/releases lists them from Portolan's store without their values",
  'release-exists':
    'a release named "{name}" already exists in namespace "{namespace}" (revision {revision}, {status}); upgrade it (POST …/{namespace}/{name}/upgrade) or choose another name',
  'release-not-found':
    'no release named "{name}" in namespace "{namespace}" on cluster {cluster}; install it first (POST /api/v1/clusters/{cluster}/helm/releases)',
  'no-revision': 'release "{name}" has no revision {revision}; it keeps {revisions}',
  'release-pending':
    'release "{name}" in namespace "{namespace}" is {status} from an operation that was interrupted; roll it back to its last deployed revision (POST …/rollback with that revision from …/history) to clear it',
  'operation-starting':
    'another Helm operation on release "{name}" in namespace "{namespace}" on cluster {cluster} is starting; wait for it to end',
  'operation-running':
    '{operation} of release "{name}" in namespace "{namespace}" on cluster {cluster} is running (job {job}, started by {user}); wait for it to end (GET /api/v1/jobs/{job}) or cancel it',
  'render-failed': 'the chart does not render with these values: {detail}',
  'values-not-yaml': '{field} is not valid YAML: {detail}',
  'values-not-yaml-line': '{field} is not valid YAML (line {line}): {detail}',
  'values-aliases':
    '{field} expands YAML aliases (*name) more than {limit} times; write the values out instead',
  'values-not-mapping': '{field} must be a YAML mapping (key: value lines)',
  'values-schema': "the values do not fit the chart's values schema: {detail}",
  'no-repository': 'no chart repository "{repository}"',
  'no-chart': 'repository "{repository}" has no chart "{chart}"',
  'no-chart-version': 'repository "{repository}" has no chart "{chart}" version "{version}"',
  'chart-fetch-failed': 'fetching {chart} {version} from "{repository}" failed: {detail}',
  // Why an operation's job failed, where helm's text says which kind of failure it was.
  'hook-failed': 'the {hook} hook failed: {detail}',
  'not-ready-in-time': 'not every object was ready within {seconds} s: {detail}',
  'chart-digest-mismatch':
    '{chart} {version} from "{repository}" does not match the digest its index gives (the repository changed the package, or it was damaged on the way): refresh the repository and try again',
} as const;

export type HelmErrorCode = keyof typeof HELM_ERROR_WORDS;
export type HelmErrorParams = Record<string, string | number>;

/** Every code a Helm refusal's `messageCode` can be: the single list the console's words are checked against. */
export const HELM_ERROR_CODES = Object.keys(HELM_ERROR_WORDS) as HelmErrorCode[];

/** A Helm refusal's English, made from its code's words and its values. */
export const helmErrorWords = (code: HelmErrorCode, params: HelmErrorParams = {}) =>
  fillWords(HELM_ERROR_WORDS[code], params);

/** `messageCode` in a Helm refusal's schema. */
export const helmMessageCode = {
  type: 'string',
  enum: HELM_ERROR_CODES,
  description: 'the message as a code the console words with `params` (HELM_ERROR_CODES of helm-codes.ts)',
} as const;
