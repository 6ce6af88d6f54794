import { optionNames } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { macroRocCurve } from "./curve-average.js";
import {
  type BinaryCurveOptions,
  type CurveConvention,
  conventionKind,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
} from "./curve-defs.js";
import { type RocCurve, rocCurve as rocCurveOf } from "./curve-state.js";
import { optBoolean, optOneOf } from "./options.js";
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

export type { RocCurve };

export const rocCurveMeta: MetricMeta = {
  id: "classification/roc_curve",
  range: [0, 1],
  direction: "none",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

export interface RocCurveOptions extends BinaryCurveOptions {
  /**
   * "torchmetrics" (default): first point (0, 0) at threshold 1, every distinct score kept.
   * "sklearn": first threshold +Infinity, collinear points dropped (see `dropIntermediate`), NaN rates for a missing class.
   */
  convention?: CurveConvention;
  /** Drop points on straight segments (sklearn's default true; ignored in binned mode). */
  dropIntermediate?: boolean;
}
/** Multiclass ROC options (the per-class curves, or one averaged curve). */
export interface MulticlassRocCurveOptions
  extends MulticlassCurveOptions,
    Omit<RocCurveOptions, keyof BinaryCurveOptions>,
    ClassNamesOption {
  /** Default "none" (one curve per class); "micro" or "macro" average them into one curve. */
  average?: CurveReduction;
}
/** The ROC curve's own options, parsed. */
type RocParsed = { convention: CurveConvention; drop: boolean };

/** Multilabel ROC options (the per-label curves). */
export interface MultilabelRocCurveOptions
  extends MultilabelCurveOptions,
    Omit<RocCurveOptions, keyof BinaryCurveOptions> {}

function parse(options: Record<string, unknown>, fn: string): RocParsed {
  const convention = optOneOf(
    fn,
    "convention",
    options.convention,
    ["torchmetrics", "sklearn"],
    "torchmetrics",
  );
  const drop = optBoolean(fn, "dropIntermediate", options.dropIntermediate, convention === "sklearn");
  return { convention, drop };
}

/** The ROC curve's own options (besides thresholds, ignoreIndex and the class count). */
type RocCurveOwnOptions = Omit<RocCurveOptions, keyof BinaryCurveOptions>;

const rocCurveSpec: PerProblemCurveSpec<
  RocParsed,
  RocCurve,
  RocCurveOptions,
  MulticlassRocCurveOptions,
  MultilabelRocCurveOptions
> = {
  concept: "roc_curve",
  name: "RocCurve",
  options: /* @__PURE__ */ optionNames<RocCurveOwnOptions>()("convention", "dropIntermediate"),
  parse,
  defaultKind: ({ convention }) => conventionKind(convention),
  macro: (sources, { convention, drop }) =>
    macroRocCurve(sources.map((s) => rocCurveOf(s, convention, drop))),
  value: (source, { convention, drop }) => rocCurveOf(source, convention, drop),
};

/**
 * Binary ROC curve `{ fpr, tpr, thresholds }` with thresholds decreasing: every distinct score
 * (exact) or the given thresholds (binned). Matches torchmetrics 1.9.0 `binary_roc` and, with
 * `convention: "sklearn"`, sklearn 1.9.1 `roc_curve`. O(n) after sorting.
 */
export const binaryRocCurveDef = /* @__PURE__ */ perProblemBinaryDef(rocCurveSpec, rocCurveMeta);
/** One-shot {@link binaryRocCurveDef}. */
export const binaryRocCurve = /* @__PURE__ */ perProblemBinary(rocCurveSpec);

/**
 * Multiclass ROC curves, one-vs-rest: one per class (default), or one averaged curve with
 * `average: "micro"` (the pooled one-hot problem) or `"macro"` (the classes' TPR interpolated at
 * the union of their FPRs), as torchmetrics 1.9.0 `multiclass_roc`.
 */
export const multiclassRocCurveDef = /* @__PURE__ */ perProblemMulticlassDef(rocCurveSpec, rocCurveMeta);
/** One-shot {@link multiclassRocCurveDef}. */
export const multiclassRocCurve = /* @__PURE__ */ perProblemMulticlass(rocCurveSpec);

/** Multilabel ROC curves, one per label (torchmetrics 1.9.0 `multilabel_roc`). */
export const multilabelRocCurveDef = /* @__PURE__ */ perProblemMultilabelDef(rocCurveSpec, rocCurveMeta);
/** One-shot {@link multilabelRocCurveDef}. */
export const multilabelRocCurve = /* @__PURE__ */ perProblemMultilabel(rocCurveSpec);

/** Task-dispatching rocCurve, as the torchmetrics 1.9.0 `roc` task wrapper (one per class for multiclass and multilabel). */
export const rocCurve = /* @__PURE__ */ taskFunction("rocCurve", {
  binary: binaryRocCurve,
  multiclass: multiclassRocCurve,
  multilabel: multilabelRocCurve,
}) as PerClassTask<RocCurveOptions, MulticlassRocCurveOptions, MultilabelRocCurveOptions, RocCurve>;
/** The def of {@link rocCurve}. */
export const rocCurveDef = /* @__PURE__ */ taskDef("rocCurve", {
  binary: binaryRocCurveDef,
  multiclass: multiclassRocCurveDef,
  multilabel: multilabelRocCurveDef,
}) as PerClassTaskDef<RocCurveOptions, MulticlassRocCurveOptions, MultilabelRocCurveOptions, RocCurve>;
