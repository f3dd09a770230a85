import { KubeconfigError } from './kubeconfig-errors.ts';

/**
 * The types of the kubeconfig fields Portolan reads, as kubectl's v1 Config defines them. A value
 * of another type (a number token, a string where a list belongs) is refused here with its field,
 * instead of failing later deep inside a request. Fields not listed (extensions, …) are ignored.
 */
type Shape =
  | 'string'
  | 'boolean'
  | 'strings'
  | 'string-map'
  | 'strings-map'
  | { object: Record<string, Shape> }
  | { list: Record<string, Shape> };

export const CLUSTER_SHAPE: Record<string, Shape> = {
  server: 'string',
  'certificate-authority': 'string',
  'certificate-authority-data': 'string',
  'insecure-skip-tls-verify': 'boolean',
  'tls-server-name': 'string',
  'proxy-url': 'string',
  'disable-compression': 'boolean',
};

export const USER_SHAPE: Record<string, Shape> = {
  'client-certificate': 'string',
  'client-certificate-data': 'string',
  'client-key': 'string',
  'client-key-data': 'string',
  token: 'string',
  tokenFile: 'string',
  username: 'string',
  password: 'string',
  as: 'string',
  'as-uid': 'string',
  'as-groups': 'strings',
  'as-user-extra': 'strings-map',
  'auth-provider': { object: { name: 'string', config: 'string-map' } },
  exec: {
    object: {
      command: 'string',
      args: 'strings',
      env: { list: { name: 'string', value: 'string' } },
      apiVersion: 'string',
      installHint: 'string',
      provideClusterInfo: 'boolean',
      interactiveMode: 'string',
    },
  },
};

export const CONTEXT_SHAPE: Record<string, Shape> = {
  cluster: 'string',
  user: 'string',
  namespace: 'string',
};

const typeOf = (value: unknown) =>
  Array.isArray(value)
    ? 'a list'
    : value instanceof Uint8Array
      ? 'binary data'
      : value === null
        ? 'null'
        : typeof value === 'object'
          ? 'a mapping'
          : `a ${typeof value}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

export interface ShapeContext {
  /** How the entry is named in messages, e.g. `users[admin].user`. */
  label: string;
  /** Where the entry sits in the document, e.g. ['users', 0, 'user']. */
  at: (string | number)[];
  locate(path: (string | number)[]): { line: number; column: number } | undefined;
}

function refuse(context: ShapeContext, path: (string | number)[], message: string): never {
  const field = `${context.label}${path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
  throw new KubeconfigError('invalid-kubeconfig', `${field} ${message}`, {
    field,
    ...context.locate([...context.at, ...path]),
  });
}

function checkValue(value: unknown, shape: Shape, path: (string | number)[], context: ShapeContext): void {
  // A key with no value (null) is the same as no key, as in kubectl.
  if (value === null || value === undefined) return;
  const scalarHint =
    typeof value === 'number' || typeof value === 'boolean'
      ? '; put the value in quotes to make it text'
      : '';
  if (shape === 'string') {
    if (typeof value !== 'string') refuse(context, path, `must be text, not ${typeOf(value)}${scalarHint}`);
    return;
  }
  if (shape === 'boolean') {
    if (typeof value !== 'boolean') refuse(context, path, `must be true or false, not ${typeOf(value)}`);
    return;
  }
  if (shape === 'strings') {
    if (!Array.isArray(value)) refuse(context, path, `must be a list of text values, not ${typeOf(value)}`);
    value.forEach((item, index) => {
      checkValue(item, 'string', [...path, index], context);
    });
    return;
  }
  if (shape === 'string-map' || shape === 'strings-map') {
    if (!isRecord(value)) refuse(context, path, `must be a mapping, not ${typeOf(value)}`);
    for (const [key, item] of Object.entries(value))
      checkValue(item, shape === 'string-map' ? 'string' : 'strings', [...path, key], context);
    return;
  }
  if ('object' in shape) {
    if (!isRecord(value)) refuse(context, path, `must be a mapping, not ${typeOf(value)}`);
    checkFields(value, shape.object, path, context);
    return;
  }
  if (!Array.isArray(value)) refuse(context, path, `must be a list, not ${typeOf(value)}`);
  value.forEach((item, index) => {
    if (!isRecord(item)) refuse(context, [...path, index], `must be a mapping, not ${typeOf(item)}`);
    checkFields(item, shape.list, [...path, index], context);
  });
}

function checkFields(
  value: Record<string, unknown>,
  fields: Record<string, Shape>,
  path: (string | number)[],
  context: ShapeContext,
): void {
  for (const [key, shape] of Object.entries(fields)) checkValue(value[key], shape, [...path, key], context);
}

/** Refuses a cluster, user or context entry whose fields have the wrong types, naming the field. */
export function checkEntryShape(
  value: Record<string, unknown>,
  shape: Record<string, Shape>,
  context: ShapeContext,
): void {
  checkFields(value, shape, [], context);
}
