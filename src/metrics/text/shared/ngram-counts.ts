/**
 * Word n-gram counting shared by the BLEU family. Tokens never contain whitespace (they come
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

/** The order of an n-gram key (number of tokens). */
export function ngramOrder(key: string): number {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}

/** Per-key maximum of several count maps (the clipping counts of several references). */
export function maxCounts(maps: readonly Map<string, number>[]): Map<string, number> {
  if (maps.length === 1) return maps[0]!;
  const out = new Map<string, number>(maps[0]);
  for (let m = 1; m < maps.length; m++) {
    for (const [key, count] of maps[m]!) {
      const prev = out.get(key);
      if (prev === undefined || count > prev) out.set(key, count);
    }
  }
  return out;
}

/** Counts of n-grams per order: element `n - 1` holds the n-grams of order n, for n = 1..maxOrder. */
export function countNgramsByOrder(tokens: readonly string[], maxOrder: number): Map<string, number>[] {
  const maps: Map<string, number>[] = [];
  for (let n = 0; n < maxOrder; n++) maps.push(new Map());
  const len = tokens.length;
  for (let i = 0; i < len; i++) {
    let key = "";
    for (let n = 1; n <= maxOrder && i + n <= len; n++) {
      key = n === 1 ? tokens[i]! : `${key} ${tokens[i + n - 1]!}`;
      const map = maps[n - 1]!;
      map.set(key, (map.get(key) ?? 0) + 1);
    }
  }
  return maps;
}
