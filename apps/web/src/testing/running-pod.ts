import { eventually } from '@portolan/sandbox/testing';

type Kubectl = (...args: string[]) => Promise<string>;

/**
 * A fresh namespace holding one nginx Deployment named `app`; answers its Running pod's name. The
 * namespace waits for its default ServiceAccount, without which the Deployment's pods are refused.
 */
export async function deploymentWithRunningPod(k: Kubectl, namespace: string, app: string): Promise<string> {
  await k('create', 'namespace', namespace);
  await eventually('the default ServiceAccount', async () =>
    (await k('get', 'sa', 'default', '-n', namespace).catch(() => '')) ? true : undefined,
  );
  await k('create', 'deployment', app, '--image=nginx:1.27', '-n', namespace);
  return eventually('a Running pod', async () => {
    const list = JSON.parse(await k('get', 'pods', '-l', `app=${app}`, '-n', namespace, '-o', 'json')).items;
    return list.find((entry: { status: { phase: string } }) => entry.status.phase === 'Running')?.metadata
      .name as string | undefined;
  });
}
