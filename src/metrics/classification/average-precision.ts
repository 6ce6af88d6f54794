import { optionNames, readOptions } from "../../core/options.js";
import type { MetricDef } from "../../metric.js";
import {
  averagedCurve,
  BINARY_CURVE_OPTIONS,
  type BinaryCurveOptions,
  binaryCurveDef,
  CURVE_AVERAGES,
  type CurveAverage,
  MULTICLASS_CURVE_OPTIONS,
  MULTILABEL_CURVE_OPTIONS,
  type MulticlassCurveOptions,
  type MultilabelCurveOptions,
  multiclassCurveDef,
  multilabelCurveDef,
  readCurveClasses,
  readCurveKind,
} from "./curve-defs.js";
import {
  averagePrecisionOf,
  type BinaryCurveState,
  type MulticlassCurveState,
  type MultilabelCurveState,
} from "./curve-state.js";
import { classificationEntry } from "./meta.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runOneShot, withInferredLabels } from "./one-shot.js";
import { optOneOf } from "./options.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { type Averaged, type ClassNamesOption, named, optClassNames } from "./stat-metric.js";
import { type AveragedTask, type AveragedTaskDef, taskDispatch } from "./task.js";

/** Catalog entry of average precision. */
export const averagePrecisionMeta = classificationEntry({
  id: "classification/average_precision",
  title: "Average precision (area under the precision-recall curve, step-wise)",
  formula: "AP=\\sum_k (R_k-R_{k-1})P_k",
  range: [0, 1],
  direction: "higher",
  exports: [
    "binaryAveragePrecision",
    "multiclassAveragePrecision",
    "multilabelAveragePrecision",
    "averagePrecision",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_average_precision; scikit-learn 1.9.1 average_precision_score",
  robustness: [
    "focuses on the positive class: informative under heavy imbalance, where AUROC looks optimistic",
  ],
  traits: ["ranking", "imbalanced", "probabilistic"],
});

type Weight = NdInput | undefined;

export type AveragePrecisionAverage = CurveAverage;

/**
 * Binary average precision, sum_k (R_k - R_{k-1}) P_k over the distinct score thresholds
 * (no interpolation; ties share a threshold). Exact by default, binned with `thresholds`.
 * Matches torchmetrics 1.9.0 `binary_average_precision` and sklearn 1.9.1
 * `average_precision_score`; with no positive sample the result is 0, as both. O(n) after a
 * radix sort of float32 scores (O(n log n) otherwise).
 */
export function binaryAveragePrecisionDef(
  options: BinaryCurveOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, number> {
  const fn = "binaryAveragePrecision";
  const o = readOptions(fn, options, BINARY_CURVE_OPTIONS);
  return binaryCurveDef(
    {
      id: "classification/binary_average_precision",
      meta: averagePrecisionMeta,
      fn,
      compute: (source) => averagePrecisionOf(source, 0),
    },
    o,
    readCurveKind(fn, o, "auto"),
  );
}
/** One-shot {@link binaryAveragePrecisionDef}: `(preds, target[, sampleWeight][, options])`. */
export function binaryAveragePrecision(
  preds: LabelInput,
  target: LabelInput,
  options?: BinaryCurveOptions,
): number;
export function binaryAveragePrecision(
  preds: LabelInput,
  target: LabelInput,
  sampleWeight: Weight,
  options?: BinaryCurveOptions,
): number;
export function binaryAveragePrecision(
  preds: LabelInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runOneShot(binaryAveragePrecisionDef, preds, target, third, fourth);
}

export interface MulticlassAveragePrecisionOptions<
  A extends AveragePrecisionAverage = AveragePrecisionAverage,
> extends MulticlassCurveOptions,
    ClassNamesOption {
  /** Default "macro" (classes without samples are NaN and left out); "weighted" by class frequency. */
  average?: A;
}
const MULTICLASS_AP_OPTIONS = optionNames<MulticlassAveragePrecisionOptions>()(
  ...MULTICLASS_CURVE_OPTIONS,
  "average",
  "classNames",
);

/** Multiclass average precision, one-vs-rest per class, averaged as torchmetrics 1.9.0 `multiclass_average_precision`. */
export function multiclassAveragePrecisionDef<A extends AveragePrecisionAverage = "macro", N = undefined>(
  options: MulticlassAveragePrecisionOptions<A> & { classNames?: N },
): MetricDef<MulticlassCurveState, MulticlassArgs, Averaged<A, N>> {
  const fn = "multiclassAveragePrecision";
  const o = readOptions<MulticlassAveragePrecisionOptions>(fn, options, MULTICLASS_AP_OPTIONS);
  const average = optOneOf(fn, "average", o.average, CURVE_AVERAGES, "macro");
  const classNames = optClassNames(fn, o.classNames, readCurveClasses(fn, o, undefined).classes);
  return multiclassCurveDef(
    {
      id: "classification/multiclass_average_precision",
      meta: averagePrecisionMeta,
      fn,
      compute: (context) =>
        named(
          averagedCurve(context, "multiclass", average, (s) => averagePrecisionOf(s, Number.NaN), {
            microValue: (s) => averagePrecisionOf(s, 0),
          }),
          classNames,
        ) as Averaged<A, N>,
    },
    o,
    readCurveKind(fn, o, "auto"),
  );
}
/** One-shot {@link multiclassAveragePrecisionDef}: `(preds, target[, sampleWeight], options)`. */
export function multiclassAveragePrecision<A extends AveragePrecisionAverage = "macro", N = undefined>(
  preds: NdInput,
  target: LabelInput,
  options: MulticlassAveragePrecisionOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multiclassAveragePrecision<A extends AveragePrecisionAverage = "macro", N = undefined>(
  preds: NdInput,
  target: LabelInput,
  sampleWeight: Weight,
  options: MulticlassAveragePrecisionOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multiclassAveragePrecision(
  preds: NdInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): unknown {
  return runOneShot(
    (options) =>
      multiclassAveragePrecisionDef(
        withInferredLabels(options, preds, target, "multiclassAveragePrecision") as never,
      ),
    preds,
    target,
    third,
    fourth,
  );
}

export interface MultilabelAveragePrecisionOptions<
  A extends AveragePrecisionAverage = AveragePrecisionAverage,
> extends MultilabelCurveOptions,
    ClassNamesOption {
  /** Default "macro" (a label without positives scores 0, as torchmetrics). */
  average?: A;
}
const MULTILABEL_AP_OPTIONS = optionNames<MultilabelAveragePrecisionOptions>()(
  ...MULTILABEL_CURVE_OPTIONS,
  "average",
  "classNames",
);

/** Multilabel average precision per label, averaged as torchmetrics 1.9.0 `multilabel_average_precision` (sklearn 1.9.1 on indicator targets). */
export function multilabelAveragePrecisionDef<A extends AveragePrecisionAverage = "macro", N = undefined>(
  options: MultilabelAveragePrecisionOptions<A> & { classNames?: N },
): MetricDef<MultilabelCurveState, MultilabelArgs, Averaged<A, N>> {
  const fn = "multilabelAveragePrecision";
  const o = readOptions<MultilabelAveragePrecisionOptions>(fn, options, MULTILABEL_AP_OPTIONS);
  const average = optOneOf(fn, "average", o.average, CURVE_AVERAGES, "macro");
  const classNames = optClassNames(fn, o.classNames, o.numLabels as number);
  return multilabelCurveDef(
    {
      id: "classification/multilabel_average_precision",
      meta: averagePrecisionMeta,
      fn,
      compute: (context) =>
        named(
          averagedCurve(context, "multilabel", average, (s) => averagePrecisionOf(s, 0)),
          classNames,
        ) as Averaged<A, N>,
    },
    o,
    readCurveKind(fn, o, "auto"),
  );
}
/** One-shot {@link multilabelAveragePrecisionDef}: `(preds, target[, sampleWeight], options)`. */
export function multilabelAveragePrecision<A extends AveragePrecisionAverage = "macro", N = undefined>(
  preds: NdInput,
  target: NdInput,
  options: MultilabelAveragePrecisionOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multilabelAveragePrecision<A extends AveragePrecisionAverage = "macro", N = undefined>(
  preds: NdInput,
  target: NdInput,
  sampleWeight: Weight,
  options: MultilabelAveragePrecisionOptions<A> & { classNames?: N },
): Averaged<A, N>;
export function multilabelAveragePrecision(
  preds: NdInput,
  target: NdInput,
  third?: unknown,
  fourth?: unknown,
): unknown {
  return runOneShot(multilabelAveragePrecisionDef, preds, target, third, fourth);
}

const dispatch = taskDispatch("averagePrecision", {
  binary: { def: binaryAveragePrecisionDef, fn: binaryAveragePrecision },
  multiclass: { def: multiclassAveragePrecisionDef, fn: multiclassAveragePrecision },
  multilabel: { def: multilabelAveragePrecisionDef, fn: multilabelAveragePrecision },
});
/** Task-dispatching average precision, as the torchmetrics 1.9.0 `average_precision` task wrapper (average "macro"). */
export const averagePrecision = dispatch.fn as AveragedTask<
  BinaryCurveOptions,
  MulticlassAveragePrecisionOptions,
  MultilabelAveragePrecisionOptions
>;
/** The def of {@link averagePrecision}. */
export const averagePrecisionDef = dispatch.def as AveragedTaskDef<
  BinaryCurveOptions,
  MulticlassAveragePrecisionOptions,
  MultilabelAveragePrecisionOptions
>;
