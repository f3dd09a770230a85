import type { FromSchema } from 'json-schema-to-ts';

const time = { type: 'string', format: 'date-time' } as const;
const nullableText = { type: ['string', 'null'] } as const;

export const jobState = {
  type: 'string',
  enum: ['running', 'succeeded', 'failed', 'cancelled'],
} as const;

/** One step of a job: a stable code and parameters (say it in any language) and its English text. */
export const jobStep = {
  type: 'object',
  required: ['seq', 'at', 'level', 'code', 'params', 'text'],
  additionalProperties: false,
  properties: {
    seq: { type: 'integer', minimum: 1, description: '1, 2, 3… within the job; a stream resumes after it' },
    at: time,
    level: { type: 'string', enum: ['info', 'warning', 'error'] },
    code: {
      type: 'string',
      description:
        'what happened: chart-fetched, rendered, applying, applied, waiting-ready, ready, failed, cancelled…',
    },
    params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    text: { type: 'string', description: 'the step in English' },
  },
} as const;

const jobFields = {
  id: { type: 'string' },
  kind: { type: 'string', description: 'what the job does: helm.install, helm.upgrade…' },
  cluster: { type: 'string', description: 'absent for a platform-wide job' },
  namespace: { type: 'string' },
  target: { type: 'string', description: 'what it acts on, such as a release name' },
  createdBy: {
    type: 'object',
    required: ['id', 'name'],
    additionalProperties: false,
    properties: { id: { type: 'string' }, name: { type: 'string' } },
  },
  state: jobState,
  replica: { type: 'string', description: 'the Portolan replica that runs (or ran) it' },
  createdAt: time,
  finishedAt: { type: ['string', 'null'], format: 'date-time' },
  error: { ...nullableText, description: 'why it failed or was cancelled' },
  errorCode: {
    type: 'string',
    description:
      "`error` as a code the console words with `errorParams`, when the failure said itself with one (a Helm operation's: HELM_ERROR_CODES of helm-codes.ts)",
  },
  errorParams: {
    type: 'object',
    additionalProperties: { type: ['string', 'number'] },
    description: "the code's values; what helm or Kubernetes said stays as written, as `detail`",
  },
  result: { description: 'what the work returned when it succeeded (null otherwise)' },
} as const;

const jobRequired = [
  'id',
  'kind',
  'createdBy',
  'state',
  'replica',
  'createdAt',
  'finishedAt',
  'error',
  'result',
] as const;

/** A recorded long action (a Helm install, an upgrade, a backup) as it is now. */
export const jobRecord = {
  type: 'object',
  required: jobRequired,
  additionalProperties: false,
  properties: jobFields,
} as const;

/** GET /api/v1/jobs/:id: the job with every step it kept. */
export const jobDetail = {
  type: 'object',
  required: [...jobRequired, 'steps'],
  additionalProperties: false,
  properties: { ...jobFields, steps: { type: 'array', items: jobStep } },
} as const;

/** GET /api/v1/jobs's filters. */
export const jobListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', minLength: 1, maxLength: 63 },
    kind: { type: 'string', minLength: 1, maxLength: 100 },
    state: jobState,
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    continue: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

/** GET /api/v1/jobs: one page, newest first, of the jobs the caller may read; `continue` asks for the next. */
export const jobPage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: jobRecord },
    continue: { type: 'string' },
    total: { type: 'integer', description: 'jobs the filters select' },
  },
} as const;

export type JobState = FromSchema<typeof jobState>;
export type JobStepView = FromSchema<typeof jobStep>;
export type JobView = FromSchema<typeof jobRecord>;
export type JobDetail = FromSchema<typeof jobDetail>;
export type JobListQuery = FromSchema<typeof jobListQuery>;
export type JobPage = FromSchema<typeof jobPage>;
