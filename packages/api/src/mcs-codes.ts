import { fillWords } from './fill-words.ts';
/**
 * Why a multi-cluster Service's exporting cluster offers nothing, or why an import cluster is not in
 * step, as a code and values beside Portolan's English (issue #10): an export's or import's `reason`
 * comes with `reasonCode` and `reasonParams`. The server makes the English from these words, so the two
 * never disagree; the console words the same code in the reader's language
 * (apps/web/src/features/multicluster-services/mcs-words-zh.ts; a test checks every code has words with
 * the same placeholders) and shows the English for a code it does not know. `since` and `until` are
 * instants (ISO 8601); `detail` is Kubernetes' own message, kept as written.
 */
export const MCS_WORDS = {
  'export.offline-kept': 'offline since {since}: its last endpoints are kept until {until}',
  'export.offline-dropped':
    'offline since {since}: its endpoints were dropped {seconds} s after it went away',
  'export.no-service': 'no Service {namespace}/{name} there',
  'export.no-selector':
    'Service {namespace}/{name} has no selector there: only the pods a selector picks are exported',
  'export.no-ready-pods': 'no ready pods',
  'import.forbidden': "cluster {cluster} refused Portolan's own credentials: {detail}",
  'import.no-namespace': '{detail} on cluster {cluster}: create the namespace there first',
  'import.failed': 'on cluster {cluster}: {detail}',
  'import.not-ours':
    'a {kind} {namespace}/{name} that this import did not create is on cluster {cluster}; Portolan leaves it alone: remove it, or choose another spec.importName',
  'import.no-exporter': 'no exporting cluster has Service {namespace}/{service} now',
  'import.offline':
    'cluster {cluster} cannot be reached: the import stays as it was and is brought up to date when it is back',
} as const;

export type McsReasonCode = keyof typeof MCS_WORDS;
export type McsReasonParams = Record<string, string | number>;

/** Every code an export's or import's reason can carry: the single list the console's words are checked against. */
export const MCS_REASON_CODES = Object.keys(MCS_WORDS) as McsReasonCode[];

/** A reason as a code and its values. */
export interface McsWording {
  code: McsReasonCode;
  params: McsReasonParams;
}

/** The English of a code with its values; a missing value stays visible. */
export const mcsEnglish = (wording: McsWording): string => fillWords(MCS_WORDS[wording.code], wording.params);

/** `reasonCode` of an export or import in a schema. */
export const mcsReasonCode = {
  type: 'string',
  enum: MCS_REASON_CODES,
  description: 'the reason as a code the console words (MCS_REASON_CODES of mcs-codes.ts)',
} as const;

/** `reasonParams` of an export or import in a schema. */
export const mcsReasonParams = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
  description:
    "the reason code's values: cluster, namespace, name, instants, and Kubernetes' own text as detail",
} as const;
