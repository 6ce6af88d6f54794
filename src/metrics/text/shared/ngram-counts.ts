/**
 * Word n-gram counting by key, for the metrics that need the n-grams themselves (NIST's
 * information weights, distinct-n). Tokens never contain whitespace (they come
 * from a whitespace split), so an n-gram's key is its tokens joined by one space and keys of
 * different orders cannot collide. O(L * maxOrder) per sentence.
 */

/** Counts of all n-grams of orders `minOrder..maxOrder` (keys: tokens joined by a space). */
export function countNgrams(
  tokens: readonly string[],
  minOrder: number,
  maxOrder: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  const len = tokens.length;
  for (let i = 0; i < len; i++) {
    let key = "";
    for (let n = 1; n <= maxOrder && i + n <= len; n++) {
      key = n === 1 ? tokens[i]! : `${key} ${tokens[i + n - 1]!}`;
      if (n >= minOrder) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
