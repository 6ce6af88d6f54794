import { describeValue, invalidOption, invalidValue } from "../../../core/errors.js";
import { assertAllocation } from "../../../core/limits.js";
import { optBoolean, optionNames, optNumber, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { fsum } from "../shared/fsum.js";
import { checkHypothesis, checkPairs, type ReferenceSet, refuseEmptyCorpus } from "../shared/inputs.js";
import { tokenMatches } from "../shared/ngram-matches.js";
import { checkAtMost } from "../shared/state.js";
import { pySplit } from "../tokenizers/python-strings.js";
import { closestRefLength } from "./bleu.js";

/** nltk's `SmoothingFunction` methods 0-7 (Chen & Cherry 2014). */
export type NltkSmoothing =
  | "method0"
  | "method1"
  | "method2"
  | "method3"
  | "method4"
  | "method5"
  | "method6"
  | "method7";

export interface NltkBleuOptions {
  /** n-gram weights (default [0.25, 0.25, 0.25, 0.25]); their count is the highest order. */
  readonly weights?: readonly number[];
  /** Smoothing method (default "method0": none). */
  readonly smoothing?: NltkSmoothing;
  /** With the default weights and fewer than 4 hypothesis tokens, use uniform weights over the tokens (default false). */
  readonly autoReweigh?: boolean;
  /** SmoothingFunction epsilon (method1, default 0.1). */
  readonly epsilon?: number;
  /** SmoothingFunction alpha (method6, default 5). */
  readonly alpha?: number;
  /** SmoothingFunction k (method4, default 5). */
  readonly k?: number;
}

/**
 * Streaming state: per-order clipped matches and hypothesis n-gram counts (nltk's
 * `p_numerators` / `p_denominators`), lengths, and the last pair's tokens (nltk's corpus
 * smoothing methods 3-7 read the loop's last `references` / `hypothesis`, reproduced here).
 */
export interface NltkBleuState {
  segments: number;
  numerators: number[];
  denominators: number[];
  hypLength: number;
  refLength: number;
  lastHypothesis: string[];
  lastReferences: string[][];
}

export const nltkBleuMeta: MetricMeta = {
  id: "text/nltk_bleu",
  range: [0, Infinity],
  direction: "higher",
  conventions: ["nltk-3.8"],
};

/** A rational with nltk's unnormalized numerator and denominator, or a plain float. */
type Precision = { num: number; den: number } | number;
const val = (p: Precision): number => (typeof p === "number" ? p : p.num / p.den);
const numeratorOf = (p: Precision): number => (typeof p === "number" ? p : p.num);

/** nltk `modified_precision` of orders 1..maxOrder: clipped matches over max(1, hypothesis n-grams). */
function modifiedPrecisions(
  references: readonly string[][],
  hypothesis: readonly string[],
  maxOrder: number,
): { num: number; den: number }[] {
  const perOrder = new Int32Array(3 * maxOrder);
  tokenMatches(hypothesis, references, maxOrder, perOrder);
  return Array.from({ length: maxOrder }, (_, n) => ({
    num: perOrder[3 * n + 2]!,
    den: Math.max(1, perOrder[3 * n]!),
  }));
}

function smooth(
  method: NltkSmoothing,
  pn: Precision[],
  references: readonly string[][],
  hypothesis: readonly string[],
  hypLen: number,
  eps: number,
  alpha: number,
  k: number,
  fn: string,
): Precision[] {
  switch (method) {
    case "method0":
      return pn.map((p) => (numeratorOf(p) !== 0 ? p : PY_FLOAT_MIN));
    case "method1":
      return pn.map((p) => (typeof p !== "number" && p.num === 0 ? (p.num + eps) / p.den : p));
    case "method2":
      return pn.map((p, i) => (i !== 0 && typeof p !== "number" ? { num: p.num + 1, den: p.den + 1 } : p));
    case "method3": {
      let inc = 1;
      return pn.map((p) => {
        if (typeof p !== "number" && p.num === 0) {
          const v = 1 / (2 ** inc * p.den);
          inc++;
          return v;
        }
        return p;
      });
    }
    case "method4": {
      let inc = 1;
      const len = hypLen ? hypLen : hypothesis.length;
      return pn.map((p) => {
        if (typeof p !== "number" && p.num === 0 && len > 1) {
          const numerator = 1 / ((2 ** inc * k) / Math.log(len));
          inc++;
          return numerator / p.den;
        }
        return p;
      });
    }
    case "method5": {
      const plus1: Precision[] = [...pn, modifiedPrecisions(references, hypothesis, 5)[4]!];
      const out = pn.slice();
      let m = val(pn[0]!) + 1;
      for (let i = 0; i < pn.length; i++) {
        out[i] = (m + val(pn[i]!) + val(plus1[i + 1]!)) / 3;
        m = out[i] as number;
      }
      return out;
    }
    case "method6": {
      if (pn.length < 3 || val(pn[2]!) === 0) {
        invalidValue(
          `${fn}: smoothing "method6" requires a non-zero trigram precision (nltk raises "This smoothing method requires non-zero precision for bigrams.")`,
        );
      }
      const out = pn.slice();
      for (let i = 2; i < out.length; i++) {
        const pi0 = val(out[i - 2]!) === 0 ? 0 : val(out[i - 1]!) ** 2 / val(out[i - 2]!);
        const m = numeratorOf(out[i]!);
        const l = Math.max(0, hypothesis.length - i);
        out[i] = (m + alpha * pi0) / (l + alpha);
      }
      return out;
    }
    case "method7": {
      const p4 = smooth("method4", pn, references, hypothesis, hypLen, eps, alpha, k, fn);
      return smooth("method5", p4, references, hypothesis, hypLen, eps, alpha, k, fn);
    }
  }
}

/** Python `sys.float_info.min`, nltk method0's stand-in for a zero precision. */
const PY_FLOAT_MIN = 2.2250738585072014e-308;

const DEFAULT_WEIGHTS = [0.25, 0.25, 0.25, 0.25];

const NLTK_BLEU_OPTIONS = optionNames<NltkBleuOptions>()(
  "weights",
  "smoothing",
  "autoReweigh",
  "epsilon",
  "alpha",
  "k",
);

/** nltk's smoothing methods. */
export const nltkSmoothingMethods: readonly NltkSmoothing[] = [
  "method0",
  "method1",
  "method2",
  "method3",
  "method4",
  "method5",
  "method6",
  "method7",
];

/**
 * Reads an option holding n-gram weights: a non-empty array of finite numbers, whose length (the
 * highest order) is a size within the allocation budget (`bytesPerOrder` of state per order).
 */
export function readWeights(
  fn: string,
  value: unknown,
  fallback: readonly number[],
  bytesPerOrder: number,
): readonly number[] {
  if (value === undefined) return fallback;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((w) => typeof w !== "number" || !Number.isFinite(w))
  )
    invalidOption(
      `${fn}: option \`weights\` must be a non-empty array of finite numbers, got ${describeValue(value)}`,
    );
  assertAllocation(fn, `option \`weights\` with ${value.length} orders`, value.length * bytesPerOrder);
  return [...(value as number[])];
}

function nltkDef(
  options: unknown,
  fn: string,
): MetricDef<NltkBleuState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  const o = readOptions<NltkBleuOptions>(fn, options, NLTK_BLEU_OPTIONS);
  const weights = readWeights(fn, o.weights, DEFAULT_WEIGHTS, 16);
  const smoothing = optOneOf(fn, "smoothing", o.smoothing, nltkSmoothingMethods, "method0");
  const autoReweigh = optBoolean(fn, "autoReweigh", o.autoReweigh, false);
  const eps = optNumber(fn, "epsilon", o.epsilon, 0.1);
  const alpha = optNumber(fn, "alpha", o.alpha, 5);
  const k = optNumber(fn, "k", o.k, 5);
  const maxOrder = weights.length;
  const id = "text/nltk_bleu";
  return {
    id,
    meta: nltkBleuMeta,
    options: { weights: [...weights], smoothing, autoReweigh, epsilon: eps, alpha, k },
    init: () => ({
      segments: 0,
      numerators: new Array<number>(maxOrder).fill(0),
      denominators: new Array<number>(maxOrder).fill(0),
      hypLength: 0,
      refLength: 0,
      lastHypothesis: [],
      lastReferences: [],
    }),
    update(state, hypotheses, references) {
      const checked = checkPairs(hypotheses, references, fn);
      const num = new Array<number>(maxOrder).fill(0);
      const den = new Array<number>(maxOrder).fill(0);
      let hypLength = 0;
      let refLength = 0;
      let lastH: string[] = state.lastHypothesis;
      let lastR: string[][] = state.lastReferences;
      for (let i = 0; i < checked.hypotheses.length; i++) {
        const hyp = pySplit(checked.hypotheses[i]!);
        const refs = checked.references[i]!.map(pySplit);
        modifiedPrecisions(refs, hyp, maxOrder).forEach((p, n) => {
          num[n]! += p.num;
          den[n]! += p.den;
        });
        hypLength += hyp.length;
        // nltk `closest_ref_length` has sacrebleu's rule: smallest |ref - hyp|, ties to the shorter.
        refLength += closestRefLength(
          hyp.length,
          refs.map((r) => r.length),
        );
        lastH = hyp;
        lastR = refs;
      }
      state.segments += checked.hypotheses.length;
      for (let n = 0; n < maxOrder; n++) {
        state.numerators[n]! += num[n]!;
        state.denominators[n]! += den[n]!;
      }
      state.hypLength += hypLength;
      state.refLength += refLength;
      state.lastHypothesis = lastH;
      state.lastReferences = lastR;
    },
    merge: (a, b) => ({
      segments: a.segments + b.segments,
      numerators: a.numerators.map((v, i) => v + b.numerators[i]!),
      denominators: a.denominators.map((v, i) => v + b.denominators[i]!),
      hypLength: a.hypLength + b.hypLength,
      refLength: a.refLength + b.refLength,
      lastHypothesis: b.segments > 0 ? b.lastHypothesis : a.lastHypothesis,
      lastReferences: b.segments > 0 ? b.lastReferences : a.lastReferences,
    }),
    compute(state) {
      if (state.segments === 0) refuseEmptyCorpus(fn);
      const c = state.hypLength;
      const r = state.refLength;
      const bp = c > r ? 1 : c === 0 ? 0 : Math.exp(1 - r / c);
      if (state.numerators[0] === 0) return 0;
      let w = weights;
      if (autoReweigh && c < 4 && weights.length === 4 && weights.every((x) => x === 0.25)) {
        w = new Array<number>(c).fill(1 / c);
      }
      const pn: Precision[] = state.numerators.map((n, i) => ({ num: n, den: state.denominators[i]! }));
      const smoothed = smooth(
        smoothing,
        pn,
        state.lastReferences,
        state.lastHypothesis,
        c,
        eps,
        alpha,
        k,
        fn,
      );
      const terms: number[] = [];
      for (let i = 0; i < Math.min(w.length, smoothed.length); i++) {
        const p = val(smoothed[i]!);
        if (p > 0) terms.push(w[i]! * Math.log(p));
      }
      return bp * Math.exp(fsum(terms));
    },
    validateState(state): asserts state is NltkBleuState {
      checkState(id, state, {
        segments: field.count(),
        numerators: field.array(field.count(), maxOrder),
        denominators: field.array(field.count(), maxOrder),
        hypLength: field.count(),
        refLength: field.count(),
        lastHypothesis: field.array(field.string()),
        lastReferences: field.array(field.array(field.string())),
      });
      checkAtMost(id, state as NltkBleuState, "numerators", "denominators");
    },
  };
}

/**
 * BLEU on whitespace tokens as a streaming metric, identical to nltk 3.8 `corpus_bleu`
 * (`str.split()` tokens, case-sensitive). The state sums nltk's per-order numerators and
 * denominators and the lengths, so `merge` adds them; it also carries the last pair, which
 * nltk's smoothing methods 3-7 read at the corpus level (so merge order matters for those).
 * Orders whose (smoothed) precision is 0 are left out of the sum, as nltk does; no unigram
 * match gives 0. method6 without a trigram match raises, as nltk does.
 */
export function nltkCorpusBleuDef(
  options?: NltkBleuOptions,
): MetricDef<NltkBleuState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  return nltkDef(options, "nltkCorpusBleu");
}

/** nltk 3.8 `corpus_bleu(list_of_references, hypotheses)` on whitespace tokens (hypotheses first here). */
export function nltkCorpusBleu(
  hypotheses: readonly string[],
  references: readonly ReferenceSet[],
  options?: NltkBleuOptions,
): number {
  return runOnce(nltkCorpusBleuDef(options), hypotheses, references);
}

/** nltk 3.8 `sentence_bleu(references, hypothesis)`: corpus BLEU of one pair. */
export function nltkSentenceBleu(
  hypothesis: string,
  references: string | readonly string[],
  options?: NltkBleuOptions,
): number {
  const fn = "nltkSentenceBleu";
  return runOnce(nltkDef(options, fn), [checkHypothesis(hypothesis, fn)], [references]);
}
