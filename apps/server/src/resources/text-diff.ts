type Edit = { type: ' ' | '-' | '+'; line: string };

/** The shortest edit script between two line lists (Myers), after trimming the common ends. */
export function diffLines(before: string[], after: string[]): Edit[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  const a = before.slice(start, before.length - end);
  const b = after.slice(start, after.length - end);
  const same = (lines: string[]) => lines.map((line): Edit => ({ type: ' ', line }));
  return [...same(before.slice(0, start)), ...middle(a, b), ...same(before.slice(before.length - end))];
}

function middle(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] keeps v[-d-1 .. d+1] as it was before step d, enough to walk back.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const row = trace[d] ?? new Int32Array();
    const at = (k: number) => row[k + d + 1] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      edits.push({ type: ' ', line: a[--x] ?? '' });
      y--;
    }
    if (d > 0) {
      if (x === previousX) edits.push({ type: '+', line: b[--y] ?? '' });
      else edits.push({ type: '-', line: a[--x] ?? '' });
    }
  }
  return edits.reverse();
}

/** A unified diff (`---`, `+++`, `@@` hunks) of two texts; '' when they are equal. */
export function unifiedDiff(
  before: string,
  after: string,
  labels: { before: string; after: string },
  context = 3,
): string {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const edits = diffLines(split(before), split(after));
  if (edits.every((edit) => edit.type === ' ')) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  // Positions of each edit in the old and new text, 1-based.
  const positions: { old: number; new: number }[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const edit of edits) {
    positions.push({ old: oldLine, new: newLine });
    if (edit.type !== '+') oldLine++;
    if (edit.type !== '-') newLine++;
  }
  let index = 0;
  while (index < edits.length) {
    const change = edits.findIndex((edit, at) => at >= index && edit.type !== ' ');
    if (change < 0) break;
    const first = Math.max(index, change - context);
    let last = change;
    // A hunk runs on while the next change is within two contexts of the last.
    for (let at = change; at < edits.length && at <= last + 2 * context + 1; at++) {
      if (edits[at]?.type !== ' ') last = at;
    }
    const stop = Math.min(edits.length, last + context + 1);
    const hunk = edits.slice(first, stop);
    const from = positions[first] ?? { old: 1, new: 1 };
    const oldCount = hunk.filter((edit) => edit.type !== '+').length;
    const newCount = hunk.filter((edit) => edit.type !== '-').length;
    const range = (line: number, count: number) => `${count === 0 ? line - 1 : line},${count}`;
    out.push(`@@ -${range(from.old, oldCount)} +${range(from.new, newCount)} @@`);
    for (const edit of hunk) out.push(`${edit.type}${edit.line}`);
    index = stop;
  }
  return `${out.join('\n')}\n`;
}
