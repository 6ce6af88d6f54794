/**
 * ROUGE-W, the weighted longest common subsequence (Lin 2004, section 3.3), as ROUGE-1.5.5
 * computes it (`ROUGE-1.5.5.pl -w <weight>`, subroutines `computeWLCSScore`, `wlcs`,
 * `wlcs_inner`, `markLCS`). rouge-score has no ROUGE-W; plumbline follows the Perl script.
 *
 * With f(k) = k^weight, the WLCS table of a reference sentence X (length m) and a candidate
 * sentence Y (length n) rewards consecutive matches:
 *
 *   x_i = y_j: c(i, j) = c(i-1, j-1) + f(k + 1) - f(k), l(i, j) = k + 1, where k = l(i-1, j-1);
 *   else:      c(i, j) = max(c(i-1, j), c(i, j-1)) (up on ties, as the Perl), l(i, j) = 0.
 *
 * At the summary level (sentences are lines), ROUGE-1.5.5 marks, for each reference sentence,
 * the union of the reference positions on the WLCS paths against every candidate sentence;
 * walking the marked positions, a position counts only while its word has unigram budget left
 * in both texts (the budgets shrink as words are used), and each run of counted positions adds
 * f(run length) to the hit (a run ends at an unmarked position or at the sentence's end; a
 * marked position without budget neither counts nor ends the run, and a run whose last
 * position has no budget is not added, as in the Perl). Then
 *
 *   R = (hit / f(sum_i f(|X_i|)))^(1/weight),  P = (hit / f(|Y|))^(1/weight),  F = 2PR / (P + R)
 *
 * Note the reference length weighted twice (sum_i f(|X_i|), then f again, in
 * `computeWLCSScore`): ROUGE-1.5.5's recall is below 1 even for an exact copy (Lin 2004's
 * sentence-level f^-1(WLCS / f(m)) would give 1). plumbline reproduces the script, whose numbers
 * papers report, but not its rounding of R and P to 5 decimals before F.
 */

/** The reference positions on the WLCS path of `x` against `y`, marked in `hitMask`. */
function markWeightedLcs(x: Int32Array, y: Int32Array, weight: number, hitMask: Uint8Array): void {
  const m = x.length;
  const n = y.length;
  if (m === 0) return;
  const width = n + 1;
  const c = new Float64Array((m + 1) * width);
  const l = new Int32Array((m + 1) * width);
  // Direction of each cell: 1 diagonal, 2 up, 3 left.
  const b = new Uint8Array((m + 1) * width);
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const at = i * width + j;
      if (x[i - 1] === y[j - 1]) {
        const k = l[at - width - 1]!;
        c[at] = c[at - width - 1]! + (k + 1) ** weight - k ** weight;
        b[at] = 1;
        l[at] = k + 1;
      } else if (c[at - width]! >= c[at - 1]!) {
        c[at] = c[at - width]!;
        b[at] = 2;
      } else {
        c[at] = c[at - 1]!;
        b[at] = 3;
      }
    }
  }
  let i = m;
  let j = n;
  while (i !== 0 && j !== 0) {
    const direction = b[i * width + j];
    if (direction === 1) {
      i--;
      j--;
      hitMask[i] = 1;
    } else if (direction === 2) i--;
    else j--;
  }
}

/** Unigram counts of all sentences (ids below `vocabulary`). */
function unigramBudget(sentences: readonly Int32Array[], vocabulary: number): Int32Array {
  const budget = new Int32Array(vocabulary);
  for (const s of sentences) for (const id of s) budget[id] = budget[id]! + 1;
  return budget;
}

/**
 * ROUGE-W of reference sentences against candidate sentences (token ids below `vocabulary`), as
 * [precision, recall, F1].
 */
export function rougeWeightedLcs(
  references: readonly Int32Array[],
  candidates: readonly Int32Array[],
  vocabulary: number,
  weight: number,
): [number, number, number] {
  const referenceBudget = unigramBudget(references, vocabulary);
  const candidateBudget = unigramBudget(candidates, vocabulary);
  let candidateTokens = 0;
  for (const s of candidates) candidateTokens += s.length;
  let hit = 0;
  let base = 0;
  for (const x of references) {
    const hitMask = new Uint8Array(x.length);
    base += x.length ** weight;
    for (const y of candidates) markWeightedLcs(x, y, weight, hitMask);
    let run = 0;
    for (let j = 0; j < x.length; j++) {
      if (hitMask[j] !== 1) continue;
      const id = x[j]!;
      if (referenceBudget[id]! > 0 && candidateBudget[id]! > 0) {
        run++;
        if (j + 1 < x.length ? hitMask[j + 1] === 0 : true) {
          hit += run ** weight;
          run = 0;
        }
        referenceBudget[id] = referenceBudget[id]! - 1;
        candidateBudget[id] = candidateBudget[id]! - 1;
      }
    }
  }
  const count = base ** weight;
  const countP = candidateTokens ** weight;
  const recall = count !== 0 ? (hit / count) ** (1 / weight) : 0;
  const precision = countP !== 0 ? (hit / countP) ** (1 / weight) : 0;
  const denominator = 0.5 * precision + 0.5 * recall;
  const f = denominator > 0 ? (precision * recall) / denominator : 0;
  return [precision, recall, f];
}
