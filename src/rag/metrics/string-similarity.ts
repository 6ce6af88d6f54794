/**
 * Normalised Levenshtein similarity, 1 - distance / max(|a|, |b|) over Unicode code points (1 for
 * two empty strings): the default string measure of ragas' non-LLM context metrics (rapidfuzz
 * `Levenshtein.normalized_distance` on Python strings). O(|a| |b|) time, O(min) memory.
 */
export function levenshteinSimilarity(left: string, right: string): number {
  if (left === right) return 1;
  let a = Array.from(left, (c) => c.codePointAt(0)!);
  let b = Array.from(right, (c) => c.codePointAt(0)!);
  if (a.length < b.length) [a, b] = [b, a];
  const m = b.length;
  if (m === 0) return 0;
  let prev = new Uint32Array(m + 1);
  let curr = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a[i - 1]!;
    for (let j = 1; j <= m; j++) {
      const cost = ca === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return 1 - prev[m]! / a.length;
}
