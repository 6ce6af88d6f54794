import { invalidState, invalidValue } from "../../../core/errors.js";
import { exactSumOf } from "../../../core/exact-sum.js";
import { optionNames, optSize, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkHypothesis, checkPairs, type ReferenceSet, refuseEmptyCorpus } from "../shared/inputs.js";
import { countNgrams } from "../shared/ngram-counts.js";
import { pySplit } from "../tokenizers/python-strings.js";

/** The n-grams of one order with counts, in first-occurrence order (a Python Counter of `ngrams(tokens, n)`). */
const countNgramsOf = (tokens: readonly string[], n: number): Map<string, number> =>
  countNgrams(tokens, n, n);

export interface NistOptions {
  /** Highest n-gram order (nltk's `n`, default 5). */
  readonly n?: number;
}

/**
 * The whitespace tokens of every segment: NIST's information weights come from the n-gram
 * counts of all references of the corpus, so the score is computed from the whole corpus at once.
 */
export interface NistState {
  hypotheses: string[][];
  references: string[][][];
}

export const nistMeta: MetricMeta = {
  id: "text/nist",
  range: [0, Infinity],
  direction: "higher",
  conventions: ["nltk-3.8"],
};

const NIST_OPTIONS = optionNames<NistOptions>()("n");

/** Python's `math.log(x, 2)` (log(x) / log(2), not log2). */
const LN2 = Math.log(2);

/**
 * nltk 3.8 `corpus_nist` over tokenized segments: every float operation in nltk's order, except
 * the sum over segments of each order's information, which is exact (correctly rounded).
 */
function nistScore(
  hypotheses: readonly string[][],
  references: readonly string[][][],
  n: number,
  fn: string,
): number {
  // Information weights from every reference n-gram of orders 1..n.
  const frequency = new Map<string, number>();
  let totalReferenceWords = 0;
  for (const refs of references) {
    for (const ref of refs) {
      for (let order = 1; order <= n; order++)
        for (const [key, count] of countNgramsOf(ref, order))
          frequency.set(key, (frequency.get(key) ?? 0) + count);
      totalReferenceWords += ref.length;
    }
  }
  const weight = (key: string): number => {
    const cut = key.lastIndexOf(" ");
    const prefix = cut < 0 ? undefined : frequency.get(key.slice(0, cut));
    const numerator = prefix ?? totalReferenceWords;
    return Math.log(numerator / frequency.get(key)!) / LN2;
  };
  const numerators: number[] = [];
  const denominators: number[] = [];
  let refLength = 0;
  let sysLength = 0;
  for (let order = 1; order <= n; order++) {
    // Per segment: the best reference's information (summed exactly below, so the result does
    // not depend on the order in which states were merged).
    const segmentNumerators = new Float64Array(hypotheses.length);
    let denominatorSum = 0;
    for (let s = 0; s < hypotheses.length; s++) {
      const hypothesis = hypotheses[s]!;
      const hypCounts = countNgramsOf(hypothesis, order);
      // max over references of (precision, numerator, denominator, ref_len), first on ties.
      let best: [number, number, number, number] | undefined;
      for (const reference of references[s]!) {
        const refCounts = countNgramsOf(reference, order);
        let numerator = 0;
        let denominator = 0;
        for (const [key, count] of hypCounts) {
          denominator += count;
          const overlap = Math.min(count, refCounts.get(key) ?? 0);
          if (overlap > 0) numerator += weight(key) * overlap;
        }
        const candidate: [number, number, number, number] = [
          denominator === 0 ? 0 : numerator / denominator,
          numerator,
          denominator,
          reference.length,
        ];
        if (best === undefined || greater(candidate, best)) best = candidate;
      }
      segmentNumerators[s] = best![1];
      denominatorSum += best![2];
      refLength += best![3];
      sysLength += hypothesis.length;
    }
    numerators.push(exactSumOf(segmentNumerators));
    denominators.push(denominatorSum);
  }
  let precision = 0;
  for (let order = 0; order < n; order++) {
    if (denominators[order] === 0)
      invalidValue(
        `${fn}: no hypothesis has ${order + 1}-grams, so NIST's precision of that order is 0/0 (nltk raises ZeroDivisionError); lower \`n\``,
      );
    precision += numerators[order]! / denominators[order]!;
  }
  if (refLength === 0)
    invalidValue(
      `${fn}: the references have no words, so the length ratio is x/0 (nltk raises ZeroDivisionError)`,
    );
  return precision * nistLengthPenalty(refLength, sysLength);
}

/** Python's tuple comparison `a > b` for equally long numeric tuples. */
function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! > b[k]!;
  return false;
}

/**
 * NIST's brevity penalty (Doddington 2002, eq. 3; nltk `nist_length_penalty`): with r = sys/ref,
 * exp(beta * log(r)^2) for 0 < r < 1, beta chosen so that r = 2/3 gives 0.5; else min(r, 1).
 */
function nistLengthPenalty(refLength: number, sysLength: number): number {
  const ratio = sysLength / refLength;
  if (ratio > 0 && ratio < 1) {
    const lx = Math.log(1.5);
    const beta = Math.log(0.5) / (lx * lx);
    const lr = Math.log(ratio);
    return Math.exp(beta * (lr * lr));
  }
  return Math.max(Math.min(ratio, 1), 0);
}

function nistDef(
  options: unknown,
  fn: string,
): MetricDef<NistState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  const o = readOptions<NistOptions>(fn, options, NIST_OPTIONS);
  // Two sums of float64 per order while computing; the corpus itself bounds the rest.
  const n = optSize(fn, "n", o.n, 5, { bytesPerUnit: 16 }) as number;
  const id = nistMeta.id;
  return {
    id,
    meta: nistMeta,
    options: { n },
    init: () => ({ hypotheses: [], references: [] }),
    update(state, hypotheses, references) {
      const checked = checkPairs(hypotheses, references, fn);
      const hyps = checked.hypotheses.map(pySplit);
      const refs = checked.references.map((set) => set.map(pySplit));
      for (let i = 0; i < hyps.length; i++) {
        state.hypotheses.push(hyps[i]!);
        state.references.push(refs[i]!);
      }
    },
    merge: (a, b) => ({
      hypotheses: [...a.hypotheses, ...b.hypotheses],
      references: [...a.references, ...b.references],
    }),
    compute(state) {
      if (state.hypotheses.length === 0) refuseEmptyCorpus(fn, "nltk raises ZeroDivisionError");
      return nistScore(state.hypotheses, state.references, n, fn);
    },
    validateState(state): asserts state is NistState {
      checkState(id, state, {
        hypotheses: field.array(field.array(field.string())),
        references: field.array(field.custom(checkReferenceSet)),
      });
      const s = state as NistState;
      if (s.hypotheses.length !== s.references.length)
        invalidState(
          `${id}: state.hypotheses (${s.hypotheses.length}) and state.references (${s.references.length}) must have one entry per segment`,
        );
    },
  };
}

function checkReferenceSet(value: unknown, path: string, id: string): void {
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((ref) => Array.isArray(ref) && ref.every((t) => typeof t === "string"));
  if (!ok) invalidState(`${id}: ${path} must be a non-empty array of token arrays`);
}

/**
 * NIST as a metric, identical to nltk 3.8 `corpus_nist(list_of_references, hypotheses, n)` on
 * whitespace tokens (Python `str.split()`): information weights log2(c(w1..wn-1) / c(w1..wn))
 * from the n-gram counts of all references (the unigram prefix count is the total number of
 * reference words), per order the information of the clipped matches over the hypothesis
 * n-grams, with each segment's reference chosen by nltk's tuple maximum (precision, then
 * information, then n-gram count, then length), summed over orders, times the length penalty.
 * The state keeps the tokens (the weights need the whole reference corpus); `merge`
 * concatenates. Cost O(corpus tokens * n * references).
 */
export function corpusNistDef(
  options?: NistOptions,
): MetricDef<NistState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  return nistDef(options, "corpusNist");
}

/**
 * Corpus NIST (nltk 3.8 `corpus_nist`; plumbline takes the hypotheses first).
 *
 * @example corpusNist(["the cat sat on the mat"], [["the cat sat on the mat"]], { n: 2 })
 */
export function corpusNist(
  hypotheses: readonly string[],
  references: readonly ReferenceSet[],
  options?: NistOptions,
): number {
  return runOnce(corpusNistDef(options), hypotheses, references);
}

/** nltk 3.8 `sentence_nist(references, hypothesis, n)`: corpus NIST of one segment. */
export function sentenceNist(
  hypothesis: string,
  references: string | readonly string[],
  options?: NistOptions,
): number {
  const fn = "sentenceNist";
  return runOnce(nistDef(options, fn), [checkHypothesis(hypothesis, fn)], [references]);
}
