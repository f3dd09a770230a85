import YAML from 'yaml';
import { selectContext } from './kubeconfig.ts';
import { type FileAccess, fieldAt, readReferencedFile } from './kubeconfig-files.ts';
import type { Kubeconfig, KubeconfigCluster, KubeconfigUser } from './kubeconfig-types.ts';

/**
 * One context of a kubeconfig as a self-contained kubeconfig: only that context, its cluster and
 * its user, with certificate and key files read into their `*-data` fields, so what is stored
 * (encrypted) keeps working when the original files move. A `tokenFile` stays a path on
 * purpose: such tokens are rotated in place and must be read again.
 */
export async function flattenKubeconfig(
  config: Kubeconfig,
  context: string | undefined,
  files: FileAccess,
): Promise<string> {
  const selected = selectContext(config, context);
  const cluster: KubeconfigCluster = { ...selected.cluster.value };
  const user: KubeconfigUser = { ...selected.user.value };
  const inline = async (
    section: 'clusters' | 'users',
    entry: typeof selected.cluster | typeof selected.user,
    target: Record<string, unknown>,
    fileKey: string,
  ) => {
    const file = target[fileKey];
    if (typeof file !== 'string' || !file) return;
    const content = await readReferencedFile(config, files, file, fieldAt(config, section, entry, fileKey));
    target[`${fileKey}-data`] = content.toString('base64');
    delete target[fileKey];
  };
  await inline('clusters', selected.cluster, cluster as Record<string, unknown>, 'certificate-authority');
  await inline('users', selected.user, user as Record<string, unknown>, 'client-certificate');
  await inline('users', selected.user, user as Record<string, unknown>, 'client-key');
  const contextEntry: Record<string, string> = { cluster: selected.cluster.name, user: selected.user.name };
  if (selected.namespace) contextEntry.namespace = selected.namespace;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: selected.cluster.name, cluster }],
    users: [{ name: selected.user.name, user }],
    contexts: [{ name: selected.name, context: contextEntry }],
    'current-context': selected.name,
  });
}
