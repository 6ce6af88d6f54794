import type { MatrixInput } from "../../core/coerce.js";
import { readOptions } from "../../core/options.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { safeDivide } from "./input.js";
import { classificationEntry } from "./meta.js";
import {
  MULTILABEL_STAT_OPTIONS,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multilabelStatDef,
} from "./stat-scores.js";

/** Catalog entry of exact match (subset accuracy). */
export const exactMatchMeta = classificationEntry({
  id: "classification/exact_match",
  title: "Exact match (subset accuracy)",
  formula: "\\frac{1}{N}\\sum_n [\\hat{\\mathbf y}_n=\\mathbf y_n]",
  range: [0, 1],
  direction: "higher",
  exports: ["multilabelExactMatch"],
  implementation: "torchmetrics 1.9.0 multilabel_exact_match; scikit-learn 1.9.1 accuracy_score (multilabel)",
  robustness: ["harsh with many labels: one wrong label fails the sample"],
});

/**
 * Multilabel exact match: the fraction of samples whose every label is predicted right
 * (`preds > threshold`; ignored labels count as right). Matches torchmetrics 1.9.0
 * `multilabel_exact_match` and sklearn 1.9.1 `accuracy_score` on label indicator matrices. O(N L).
 */
export function multilabelExactMatchDef(
  options: MultilabelStatOptions,
): MetricDef<MultilabelCountsState, MultilabelArgs, number> {
  const fn = "multilabelExactMatch";
  return multilabelStatDef(
    {
      id: "classification/multilabel_exact_match",
      meta: exactMatchMeta,
      fn,
      reduce: (s) => safeDivide(s.exact, s.samples),
    },
    readOptions(fn, options, MULTILABEL_STAT_OPTIONS),
  );
}
/** One-shot {@link multilabelExactMatchDef}. */
export function multilabelExactMatch(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelStatOptions,
): number {
  return runOnce(multilabelExactMatchDef(options), preds, target);
}
