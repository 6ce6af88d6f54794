import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import * as C from "../../metrics/classification/index.js";
import type { Adapter } from "../types.js";

/**
 * Conformance adapters for the `classification` family: golden cases use torchmetrics /
 * scikit-learn option names (snake_case); they are mapped onto plumbline's camelCase options.
 * `ref` tells the sklearn variants (NaN for one class, +Infinity first ROC threshold, ...) apart.
 */

type In = Record<string, unknown>;
type Opts = Record<string, unknown>;

const RENAME: Record<string, string> = {
  num_classes: "numClasses",
  num_labels: "numLabels",
  ignore_index: "ignoreIndex",
  top_k: "topK",
  max_fpr: "maxFpr",
  n_bins: "nBins",
  drop_intermediate: "dropIntermediate",
  zero_division: "zeroDivision",
  multi_class: "multiClass",
};

/** snake_case reference options → plumbline options (null → left out; `note` dropped). */
function opts(options: Opts, extra: Opts = {}): Opts {
  const out: Opts = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === null || v === undefined || k === "note") continue;
    out[RENAME[k] ?? k] = v;
  }
  return { ...out, ...extra };
}

/**
 * torchmetrics ran on float32 tensors: some datasets store short decimals (0.7) whose float32
 * value (0.699999988...) is what torchmetrics binned and thresholded, so scores of torchmetrics
 * cases are rounded to float32 first (a no-op for datasets stored as float32 values).
 */
function asFloat32<T>(value: T, ref: string): T {
  if (!ref.includes("torchmetrics")) return value;
  if (Array.isArray(value) && Array.isArray(value[0]))
    return (value as number[][]).map((row) => row.map(Math.fround)) as T;
  if (Array.isArray(value)) return (value as number[]).map(Math.fround) as T;
  return value;
}

/** scikit-learn takes labels: its binary cases were thresholded with `preds >= threshold` by the case generator. */
function sklearnLabels(preds: NumericArray, threshold: number): number[] {
  return Array.from(preds as ArrayLike<number>, (p) => (p >= threshold ? 1 : 0));
}

const vec = (inputs: In, key: string) => inputs[key] as NumericArray;
const mat = (inputs: In, key: string) => inputs[key] as MatrixInput;
const cols = (inputs: In, key = "preds") => ((inputs[key] as number[][])[0] ?? []).length;

/**
 * An adapter builder for one input layout: `read` turns a case's inputs and options into the
 * (preds, target, options) arguments that `run` passes to the library.
 */
function adapterFor<P, T>(read: (inputs: In, options: Opts, ref: string) => [P, T, Opts]) {
  return (metric: string, run: (p: P, t: T, o: Opts) => unknown, ref?: string): Adapter => ({
    metric,
    ...(ref ? { ref } : {}),
    run: (inputs, options, testCase) => run(...read(inputs, options, testCase.ref)),
  });
}
const binary = adapterFor<NumericArray, NumericArray>((inputs, options, ref) => [
  asFloat32(vec(inputs, "preds"), ref),
  vec(inputs, "target"),
  opts(options),
]);
const multiclass = adapterFor<MatrixInput, NumericArray>((inputs, options, ref) => [
  asFloat32(mat(inputs, "preds"), ref),
  vec(inputs, "target"),
  opts(options, options.num_classes ? {} : { numClasses: cols(inputs) }),
]);
const multilabel = adapterFor<MatrixInput, MatrixInput>((inputs, options, ref) => [
  asFloat32(mat(inputs, "preds"), ref),
  mat(inputs, "target"),
  opts(options, options.num_labels ? {} : { numLabels: cols(inputs) }),
]);

// biome-ignore lint/suspicious/noExplicitAny: adapters pass reference options through untyped.
type AnyOpts = any;

export const adapters: readonly Adapter[] = [
  binary("binary_accuracy", (p, t, o) => C.binaryAccuracy(p, t, o)),
  binary("binary_precision", (p, t, o) => C.binaryPrecision(p, t, o)),
  binary("binary_recall", (p, t, o) => C.binaryRecall(p, t, o)),
  binary("binary_f1", (p, t, o) => C.binaryF1(p, t, o)),
  binary("binary_fbeta", (p, t, o) => C.binaryFBeta(p, t, o as AnyOpts)),
  binary("binary_specificity", (p, t, o) => C.binarySpecificity(p, t, o)),
  binary("binary_mcc", (p, t, o) => C.binaryMatthewsCorrcoef(p, t, o)),
  binary("binary_cohen_kappa", (p, t, o) => C.binaryCohenKappa(p, t, o)),
  binary("binary_jaccard", (p, t, o) => C.binaryJaccardIndex(p, t, o)),
  binary("binary_balanced_accuracy", (p, t, o) =>
    C.binaryBalancedAccuracy(sklearnLabels(p, (o.threshold as number) ?? 0.5), t, { ...o, threshold: 0.5 }),
  ),
  binary("binary_confusion_matrix", (p, t, o) => C.binaryConfusionMatrix(p, t, o)),
  binary("binary_auroc", (p, t, o) => C.binaryAuroc(p, t, { ...o, convention: "sklearn" }), "sklearn"),
  binary("binary_auroc", (p, t, o) => C.binaryAuroc(p, t, o)),
  binary("binary_average_precision", (p, t, o) => C.binaryAveragePrecision(p, t, o)),
  binary("binary_roc_curve", (p, t, o) => C.binaryRocCurve(p, t, { ...o, convention: "sklearn" }), "sklearn"),
  binary("binary_roc_curve", (p, t, o) => C.binaryRocCurve(p, t, o)),
  binary("binary_pr_curve", (p, t, o) => C.binaryPrecisionRecallCurve(p, t, o)),
  binary("binary_calibration_error", (p, t, o) => C.binaryCalibrationError(p, t, o)),
  binary("binary_log_loss", (p, t, o) => C.binaryLogLoss(p, t, o)),
  binary("binary_brier", (p, t, o) => C.binaryBrierScore(p, t, o)),
  binary("binary_hinge", (p, t, o) => C.binaryHingeLoss(p, t, o)),

  multiclass("multiclass_accuracy", (p, t, o) => C.multiclassAccuracy(p, t, o as AnyOpts)),
  multiclass("multiclass_precision", (p, t, o) => C.multiclassPrecision(p, t, o as AnyOpts)),
  multiclass("multiclass_recall", (p, t, o) => C.multiclassRecall(p, t, o as AnyOpts)),
  multiclass("multiclass_f1", (p, t, o) => C.multiclassF1(p, t, o as AnyOpts)),
  multiclass("multiclass_mcc", (p, t, o) => C.multiclassMatthewsCorrcoef(p, t, o as AnyOpts)),
  multiclass("multiclass_cohen_kappa", (p, t, o) => C.multiclassCohenKappa(p, t, o as AnyOpts)),
  multiclass("multiclass_jaccard", (p, t, o) => C.multiclassJaccardIndex(p, t, o as AnyOpts)),
  multiclass("multiclass_confusion_matrix", (p, t, o) => C.multiclassConfusionMatrix(p, t, o as AnyOpts)),
  multiclass(
    "multiclass_auroc",
    (p, t, o) => C.multiclassAuroc(p, t, { ...(o as AnyOpts), convention: "sklearn" }),
    "sklearn",
  ),
  multiclass("multiclass_auroc", (p, t, o) => C.multiclassAuroc(p, t, o as AnyOpts)),
  multiclass("multiclass_average_precision", (p, t, o) => C.multiclassAveragePrecision(p, t, o as AnyOpts)),
  multiclass("multiclass_calibration_error", (p, t, o) => C.multiclassCalibrationError(p, t, o as AnyOpts)),
  multiclass("multiclass_top_k_accuracy", (p, t, o) =>
    C.multiclassAccuracy(p, t, { numClasses: o.numClasses as number, topK: o.k as number, average: "micro" }),
  ),
  multiclass("multiclass_log_loss", (p, t, o) => C.multiclassLogLoss(p, t, o as AnyOpts)),
  multiclass("multiclass_balanced_accuracy", (p, t, o) => C.multiclassBalancedAccuracy(p, t, o as AnyOpts)),
  multiclass("multiclass_hinge", (p, t, o) => C.multiclassHingeLoss(p, t, o as AnyOpts)),

  multilabel("multilabel_f1", (p, t, o) => C.multilabelF1(p, t, o as AnyOpts)),
  multilabel("multilabel_accuracy", (p, t, o) => C.multilabelAccuracy(p, t, o as AnyOpts)),
  multilabel("multilabel_exact_match", (p, t, o) => C.multilabelExactMatch(p, t, o as AnyOpts)),
  multilabel("multilabel_hamming_distance", (p, t, o) => C.multilabelHammingDistance(p, t, o as AnyOpts)),
  multilabel("multilabel_jaccard", (p, t, o) => C.multilabelJaccardIndex(p, t, o as AnyOpts)),
  multilabel("multilabel_auroc", (p, t, o) => C.multilabelAuroc(p, t, o as AnyOpts)),
  multilabel("multilabel_average_precision", (p, t, o) => C.multilabelAveragePrecision(p, t, o as AnyOpts)),
  multilabel("multilabel_ranking_average_precision", (p, t, o) =>
    C.multilabelRankingAveragePrecision(p, t, o as AnyOpts),
  ),
  multilabel("multilabel_ranking_loss", (p, t, o) =>
    C.multilabelRankingLoss(p, t, { ...(o as AnyOpts), convention: "torchmetrics" }),
  ),
  multilabel("multilabel_coverage_error", (p, t, o) => C.multilabelCoverageError(p, t, o as AnyOpts)),
];
