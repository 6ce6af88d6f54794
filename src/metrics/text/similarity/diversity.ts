import { emptyInput } from "../../../core/errors.js";
import { exactSumOf } from "../../../core/exact-sum.js";
import { optInteger, optionNames, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkStrings } from "../shared/inputs.js";
import { countNgrams } from "../shared/ngram-counts.js";
import { pySplit } from "../tokenizers/python-strings.js";
import { type NltkSmoothing, nltkSentenceBleu, nltkSmoothingMethods } from "../translation/nltk-bleu.js";

export interface DistinctNOptions {
  /** n-gram order (default 2: distinct-2). */
  readonly n?: number;
}

/** The set of distinct n-grams seen (as keys) and the total number of n-grams. */
export interface DistinctNState {
  ngrams: string[];
  total: number;
}

export const distinctNMeta: MetricMeta = {
  id: "text/distinct_n",
  range: [0, 1],
  direction: "higher",
};

/**
 * Distinct-n as a streaming metric (Li et al. 2016): the number of distinct n-grams over all
 * generated texts divided by the total number of n-grams, on whitespace tokens
 * (Python `str.split()`), case-sensitive, n-grams never crossing texts. The state is the set of
 * distinct n-grams (O(distinct n-grams) memory) and the count; `merge` takes the union and adds
 * the counts. No n-gram at all: 0.
 */
export function distinctNDef(
  options?: DistinctNOptions,
): MetricDef<DistinctNState, [texts: readonly string[]], number> {
  const fn = "distinctN";
  const id = "text/distinct_n";
  const o = readOptions<DistinctNOptions>(fn, options, DISTINCT_N_OPTIONS);
  const n = optInteger(fn, "n", o.n, 2, { min: 1, max: MAX_ORDER });
  return {
    id,
    meta: distinctNMeta,
    options: { n },
    init: () => ({ ngrams: [], total: 0 }),
    update(state, texts) {
      const checked = checkStrings(texts, fn, "texts");
      const seen = new Set(state.ngrams);
      let total = 0;
      for (const text of checked) {
        for (const [key, count] of countNgrams(pySplit(text), n, n)) {
          seen.add(key);
          total += count;
        }
      }
      state.ngrams = [...seen];
      state.total += total;
    },
    merge: (a, b) => ({ ngrams: [...new Set([...a.ngrams, ...b.ngrams])], total: a.total + b.total }),
    compute: (state) => (state.total === 0 ? 0 : state.ngrams.length / state.total),
    validateState(state): asserts state is DistinctNState {
      checkState(id, state, { ngrams: field.array(field.string()), total: field.count() });
      const s = state as DistinctNState;
      stateInvariant(
        id,
        s.ngrams.length <= s.total,
        `state.ngrams (${s.ngrams.length} distinct) must not outnumber state.total (${s.total})`,
      );
      stateInvariant(
        id,
        new Set(s.ngrams).size === s.ngrams.length,
        "state.ngrams must not repeat an n-gram",
      );
    },
  };
}

const DISTINCT_N_OPTIONS = optionNames<DistinctNOptions>()("n");

/**
 * The highest n-gram order distinct-n and self-BLEU accept. Neither keeps per-order state, so
 * the ceiling bounds time instead (O(tokens * n) per text).
 */
const MAX_ORDER = 1000;

/** Distinct-n of a set of generated texts, in [0, 1]. */
export function distinctN(texts: readonly string[], options?: DistinctNOptions): number {
  return runOnce(distinctNDef(options), texts);
}

export interface SelfBleuOptions {
  /** Highest n-gram order; weights are uniform 1/maxOrder (default 3, as Texygen's SelfBleu). */
  readonly maxOrder?: number;
  /** nltk smoothing method (default "method1", as Texygen). */
  readonly smoothing?: NltkSmoothing;
}

/** The texts seen so far (self-BLEU needs every text as a reference of every other). */
export interface SelfBleuState {
  texts: string[];
}

export const selfBleuMeta: MetricMeta = {
  id: "text/self_bleu",
  range: [0, 1],
  direction: "lower",
  conventions: ["Texygen"],
};

/**
 * Self-BLEU as a metric (Zhu et al. 2018, Texygen): each text is scored with nltk 3.8
 * `sentence_bleu` (whitespace tokens, uniform weights over orders 1..maxOrder, smoothing
 * method1 by default) against all the other texts as references; the result is the mean.
 * The state keeps the texts (`merge` concatenates them: the score depends on the whole set).
 * Needs at least 2 texts. Cost O(N^2 * L).
 */
export function selfBleuDef(
  options?: SelfBleuOptions,
): MetricDef<SelfBleuState, [texts: readonly string[]], number> {
  const fn = "selfBleu";
  const id = "text/self_bleu";
  const o = readOptions<SelfBleuOptions>(fn, options, SELF_BLEU_OPTIONS);
  const maxOrder = optInteger(fn, "maxOrder", o.maxOrder, 3, { min: 1, max: MAX_ORDER });
  const smoothing = optOneOf(fn, "smoothing", o.smoothing, nltkSmoothingMethods, "method1");
  const weights = new Array<number>(maxOrder).fill(1 / maxOrder);
  return {
    id,
    meta: selfBleuMeta,
    options: { maxOrder, smoothing },
    init: () => ({ texts: [] }),
    update(state, texts) {
      const checked = checkStrings(texts, fn, "texts");
      for (const t of checked) state.texts.push(t);
    },
    merge: (a, b) => ({ texts: [...a.texts, ...b.texts] }),
    compute(state) {
      const n = state.texts.length;
      if (n < 2) emptyInput(`${fn}: needs at least 2 texts, got ${n}`);
      const scores = state.texts.map((text, i) =>
        nltkSentenceBleu(
          text,
          state.texts.filter((_, j) => j !== i),
          { weights, smoothing },
        ),
      );
      // Summed exactly: the mean does not depend on the order the texts were merged in.
      return exactSumOf(Float64Array.from(scores)) / n;
    },
    validateState(state): asserts state is SelfBleuState {
      checkState(id, state, { texts: field.array(field.string()) });
    },
  };
}

const SELF_BLEU_OPTIONS = optionNames<SelfBleuOptions>()("maxOrder", "smoothing");

/** Self-BLEU of a set of generated texts (lower is more diverse). */
export function selfBleu(texts: readonly string[], options?: SelfBleuOptions): number {
  return runOnce(selfBleuDef(options), texts);
}
