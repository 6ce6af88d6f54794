import type { MetricMeta } from "../../metric.js";
import { macroRocCurve } from "./curve-average.js";
import type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
import { type CurveSource, rocCounts, rocCurve } from "./curve-state.js";
import {
  type CurveReduction,
  type PerProblemCurveSpec,
  perProblemBinary,
  perProblemBinaryDef,
  perProblemMulticlass,
  perProblemMulticlassDef,
  perProblemMultilabel,
  perProblemMultilabelDef,
} from "./per-problem-curve.js";
import type { ClassNamesOption } from "./stat-metric.js";
import { type PerClassTask, type PerClassTaskDef, taskDef, taskFunction } from "./task.js";

export const equalErrorRateMeta: MetricMeta = {
  id: "classification/equal_error_rate",
  range: [0, 1],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/**
 * |a1 a2 - b1 b2|, exactly: in float64 while both products are exact integers (below 2^53), as
 * BigInt past that, in floating point for weighted (non-integer) counts.
 */
function gap(a1: number, a2: number, b1: number, b2: number): number | bigint {
  const a = a1 * a2;
  const b = b1 * b2;
  if (a <= Number.MAX_SAFE_INTEGER && b <= Number.MAX_SAFE_INTEGER) return Math.abs(a - b);
  if ([a1, a2, b1, b2].every(Number.isInteger)) {
    const d = BigInt(a1) * BigInt(a2) - BigInt(b1) * BigInt(b2);
    return d < 0n ? -d : d;
  }
  return Math.abs(a - b);
}

/**
 * The equal error rate of one binary problem: on the ROC curve (torchmetrics' order), the first
 * point where |FPR - FNR| is smallest, reported as (FPR + FNR) / 2. The comparison is exact:
 * |FP/N - FN/P| = |FP P - FN N| / (N P) compares the integer numerators (BigInt past 2^53), so
 * points that tie in exact arithmetic are not told apart by float64 rounding (issue 10 §3:
 * [0.13, 0.26, 0.08, 0.19, 0.34] vs [0, 0, 1, 1, 1] ties at 1/6 and gives 0.5833, as torchmetrics).
 * With a class missing, torchmetrics' zero rates are compared in floating point.
 */
function equalErrorRateOf(source: CurveSource): number {
  const { tps, fps, P, N } = rocCounts(source);
  let best = 0;
  if (P > 0 && N > 0) {
    let bestGap = gap(fps[0]!, P, P - tps[0]!, N);
    for (let i = 1; i < tps.length; i++) {
      const g = gap(fps[i]!, P, P - tps[i]!, N);
      if (g < bestGap) {
        best = i;
        bestGap = g;
      }
    }
    return (fps[best]! / N + (P - tps[best]!) / P) / 2;
  }
  const fpr = (i: number) => (N > 0 ? fps[i]! / N : 0);
  const fnr = (i: number) => 1 - (P > 0 ? tps[i]! / P : 0);
  for (let i = 1; i < tps.length; i++)
    if (Math.abs(fpr(i) - fnr(i)) < Math.abs(fpr(best) - fnr(best))) best = i;
  return (fpr(best) + fnr(best)) / 2;
}

/**
 * The equal error rate of a curve given as rates (torchmetrics' `_binary_eer_compute` on a
 * macro-averaged ROC curve): the first point where |FPR - (1 - TPR)| is smallest.
 */
function equalErrorRateOfRates(fpr: readonly number[], tpr: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < fpr.length; i++)
    if (Math.abs(fpr[i]! - (1 - tpr[i]!)) < Math.abs(fpr[best]! - (1 - tpr[best]!))) best = i;
  return (fpr[best]! + (1 - tpr[best]!)) / 2;
}

/** Multiclass equal error rate options: per class, or of the micro/macro-averaged ROC curve. */
export interface MulticlassEqualErrorRateOptions extends MulticlassCurveOptions, ClassNamesOption {
  /** Default "none" (one per class); "micro" or "macro": of the averaged ROC curve (torchmetrics). */
  average?: CurveReduction;
}

const equalErrorRateSpec: PerProblemCurveSpec<
  undefined,
  number,
  BinaryCurveOptions,
  MulticlassEqualErrorRateOptions,
  MultilabelCurveOptions
> = {
  concept: "equal_error_rate",
  name: "EqualErrorRate",
  options: [],
  parse: () => undefined,
  value: equalErrorRateOf,
  macro: (sources) => {
    const { fpr, tpr } = macroRocCurve(sources.map((s) => rocCurve(s, "torchmetrics", false)));
    return equalErrorRateOfRates(fpr, tpr);
  },
};

/**
 * Equal error rate: on the ROC curve, the point where FPR and FNR = 1 - TPR are closest (first
 * such point, compared exactly), reported as their mean. Matches torchmetrics 1.9.0 `binary_eer`.
 */
export const binaryEqualErrorRateDef = /* @__PURE__ */ perProblemBinaryDef(
  equalErrorRateSpec,
  equalErrorRateMeta,
);
/** One-shot {@link binaryEqualErrorRateDef}. */
export const binaryEqualErrorRate = /* @__PURE__ */ perProblemBinary(equalErrorRateSpec);
/** Multiclass equal error rate, one-vs-rest: one per class, or of the micro/macro-averaged ROC curve (torchmetrics 1.9.0 `multiclass_eer`). */
export const multiclassEqualErrorRateDef = /* @__PURE__ */ perProblemMulticlassDef(
  equalErrorRateSpec,
  equalErrorRateMeta,
);
/** One-shot {@link multiclassEqualErrorRateDef}. */
export const multiclassEqualErrorRate = /* @__PURE__ */ perProblemMulticlass(equalErrorRateSpec);
/** Multilabel equal error rate, one per label (torchmetrics 1.9.0 `multilabel_eer`). */
export const multilabelEqualErrorRateDef = /* @__PURE__ */ perProblemMultilabelDef(
  equalErrorRateSpec,
  equalErrorRateMeta,
);
/** One-shot {@link multilabelEqualErrorRateDef}. */
export const multilabelEqualErrorRate = /* @__PURE__ */ perProblemMultilabel(equalErrorRateSpec);

/** Task-dispatching equalErrorRate, as the torchmetrics 1.9.0 `eer` task wrapper (one per class for multiclass and multilabel). */
export const equalErrorRate = /* @__PURE__ */ taskFunction("equalErrorRate", {
  binary: binaryEqualErrorRate,
  multiclass: multiclassEqualErrorRate,
  multilabel: multilabelEqualErrorRate,
}) as PerClassTask<BinaryCurveOptions, MulticlassEqualErrorRateOptions, MultilabelCurveOptions, number>;
/** The def of {@link equalErrorRate}. */
export const equalErrorRateDef = /* @__PURE__ */ taskDef("equalErrorRate", {
  binary: binaryEqualErrorRateDef,
  multiclass: multiclassEqualErrorRateDef,
  multilabel: multilabelEqualErrorRateDef,
}) as PerClassTaskDef<BinaryCurveOptions, MulticlassEqualErrorRateOptions, MultilabelCurveOptions, number>;
