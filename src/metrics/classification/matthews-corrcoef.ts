import { readOptions } from "../../core/options.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import type { MultilabelCounts } from "./confusion-kernel.js";
import type { NdInput } from "./ndarray.js";
import { oneShotArgs } from "./one-shot.js";
import {
  type BinaryStatOptions,
  MULTILABEL_STAT_OPTIONS,
  type MulticlassStatOptions,
  type MultilabelArgs,
  type MultilabelCountsState,
  type MultilabelStatOptions,
  multilabelStatDef,
  multilabelStatSteps,
} from "./stat-defs.js";
import {
  binaryConfusionMetric,
  binaryConfusionMetricDef,
  type ConfusionMetricSpec,
  multiclassConfusionMetric,
  multiclassConfusionMetricDef,
} from "./stat-metric.js";
import { runSteps } from "./steps.js";
import { type PlainTask, type PlainTaskDef, taskDef, taskFunction } from "./task.js";

export const matthewsCorrcoefMeta: MetricMeta = {
  id: "classification/matthews_corrcoef",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

const EPS32 = 1.1920928955078125e-7;

/**
 * MCC of a C x C confusion matrix (Gorodkin's R_K). For 2 x 2 matrices it reproduces
 * torchmetrics 1.9.0's edge cases: all right → 1, all wrong → -1, and where the denominator is
 * zero a float32-eps smoothed value (so an all-negative target with some false positives gives
 * torchmetrics' value, e.g. 0.577 rather than sklearn's 0). Other zero denominators give 0.
 */
export function mccFromConfusion(m: ArrayLike<number>, C: number, binaryConventions = C === 2): number {
  if (binaryConventions) {
    const tn = m[0]!;
    const fp = m[1]!;
    const fn = m[2]!;
    const tp = m[3]!;
    if (tp + tn !== 0 && fp + fn === 0) return 1;
    if (tp + tn === 0 && fp + fn !== 0) return -1;
  }
  let s = 0;
  let c = 0;
  let tkpk = 0;
  let pk2 = 0;
  let tk2 = 0;
  const tk = new Float64Array(C);
  const pk = new Float64Array(C);
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      const v = m[i * C + j]!;
      tk[i] += v;
      pk[j] += v;
      s += v;
    }
    c += m[i * C + i]!;
  }
  for (let k = 0; k < C; k++) {
    tkpk += tk[k]! * pk[k]!;
    pk2 += pk[k]! * pk[k]!;
    tk2 += tk[k]! * tk[k]!;
  }
  let numerator = c * s - tkpk;
  let denom = (s * s - pk2) * (s * s - tk2);
  if (denom === 0 && binaryConventions) {
    const tn = m[0]!;
    const fp = m[1]!;
    const fn = m[2]!;
    const tp = m[3]!;
    const r = Math.sqrt(EPS32);
    if (fn === 0 && tn === 0) numerator = r * (tp - fp);
    else if (fp === 0 && tn === 0) numerator = r * (tp - fn);
    else if (tp === 0 && fn === 0) numerator = r * (tn - fp);
    else if (tp === 0 && fp === 0) numerator = r * (tn - fn);
    else if (tp === 0) numerator = tn - fp * fn;
    else if (tn === 0) numerator = tp - fp * fn;
    else if (fp === 0 || fn === 0) numerator = tp * tn;
    else return 0;
    denom = (tp + fp + EPS32) * (tp + fn + EPS32) * (tn + fp + EPS32) * (tn + fn + EPS32);
  } else if (denom === 0) {
    return 0;
  }
  return numerator / Math.sqrt(denom);
}

const matthewsCorrcoefSpec: ConfusionMetricSpec<
  undefined,
  number,
  BinaryStatOptions,
  Omit<MulticlassStatOptions, "topK">
> = {
  concept: "matthews_corrcoef",
  name: "MatthewsCorrcoef",
  options: [],
  parse: () => undefined,
  // torchmetrics' binary conventions for the binary metric only: a multiclass MCC is 0 wherever
  // it is undefined, whatever the class count (sklearn; torchmetrics gives 1 for two classes).
  reduce: (m, C, _parsed, variant) => mccFromConfusion(m, C, variant === "binary"),
};

/**
 * Binary Matthews correlation coefficient, (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)).
 * Matches torchmetrics 1.9.0 `binary_matthews_corrcoef` including its zero-denominator
 * conventions (see {@link mccFromConfusion}); sklearn 1.9.1 returns 0 there. O(n).
 */
export const binaryMatthewsCorrcoefDef = /* @__PURE__ */ binaryConfusionMetricDef(
  matthewsCorrcoefSpec,
  matthewsCorrcoefMeta,
);
/** One-shot {@link binaryMatthewsCorrcoefDef}. */
export const binaryMatthewsCorrcoef = /* @__PURE__ */ binaryConfusionMetric(matthewsCorrcoefSpec);

/**
 * Multiclass MCC (Gorodkin's R_K) from the C x C confusion matrix, as sklearn 1.2 and torchmetrics
 * 1.9.0; 0 wherever it is undefined, for any class count (sklearn: `([0,0,0,0], [0,0,0,0])` gives
 * 0 with 2 classes as with 3; torchmetrics applies its binary conventions to 2 classes and gives 1).
 */
export const multiclassMatthewsCorrcoefDef = /* @__PURE__ */ multiclassConfusionMetricDef(
  matthewsCorrcoefSpec,
  matthewsCorrcoefMeta,
);
/** One-shot {@link multiclassMatthewsCorrcoefDef}. */
export const multiclassMatthewsCorrcoef = /* @__PURE__ */ multiclassConfusionMetric(matthewsCorrcoefSpec);

/** Reads the options of the multilabel MCC: the options as read and its reduction. */
function readMultilabelMcc(options: unknown) {
  const fn = "multilabelMatthewsCorrcoef";
  const o = readOptions(fn, options, MULTILABEL_STAT_OPTIONS);
  const reduce = (s: MultilabelCounts) => {
    const m = new Float64Array(4);
    for (let i = 0; i < s.counts.length; i++) m[i % 4] += s.counts[i]!;
    return mccFromConfusion(m, 2);
  };
  return { o, reductions: { fn, reduce } };
}

/** Multilabel MCC: the binary MCC of the label-summed 2 x 2 matrix, as torchmetrics 1.9.0 `multilabel_matthews_corrcoef`. */
export function multilabelMatthewsCorrcoefDef(
  options: MultilabelStatOptions,
): MetricDef<MultilabelCountsState, MultilabelArgs, number> {
  const { o, reductions } = readMultilabelMcc(options);
  return multilabelStatDef(
    { id: "classification/multilabel_matthews_corrcoef", meta: matthewsCorrcoefMeta, ...reductions },
    o,
  );
}
/** One-shot {@link multilabelMatthewsCorrcoefDef}. */
export function multilabelMatthewsCorrcoef(
  preds: NdInput,
  target: NdInput,
  third: NdInput | undefined | MultilabelStatOptions,
  fourth?: MultilabelStatOptions,
): number {
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  const { o, reductions } = readMultilabelMcc(options);
  return runSteps(multilabelStatSteps(reductions, o).steps, preds, target, sampleWeight) as number;
}

type B = BinaryStatOptions;
type M = MulticlassStatOptions;
type L = MultilabelStatOptions;
/** Task-dispatching MCC (`task: "binary" | "multiclass" | "multilabel"`), as the torchmetrics 1.9.0 `matthews_corrcoef` task wrapper. */
export const matthewsCorrcoef = /* @__PURE__ */ taskFunction("matthewsCorrcoef", {
  binary: binaryMatthewsCorrcoef,
  multiclass: multiclassMatthewsCorrcoef,
  multilabel: multilabelMatthewsCorrcoef,
}) as PlainTask<B, M, L, number>;
/** The def of {@link matthewsCorrcoef}. */
export const matthewsCorrcoefDef = /* @__PURE__ */ taskDef("matthewsCorrcoef", {
  binary: binaryMatthewsCorrcoefDef,
  multiclass: multiclassMatthewsCorrcoefDef,
  multilabel: multilabelMatthewsCorrcoefDef,
}) as PlainTaskDef<B, M, L, number>;
