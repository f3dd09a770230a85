import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';
import { checkLabels, isDnsSubdomain, Problems } from '#server/workloads/field-checks.ts';

/** A Secret as a form fills it: values in plain text; the server encodes them. */
export interface SecretInput {
  namespace: string;
  name: string;
  type: 'opaque' | 'tls' | 'docker-registry';
  data?: Record<string, string>;
  tls?: { certificate: string; key: string };
  dockerRegistry?: { server: string; username: string; password: string; email?: string };
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const KEY = /^[-._a-zA-Z0-9]+$/;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function checkTls(problems: Problems, tls: SecretInput['tls']): void {
  if (!problems.required('tls.certificate', tls?.certificate) || !problems.required('tls.key', tls?.key))
    return;
  let certificate: X509Certificate | undefined;
  try {
    certificate = new X509Certificate(tls?.certificate ?? '');
  } catch {
    problems.add('tls.certificate', 'invalid', 'is not a PEM certificate');
  }
  try {
    const key = createPrivateKey(tls?.key ?? '');
    const matches =
      certificate &&
      createPublicKey(key)
        .export({ format: 'der', type: 'spki' })
        .equals(certificate.publicKey.export({ format: 'der', type: 'spki' }));
    if (certificate && !matches) problems.add('tls.key', 'invalid', 'does not belong to the certificate');
  } catch {
    problems.add('tls.key', 'invalid', 'is not a PEM private key');
  }
}

/** The Secret object of a form, after naming every field at fault. */
export function buildSecret(input: SecretInput): KubeObject {
  const problems = new Problems();
  if (problems.required('name', input.name) && !isDnsSubdomain(input.name))
    problems.add('name', 'invalid', 'must be lowercase letters, digits, "-" and "."');
  checkLabels(problems, 'labels', input.labels);
  for (const key of Object.keys(input.data ?? {}))
    if (!KEY.test(key) || key.length > 253)
      problems.add(`data.${key}`, 'invalid', 'keys are letters, digits, "-", "_" and "."');
  let type = 'Opaque';
  let data: Record<string, string> = Object.fromEntries(
    Object.entries(input.data ?? {}).map(([key, value]) => [key, b64(value)]),
  );
  if (input.type === 'tls') {
    type = 'kubernetes.io/tls';
    checkTls(problems, input.tls);
    data = { ...data, 'tls.crt': b64(input.tls?.certificate ?? ''), 'tls.key': b64(input.tls?.key ?? '') };
  } else if (input.type === 'docker-registry') {
    type = 'kubernetes.io/dockerconfigjson';
    const registry = input.dockerRegistry;
    for (const field of ['server', 'username', 'password'] as const)
      problems.required(`dockerRegistry.${field}`, registry?.[field]);
    if (registry) {
      const entry = {
        username: registry.username,
        password: registry.password,
        ...(registry.email ? { email: registry.email } : {}),
        auth: b64(`${registry.username}:${registry.password}`),
      };
      data = { ...data, '.dockerconfigjson': b64(JSON.stringify({ auths: { [registry.server]: entry } })) };
    }
  } else if (input.tls || input.dockerRegistry) {
    problems.add('type', 'invalid', 'tls and dockerRegistry need type tls or docker-registry');
  }
  if (problems.list.length) throw new InvalidObjectError(`Secret "${input.name}"`, problems.list);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      ...(input.labels ? { labels: input.labels } : {}),
      ...(input.annotations ? { annotations: input.annotations } : {}),
    },
    type,
    data,
  };
}

/** The keys of a Secret with the size of each value, which masking keeps visible. */
export function secretKeys(secret: KubeObject): { key: string; bytes: number }[] {
  return Object.entries((secret.data ?? {}) as Record<string, string>).map(([key, value]) => ({
    key,
    bytes: Buffer.from(value, 'base64').length,
  }));
}

/** Values as text where they are UTF-8 text; binary values stay out (read them from `data`). */
export function decodedValues(secret: KubeObject): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries((secret.data ?? {}) as Record<string, string>)) {
    const bytes = Buffer.from(value, 'base64');
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (!text.includes('\uFFFD')) decoded[key] = text;
  }
  return decoded;
}
