import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeProxyResourceMetricsPath, RESOURCE_METRICS_PATH_ANNOTATION } from '@portolan/sandbox';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { Cluster, ResourceStore } from '#server/store/store.ts';
import { loopbackKubeletUrl, type StoredNode, scrapeKubeletDirectly } from './kubelet-direct.ts';
import { exportClusterState } from './state-exporter.ts';

/**
 * The scrape proxy: Prometheus never holds a cluster credential. It scrapes this small listener
 * (on the engine's host, with a bearer token made at start and handed to Prometheus in a 0600 file),
 * which forwards each scrape to the member cluster with Portolan's own client, or answers it from the
 * synced store (the state exporter). It also tells Prometheus what to scrape (http_sd): the managed
 * clusters' API servers, their nodes (read from the store, so a new node is scraped at the next
 * refresh) and their object state, each target labelled with `cluster` (and `node`).
 *
 *   GET /sd/<job>                               target groups of apiserver | kubelet | cadvisor | state
 *   GET /scrape/<cluster>/apiserver             the API server's /metrics
 *   GET /scrape/<cluster>/kubelet/<node>        the node's resource metrics (through the node proxy;
 *                                               a loopback node, a sandbox's, directly)
 *   GET /scrape/<cluster>/cadvisor/<node>       a real kubelet's /metrics/cadvisor
 *   GET /scrape/<cluster>/state                 Portolan's object state (kube-state-metrics names)
 */
export interface ScrapeProxyDeps {
  clusters: () => Promise<Cluster[]>;
  /** Clusters whose series come from an external engine: the managed one does not scrape them. */
  externalClusterIds: () => Promise<Set<string>>;
  clientOf: (clusterId: string) => KubeClient | undefined;
  resources: Pick<ResourceStore, 'search' | 'get'>;
  host: string;
  scrapeTimeoutMs: number;
  /** Each state scrape's duration and sample count (the benchmark reads them). */
  onStateScrape?: (clusterName: string, durationMs: number, samples: number) => void;
}

export interface ScrapeProxy {
  /** host:port, as Prometheus reaches it. */
  readonly address: string;
  readonly token: string;
  /** Why the last scrape of a target path failed, in Portolan's words (Prometheus only says the status). */
  lastFailure(path: string): string | undefined;
  close(): Promise<void>;
}

export const SD_JOBS = ['apiserver', 'kubelet', 'cadvisor', 'state'] as const;
export type SdJob = (typeof SD_JOBS)[number];

type TargetGroup = { targets: string[]; labels: Record<string, string> };

export async function startScrapeProxy(deps: ScrapeProxyDeps): Promise<ScrapeProxy> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const failures = new Map<string, string>();
  let address = '';

  async function managedClusters(): Promise<Cluster[]> {
    const [clusters, external] = await Promise.all([deps.clusters(), deps.externalClusterIds()]);
    return clusters.filter((cluster) => !external.has(cluster.id));
  }

  async function nodesOf(cluster: Cluster) {
    const nodes: Array<{ name: string; annotated: boolean }> = [];
    let next: string | undefined;
    do {
      const page = await deps.resources.search({
        clusterIds: [cluster.id],
        types: [{ group: '', resource: 'nodes' }],
        limit: 1000,
        ...(next ? { continue: next } : {}),
      });
      for (const row of page.items) {
        const annotations = (row.object as { metadata?: { annotations?: Record<string, string> } })?.metadata
          ?.annotations;
        nodes.push({ name: row.name, annotated: Boolean(annotations?.[RESOURCE_METRICS_PATH_ANNOTATION]) });
      }
      next = page.continue;
    } while (next);
    return nodes;
  }

  async function discover(job: SdJob): Promise<TargetGroup[]> {
    const groups: TargetGroup[] = [];
    for (const cluster of await managedClusters()) {
      const path = (rest: string) => `/scrape/${encodeURIComponent(cluster.name)}/${rest}`;
      const group = (rest: string, labels: Record<string, string>): TargetGroup => ({
        targets: [address],
        labels: { cluster: cluster.name, __metrics_path__: path(rest), ...labels },
      });
      if (job === 'apiserver') groups.push(group('apiserver', { instance: `${cluster.name}/apiserver` }));
      else if (job === 'state') groups.push(group('state', { instance: `${cluster.name}/state` }));
      else
        for (const node of await nodesOf(cluster)) {
          // cAdvisor only on real kubelets: a sandbox node (kwok) serves resource metrics only.
          if (job === 'cadvisor' && node.annotated) continue;
          const rest = `${job}/${encodeURIComponent(node.name)}`;
          groups.push(group(rest, { node: node.name, instance: `${cluster.name}/${node.name}` }));
        }
    }
    return groups;
  }

  async function storedNode(cluster: Cluster, node: string): Promise<StoredNode> {
    const stored = await deps.resources.get(cluster.id, {
      group: '',
      version: 'v1',
      resource: 'nodes',
      namespace: '',
      name: node,
    });
    const object = (stored?.object ?? { metadata: { name: node } }) as StoredNode;
    return { ...object, metadata: { ...object.metadata, name: node } };
  }

  /** A node on loopback (a sandbox's) is dialled directly: the API server will not proxy to it. */
  async function scrapeNodeDirectly(
    cluster: Cluster,
    node: string,
    client: KubeClient,
    url: string,
  ): Promise<string> {
    let answer: { status: number; text: string };
    try {
      answer = await scrapeKubeletDirectly(url, client.trust, deps.scrapeTimeoutMs);
    } catch (error) {
      throw new Answer(
        502,
        `node ${node} of cluster ${cluster.name}: its kubelet at ${url} did not answer: ${(error as Error).message}`,
      );
    }
    if (answer.status !== 200)
      throw new Answer(
        502,
        `node ${node} of cluster ${cluster.name}: its kubelet at ${url} answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`,
      );
    return answer.text;
  }

  async function scrape(clusterName: string, kind: string, node: string | undefined): Promise<string> {
    const cluster = (await deps.clusters()).find((candidate) => candidate.name === clusterName);
    if (!cluster) throw new Answer(404, `no cluster ${clusterName} is registered`);
    if (kind === 'state') {
      const started = performance.now();
      const state = await exportClusterState({ resources: deps.resources }, cluster);
      deps.onStateScrape?.(cluster.name, performance.now() - started, state.samples);
      return state.text;
    }
    if (kind !== 'apiserver' && kind !== 'kubelet' && kind !== 'cadvisor')
      throw new Answer(404, `no scrape ${kind}`);
    const client = deps.clientOf(cluster.id);
    if (!client)
      throw new Answer(
        503,
        `Portolan has no connection to cluster ${cluster.name}${cluster.reason ? `: ${cluster.reason}` : ''}`,
      );
    let path = '/metrics';
    if (kind !== 'apiserver') {
      if (!node) throw new Answer(404, 'a node scrape names its node');
      if (kind === 'cadvisor') path = `/api/v1/nodes/${encodeURIComponent(node)}/proxy/metrics/cadvisor`;
      else {
        const object = await storedNode(cluster, node);
        const direct = loopbackKubeletUrl(object);
        if (direct) return scrapeNodeDirectly(cluster, node, client, direct);
        path = nodeProxyResourceMetricsPath(object);
      }
    }
    let response: Awaited<ReturnType<KubeClient['request']>>;
    try {
      response = await client.request({ path, accept: 'text/plain', timeoutMs: deps.scrapeTimeoutMs });
    } catch (error) {
      throw new Answer(502, `cluster ${cluster.name} did not answer ${path}: ${(error as Error).message}`);
    }
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    if (response.status !== 200) {
      const message = messageOf(response.body) ?? text.slice(0, 300);
      throw new Answer(
        response.status === 401 || response.status === 403 ? response.status : 502,
        `cluster ${cluster.name} answered ${path} with HTTP ${response.status}: ${message}`,
      );
    }
    return text;
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      send(401, 'this listener answers the metrics engine only\n');
      return;
    }
    const parts = path.split('/').map((part) => safeDecode(part));
    // Failures are kept by the decoded path, as the engine's targets name them.
    const key = parts.join('/');
    void (async () => {
      try {
        if (parts[1] === 'sd' && SD_JOBS.includes(parts[2] as SdJob)) {
          send(200, JSON.stringify(await discover(parts[2] as SdJob)), 'application/json');
        } else if (parts[1] === 'scrape' && parts[2] && parts[3]) {
          const text = await scrape(parts[2], parts[3], parts[4]);
          failures.delete(key);
          send(200, text, 'text/plain; version=0.0.4; charset=utf-8');
        } else send(404, 'no such path\n');
      } catch (error) {
        const status = error instanceof Answer ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        if (parts[1] === 'scrape') failures.set(key, message);
        send(status, `${message}\n`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, deps.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `${deps.host.includes(':') ? `[${deps.host}]` : deps.host}:${port}`;
  return {
    address,
    token,
    lastFailure: (path) => failures.get(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A scrape that failed with an HTTP status of its own and a message for people. */
class Answer extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A Kubernetes Status' message, when the answer is one. */
function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}
