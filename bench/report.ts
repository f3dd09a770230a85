import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchmarksFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'BENCHMARKS.md');

/** One line naming the machine, for every result section. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/**
 * Replaces the section `name` of BENCHMARKS.md (between its markers) with `body`, adding it at
 * the end when it is new, so each benchmark keeps only its latest results.
 */
export async function writeSection(name: string, command: string, body: string): Promise<void> {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = [
    start,
    `## ${name}`,
    '',
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- machine: ${machineLine()}`,
    `- command: \`${command}\``,
    '',
    body.trim(),
    end,
  ].join('\n');
  let text = await readFile(benchmarksFile, 'utf8').catch(
    () =>
      '# Benchmarks\n\nLatest results of the programs in `bench/`; each section is rewritten by its program.\n',
  );
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${section}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(benchmarksFile, text);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The rows of one benchmark run: logged as they come, then printed and written as one table. */
export function createResults(log: (message: string) => void) {
  const rows: string[][] = [];
  return {
    row(what: string, result: string, target = ''): void {
      rows.push([what, result, target]);
      log(`${what}: ${result}`);
    },
    async publish(section: string, command: string, firstColumn = 'measure'): Promise<void> {
      const table = [
        `| ${firstColumn} | result | target |`,
        '| --- | --- | --- |',
        ...rows.map((cells) => `| ${cells.join(' | ')} |`),
      ].join('\n');
      process.stdout.write(`${table}\n`);
      await writeSection(section, command, table);
    },
  };
}
