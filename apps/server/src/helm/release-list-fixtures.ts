/**
 * Real Helm releases for the release list's tests, screenshots and benchmark: a tiny chart written
 * to disk and installed with the sandbox's helm as the sandbox's administrator.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { testTempDir } from '#server/testing/temp-dir.ts';

const run = promisify(execFile);

/** A value the chart is installed with, which must never reach the store. */
export const FIXTURE_SECRET_VALUE = 'fixture-password-7d41';

/** Writes a chart of one ConfigMap (holding `password` from values) and returns its directory. */
export async function writeTinyChart(chart: {
  name: string;
  version: string;
  appVersion: string;
}): Promise<string> {
  const dir = path.join(await testTempDir('portolan-chart-'), chart.name);
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  await writeFile(
    path.join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${chart.name}\nversion: ${chart.version}\nappVersion: "${chart.appVersion}"\ndescription: A chart of one ConfigMap\n`,
  );
  await writeFile(path.join(dir, 'values.yaml'), 'password: change-me\n');
  await writeFile(
    path.join(dir, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  password: {{ .Values.password | quote }}\n',
  );
  await writeFile(path.join(dir, 'templates', 'NOTES.txt'), 'Installed {{ .Release.Name }}.\n');
  return dir;
}

/**
 * Runs the sandbox's helm with an administrator's kubeconfig; values go in a file, never on the
 * command line. Returns stdout; throws with helm's stderr.
 */
export async function helm(binDir: string, kubeconfig: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(path.join(binDir, 'helm'), [...args, '--kubeconfig', kubeconfig], {
      env: { ...process.env, HELM_CACHE_HOME: path.join(os.tmpdir(), 'portolan-helm-cache') },
    });
    return stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`helm ${args.join(' ')}: ${stderr || String(error)}`);
  }
}

/** A values file holding FIXTURE_SECRET_VALUE, for `-f`. */
export async function secretValuesFile(): Promise<string> {
  const file = path.join(await testTempDir('portolan-values-'), 'values.yaml');
  await writeFile(file, `password: ${FIXTURE_SECRET_VALUE}\n`, { mode: 0o600 });
  return file;
}
