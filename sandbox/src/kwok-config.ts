import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kwokMetricDocuments } from './kwok-metrics.ts';

/** What `kubectl logs` returns for every sandbox pod: kwok serves this file as the container log. */
export function simulatedLog(sandboxName: string): string {
  const lines = [
    `portolan sandbox ${sandboxName}: container started (simulated by kwok)`,
    'listening on :8080',
    'ready to serve requests',
  ];
  // kwok reads the file in the CRI log format: time, stream, tag (F = full line), message.
  return `${lines.map((line, i) => `2026-01-01T00:00:0${i}.000000000Z stdout F ${line}`).join('\n')}\n`;
}

/**
 * kwok's configuration: pod address range, kwok's own default node and pod stages (copied from
 * its module by the build), and cluster-wide Logs and Exec rules so that `kubectl logs` serves
 * `logFile` and `kubectl exec` runs the command on this machine in `execDir`; plus the kubelet-style
 * resource metrics and the crash loop on demand (kwok-metrics.ts).
 */
export async function writeKwokConfig(options: {
  file: string;
  stagesDir: string;
  logFile: string;
  execDir: string;
  sandboxName: string;
  /** kwok's pod address range (default 10.244.0.0/16). */
  podCidr?: string;
}): Promise<void> {
  const stageFiles = (await readdir(options.stagesDir)).filter((file) => file.endsWith('.yaml')).sort();
  const stages = await Promise.all(
    stageFiles.map((file) => readFile(path.join(options.stagesDir, file), 'utf8')),
  );
  const documents = [
    [
      'apiVersion: config.kwok.x-k8s.io/v1alpha1',
      'kind: KwokConfiguration',
      'options:',
      `  cidr: ${options.podCidr ?? '10.244.0.0/16'}`,
      '  enablePodsOnNodeSyncStreamWatch: true',
      // kwok does not apply its defaults to a configuration file: every option it needs is set.
      '  enableDebuggingHandlers: true',
      '  enableProfilingHandler: false',
      '  enableContentionProfiling: false',
      '  enablePodsOnNodeSyncListPager: true',
      '  podsOnNodeSyncParallelism: 1',
      '  nodeLeaseParallelism: 4',
      '  podPlayStageParallelism: 4',
      '  nodePlayStageParallelism: 4',
    ].join('\n'),
    ...stages.map((stage) => stage.trim()),
    ...kwokMetricDocuments(),
    [
      'apiVersion: kwok.x-k8s.io/v1alpha1',
      'kind: ClusterLogs',
      'metadata:',
      '  name: sandbox-logs',
      'spec:',
      '  logs:',
      `  - logsFile: ${JSON.stringify(options.logFile)}`,
      '    follow: false',
    ].join('\n'),
    [
      'apiVersion: kwok.x-k8s.io/v1alpha1',
      'kind: ClusterExec',
      'metadata:',
      '  name: sandbox-exec',
      'spec:',
      '  execs:',
      '  - local:',
      `      workDir: ${JSON.stringify(options.execDir)}`,
      '      envs:',
      '      - name: PORTOLAN_SANDBOX',
      `        value: ${JSON.stringify(options.sandboxName)}`,
    ].join('\n'),
  ];
  await writeFile(options.file, `${documents.join('\n---\n')}\n`);
  await writeFile(options.logFile, simulatedLog(options.sandboxName));
}

/** The scheduler's configuration: its own credentials and a client rate fit for a thousand pods. */
export async function writeSchedulerConfig(file: string, kubeconfig: string): Promise<void> {
  const text = [
    'apiVersion: kubescheduler.config.k8s.io/v1',
    'kind: KubeSchedulerConfiguration',
    'clientConnection:',
    `  kubeconfig: ${JSON.stringify(kubeconfig)}`,
    '  qps: 500',
    '  burst: 1000',
    'leaderElection:',
    '  leaderElect: false',
  ].join('\n');
  await writeFile(file, `${text}\n`);
}
