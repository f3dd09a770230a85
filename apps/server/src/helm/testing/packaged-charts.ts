import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type ChartRef, type ChartSource, ChartSourceError } from '../chart-source.ts';

const run = promisify(execFile);

/** Files of one chart, by path inside its directory. */
type ChartFiles = Record<string, string>;

const chartYaml = (name: string, version: string, extra = '') =>
  `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${version}"\ntype: application\n${extra}`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: { app: {{ .Release.Name }}-web }
  template:
    metadata:
      labels: { app: {{ .Release.Name }}-web }
    spec:
      {{- with .Values.nodeSelector }}
      nodeSelector: {{ toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: web
          image: example.com/web:{{ .Chart.Version }}
          env:
            - name: MESSAGE
              value: {{ .Values.message | quote }}
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector: { app: {{ .Release.Name }}-web }
  ports: [{ port: 80 }]
`;

/** A pre-upgrade hook Pod: kwok keeps it Running, so helm's wait for it to complete times out. */
const hookPod = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    helm.sh/hook: pre-upgrade
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  restartPolicy: Never
  containers:
    - name: migrate
      image: example.com/migrate:1
`;

/**
 * The charts the Helm operation tests install, each packaged by the real helm:
 * - `web` 1.0.0 and 1.1.0: a Deployment and a Service, with a dependency (`lib`, a ConfigMap) built
 *   from a file:// repository by `helm package --dependency-update`;
 * - `strict` 1.0.0: a values.schema.json asking for an integer `replicas` of at least 1;
 * - `hooky` 1.0.0 (a ConfigMap) and 2.0.0 (the same, plus a pre-upgrade hook that never completes).
 */
export async function packageTestCharts(
  helmBin: string,
): Promise<{ source: ChartSource; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-test-charts-'));
  const out = path.join(dir, 'packages');
  await mkdir(out);
  const env = {
    HOME: dir,
    PATH: '/usr/bin:/bin',
    HELM_CACHE_HOME: path.join(dir, 'cache'),
    HELM_CONFIG_HOME: path.join(dir, 'config'),
    HELM_DATA_HOME: path.join(dir, 'data'),
  };
  const write = async (name: string, files: ChartFiles) => {
    const root = path.join(dir, 'src', name);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    return root;
  };
  const pack = async (root: string, dependencies = false) => {
    await run(helmBin, ['package', root, '-d', out, ...(dependencies ? ['--dependency-update'] : [])], {
      env,
    });
  };
  await write('lib', {
    'Chart.yaml': chartYaml('lib', '0.1.0', 'type: library\n').replace('type: application\n', ''),
    'templates/_note.tpl': '{{- define "lib.note" -}}from lib {{ .Chart.Version }}{{- end -}}\n',
  });
  const libRoot = path.join(dir, 'src', 'lib');
  for (const version of ['1.0.0', '1.1.0']) {
    const root = await write(`web-${version}`, {
      'Chart.yaml': chartYaml(
        'web',
        version,
        `dependencies:\n  - name: lib\n    version: 0.1.0\n    repository: file://${libRoot}\n`,
      ),
      'values.yaml': 'replicas: 1\nmessage: hello\n',
      'templates/deployment.yaml': deployment,
      'templates/service.yaml': service,
      'templates/config.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  note: {{ include "lib.note" . | quote }}\n',
      'templates/NOTES.txt': 'web {{ .Chart.Version }} says {{ .Values.message }}\n',
    });
    await pack(root, true);
  }
  await pack(
    await write('strict', {
      'Chart.yaml': chartYaml('strict', '1.0.0'),
      'values.yaml': 'replicas: 1\n',
      'values.schema.json': JSON.stringify({
        type: 'object',
        properties: { replicas: { type: 'integer', minimum: 1 } },
        required: ['replicas'],
      }),
      'templates/config.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-strict\ndata:\n  replicas: {{ .Values.replicas | quote }}\n',
    }),
  );
  const config =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  version: {{ .Chart.Version | quote }}\n';
  await pack(
    await write('hooky-1', { 'Chart.yaml': chartYaml('hooky', '1.0.0'), 'templates/config.yaml': config }),
  );
  await pack(
    await write('hooky-2', {
      'Chart.yaml': chartYaml('hooky', '2.0.0'),
      'templates/config.yaml': config,
      'templates/hook.yaml': hookPod,
    }),
  );
  const newest: Record<string, string> = { web: '1.1.0', strict: '1.0.0', hooky: '2.0.0' };
  const source: ChartSource = {
    // As the catalogue does: a private copy of the package, removed by release().
    async fetch(ref: ChartRef) {
      if (ref.repository !== 'test')
        throw new ChartSourceError(404, `no chart repository named "${ref.repository}"`);
      const version = ref.version ?? newest[ref.chart];
      if (!version) throw new ChartSourceError(404, `no chart "${ref.chart}" in repository test`);
      const copyDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-chart-'));
      const file = path.join(copyDir, `${ref.chart}-${version}.tgz`);
      await copyFile(path.join(out, `${ref.chart}-${version}.tgz`), file).catch(async () => {
        await rm(copyDir, { recursive: true, force: true });
        throw new ChartSourceError(404, `no version ${version} of chart "${ref.chart}"`);
      });
      return {
        file,
        chart: ref.chart,
        version,
        release: () => rm(copyDir, { recursive: true, force: true }),
      };
    },
  };
  return { source, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
