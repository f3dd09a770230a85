import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { parse as parseYaml } from 'yaml';

/** What the catalogue shows of a packaged chart: its own files, not its subcharts'. */
export interface ChartPackageFiles {
  chartYaml: string;
  readme: string | null;
  values: string | null;
  valuesSchema: Record<string, unknown> | null;
}

const FILE_MAX_BYTES = 1024 * 1024;
const WANTED = new Set(['chart.yaml', 'readme.md', 'values.yaml', 'values.schema.json']);

/** The sha256 of a package as hex; digests given as `sha256:<hex>` (OCI) compare the same. */
export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');
export const digestHex = (digest: string) => digest.replace(/^sha256:/, '').toLowerCase();

/**
 * Reads Chart.yaml, README.md, values.yaml and values.schema.json from the top directory of a
 * packaged chart (.tgz). Files over 1 MiB are cut off; a package without Chart.yaml is refused.
 */
export async function readChartPackage(data: Buffer): Promise<ChartPackageFiles> {
  const files = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const parts = entry.path.split('/');
        const name = parts[1]?.toLowerCase() ?? '';
        if (parts.length !== 2 || !WANTED.has(name) || files.has(name)) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        entry.on('data', (chunk: Buffer) => {
          if (size < FILE_MAX_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        entry.on('end', () =>
          files.set(name, Buffer.concat(chunks).subarray(0, FILE_MAX_BYTES).toString('utf8')),
        );
      },
    });
    parser.on('error', reject);
    parser.on('end', () => resolve());
    parser.on('close', () => resolve());
    parser.end(data);
  });
  const chartYaml = files.get('chart.yaml');
  if (chartYaml === undefined) throw new Error('the package holds no Chart.yaml: it is not a Helm chart');
  let valuesSchema: Record<string, unknown> | null = null;
  const schemaText = files.get('values.schema.json');
  if (schemaText) {
    try {
      const parsed = JSON.parse(schemaText) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        valuesSchema = parsed as Record<string, unknown>;
    } catch {
      valuesSchema = null;
    }
  }
  return {
    chartYaml,
    readme: files.get('readme.md') ?? null,
    values: files.get('values.yaml') ?? null,
    valuesSchema,
  };
}

/** The dependencies Chart.yaml declares (apiVersion v2), or none. */
export function dependenciesOf(chartYaml: string): Array<Record<string, unknown>> {
  try {
    const chart = parseYaml(chartYaml) as { dependencies?: unknown } | null;
    return Array.isArray(chart?.dependencies)
      ? chart.dependencies.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
      : [];
  } catch {
    return [];
  }
}

/**
 * Packaged charts on disk by digest, so a version's README and values are fetched once. Bounded:
 * past `maxBytes` the least recently used packages go. Written whole then renamed, so a reader
 * never sees half a file.
 */
export function createChartCache(dir: string, maxBytes = 256 * 1024 * 1024) {
  const fileOf = (digest: string) => path.join(dir, `${digestHex(digest)}.tgz`);
  async function trim() {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.tgz'));
    const entries = await Promise.all(
      names.map(async (name) => {
        const info = await stat(path.join(dir, name)).catch(() => undefined);
        return { name, size: info?.size ?? 0, used: info?.atimeMs ?? 0 };
      }),
    );
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    for (const entry of entries.sort((a, b) => a.used - b.used)) {
      if (total <= maxBytes) break;
      await unlink(path.join(dir, entry.name)).catch(() => undefined);
      total -= entry.size;
    }
  }
  return {
    /** The cached package, checked against its digest again (a changed file is dropped). */
    async get(digest: string): Promise<Buffer | undefined> {
      const data = await readFile(fileOf(digest)).catch(() => undefined);
      if (!data) return undefined;
      if (sha256Hex(data) !== digestHex(digest)) {
        await unlink(fileOf(digest)).catch(() => undefined);
        return undefined;
      }
      return data;
    },
    async put(digest: string, data: Buffer): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temporary = `${fileOf(digest)}.${process.pid}.${Date.now()}.part`;
      await writeFile(temporary, data, { mode: 0o600 });
      await rename(temporary, fileOf(digest));
      await trim();
    },
  };
}

export type ChartCache = ReturnType<typeof createChartCache>;
