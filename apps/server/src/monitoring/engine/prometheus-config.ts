import type { SdJob } from './scrape-proxy.ts';

/**
 * The managed Prometheus' configuration (JSON, which is YAML). Every job scrapes the scrape proxy,
 * never a cluster: the proxy's bearer token is read from a 0600 file, and no cluster credential is in
 * anything Prometheus reads. Targets come from the proxy's http_sd, refreshed every scrape interval (at least 15 s),
 * so clusters and nodes that come and go are scraped or dropped without a reload.
 */
export interface PrometheusConfigInput {
  /** host:port of the scrape proxy. */
  proxy: string;
  tokenFile: string;
  scrapeIntervalSeconds: number;
  sampleLimit: number;
}

/**
 * The API server's series Portolan keeps (its /metrics has thousands more, most of them histograms
 * nobody charts): request rate, latency and errors, storage size and object counts, the process.
 */
export const APISERVER_KEEP =
  'apiserver_request_total|apiserver_request_duration_seconds_(bucket|sum|count)|apiserver_storage_.*|' +
  'apiserver_current_inflight_requests|etcd_db_total_size_in_bytes|etcd_request_duration_seconds_(sum|count)|' +
  'process_(cpu_seconds_total|resident_memory_bytes|start_time_seconds)';

/** cAdvisor's network and filesystem series (the resource metrics cover CPU and memory). */
export const CADVISOR_KEEP = 'container_network_.*|container_fs_.*';

/** Prometheus' job names: the cAdvisor scrape pool's series say job="kubelet", as a kubelet's do. */
const JOBS: Array<{ sd: SdJob; job: string; pool: string; keep?: string }> = [
  { sd: 'apiserver', job: 'apiserver', pool: 'apiserver', keep: APISERVER_KEEP },
  { sd: 'kubelet', job: 'kubelet', pool: 'kubelet' },
  { sd: 'cadvisor', job: 'kubelet', pool: 'kubelet-cadvisor', keep: CADVISOR_KEEP },
  { sd: 'state', job: 'portolan-state', pool: 'portolan-state' },
];

export function prometheusConfig(input: PrometheusConfigInput): string {
  const interval = `${input.scrapeIntervalSeconds}s`;
  const authorization = { type: 'Bearer', credentials_file: input.tokenFile };
  // Prometheus gives a discovery request its refresh interval to answer: not less than 15 s, so a busy
  // server is not taken for one without targets. A new cluster or node is scraped within that.
  const refresh = `${Math.max(15, input.scrapeIntervalSeconds)}s`;
  const config = {
    global: {
      scrape_interval: interval,
      scrape_timeout: `${Math.min(10, input.scrapeIntervalSeconds)}s`,
      evaluation_interval: interval,
    },
    scrape_configs: JOBS.map(({ sd, job, pool, keep }) => ({
      job_name: pool,
      sample_limit: input.sampleLimit,
      authorization,
      http_sd_configs: [
        {
          url: `http://${input.proxy}/sd/${sd}`,
          refresh_interval: refresh,
          authorization,
        },
      ],
      relabel_configs: job === pool ? [] : [{ target_label: 'job', replacement: job }],
      metric_relabel_configs: keep ? [{ source_labels: ['__name__'], regex: keep, action: 'keep' }] : [],
    })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
