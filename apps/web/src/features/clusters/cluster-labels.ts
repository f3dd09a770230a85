/** `env=prod` lines (or commas) into labels; undefined when a line is not `key=value`. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const line of text.split(/[\n,]/)) {
    const term = line.trim();
    if (!term) continue;
    const at = term.indexOf('=');
    if (at <= 0) return undefined;
    labels[term.slice(0, at).trim()] = term.slice(at + 1).trim();
  }
  return labels;
}
