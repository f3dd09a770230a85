import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { jsonErrorOffset, linePosition } from './json-error-position.ts';
import { isPlainObject, type KubeObject } from './kube-object.ts';
import { MAX_NESTING, nestsDeeperThan } from './nesting-depth.ts';
import { ManifestError } from './resource-errors.ts';

/** One object read from YAML or JSON text. */
export interface Manifest {
  /** 1-based position of its document in the text. */
  document: number;
  /** 0-based position inside a `kind: List` document. */
  item?: number;
  /** The line its document (or list item) starts on. */
  line: number;
  object: KubeObject & { apiVersion: string; kind: string; metadata: { name?: string } };
}

export interface ParseOptions {
  /** Create may use metadata.generateName instead of a name; apply and replace may not. */
  allowGenerateName?: boolean;
}

/**
 * How many alias expansions one document may make. Real manifests use a few (shared labels); a
 * "billion laughs" document uses millions, and must be refused before it fills the memory.
 */
export const MAX_ALIAS_COUNT = 1000;

const where = (document: number, item?: number) =>
  item === undefined ? `document ${document}` : `document ${document}, item ${item}`;

/**
 * Reads one or more objects: YAML documents separated by `---`, a JSON object or array, and
 * `kind: List` documents. YAML is read as kubectl reads it (YAML 1.1, so `0644` is octal).
 * Empty documents are skipped; anything malformed throws ManifestError with document, line and column.
 */
export function parseManifests(text: string, options: ParseOptions = {}): Manifest[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) checkJson(text);
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.1' });
  if (!Array.isArray(documents)) return [];
  const manifests: Manifest[] = [];
  documents.forEach((document, index) => {
    const number = index + 1;
    const error = document.errors[0];
    if (error) {
      const position = lineCounter.linePos(error.pos[0]);
      throw new ManifestError(
        `${where(number)} is not valid YAML at line ${position.line}, column ${position.col}: ${problemOf(error)}`,
        { document: number, line: position.line, column: position.col },
        error,
      );
    }
    const value = plainValue(document, number);
    if (value === null || value === undefined) return;
    const start = lineOf(document, [], lineCounter) ?? 1;
    const locate = (path: (string | number)[]) => lineOf(document, path, lineCounter);
    if (Array.isArray(value)) {
      value.forEach((entry, item) => {
        manifests.push(
          checked(entry, number, item, locate([item]) ?? start, (path) => locate([item, ...path]), options),
        );
      });
      return;
    }
    if (
      isPlainObject(value) &&
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items)
    ) {
      value.items.forEach((entry, item) => {
        const at = (path: (string | number)[]) => locate(['items', item, ...path]);
        manifests.push(checked(entry, number, item, at([]) ?? start, at, options));
      });
      return;
    }
    manifests.push(checked(value, number, undefined, start, locate, options));
  });
  return manifests;
}

/** The parser's message, except where it speaks of its own stack rather than of the text. */
function problemOf(error: Error): string {
  const message = error.message.split('\n')[0] ?? '';
  return /call stack/i.test(message)
    ? 'collections are nested too deeply; no manifest nests this far, so check the text'
    : message;
}

/** The document as plain data; an alias bomb is refused here, where its aliases would be expanded. */
function plainValue(document: Document, number: number): unknown {
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    // The yaml package throws a ReferenceError both for too many expansions and for an alias to nothing.
    const message = error instanceof Error ? error.message : String(error);
    const problem = /excessive alias count/i.test(message)
      ? `its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, as a "billion laughs" attack does; write the values out instead`
      : /call stack/i.test(message)
        ? 'collections are nested too deeply; no manifest nests this far, so check the text'
        : `cannot be read: ${message.split('\n')[0]}`;
    throw new ManifestError(`${where(number)} ${problem}`, { document: number }, error);
  }
  if (nestsDeeperThan(value, MAX_NESTING)) {
    throw new ManifestError(
      `${where(number)} nests more than ${MAX_NESTING} levels deep; no manifest nests this far, so check the text`,
      { document: number },
    );
  }
  return value;
}

function checkJson(text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text) ?? text.length;
    const { line, column } = linePosition(text, offset);
    throw new ManifestError(
      `the JSON is not valid at line ${line}, column ${column}: ${(error as Error).message.split('\n')[0]}`,
      { document: 1, line, column },
      error,
    );
  }
}

function lineOf(document: Document, path: (string | number)[], lineCounter: LineCounter): number | undefined {
  const node = path.length ? document.getIn(path, true) : document.contents;
  const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function checked(
  value: unknown,
  document: number,
  item: number | undefined,
  line: number,
  locate: (path: (string | number)[]) => number | undefined,
  options: ParseOptions,
): Manifest {
  const fail = (field: string, problem: string, at: (string | number)[]): never => {
    const fieldLine = locate(at) ?? line;
    throw new ManifestError(`${where(document, item)} (line ${fieldLine}): ${field} ${problem}`, {
      document,
      line: fieldLine,
      field,
    });
  };
  if (!isPlainObject(value)) {
    throw new ManifestError(
      `${where(document, item)} (line ${line}) is not an object with apiVersion and kind`,
      {
        document,
        line,
      },
    );
  }
  if (typeof value.apiVersion !== 'string' || !value.apiVersion) fail('apiVersion', 'is missing', []);
  if (typeof value.kind !== 'string' || !value.kind) fail('kind', 'is missing', []);
  const metadata = value.metadata;
  if (!isPlainObject(metadata)) return fail('metadata.name', 'is missing', []);
  const named = typeof metadata.name === 'string' && metadata.name !== '';
  const generated =
    options.allowGenerateName && typeof metadata.generateName === 'string' && metadata.generateName;
  if (!named && !generated) fail('metadata.name', 'is missing', ['metadata']);
  const manifest: Manifest = { document, line, object: value as Manifest['object'] };
  if (item !== undefined) manifest.item = item;
  return manifest;
}
