import { type Document, isCollection, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { KubeconfigError } from './kubeconfig-errors.ts';

/**
 * Limits that keep a hostile kubeconfig from exhausting the server. Real kubeconfigs use no
 * aliases and nest about five levels deep; the YAML library overflows its stack near a thousand.
 */
export const MAX_ALIASES = 100;
export const MAX_NESTING = 64;

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain values; aliases resolved. */
  value: unknown;
}

const position = (lineCounter: LineCounter, offset: number) => {
  const at = lineCounter.linePos(offset);
  return { line: at.line, column: at.col };
};

/**
 * The deepest nesting of flow collections ([ and {), counted without regard to quotes: a value
 * with dozens of unmatched brackets is no kubeconfig anyway. Checked before parsing because the
 * parser recurses once per level.
 */
function deepestFlowNesting(text: string): { depth: number; offset: number } {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > MAX_NESTING) return { depth, offset: index };
    } else if ((char === 0x5d || char === 0x7d) && depth > 0) depth--;
  }
  return { depth, offset: -1 };
}

/** The first mapping key that appears twice (kubectl refuses those too), found in one pass. */
function firstDuplicateKey(doc: Document.Parsed): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          found = { key, offset: (pair.key as { range?: [number] }).range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** Where the document nests deeper than MAX_NESTING collections (block style, which the scan cannot see). */
function tooDeep(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Collection(_key, node, path) {
      // The path holds the document, then each collection and pair above this node.
      const depth = path.filter((ancestor) => isCollection(ancestor)).length;
      if (depth < MAX_NESTING) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * The one YAML parse for kubeconfigs: every failure of the parser, including its limits on
 * aliases and nesting, becomes a KubeconfigError with the line, never an escaped exception.
 */
export function parseKubeconfigYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const nesting = deepestFlowNesting(text);
  if (nesting.offset >= 0) {
    // Positions need the line starts, which the parser's lexer would count; count them here.
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < nesting.offset; index++) {
      if (text.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
    throw new KubeconfigError(
      'invalid-yaml',
      `the kubeconfig nests lists or mappings more than ${MAX_NESTING} levels deep; a kubeconfig needs about five, so this is not one`,
      { line, column: nesting.offset - lineStart + 1 },
    );
  }
  let doc: Document.Parsed;
  try {
    // uniqueKeys is checked below in one pass: the parser's own check takes quadratic time.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    throw new KubeconfigError(
      'invalid-yaml',
      `the kubeconfig could not be parsed: ${(error as Error).message}`,
    );
  }
  const first = doc.errors[0];
  if (first) {
    const reason = /call stack/i.test(first.message)
      ? 'it nests too deeply'
      : (first.message.split('\n')[0] ?? first.message);
    throw new KubeconfigError(
      'invalid-yaml',
      `the kubeconfig is not valid YAML: ${reason}`,
      position(lineCounter, first.pos[0]),
    );
  }
  const deep = tooDeep(doc);
  if (deep !== undefined) {
    throw new KubeconfigError(
      'invalid-yaml',
      `the kubeconfig nests lists or mappings more than ${MAX_NESTING} levels deep; a kubeconfig needs about five, so this is not one`,
      position(lineCounter, deep),
    );
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) {
    throw new KubeconfigError(
      'invalid-yaml',
      `the kubeconfig is not valid YAML: the key "${duplicate.key}" appears twice in the same mapping; keep one`,
      position(lineCounter, duplicate.offset),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const aliases = /alias/i.test((error as Error).message);
    throw new KubeconfigError(
      'invalid-yaml',
      aliases
        ? `the kubeconfig expands YAML aliases (*name) more than ${MAX_ALIASES} times, as a "billion laughs" attack does; write the values out instead of using aliases`
        : `the kubeconfig could not be read: ${(error as Error).message}`,
      aliases ? position(lineCounter, firstAliasOffset(doc)) : {},
    );
  }
  return { doc, lineCounter, value };
}
