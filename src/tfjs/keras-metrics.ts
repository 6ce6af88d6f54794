import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../core/errors.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions, suggestName } from "../core/options.js";

/** A metric function for `model.compile({ metrics })`: per-sample values (the layers API averages them). */
export type KerasMetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** What the model outputs: probabilities (after a sigmoid or softmax layer) or logits (plumbline's losses take logits). */
export type OutputKind = "probabilities" | "logits";

/** Options of {@link kerasMetric}. */
export interface KerasMetricOptions {
  /**
   * `"probabilities"` (default) or `"logits"`: what `yPred` holds. The torchmetrics-style
   * `"auto"` is refused here: deciding per batch could change between batches of one epoch.
   */
  readonly predsKind?: OutputKind;
  /** `binaryAccuracy`: `preds > threshold` counts positive (a probability threshold, also with logits). Default 0.5. */
  readonly threshold?: number;
  /** `topKAccuracy`: k. Default 5. */
  readonly k?: number;
}

const KERAS_METRIC_OPTIONS = optionNames<KerasMetricOptions>()("predsKind", "threshold", "k");

/**
 * The metrics whose per-batch values, averaged with batch-size weights as the layers API does
 * for its epoch and validation logs, equal the metric over the whole epoch: means over samples.
 */
const PER_BATCH = [
  "binaryAccuracy",
  "multiclassAccuracy",
  "topKAccuracy",
  "meanSquaredError",
  "meanAbsoluteError",
  "binaryLogLoss",
  "multiclassLogLoss",
  "binaryBrierScore",
] as const;

/** A metric name accepted by {@link kerasMetric}. */
export type KerasMetricName = (typeof PER_BATCH)[number];

/** Metrics that are not means over samples, so a per-batch average would be wrong, and why. */
const NOT_PER_BATCH: Readonly<Record<string, string>> = {
  binaryAuroc: "AUROC ranks all samples against each other",
  binaryAveragePrecision: "average precision ranks all samples against each other",
  multiclassAuroc: "AUROC ranks all samples against each other",
  binaryF1: "F1 is a ratio of counts over the whole set",
  multiclassF1: "F1 is a ratio of counts over the whole set",
  binaryPrecision: "precision is a ratio of counts over the whole set",
  binaryRecall: "recall is a ratio of counts over the whole set",
  binaryMatthewsCorrcoef: "MCC is a ratio of counts over the whole set",
  binaryCalibrationError: "calibration error bins the whole set",
  r2Score: "R² divides by the variance of the whole target",
  rootMeanSquaredError: "the square root of a mean is not the mean of per-batch square roots",
  pearsonCorrcoef: "a correlation needs the whole set",
};

/** Labels [N] or [N, 1] as int32 [N], or the argmax of one-hot rows [N, C]. */
function classLabels(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  if (
    yTrue.rank === yPred.rank &&
    yTrue.shape[yTrue.rank - 1] === yPred.shape[yPred.rank - 1] &&
    yPred.shape[yPred.rank - 1]! > 1
  )
    return tf.argMax(yTrue, -1);
  return tf.cast(tf.reshape(yTrue, yPred.shape.slice(0, -1)), "int32");
}

/** The clip of plumbline's (scikit-learn's) log loss: eps = 2^-52. */
const LOG_EPS = 2 ** -52;

/** Probabilities from the model's outputs. */
const probabilities = (yPred: tf.Tensor, kind: OutputKind, multiclass: boolean): tf.Tensor =>
  kind === "probabilities" ? yPred : multiclass ? tf.softmax(yPred) : tf.sigmoid(yPred);

/** The per-sample value of each metric; all are means over samples (or over elements for the errors). */
const METRICS: Record<KerasMetricName, (kind: OutputKind, threshold: number, k: number) => KerasMetricFn> = {
  // plumbline's binaryAccuracy: preds > threshold is positive; for logits, x > logit(threshold)
  binaryAccuracy: (kind, threshold) => (yTrue, yPred) => {
    const cut = kind === "logits" ? Math.log(threshold / (1 - threshold)) : threshold;
    return tf.cast(
      tf.equal(tf.cast(tf.greater(yPred, cut), "float32"), tf.cast(yTrue, "float32")),
      "float32",
    );
  },
  // micro accuracy (the fraction of rows whose argmax is the label); the argmax of logits and
  // of their softmax agree, so the output kind does not matter
  multiclassAccuracy: () => (yTrue, yPred) =>
    tf.cast(tf.equal(tf.argMax(yPred, -1), classLabels(yTrue, yPred)), "float32"),
  // the label's rank: classes scoring higher, and classes scoring the same with a lower index
  // (plumbline's tie rule), must be fewer than k
  topKAccuracy: (_kind, _threshold, k) => (yTrue, yPred) => {
    const labels = classLabels(yTrue, yPred);
    const classes = yPred.shape[yPred.rank - 1]!;
    const score = tf.sum(tf.mul(yPred, tf.oneHot(labels, classes)), -1, true);
    const lowerIndex = tf.less(tf.range(0, classes, 1, "int32"), tf.expandDims(labels, -1));
    const ahead = tf.logicalOr(tf.greater(yPred, score), tf.logicalAnd(tf.equal(yPred, score), lowerIndex));
    return tf.cast(tf.less(tf.sum(tf.cast(ahead, "float32"), -1), k), "float32");
  },
  meanSquaredError: () => (yTrue, yPred) => tf.squaredDifference(yPred, tf.cast(yTrue, "float32")),
  meanAbsoluteError: () => (yTrue, yPred) => tf.abs(tf.sub(yPred, tf.cast(yTrue, "float32"))),
  // -(y log p + (1 - y) log(1 - p)); from logits in the overflow-free form, from probabilities
  // with each log's argument kept >= eps = 2^-52 as plumbline's binaryLogLoss (scikit-learn) clips
  binaryLogLoss: (kind) => (yTrue, yPred) => {
    const y = tf.cast(yTrue, "float32");
    if (kind === "logits")
      return tf.add(tf.sub(tf.relu(yPred), tf.mul(yPred, y)), tf.log1p(tf.exp(tf.neg(tf.abs(yPred)))));
    const logP = tf.log(tf.maximum(yPred, LOG_EPS));
    const logQ = tf.log(tf.maximum(tf.sub(1, yPred), LOG_EPS));
    return tf.neg(tf.add(tf.mul(y, logP), tf.mul(tf.sub(1, y), logQ)));
  },
  multiclassLogLoss: (kind) => (yTrue, yPred) => {
    const classes = yPred.shape[yPred.rank - 1]!;
    const logp = kind === "logits" ? tf.logSoftmax(yPred) : tf.log(tf.maximum(yPred, LOG_EPS));
    return tf.neg(tf.sum(tf.mul(logp, tf.oneHot(classLabels(yTrue, yPred), classes)), -1));
  },
  binaryBrierScore: (kind) => (yTrue, yPred) =>
    tf.squaredDifference(probabilities(yPred, kind, false), tf.cast(yTrue, "float32")),
};

/**
 * A plumbline metric for `model.compile({ metrics: [...] })` in TensorFlow.js layers, for the
 * metrics that are right per batch: means over samples (accuracy, top-k accuracy, MSE, MAE,
 * log loss, Brier score), whose batch-size-weighted average over an epoch's batches (what the
 * layers API logs as `acc` and `val_acc`) equals the metric over the whole epoch. AUROC, average
 * precision, F1, precision, recall, MCC, R², RMSE are not: averaging them per batch gives a
 * different, batch-size-dependent number, so they are refused here; compute them over the whole
 * validation set each epoch with {@link epochMetrics}. The function's `name` (the log key) is
 * the metric's name. Definitions follow plumbline's (`binaryAccuracy` counts preds > threshold;
 * `multiclassAccuracy` is the micro accuracy, not torchmetrics' macro default).
 *
 * @example
 * model.compile({ optimizer: "adam", loss: binaryCrossEntropyWithLogitsFactory(),
 *   metrics: [kerasMetric("binaryAccuracy", { predsKind: "logits" })] });
 */
export function kerasMetric(name: KerasMetricName, options: KerasMetricOptions = {}): KerasMetricFn {
  const fn = "kerasMetric";
  const opts = readOptions<KerasMetricOptions>(fn, options, KERAS_METRIC_OPTIONS);
  if (typeof name !== "string" || !(PER_BATCH as readonly string[]).includes(name)) {
    const reason = typeof name === "string" ? NOT_PER_BATCH[name] : undefined;
    if (reason)
      fail(
        "invalid_option",
        `${fn}: ${name} is not a mean over samples (${reason}), so a per-batch average is wrong; compute it over the validation set each epoch with epochMetrics`,
      );
    const hint = typeof name === "string" ? suggestName(name, PER_BATCH) : undefined;
    fail(
      "invalid_option",
      `${fn}: unknown per-batch metric ${describeValue(name)}${hint ? ` (${hint})` : ""}; known: ${PER_BATCH.join(", ")}`,
    );
  }
  if (opts.predsKind === ("auto" as never))
    fail(
      "invalid_option",
      `${fn}: option \`predsKind\` must be "probabilities" or "logits" in a compiled metric ("auto" could decide differently from batch to batch)`,
    );
  const kind = optOneOf(fn, "predsKind", opts.predsKind, ["probabilities", "logits"], "probabilities");
  const threshold = optNumber(fn, "threshold", opts.threshold, 0.5, {
    min: 0,
    max: 1,
    minExclusive: true,
    maxExclusive: true,
  });
  const k = optInteger(fn, "k", opts.k, 5, { min: 1 });
  const perSample = METRICS[name](kind, threshold, k);
  const metric: KerasMetricFn = (yTrue, yPred) => tf.tidy(() => perSample(yTrue, yPred));
  Object.defineProperty(metric, "name", { value: name });
  return metric;
}
