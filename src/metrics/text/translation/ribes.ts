import { invalidValue } from "../../../core/errors.js";
import { optionNames, optNumber, readOptions } from "../../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkHypothesis, checkPairs, type ReferenceSet, refuseEmptyCorpus } from "../shared/inputs.js";
import {
  addScores,
  checkMeanState,
  type MeanState,
  meanScore,
  mergeScores,
  noScores,
} from "../shared/state.js";
import { pySplit } from "../tokenizers/python-strings.js";

export interface RibesOptions {
  /** Exponent of the unigram precision (nltk's `alpha`, default 0.25), >= 0. */
  readonly alpha?: number;
  /** Exponent of the brevity penalty (nltk's `beta`, default 0.10), >= 0. */
  readonly beta?: number;
}

/** Exact sum and count of the sentence scores (each the best over its references). */
export type RibesState = MeanState;

export const ribesMeta: MetricMeta = {
  id: "text/ribes",
  range: [0, 1],
  direction: "higher",
  conventions: ["nltk-3.8"],
};

const RIBES_OPTIONS = optionNames<RibesOptions>()("alpha", "beta");

/** Occurrences of `tokens[start .. start + length)` in `sequence` (only lengths up to `maxLength` count, as nltk's n-gram lists). */
function occurrences(
  sequence: readonly string[],
  tokens: readonly string[],
  start: number,
  length: number,
  maxLength: number,
): number {
  if (length > maxLength) return 0;
  let count = 0;
  for (let i = 0; i + length <= sequence.length; i++) {
    let k = 0;
    while (k < length && sequence[i + k] === tokens[start + k]) k++;
    if (k === length) count++;
  }
  return count;
}

/** The first position of `tokens[start .. start + length)` in `sequence` (nltk `position_of_ngram`). */
function firstPosition(
  sequence: readonly string[],
  tokens: readonly string[],
  start: number,
  length: number,
): number {
  for (let i = 0; i + length <= sequence.length; i++) {
    let k = 0;
    while (k < length && sequence[i + k] === tokens[start + k]) k++;
    if (k === length) return i;
  }
  return -1;
}

/**
 * nltk `word_rank_alignment(reference, hypothesis)`: for each hypothesis word in the reference,
 * its reference position when the word is unique in both, else the position found through the
 * shortest right, then left, context n-gram that is unique in both (n-grams longer than the
 * reference count as absent, as in nltk's lists of reference-length n-grams).
 */
export function wordRankAlignment(reference: readonly string[], hypothesis: readonly string[]): number[] {
  const worder: number[] = [];
  const hypLength = hypothesis.length;
  const maxLength = reference.length;
  for (let i = 0; i < hypLength; i++) {
    const word = hypothesis[i]!;
    const inReference = occurrences(reference, hypothesis, i, 1, maxLength);
    if (inReference === 0) continue;
    if (inReference === 1 && occurrences(hypothesis, hypothesis, i, 1, maxLength) === 1) {
      worder.push(reference.indexOf(word));
      continue;
    }
    const maxWindow = Math.max(i, hypLength - i + 1);
    for (let window = 1; window < maxWindow; window++) {
      if (i + window < hypLength) {
        const length = window + 1;
        if (
          occurrences(reference, hypothesis, i, length, maxLength) === 1 &&
          occurrences(hypothesis, hypothesis, i, length, maxLength) === 1
        ) {
          worder.push(firstPosition(reference, hypothesis, i, length));
          break;
        }
      }
      if (window <= i) {
        const start = i - window;
        const length = window + 1;
        if (
          occurrences(reference, hypothesis, start, length, maxLength) === 1 &&
          occurrences(hypothesis, hypothesis, start, length, maxLength) === 1
        ) {
          worder.push(firstPosition(reference, hypothesis, start, length) + length - 1);
          break;
        }
      }
    }
  }
  return worder;
}

/** C(n, 2) as nltk's `choose`. */
const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * nltk `kendall_tau(worder)`, normalized to [0, 1]: increasing pairs are counted only within
 * runs of consecutive +1 positions (nltk's `find_increasing_sequences`), so
 * tau = 2 * sum C(run, 2) / C(len, 2) - 1; fewer than 2 aligned words give tau = -1.
 */
function normalizedKendallTau(worder: readonly number[]): number {
  const n = worder.length;
  if (n < 2) return 0;
  let increasing = 0;
  let run = 1;
  for (let k = 1; k <= n; k++) {
    if (k < n && worder[k - 1]! + 1 === worder[k]) run++;
    else {
      if (run > 1) increasing += pairs(run);
      run = 1;
    }
  }
  const tau = (2 * increasing) / pairs(n) - 1;
  return (tau + 1) / 2;
}

/** nltk `sentence_ribes`: the best of NKT * P1^alpha * BP^beta over the references (first on ties). */
function sentenceScore(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  alpha: number,
  beta: number,
  fn: string,
): number {
  if (hypothesis.length === 0)
    invalidValue(
      `${fn}: RIBES of an empty hypothesis divides by its length 0 (nltk raises ZeroDivisionError)`,
    );
  let best = -1;
  for (const reference of references) {
    const worder = wordRankAlignment(reference, hypothesis);
    const nkt = normalizedKendallTau(worder);
    const bp = Math.min(1, Math.exp(1 - reference.length / hypothesis.length));
    const p1 = worder.length / hypothesis.length;
    const score = nkt * p1 ** alpha * bp ** beta;
    if (score > best) best = score;
  }
  return best;
}

function ribesDef(
  options: unknown,
  fn: string,
): MetricDef<RibesState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  const o = readOptions<RibesOptions>(fn, options, RIBES_OPTIONS);
  const alpha = optNumber(fn, "alpha", o.alpha, 0.25, { min: 0 });
  const beta = optNumber(fn, "beta", o.beta, 0.1, { min: 0 });
  const id = ribesMeta.id;
  return {
    id,
    meta: ribesMeta,
    options: { alpha, beta },
    init: noScores,
    update(state, hypotheses, references) {
      const checked = checkPairs(hypotheses, references, fn);
      const scores = checked.hypotheses.map((h, i) =>
        sentenceScore(checked.references[i]!.map(pySplit), pySplit(h), alpha, beta, fn),
      );
      addScores(state, scores, fn);
    },
    merge: mergeScores,
    compute(state) {
      if (state.count === 0) refuseEmptyCorpus(fn, "nltk raises ZeroDivisionError");
      return meanScore(state);
    },
    validateState(state): asserts state is RibesState {
      checkMeanState(id, state);
    },
  };
}

/**
 * RIBES as a metric, identical to nltk 3.8 `corpus_ribes(list_of_references, hypotheses, alpha,
 * beta)` on whitespace tokens: the mean over segments of the best sentence RIBES over their
 * references, RIBES = NKT * P1^alpha * BP^beta with NKT nltk's normalized Kendall tau of the word
 * rank alignment, P1 the share of hypothesis words aligned and BP = min(1, exp(1 - |ref|/|hyp|)).
 * The state is the exact sum and count of sentence scores. Cost O(|hyp| * (|hyp| + |ref|)^2) per pair
 * in the worst case (context search), linear for sentences of distinct words.
 */
export function corpusRibesDef(
  options?: RibesOptions,
): MetricDef<RibesState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  return ribesDef(options, "corpusRibes");
}

/**
 * Corpus RIBES (nltk 3.8 `corpus_ribes`; plumbline takes the hypotheses first).
 *
 * @example corpusRibes(["he read the book because he was interested in world history"], [["he was interested in world history because he read the book"]])
 */
export function corpusRibes(
  hypotheses: readonly string[],
  references: readonly ReferenceSet[],
  options?: RibesOptions,
): number {
  return runOnce(corpusRibesDef(options), hypotheses, references);
}

/** nltk 3.8 `sentence_ribes(references, hypothesis, alpha, beta)`: the best RIBES over the references. */
export function sentenceRibes(
  hypothesis: string,
  references: string | readonly string[],
  options?: RibesOptions,
): number {
  const fn = "sentenceRibes";
  return runOnce(ribesDef(options, fn), [checkHypothesis(hypothesis, fn)], [references]);
}
