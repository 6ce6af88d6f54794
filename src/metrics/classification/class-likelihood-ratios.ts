import { readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import {
  BINARY_STAT_OPTIONS,
  type BinaryArgs,
  type BinaryStatOptions,
  binaryStatDef,
  binaryStatSteps,
  type StatState,
} from "./stat-defs.js";
import { runOneShotSteps } from "./steps.js";

export const classLikelihoodRatiosMeta: MetricMeta = {
  id: "classification/class_likelihood_ratios",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "none",
  conventions: ["scikit-learn-1.2.1"],
};

/** LR+ (higher is better, above 1 informative) and LR- (lower is better, below 1 informative). */
export interface LikelihoodRatios {
  positive: number;
  negative: number;
}

/** The likelihood ratios from the binary confusion matrix `[tn, fp, fn, tp]`. */
const RATIOS = {
  fn: "binaryClassLikelihoodRatios",
  reduce: (m: Float64Array): LikelihoodRatios => {
    const [tn, fp, fn_, tp] = [m[0]!, m[1]!, m[2]!, m[3]!];
    const supportPos = tp + fn_;
    const supportNeg = tn + fp;
    if (supportPos === 0) return { positive: Number.NaN, negative: Number.NaN };
    return {
      positive: fp === 0 ? Number.NaN : (tp * supportNeg) / (fp * supportPos),
      negative: tn === 0 ? Number.NaN : (fn_ * supportNeg) / (tn * supportPos),
    };
  },
};

/**
 * The class likelihood ratios of a binary classifier (positives where `preds > threshold`; with
 * `posLabel` the inputs are sklearn's labels): LR+ = TPR / FPR = TP (TN + FP) / (FP (TP + FN))
 * and LR- = FNR / TNR = FN (TN + FP) / (TN (TP + FN)), computed from those integer products as
 * sklearn 1.2.1 `class_likelihood_ratios`; NaN where sklearn gives NaN (no false positive for
 * LR+, no true negative for LR-, no positive sample for both). Optional `sampleWeight`. O(n).
 */
export function binaryClassLikelihoodRatiosDef(
  options: BinaryStatOptions = {},
): MetricDef<StatState, BinaryArgs, LikelihoodRatios> {
  return binaryStatDef(
    { id: "classification/binary_class_likelihood_ratios", meta: classLikelihoodRatiosMeta, ...RATIOS },
    readOptions(RATIOS.fn, options, BINARY_STAT_OPTIONS),
  );
}
/** One-shot {@link binaryClassLikelihoodRatiosDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryClassLikelihoodRatios(
  preds: LabelInput,
  target: LabelInput,
  third?: NdInput | BinaryStatOptions,
  fourth?: BinaryStatOptions,
): LikelihoodRatios {
  return runOneShotSteps(
    (options) => binaryStatSteps(RATIOS, readOptions(RATIOS.fn, options, BINARY_STAT_OPTIONS)).steps,
    preds,
    target,
    third,
    fourth,
  ) as LikelihoodRatios;
}
