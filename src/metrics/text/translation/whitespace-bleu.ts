import { invalidOption } from "../../../core/errors.js";
import { optBoolean, optionNames, optSize, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkPairs, type ReferenceSet } from "../shared/inputs.js";
import { tokenMatches } from "../shared/ngram-matches.js";
import { checkAtMost } from "../shared/state.js";
import { pySplit } from "../tokenizers/python-strings.js";
import { readWeights } from "./nltk-bleu.js";

export interface WhitespaceBleuOptions {
  /** Highest n-gram order (default 4). */
  readonly nGram?: number;
  /** Add-one smoothing of orders >= 2 (default false). */
  readonly smooth?: boolean;
  /** Weights per order (default uniform 1/nGram). */
  readonly weights?: readonly number[];
}

export interface WhitespaceBleuState {
  segments: number;
  numerator: number[];
  denominator: number[];
  predsLength: number;
  targetLength: number;
}

export const whitespaceBleuMeta: MetricMeta = {
  id: "text/bleu_whitespace",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * torchmetrics 1.9.0 `BLEUScore` as a streaming metric: `str.split()` tokens; clipped counts
 * against the per-n-gram maximum over references; reference length is the first reference
 * with the smallest length difference; any order without a match gives 0; `smooth` uses
 * (m+1)/(t+1) for orders >= 2; BP = 1 when the hypotheses are longer, else exp(1 - r/c).
 * Score in [0, 1]. The state sums counts and lengths, so `merge` adds them.
 */
export function whitespaceBleuDef(
  options?: WhitespaceBleuOptions,
): MetricDef<
  WhitespaceBleuState,
  [hypotheses: readonly string[], references: readonly ReferenceSet[]],
  number
> {
  const fn = "whitespaceBleu";
  const id = "text/bleu_whitespace";
  const o = readOptions<WhitespaceBleuOptions>(fn, options, WHITESPACE_BLEU_OPTIONS);
  const nGram = optSize(fn, "nGram", o.nGram, 4, { bytesPerUnit: 16 }) as number;
  const smooth = optBoolean(fn, "smooth", o.smooth, false);
  const weights = readWeights(fn, o.weights, new Array<number>(nGram).fill(1 / nGram), 16);
  if (weights.length !== nGram)
    invalidOption(`${fn}: option \`weights\` must have nGram (${nGram}) entries, got ${weights.length}`);
  return {
    id,
    meta: whitespaceBleuMeta,
    options: { nGram, smooth, weights: [...weights] },
    init: () => ({
      segments: 0,
      numerator: new Array<number>(nGram).fill(0),
      denominator: new Array<number>(nGram).fill(0),
      predsLength: 0,
      targetLength: 0,
    }),
    update(state, hypotheses, references) {
      const checked = checkPairs(hypotheses, references, fn);
      const num = new Array<number>(nGram).fill(0);
      const den = new Array<number>(nGram).fill(0);
      let pl = 0;
      let tl = 0;
      const perOrder = new Int32Array(3 * nGram);
      for (let i = 0; i < checked.hypotheses.length; i++) {
        const pred = pySplit(checked.hypotheses[i]!);
        const targets = checked.references[i]!.map(pySplit);
        pl += pred.length;
        let bestDiff = Infinity;
        let bestLen = 0;
        for (const t of targets) {
          const d = Math.abs(pred.length - t.length);
          if (d < bestDiff) {
            bestDiff = d;
            bestLen = t.length;
          }
        }
        tl += bestLen;
        tokenMatches(pred, targets, nGram, perOrder);
        for (let n = 0; n < nGram; n++) {
          den[n]! += perOrder[3 * n]!;
          num[n]! += perOrder[3 * n + 2]!;
        }
      }
      state.segments += checked.hypotheses.length;
      for (let n = 0; n < nGram; n++) {
        state.numerator[n]! += num[n]!;
        state.denominator[n]! += den[n]!;
      }
      state.predsLength += pl;
      state.targetLength += tl;
    },
    merge: (a, b) => ({
      segments: a.segments + b.segments,
      numerator: a.numerator.map((v, i) => v + b.numerator[i]!),
      denominator: a.denominator.map((v, i) => v + b.denominator[i]!),
      predsLength: a.predsLength + b.predsLength,
      targetLength: a.targetLength + b.targetLength,
    }),
    compute(state) {
      if (Math.min(...state.numerator) === 0) return 0;
      let logSum = 0;
      for (let n = 0; n < nGram; n++) {
        const p =
          smooth && n > 0
            ? (state.numerator[n]! + 1) / (state.denominator[n]! + 1)
            : state.numerator[n]! / state.denominator[n]!;
        logSum += weights[n]! * Math.log(p);
      }
      const bp =
        state.predsLength > state.targetLength ? 1 : Math.exp(1 - state.targetLength / state.predsLength);
      return bp * Math.exp(logSum);
    },
    validateState(state): asserts state is WhitespaceBleuState {
      checkState(id, state, {
        segments: field.count(),
        numerator: field.array(field.count(), nGram),
        denominator: field.array(field.count(), nGram),
        predsLength: field.count(),
        targetLength: field.count(),
      });
      checkAtMost(id, state as WhitespaceBleuState, "numerator", "denominator");
    },
  };
}

const WHITESPACE_BLEU_OPTIONS = optionNames<WhitespaceBleuOptions>()("nGram", "smooth", "weights");

/** torchmetrics 1.9.0 `bleu_score(preds, target)`: BLEU on whitespace tokens in [0, 1]. */
export function whitespaceBleu(
  hypotheses: readonly string[],
  references: readonly ReferenceSet[],
  options?: WhitespaceBleuOptions,
): number {
  return runOnce(whitespaceBleuDef(options), hypotheses, references);
}
