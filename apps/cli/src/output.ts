/** A mistake in how the command was called; printed with its usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function printTable(out: (line: string) => void, header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('   ')
      .trimEnd();
  out(line(header));
  for (const row of rows) out(line(row));
}

export function formatBytes(bytes: number): string {
  if (bytes === 0) return '-';
  return `${(bytes / 1024 / 1024).toFixed(0)}Mi`;
}
