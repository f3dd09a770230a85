import { writeFile } from 'node:fs/promises';
import YAML from 'yaml';

export interface KubeconfigInput {
  clusterName: string;
  userName: string;
  server: string;
  ca: string;
  cert: string;
  key: string;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A kubeconfig with one cluster, one user and one context, all credentials embedded. */
export function renderKubeconfig(input: KubeconfigInput): string {
  const context = `${input.userName}@${input.clusterName}`;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: input.clusterName,
        cluster: { server: input.server, 'certificate-authority-data': base64(input.ca) },
      },
    ],
    users: [
      {
        name: input.userName,
        user: { 'client-certificate-data': base64(input.cert), 'client-key-data': base64(input.key) },
      },
    ],
    contexts: [{ name: context, context: { cluster: input.clusterName, user: input.userName } }],
    'current-context': context,
  });
}

export async function writeKubeconfig(file: string, input: KubeconfigInput): Promise<void> {
  await writeFile(file, renderKubeconfig(input), { mode: 0o600 });
}
