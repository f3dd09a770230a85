import { peopleUser } from '@portolan/api';

/** JSON schemas shared by the identity routes. */
/** A short name or label: no control characters, so it cannot break a header, a log line or a table. */
export const str = (maxLength = 200, minLength = 1) =>
  ({ type: 'string', minLength, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }) as const;
export const nullableDate = { type: ['string', 'null'], format: 'date-time' } as const;
export const errorBody = {
  type: 'object',
  properties: {
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;

/** A user as every identity route answers it: never its password hash. */
export const user = peopleUser;

export const role = { type: 'string', enum: ['Admin', 'Editor', 'Viewer'] } as const;

export const bindingScope = {
  type: 'object',
  required: ['level'],
  additionalProperties: false,
  properties: {
    level: { type: 'string', enum: ['platform', 'workspace', 'cluster', 'namespace'] },
    workspace: str(63),
    cluster: str(63),
    namespace: str(63),
  },
} as const;

export const subject = {
  type: 'object',
  required: ['kind', 'name'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: ['user', 'group'] }, name: str(200) },
} as const;

export const roleBinding = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    subject,
    role,
    scope: bindingScope,
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const items = (item: object) =>
  ({ type: 'object', properties: { items: { type: 'array', items: item } } }) as const;

export const nameParams = (...names: string[]) =>
  ({
    type: 'object',
    required: names,
    properties: Object.fromEntries(names.map((n) => [n, str(200)])),
  }) as const;
