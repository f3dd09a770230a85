import type http from 'node:http';
import type { KubeClient, KubeQuery } from '#server/kube/kube-client.ts';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import { callKube, type Operation } from '#server/resources/kube-call.ts';
import { openKubeStream } from './kube-stream.ts';

export interface LogOptions {
  /** Required when the pod has more than one container. */
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  /** The previous instance of a restarted container. */
  previous?: boolean;
  /** Each line starts with its RFC 3339 time. */
  timestamps?: boolean;
  limitBytes?: number;
}

export interface PodRef {
  namespace: string;
  name: string;
}

const logPath = (pod: PodRef) =>
  `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`;

const operation = (pod: PodRef): Operation => ({
  verb: 'get',
  group: '',
  resource: 'pods',
  subresource: 'log',
  namespace: pod.namespace,
  name: pod.name,
});

function logQuery(options: LogOptions): KubeQuery {
  return {
    container: options.container,
    tailLines: options.tailLines,
    sinceSeconds: options.sinceSeconds,
    previous: options.previous || undefined,
    timestamps: options.timestamps || undefined,
    limitBytes: options.limitBytes,
  };
}

/** The log as it is now. */
export async function readLogs(client: KubeClient, pod: PodRef, options: LogOptions = {}): Promise<string> {
  const response = await callKube<unknown>(
    client,
    { path: logPath(pod), query: logQuery(options), accept: 'text/plain, */*' },
    operation(pod),
  );
  return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
}

/** The log, then each new line as the container writes it, until the signal aborts. */
export function followLogs(
  connection: KubeConnection,
  pod: PodRef,
  options: LogOptions,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  return openKubeStream(
    connection,
    { path: logPath(pod), query: { ...logQuery(options), follow: true }, signal },
    operation(pod),
  );
}
