/**
 * The two texts a side-by-side diff shows, from what the server gives a preview: the object as it
 * would be applied (its YAML) and a unified diff against what is there. The live text is the applied
 * one with each hunk turned back. When the hunks do not fit the text (it was written another way),
 * the hunks alone are the two sides: the changed parts are what matter.
 */
export function diffSides(unified: string, applied: string): { original: string; modified: string } {
  const hunks = parseHunks(unified);
  if (hunks.length === 0) return { original: applied, modified: applied };
  const lines = applied === '' ? [] : applied.replace(/\n$/, '').split('\n');
  const reversed = reverse(lines, hunks);
  if (reversed) return { original: joinLines(reversed), modified: joinLines(lines) };
  const gap = '…';
  return {
    original: joinLines(hunks.flatMap((hunk, at) => [...(at ? [gap] : []), ...hunk.before])),
    modified: joinLines(hunks.flatMap((hunk, at) => [...(at ? [gap] : []), ...hunk.after])),
  };
}

interface Hunk {
  /** 1-based first line on the new side (0 when the new side is empty). */
  newStart: number;
  before: string[];
  after: string[];
}

const joinLines = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');

function parseHunks(unified: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  for (const line of unified.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header) {
      current = { newStart: Number(header[1]), before: [], after: [] };
      hunks.push(current);
      continue;
    }
    if (!current || line.startsWith('\\')) continue;
    const mark = line[0];
    const text = line.slice(1);
    if (mark === ' ') {
      current.before.push(text);
      current.after.push(text);
    } else if (mark === '-') current.before.push(text);
    else if (mark === '+') current.after.push(text);
  }
  return hunks;
}

/** The applied lines with each hunk's new side replaced by its old side; undefined when one does not fit. */
function reverse(lines: string[], hunks: Hunk[]): string[] | undefined {
  const out: string[] = [];
  let at = 0;
  for (const hunk of hunks) {
    const start = hunk.after.length === 0 ? hunk.newStart : hunk.newStart - 1;
    if (start < at || start + hunk.after.length > lines.length) return undefined;
    for (let index = 0; index < hunk.after.length; index++)
      if (lines[start + index] !== hunk.after[index]) return undefined;
    out.push(...lines.slice(at, start), ...hunk.before);
    at = start + hunk.after.length;
  }
  out.push(...lines.slice(at));
  return out;
}
