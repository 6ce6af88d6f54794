/**
 * ROUGE-S and ROUGE-SU, skip-bigram co-occurrence (Lin 2004, section 5), as ROUGE-1.5.5 computes
 * them (`ROUGE-1.5.5.pl -2 <distance> [-u]`, subroutines `computeSkipBigramScore`,
 * `createSkipBigram`, `skipBigramScore`). rouge-score has no ROUGE-S; plumbline follows the
 * Perl script.
 *
 * The skip-bigrams of a text (all its sentences as one token sequence t_0 .. t_{n-1}) are the
 * ordered pairs (t_i, t_j), i < j, at most `distance` words apart in between (j <= i + distance
 * + 1; any distance when it is unlimited). ROUGE-SU adds the unigrams t_i, for i < n - 1 only
 * (the script's loop stops before the last token, so a one-word text has no unigram either).
 * hit = sum over the reference's grams of min(count in candidate, count in reference);
 * R = hit / #reference grams, P = hit / #candidate grams (0 when there is none), F = 2PR/(P + R).
 */

/** The skip-bigram (and, with `unigrams`, ROUGE-SU unigram) counts of one token sequence, with their total. */
function skipGrams(
  tokens: Int32Array,
  distance: number,
  unigrams: boolean,
  base: number,
): { counts: Map<number, number>; total: number } {
  const counts = new Map<number, number>();
  let total = 0;
  const add = (key: number): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  };
  const n = tokens.length;
  for (let i = 0; i < n - 1; i++) {
    // Unigram keys are the ids; skip-bigram keys start at `base` (exact while base^2 < 2^53).
    if (unigrams) add(tokens[i]!);
    const last = distance < 0 ? n - 1 : Math.min(n - 1, i + distance + 1);
    for (let j = i + 1; j <= last; j++) add(base + tokens[i]! * base + tokens[j]!);
  }
  return { counts, total };
}

/**
 * ROUGE-S (or ROUGE-SU with `unigrams`) of a reference and a candidate token sequence (ids below
 * `vocabulary`), as [precision, recall, F1]. `distance` < 0 means unlimited (ROUGE-S*).
 */
export function rougeSkipBigram(
  reference: Int32Array,
  candidate: Int32Array,
  vocabulary: number,
  distance: number,
  unigrams: boolean,
): [number, number, number] {
  const base = Math.max(vocabulary, 1);
  const ref = skipGrams(reference, distance, unigrams, base);
  const cand = skipGrams(candidate, distance, unigrams, base);
  let hit = 0;
  for (const [key, count] of ref.counts) {
    const c = cand.counts.get(key);
    if (c !== undefined) hit += Math.min(c, count);
  }
  const recall = ref.total !== 0 ? hit / ref.total : 0;
  const precision = cand.total !== 0 ? hit / cand.total : 0;
  const denominator = 0.5 * precision + 0.5 * recall;
  const f = denominator > 0 ? (precision * recall) / denominator : 0;
  return [precision, recall, f];
}
