import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { binaryMeanDef, type MeanState, multiclassMeanDef } from "./mean-metric.js";
import { classificationEntry } from "./meta.js";
import { optBoolean, optClassCount, optIgnoreIndex } from "./options.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-scores.js";

/** Catalog entry of the hinge loss (as an evaluation metric). */
export const hingeLossMeta = classificationEntry({
  id: "classification/hinge",
  title: "Hinge loss",
  formula:
    "\\frac{1}{N}\\sum_n \\max(0, 1 - m_n)^{(2)},\\ m_n = y_n s_n \\text{ or } s_{n,y_n}-\\max_{k\\ne y_n} s_{n,k}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  exports: ["binaryHingeLoss", "multiclassHingeLoss"],
  implementation:
    "torchmetrics 1.9.0 binary_hinge_loss; scikit-learn 1.9.1 hinge_loss (Crammer-Singer for multiclass)",
  paper: "Crammer & Singer 2001",
  robustness: ["margin-based; linear in the violation, so less outlier-sensitive than squared losses"],
});

export interface HingeLossOptions {
  /** Square each hinge term. Default false. */
  squared?: boolean;
  ignoreIndex?: number;
}
const HINGE_OPTIONS = optionNames<HingeLossOptions>()("squared", "ignoreIndex");

/**
 * Binary hinge loss mean(max(0, 1 - y' s)) with y' = +1 for target 1 and -1 for target 0, on
 * the scores as given (no sigmoid). Matches torchmetrics 1.9.0 `binary_hinge_loss` and sklearn
 * 1.9.1 `hinge_loss`. O(n).
 */
export function binaryHingeLossDef(options: HingeLossOptions = {}): MetricDef<MeanState, BinaryArgs, number> {
  const fn = "binaryHingeLoss";
  const o = readOptions(fn, options, HINGE_OPTIONS);
  const squared = optBoolean(fn, "squared", o.squared, false);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  return binaryMeanDef({
    id: "classification/binary_hinge_loss",
    fn,
    meta: hingeLossMeta,
    options: o,
    ignoreIndex,
    probabilities: false,
    value(s, y) {
      const h = Math.max(0, 1 - (y === 1 ? s : -s));
      return squared ? h * h : h;
    },
  });
}
/** One-shot {@link binaryHingeLossDef}. */
export function binaryHingeLoss(
  preds: NumericArray,
  target: NumericArray,
  options: HingeLossOptions = {},
): number {
  return runOnce(binaryHingeLossDef(options), preds, target);
}

export interface MulticlassHingeLossOptions extends HingeLossOptions {
  numClasses: number;
}
const MULTICLASS_HINGE_OPTIONS = optionNames<MulticlassHingeLossOptions>()(
  "squared",
  "ignoreIndex",
  "numClasses",
);

/**
 * Multiclass Crammer-Singer hinge loss mean(max(0, 1 - (s_y - max_{k != y} s_k))) on the scores
 * as given. Matches sklearn 1.9.1 `hinge_loss` and torchmetrics 1.9.0 `multiclass_hinge_loss`
 * (crammer-singer) on inputs it does not softmax. O(n C).
 */
export function multiclassHingeLossDef(
  options: MulticlassHingeLossOptions,
): MetricDef<MeanState, MulticlassArgs, number> {
  const fn = "multiclassHingeLoss";
  const o = readOptions(fn, options, MULTICLASS_HINGE_OPTIONS);
  const squared = optBoolean(fn, "squared", o.squared, false);
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const C = optClassCount(fn, "numClasses", o.numClasses, (c) => 8 * c);
  return multiclassMeanDef({
    id: "classification/multiclass_hinge_loss",
    fn,
    meta: hingeLossMeta,
    options: o,
    ignoreIndex,
    probabilities: false,
    numClasses: C,
    value(scores, row, y) {
      let other = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < C; c++) if (c !== y && scores[row + c]! > other) other = scores[row + c]!;
      const h = Math.max(0, 1 - (scores[row + y]! - other));
      return squared ? h * h : h;
    },
  });
}
/** One-shot {@link multiclassHingeLossDef}. */
export function multiclassHingeLoss(
  preds: MatrixInput,
  target: NumericArray,
  options: MulticlassHingeLossOptions,
): number {
  return runOnce(multiclassHingeLossDef(options), preds, target);
}
