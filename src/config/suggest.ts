/** Levenshtein distance, two rows: the keys compared are short (config key names, enum values). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate a typo most likely meant: case-insensitive, within a third of the word's length
 * (at least 2 edits), or one that is a clear prefix of the other (`waiting` → `waiting_on_customer`,
 * `bothways` → `both`).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const prefix = (w.length >= 4 && c.startsWith(w)) || (c.length >= 4 && w.startsWith(c));
    const distance = prefix ? 1 : editDistance(w, c);
    if (distance <= Math.max(2, Math.floor(w.length / 3)) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` (did you mean "x"?)` when a candidate is close, else empty. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** ` (did you mean "x"?)`, or the allowed values when nothing is close; empty when there is nothing to offer. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const hint = didYouMean(word, candidates);
  if (hint !== '') return hint;
  return candidates.length > 0 ? ` (expected one of: ${candidates.join(', ')})` : '';
}
