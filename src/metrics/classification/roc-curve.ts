import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import type { CurveConvention } from "./auroc.js";
import {
  type BinaryCurveOptions,
  binaryCurveDef,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  multiclassCurveDef,
  multilabelCurveDef,
} from "./curve-defs.js";
import {
  type BinaryCurveState,
  type MulticlassCurveState,
  type MultilabelCurveState,
  multiclassSources,
  multilabelSources,
  type RocCurve,
  rocCurve,
} from "./curve-state.js";
import { optBoolean, optOneOf } from "./input.js";
import { classificationEntry } from "./meta.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-scores.js";

export type { RocCurve };

/** Catalog entry of the ROC curve. */
export const rocCurveMeta = classificationEntry({
  id: "classification/roc_curve",
  title: "Receiver operating characteristic (ROC) curve",
  formula: "(FPR(t), TPR(t)) = \\left(\\frac{FP(t)}{N}, \\frac{TP(t)}{P}\\right)",
  range: [0, 1],
  direction: "none",
  exports: ["binaryRocCurve", "multiclassRocCurve", "multilabelRocCurve"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_roc; scikit-learn 1.9.1 roc_curve (drop_intermediate)",
});

export interface RocCurveOptions extends BinaryCurveOptions {
  /**
   * "torchmetrics" (default): first point (0, 0) at threshold 1, every distinct score kept.
   * "sklearn": first threshold +Infinity, collinear points dropped (see `dropIntermediate`), NaN rates for a missing class.
   */
  convention?: CurveConvention;
  /** Drop points on straight segments (sklearn's default true; ignored in binned mode). */
  dropIntermediate?: boolean;
}

function parse(options: RocCurveOptions, fn: string): { convention: CurveConvention; drop: boolean } {
  const convention = optOneOf(
    options.convention,
    ["torchmetrics", "sklearn"],
    "torchmetrics",
    fn,
    "convention",
  );
  const drop = optBoolean(options.dropIntermediate, convention === "sklearn", fn, "dropIntermediate");
  return { convention, drop };
}

/**
 * Binary ROC curve `{ fpr, tpr, thresholds }` with thresholds decreasing: every distinct score
 * (exact) or the given thresholds (binned). Matches torchmetrics 1.9.0 `binary_roc` and, with
 * `convention: "sklearn"`, sklearn 1.9.1 `roc_curve`. O(n) after sorting.
 */
export function binaryRocCurveDef(
  options: RocCurveOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, RocCurve> {
  const { convention, drop } = parse(options, "binaryRocCurve");
  return binaryCurveDef(
    {
      id: "classification/binary_roc_curve",
      meta: rocCurveMeta,
      fn: "binaryRocCurve",
      compute: (s) => rocCurve(s, convention, drop),
    },
    { ...options },
  );
}
/** One-shot {@link binaryRocCurveDef}. */
export function binaryRocCurve(
  preds: NumericArray,
  target: NumericArray,
  options: RocCurveOptions = {},
): RocCurve {
  return runOnce(binaryRocCurveDef(options), preds, target);
}

/** Multiclass ROC curves, one-vs-rest, one per class (torchmetrics 1.9.0 `multiclass_roc`, average None). */
export function multiclassRocCurveDef(
  options: MulticlassCurveOptions & Omit<RocCurveOptions, "thresholds">,
): MetricDef<MulticlassCurveState, MulticlassArgs, RocCurve[]> {
  const { convention, drop } = parse(options, "multiclassRocCurve");
  return multiclassCurveDef(
    {
      id: "classification/multiclass_roc_curve",
      meta: rocCurveMeta,
      fn: "multiclassRocCurve",
      compute: ({ state, thresholds, classes }) =>
        multiclassSources(state, thresholds, classes).map((s) => rocCurve(s, convention, drop)),
    },
    { ...options },
  );
}
/** One-shot {@link multiclassRocCurveDef}. */
export function multiclassRocCurve(
  preds: NumericArray | MatrixInput,
  target: NumericArray,
  options: MulticlassCurveOptions & Omit<RocCurveOptions, "thresholds">,
): RocCurve[] {
  return runOnce(multiclassRocCurveDef(options), preds, target);
}

/** Multilabel ROC curves, one per label (torchmetrics 1.9.0 `multilabel_roc`). */
export function multilabelRocCurveDef(
  options: MultilabelCurveOptions & Omit<RocCurveOptions, "thresholds">,
): MetricDef<MultilabelCurveState, MultilabelArgs, RocCurve[]> {
  const { convention, drop } = parse(options, "multilabelRocCurve");
  return multilabelCurveDef(
    {
      id: "classification/multilabel_roc_curve",
      meta: rocCurveMeta,
      fn: "multilabelRocCurve",
      compute: ({ state, thresholds, classes }) =>
        multilabelSources(state, thresholds, classes).map((s) => rocCurve(s, convention, drop)),
    },
    { ...options },
  );
}
/** One-shot {@link multilabelRocCurveDef}. */
export function multilabelRocCurve(
  preds: MatrixInput,
  target: MatrixInput,
  options: MultilabelCurveOptions & Omit<RocCurveOptions, "thresholds">,
): RocCurve[] {
  return runOnce(multilabelRocCurveDef(options), preds, target);
}
