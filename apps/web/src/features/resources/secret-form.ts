import type { ErrorBody } from '@portolan/api';
import type { SecretInput } from './resources-api.ts';

/** The Create Secret form's fields as Ant Design's Form holds them. */
export interface SecretFormValues {
  namespace: string;
  name: string;
  type: SecretInput['type'];
  entries?: { key?: string; value?: string }[];
  tls?: { certificate?: string; key?: string };
  dockerRegistry?: { server?: string; username?: string; password?: string; email?: string };
  labels?: string;
}

/** What Kubernetes takes as a name: a DNS subdomain (lowercase, digits, '-', '.'). */
export const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** What Kubernetes takes as a Secret's key. */
export const KEY = /^[-._a-zA-Z0-9]+$/;

/** `key=value` lines (or commas) as a map; the lines that are not, for the field's message. */
export function parseLabels(text: string | undefined): { labels: Record<string, string>; bad: string[] } {
  const labels: Record<string, string> = {};
  const bad: string[] = [];
  for (const part of (text ?? '').split(/[\n,]/)) {
    const line = part.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) bad.push(line);
    else labels[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { labels, bad };
}

/** The request body of POST …/secrets/{namespace} from the form (only what the type uses). */
export function secretInputOf(values: SecretFormValues): SecretInput {
  const input: SecretInput = { name: values.name.trim(), type: values.type };
  const data = Object.fromEntries(
    (values.entries ?? [])
      .filter((entry) => entry.key?.trim())
      .map((entry) => [entry.key?.trim(), entry.value ?? '']),
  );
  if (Object.keys(data).length) input.data = data;
  if (values.type === 'tls')
    input.tls = { certificate: values.tls?.certificate ?? '', key: values.tls?.key ?? '' };
  if (values.type === 'docker-registry') {
    const registry = values.dockerRegistry ?? {};
    input.dockerRegistry = {
      server: registry.server ?? '',
      username: registry.username ?? '',
      password: registry.password ?? '',
      ...(registry.email ? { email: registry.email } : {}),
    };
  }
  const { labels } = parseLabels(values.labels);
  if (Object.keys(labels).length) input.labels = labels;
  return input;
}

/**
 * Where the server's reasons belong on the form: `tls.key` on the key, `data.x` on the entry whose
 * key is x, `name` on the name; what names no field of the form stays for a notice above it.
 */
export function fieldErrorsOf(
  error: ErrorBody,
  values: SecretFormValues,
): { fields: { name: (string | number)[]; errors: string[] }[]; rest: string[] } {
  const problems = error.fields?.length
    ? error.fields
    : [
        {
          field: error.field ?? (error.reason === 'AlreadyExists' ? 'name' : undefined),
          message: error.message,
        },
      ];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const problem of problems) {
    const path = (problem.field ?? '').replace(/^\//, '').split(/[./]/);
    const [first, ...others] = path;
    const message = problem.message ?? error.message;
    const entry = (values.entries ?? []).findIndex((item) => item.key?.trim() === others.join('.'));
    if (first === 'name' || first === 'namespace' || first === 'labels')
      fields.push({ name: [first], errors: [message] });
    else if ((first === 'tls' || first === 'dockerRegistry') && others[0])
      fields.push({ name: [first, others[0]], errors: [message] });
    else if (first === 'data' && entry >= 0)
      fields.push({ name: ['entries', entry, 'key'], errors: [message] });
    else rest.push(problem.field ? `${problem.field}: ${message}` : message);
  }
  return { fields, rest };
}
