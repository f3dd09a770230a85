/**
 * Prometheus' text exposition format (version 0.0.4), written as lines grouped by metric name (the
 * format wants one block per name), so the state exporter answers a scrape of thousands of pods
 * without building an object per sample.
 */
export class Exposition {
  private readonly families = new Map<string, string[]>();
  private samples = 0;

  /** One sample; the HELP/TYPE header goes before the first sample of each name. */
  sample(
    name: string,
    type: 'gauge' | 'counter',
    help: string,
    labels: Record<string, string>,
    value: number,
  ) {
    let lines = this.families.get(name);
    if (!lines) {
      lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
      this.families.set(name, lines);
    }
    let text = name;
    let first = true;
    for (const key in labels) {
      text += `${first ? '{' : ','}${key}="${escapeLabel(labels[key] ?? '')}"`;
      first = false;
    }
    if (!first) text += '}';
    lines.push(`${text} ${formatValue(value)}`);
    this.samples++;
  }

  get sampleCount(): number {
    return this.samples;
  }

  text(): string {
    let out = '';
    for (const lines of this.families.values()) out += `${lines.join('\n')}\n`;
    return out;
  }
}

/** Backslash, double quote and line feed are escaped in label values. */
function escapeLabel(value: string): string {
  return /[\\"\n]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
