import { describeValue, fail } from "../../core/errors.js";
import type { MetricMeta } from "../../metric.js";
import { trapezoid } from "./auc.js";
import {
  type AveragedCurveSpec,
  averagedBinary,
  averagedBinaryDef,
  averagedMulticlass,
  averagedMulticlassDef,
  averagedMultilabel,
  averagedMultilabelDef,
} from "./averaged-curve.js";
import type { BinaryCurveOptions, MulticlassCurveOptions, MultilabelCurveOptions } from "./curve-defs.js";
import { interpFromLast } from "./curve-interp.js";
import { type CurveSource, rocCurve } from "./curve-state.js";
import type { ClassNamesOption } from "./stat-metric.js";
import { type AveragedTask, type AveragedTaskDef, taskDef, taskFunction } from "./task.js";

export const logAucMeta: MetricMeta = {
  id: "classification/log_auc",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** The log AUC's own options. */
export interface LogAucOptions {
  /** The false positive rates [a, b] whose log-scaled range is integrated, 0 <= a < b <= 1. Default [0.001, 0.1]. */
  fprRange?: readonly [number, number];
}
export interface BinaryLogAucOptions extends BinaryCurveOptions, LogAucOptions {}
export interface MulticlassLogAucOptions<A extends "macro" | "none" = "macro" | "none">
  extends MulticlassCurveOptions,
    LogAucOptions,
    ClassNamesOption {
  /** Default "macro" (classes whose score is NaN are left out), or "none". */
  average?: A;
}
export interface MultilabelLogAucOptions<A extends "macro" | "none" = "macro" | "none">
  extends MultilabelCurveOptions,
    LogAucOptions,
    ClassNamesOption {
  average?: A;
}

function optFprRange(fn: string, value: unknown): [number, number] {
  if (value === undefined) return [0.001, 0.1];
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === "number") &&
    0 <= value[0] &&
    value[0] < value[1] &&
    value[1] <= 1;
  if (!ok)
    fail(
      "invalid_option",
      `${fn}: option \`fprRange\` must be [a, b] with 0 <= a < b <= 1, got ${describeValue(value)}`,
    );
  return [value[0] as number, value[1] as number];
}

/**
 * The log AUC of one binary problem, as torchmetrics 1.9.0 `_binary_logauc_compute`: the ROC
 * curve gains the points at FPR = a and b (interpolated TPR; the bounds as torchmetrics' float32
 * tensor holds them), FPR goes to log10, and the trapezoidal area between the last points at
 * log10 a and log10 b is divided by log10 b - log10 a. Fewer than 2 ROC points give 0. Where a
 * bound falls right after a vertical step of the ROC curve, its TPR is interpolated from the top
 * of the step (numpy's `interp`); torchmetrics may start from another point of the step.
 */
function logAucOf(source: CurveSource, range: readonly [number, number]): number {
  const { fpr, tpr } = rocCurve(source, "torchmetrics", false);
  if (fpr.length < 2) return 0;
  const bounds = [Math.fround(range[0]), Math.fround(range[1])] as const;
  const ys = [...tpr, ...bounds.map((x) => interpFromLast(x, fpr, tpr))].sort((a, b) => a - b);
  const logX = [...fpr, ...bounds].sort((a, b) => a - b).map(Math.log10);
  const [low, high] = bounds.map(Math.log10) as [number, number];
  const lastIndex = (v: number) => logX.lastIndexOf(v);
  const from = lastIndex(low);
  const to = lastIndex(high);
  return trapezoid(logX.slice(from, to + 1), ys.slice(from, to + 1)) / (high - low);
}

/** torchmetrics' `logauc` wrapper averages "none" (one per class), its explicit functions "macro". */
const NO_AVERAGE = { multiclass: { average: "none" }, multilabel: { average: "none" } };

const logAucSpec: AveragedCurveSpec<
  [number, number],
  BinaryLogAucOptions,
  MulticlassLogAucOptions,
  MultilabelLogAucOptions
> = {
  concept: "log_auc",
  name: "LogAuc",
  options: ["fprRange"],
  parse: (o, fn) => optFprRange(fn, o.fprRange),
  averages: ["macro", "none"],
  value: (source, range) => logAucOf(source, range),
};

/**
 * Binary log AUC: the area under the ROC curve with the false positive rate on a log10 scale
 * between `fprRange` (default [0.001, 0.1]), normalised to [0, 1]; rewards ranking that holds at
 * low false positive rates. Matches torchmetrics 1.9.0 `binary_logauc` (exact or binned).
 */
export const binaryLogAucDef = /* @__PURE__ */ averagedBinaryDef(logAucSpec, logAucMeta);
/** One-shot {@link binaryLogAucDef}. */
export const binaryLogAuc = /* @__PURE__ */ averagedBinary(logAucSpec);
/** Multiclass log AUC, one-vs-rest, macro-averaged (NaN classes left out) or per class: torchmetrics 1.9.0 `multiclass_logauc`. */
export const multiclassLogAucDef = /* @__PURE__ */ averagedMulticlassDef(logAucSpec, logAucMeta);
/** One-shot {@link multiclassLogAucDef}. */
export const multiclassLogAuc = /* @__PURE__ */ averagedMulticlass(logAucSpec);
/** Multilabel log AUC per label, macro-averaged or per label: torchmetrics 1.9.0 `multilabel_logauc`. */
export const multilabelLogAucDef = /* @__PURE__ */ averagedMultilabelDef(logAucSpec, logAucMeta);
/** One-shot {@link multilabelLogAucDef}. */
export const multilabelLogAuc = /* @__PURE__ */ averagedMultilabel(logAucSpec);
/** Task-dispatching log AUC, as the torchmetrics 1.9.0 `logauc` task wrapper (per class by default: average "none"). */
export const logAuc = /* @__PURE__ */ taskFunction(
  "logAuc",
  { binary: binaryLogAuc, multiclass: multiclassLogAuc, multilabel: multilabelLogAuc },
  NO_AVERAGE,
) as AveragedTask<BinaryLogAucOptions, MulticlassLogAucOptions, MultilabelLogAucOptions, "none">;
/** The def of {@link logAuc}. */
export const logAucDef = /* @__PURE__ */ taskDef(
  "logAuc",
  { binary: binaryLogAucDef, multiclass: multiclassLogAucDef, multilabel: multilabelLogAucDef },
  NO_AVERAGE,
) as AveragedTaskDef<BinaryLogAucOptions, MulticlassLogAucOptions, MultilabelLogAucOptions, "none">;
