import { optInteger, optionNames, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkHypothesis, checkPairs, type ReferenceSet, refuseEmptyCorpus } from "../shared/inputs.js";
import { tokenMatches } from "../shared/ngram-matches.js";
import { checkAtMost } from "../shared/state.js";
import { pySplit } from "../tokenizers/python-strings.js";

export interface GleuOptions {
  /** Lowest n-gram order (default 1). */
  readonly minLen?: number;
  /** Highest n-gram order (default 4). */
  readonly maxLen?: number;
}

export interface GleuState {
  segments: number;
  matches: number;
  total: number;
}

export const gleuMeta: MetricMeta = {
  id: "text/gleu",
  range: [0, 1],
  direction: "higher",
  conventions: ["nltk-3.8"],
};

/**
 * GLEU as a streaming metric, identical to nltk 3.8 `corpus_gleu` (whitespace tokens): per
 * sentence, for each reference tp = clipped n-gram matches (orders minLen..maxLen) and
 * n_all = max(hyp n-grams, ref n-grams); the reference with the best tp / n_all (first on
 * ties) adds its counts to the corpus sums; GLEU = sum tp / sum n_all, 0 when that is 0/0.
 * `merge` adds the sums.
 */
export function corpusGleuDef(
  options?: GleuOptions,
): MetricDef<GleuState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  return gleuDef(options, "corpusGleu");
}

function gleuDef(
  options: unknown,
  fn: string,
): MetricDef<GleuState, [hypotheses: readonly string[], references: readonly ReferenceSet[]], number> {
  const o = readOptions<GleuOptions>(fn, options, GLEU_OPTIONS);
  const minLen = optInteger(fn, "minLen", o.minLen, 1, { min: 1 });
  const maxLen = optInteger(fn, "maxLen", o.maxLen, 4, { min: minLen, max: MAX_ORDER });
  const id = "text/gleu";
  return {
    id,
    meta: gleuMeta,
    options: { minLen, maxLen },
    init: () => ({ segments: 0, matches: 0, total: 0 }),
    update(state, hypotheses, references) {
      const checked = checkPairs(hypotheses, references, fn);
      let matches = 0;
      let total = 0;
      const perOrder = new Int32Array(3 * maxLen);
      for (let i = 0; i < checked.hypotheses.length; i++) {
        const hyp = pySplit(checked.hypotheses[i]!);
        let best: [number, number] | null = null;
        for (const ref of checked.references[i]!) {
          // Hypothesis n-grams, reference n-grams and overlap, over orders minLen..maxLen.
          tokenMatches(hyp, [pySplit(ref)], maxLen, perOrder);
          let tpfp = 0;
          let tpfn = 0;
          let tp = 0;
          for (let k = 3 * (minLen - 1); k < 3 * maxLen; k += 3) {
            tpfp += perOrder[k]!;
            tpfn += perOrder[k + 1]!;
            tp += perOrder[k + 2]!;
          }
          const nAll = Math.max(tpfp, tpfn);
          if (nAll > 0 && (best === null || tp / nAll > best[0] / best[1])) best = [tp, nAll];
        }
        if (best !== null) {
          matches += best[0];
          total += best[1];
        }
      }
      state.segments += checked.hypotheses.length;
      state.matches += matches;
      state.total += total;
    },
    merge: (a, b) => ({
      segments: a.segments + b.segments,
      matches: a.matches + b.matches,
      total: a.total + b.total,
    }),
    compute(state) {
      if (state.segments === 0) refuseEmptyCorpus(fn);
      return state.total === 0 ? 0 : state.matches / state.total;
    },
    validateState(state): asserts state is GleuState {
      checkState(id, state, { segments: field.count(), matches: field.count(), total: field.count() });
      checkAtMost(id, state as GleuState, "matches", "total");
    },
  };
}

const GLEU_OPTIONS = optionNames<GleuOptions>()("minLen", "maxLen");

/**
 * The highest n-gram order GLEU accepts. GLEU keeps no per-order state, so the ceiling bounds
 * time instead (each sentence costs O(tokens * maxLen)); nltk takes any order.
 */
const MAX_ORDER = 1000;

/** nltk 3.8 `corpus_gleu(list_of_references, hypotheses, min_len, max_len)` (hypotheses first here). */
export function corpusGleu(
  hypotheses: readonly string[],
  references: readonly ReferenceSet[],
  options?: GleuOptions,
): number {
  return runOnce(corpusGleuDef(options), hypotheses, references);
}

/** nltk 3.8 `sentence_gleu(references, hypothesis)`: GLEU of one pair. */
export function sentenceGleu(
  hypothesis: string,
  references: string | readonly string[],
  options?: GleuOptions,
): number {
  const fn = "sentenceGleu";
  return runOnce(gleuDef(options, fn), [checkHypothesis(hypothesis, fn)], [references]);
}
