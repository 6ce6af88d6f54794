/**
 * Micro and macro averages of the per-class curves of a multiclass problem, as torchmetrics
 * 1.9.0's `multiclass_roc` and `multiclass_precision_recall_curve` with `average` (issue 11 §4):
 * micro is the curve of the pooled one-hot problem (every (sample, class) score); macro sorts the
 * union of the classes' x values and averages each class's curve interpolated there.
 */

import { interp } from "./curve-interp.js";
import type { PrecisionRecallCurve, RocCurve } from "./curve-state.js";

/** torch's ascending sort: NaN last. */
function ascending(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}

/** The mean over classes of each curve's y at the sorted union of their x values. */
function macroPoints(curves: readonly { x: readonly number[]; y: readonly number[] }[]): {
  x: number[];
  y: number[];
} {
  const x = curves.flatMap((c) => c.x).sort(ascending);
  const y = x.map((at) => {
    let sum = 0;
    for (const c of curves) sum += interp(at, c.x, c.y);
    return sum / curves.length;
  });
  return { x, y };
}

/**
 * The macro-averaged ROC curve of per-class curves (torchmetrics 1.9.0 `multiclass_roc(average=
 * "macro")`): FPR the sorted union of the classes' FPRs, TPR the mean of each class's TPR
 * interpolated there, thresholds the union of the classes' thresholds in decreasing order.
 */
export function macroRocCurve(curves: readonly RocCurve[]): RocCurve {
  const { x, y } = macroPoints(curves.map((c) => ({ x: c.fpr, y: c.tpr })));
  const thresholds = curves.flatMap((c) => c.thresholds).sort((a, b) => ascending(b, a));
  return { fpr: x, tpr: y, thresholds };
}

/**
 * The macro-averaged precision-recall curve (torchmetrics 1.9.0
 * `multiclass_precision_recall_curve(average="macro")`): precision the sorted union of the
 * classes' precisions, recall the mean of each class's recall interpolated there (over the
 * classes' unsorted precisions, as torchmetrics), thresholds the sorted union.
 */
export function macroPrecisionRecallCurve(curves: readonly PrecisionRecallCurve[]): PrecisionRecallCurve {
  const { x, y } = macroPoints(curves.map((c) => ({ x: c.precision, y: c.recall })));
  const thresholds = curves.flatMap((c) => c.thresholds).sort(ascending);
  return { precision: x, recall: y, thresholds };
}
