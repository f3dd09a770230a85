import { execFile } from 'node:child_process';
import path from 'node:path';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs the sandbox build's kubectl, a real client, against a kubeconfig. */
export function kubectl(
  binDir: string,
  kubeconfig: string,
  args: string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(binDir, 'kubectl'),
      [`--kubeconfig=${kubeconfig}`, ...args],
      { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** kubectl that must succeed; throws with its stderr otherwise. */
export async function kubectlOk(
  binDir: string,
  kubeconfig: string,
  args: string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<string> {
  const result = await kubectl(binDir, kubeconfig, args, options);
  if (result.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`,
  );
}

/**
 * A namespace for one test file: made before its tests (with the default ServiceAccount pods
 * need) and deleted after them, without waiting.
 */
export function useNamespace(
  hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void },
  binDir: string,
  kubeconfig: string,
  namespace: string,
): void {
  hooks.before(async () => {
    await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
    await eventually('the default ServiceAccount', async () =>
      (await kubectl(binDir, kubeconfig, ['get', 'sa', 'default', '-n', namespace])).code === 0
        ? true
        : undefined,
    );
  });
  hooks.after(async () => {
    await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  });
}
