/**
 * Prometheus metrics in the text exposition format: a request-latency histogram and counters kept
 * here, and gauges read at scrape time from whoever owns them (sync lag, object counts, store size).
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Gauge {
  name: string;
  help: string;
  samples: () => Promise<{ labels: Record<string, string>; value: number }[]>;
}

/** A count that only goes up, one series per set of labels. */
export interface Counter {
  inc(labels: Record<string, string>, by?: number): void;
}

export interface Metrics {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  addGauge(gauge: Gauge): void;
  addCounter(counter: { name: string; help: string }): Counter;
  render(): Promise<string>;
}

const escapeValue = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Record<string, string>) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(',')}}` : '';
};

export function createMetrics(): Metrics {
  const histograms = new Map<
    string,
    { labels: Record<string, string>; counts: number[]; sum: number; count: number }
  >();
  const gauges: Gauge[] = [];
  const counters: { name: string; help: string; series: Map<string, number> }[] = [];
  return {
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      const key = JSON.stringify(labels);
      let entry = histograms.get(key);
      if (!entry) {
        entry = { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
        histograms.set(key, entry);
      }
      BUCKETS.forEach((bound, i) => {
        if (seconds <= bound && entry) entry.counts[i] = (entry.counts[i] ?? 0) + 1;
      });
      entry.sum += seconds;
      entry.count += 1;
    },
    addGauge(gauge) {
      gauges.push(gauge);
    },
    addCounter({ name, help }) {
      const series = new Map<string, number>();
      counters.push({ name, help, series });
      return {
        inc(labels, by = 1) {
          const key = labelText(labels);
          series.set(key, (series.get(key) ?? 0) + by);
        },
      };
    },
    async render() {
      const lines = [
        '# HELP portolan_http_request_duration_seconds Time to answer an HTTP request.',
        '# TYPE portolan_http_request_duration_seconds histogram',
      ];
      for (const entry of histograms.values()) {
        BUCKETS.forEach((bound, i) => {
          lines.push(
            `portolan_http_request_duration_seconds_bucket${labelText({ ...entry.labels, le: String(bound) })} ${entry.counts[i]}`,
          );
        });
        lines.push(
          `portolan_http_request_duration_seconds_bucket${labelText({ ...entry.labels, le: '+Inf' })} ${entry.count}`,
        );
        lines.push(`portolan_http_request_duration_seconds_sum${labelText(entry.labels)} ${entry.sum}`);
        lines.push(`portolan_http_request_duration_seconds_count${labelText(entry.labels)} ${entry.count}`);
      }
      for (const counter of counters) {
        lines.push(`# HELP ${counter.name} ${counter.help}`, `# TYPE ${counter.name} counter`);
        for (const [labels, value] of counter.series) lines.push(`${counter.name}${labels} ${value}`);
      }
      for (const gauge of gauges) {
        lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
        for (const sample of await gauge.samples())
          lines.push(`${gauge.name}${labelText(sample.labels)} ${sample.value}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
