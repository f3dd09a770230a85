/** Levenshtein distance, for suggesting what the user probably meant. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates closest to `wanted` (case-insensitive): within a third of its length in edits,
 * or sharing a prefix of at least three letters; best first.
 */
export function closeMatches(wanted: string, candidates: Iterable<string>, limit = 5): string[] {
  const target = wanted.toLowerCase();
  const allowed = Math.max(1, Math.floor(target.length / 3));
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(target, lower);
    const prefix =
      Math.min(target.length, lower.length) >= 3 && (lower.startsWith(target) || target.startsWith(lower));
    if (distance <= allowed || prefix) {
      const score = prefix ? Math.min(distance, 1) : distance;
      if (!scored.has(candidate) || (scored.get(candidate) ?? 0) > score) scored.set(candidate, score);
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}
