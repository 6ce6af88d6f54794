import { optionNames } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import type { BinaryStatOptions } from "./stat-defs.js";
import type { Average } from "./stat-metric.js";
import {
  binaryStatMetric,
  binaryStatMetricDef,
  type MulticlassAveragedOptions,
  type MultilabelAveragedOptions,
  multiclassStatMetric,
  multiclassStatMetricDef,
  multilabelStatMetric,
  multilabelStatMetricDef,
  type StatMetricSpec,
} from "./stat-metric.js";
import { MICRO_AVERAGE, type StatTask, type StatTaskDef, taskDef, taskFunction } from "./task.js";

export const hammingDistanceMeta: MetricMeta = {
  id: "classification/hamming_distance",
  range: [0, 1],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

// biome-ignore lint/suspicious/noEmptyInterface: no options beyond the shared ones.
export interface HammingDistanceOptions {}
export interface BinaryHammingDistanceOptions extends BinaryStatOptions, HammingDistanceOptions {}
export interface MulticlassHammingDistanceOptions<A extends Average = Average>
  extends MulticlassAveragedOptions<A>,
    HammingDistanceOptions {}
export interface MultilabelHammingDistanceOptions<A extends Average = Average>
  extends MultilabelAveragedOptions<A>,
    HammingDistanceOptions {}

/**
 * The fraction of errors, computed as errors / N (sklearn's `hamming_loss`), not 1 - right / N,
 * which loses the last bit (1 - 5/6 = 0.16666666666666663); no sample gives 1, as torchmetrics'
 * 1 - 0.
 */
const errorRate = (errors: number, total: number) => (total === 0 ? 1 : errors / total);
const score = () => (tp: number, fp: number, tn: number, fn: number) => errorRate(fp + fn, tp + fp + tn + fn);
/** Multiclass per-class score: the miss rate of the class, 1 - recall (torchmetrics). */
const mcScore = (tp: number, _fp: number, _tn: number, fn: number) => errorRate(fn, tp + fn);

const hammingDistanceSpec: StatMetricSpec<
  BinaryHammingDistanceOptions,
  MulticlassHammingDistanceOptions,
  MultilabelHammingDistanceOptions
> = {
  concept: "hamming_distance",
  name: "HammingDistance",
  options: /* @__PURE__ */ optionNames<HammingDistanceOptions>()(),
  score,
  multiclassScore: mcScore,
};

/**
 * Binary Hamming distance (FP + FN) / N, the fraction of wrong predictions (`preds > threshold` positive). Matches torchmetrics 1.9.0
 * `binary_hamming_distance` (and sklearn 1.9.1 `hamming_loss`). 0/0 gives 0. O(n).
 */
export const binaryHammingDistanceDef = /* @__PURE__ */ binaryStatMetricDef(
  hammingDistanceSpec,
  hammingDistanceMeta,
);
/** One-shot {@link binaryHammingDistanceDef}. */
export const binaryHammingDistance = /* @__PURE__ */ binaryStatMetric(hammingDistanceSpec);

/**
 * Multiclass hamming distance per class (one-vs-rest), averaged (micro, macro default, weighted, none)
 * as torchmetrics 1.9.0 `multiclass_hamming_distance` (macro leaves out classes absent from target and
 * prediction). O(n + C^2).
 */
export const multiclassHammingDistanceDef = /* @__PURE__ */ multiclassStatMetricDef(
  hammingDistanceSpec,
  hammingDistanceMeta,
);
/** One-shot {@link multiclassHammingDistanceDef}. */
export const multiclassHammingDistance = /* @__PURE__ */ multiclassStatMetric(hammingDistanceSpec);

/** Multilabel hamming distance per label, averaged as torchmetrics 1.9.0 `multilabel_hamming_distance`. */
export const multilabelHammingDistanceDef = /* @__PURE__ */ multilabelStatMetricDef(
  hammingDistanceSpec,
  hammingDistanceMeta,
);
/** One-shot {@link multilabelHammingDistanceDef}. */
export const multilabelHammingDistance = /* @__PURE__ */ multilabelStatMetric(hammingDistanceSpec);

/**
 * Task-dispatching hammingDistance (`task: "binary" | "multiclass" | "multilabel"`), as the
 * torchmetrics 1.9.0 `hamming_distance` task wrapper: its multiclass and multilabel `average` defaults to "micro" (the explicit
 * `multiclassHammingDistance`/`multilabelHammingDistance` default to "macro").
 */
export const hammingDistance = /* @__PURE__ */ taskFunction(
  "hammingDistance",
  {
    binary: binaryHammingDistance,
    multiclass: multiclassHammingDistance,
    multilabel: multilabelHammingDistance,
  },
  MICRO_AVERAGE,
) as StatTask<
  BinaryHammingDistanceOptions,
  MulticlassHammingDistanceOptions,
  MultilabelHammingDistanceOptions
>;
/** The def of {@link hammingDistance}: `hammingDistanceDef({ task, ... })`. */
export const hammingDistanceDef = /* @__PURE__ */ taskDef(
  "hammingDistance",
  {
    binary: binaryHammingDistanceDef,
    multiclass: multiclassHammingDistanceDef,
    multilabel: multilabelHammingDistanceDef,
  },
  MICRO_AVERAGE,
) as StatTaskDef<
  BinaryHammingDistanceOptions,
  MulticlassHammingDistanceOptions,
  MultilabelHammingDistanceOptions
>;
