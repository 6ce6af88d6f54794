import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../core/errors.js";
import { optInteger, optionNames, optOneOf, readOptions, required } from "../core/options.js";
import { type AnyMetricDef, createMetric } from "../metric.js";

/** A model that predicts in batches: a TensorFlow.js layers model (`tf.LayersModel`, `tf.Sequential`) or anything with the same `predict`. */
export interface PredictingModel {
  predict(x: tf.Tensor | tf.Tensor[], config?: { batchSize?: number }): tf.Tensor | tf.Tensor[];
}

/** How the model's outputs become what the metrics take. */
export type OutputTransform = "none" | "sigmoid" | "softmax" | ((outputs: tf.Tensor) => tf.Tensor);

/** Options of {@link epochMetrics}. */
export interface EpochMetricsOptions {
  /** The validation inputs and targets, `[x, y]` (x a tensor or one tensor per model input). */
  readonly validationData: readonly [x: tf.Tensor | readonly tf.Tensor[], y: tf.Tensor];
  /**
   * The metrics, by the name they get in the logs: plumbline metric definitions such as
   * `{ auroc: binaryAurocDef(), ap: binaryAveragePrecisionDef(), f1: binaryF1Def() }`. Each is
   * updated with `(predictions, targets)` batch by batch.
   */
  readonly metrics: Readonly<Record<string, AnyMetricDef>>;
  /**
   * Applied to each batch of model outputs before the metrics see them: `"sigmoid"` or
   * `"softmax"` for a model that outputs logits (plumbline's losses take logits), `"none"`
   * (default) for probabilities or regression outputs, or a function.
   */
  readonly outputs?: OutputTransform;
  /** Rows predicted and folded into the metrics at a time. Default 1024. */
  readonly batchSize?: number;
  /** Prefix of the log keys. Default `"val_"` (the layers API's validation prefix). */
  readonly prefix?: string;
}

const EPOCH_METRICS_OPTIONS = optionNames<EpochMetricsOptions>()(
  "validationData",
  "metrics",
  "outputs",
  "batchSize",
  "prefix",
);

/** The callback returned by {@link epochMetrics}: pass it in `model.fit(..., { callbacks: [it] })`. */
export interface EpochMetricsCallback {
  onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void>;
  /** The last epoch's values, by log key (also written into the epoch's logs). */
  readonly latest: Readonly<Record<string, number>>;
}

/** Log entries of one metric result: a number, or one entry per element of an array or per field of an object. */
function logEntries(key: string, result: unknown): [string, number][] {
  if (typeof result === "number") return [[key, result]];
  if (Array.isArray(result) || ArrayBuffer.isView(result))
    return Array.from(result as ArrayLike<unknown>).flatMap((v, i) => logEntries(`${key}_${i}`, v));
  if (result !== null && typeof result === "object")
    return Object.entries(result).flatMap(([field, v]) => logEntries(`${key}_${field}`, v));
  return fail(
    "invalid_value",
    `epochMetrics: metric \`${key}\` computed ${describeValue(result)}, which cannot be logged (numbers, arrays or objects of numbers)`,
  );
}

/**
 * A `model.fit` callback that evaluates plumbline metrics on the whole validation set at the end
 * of every epoch and records them in the epoch's logs, so they appear in `history.history`
 * (`val_auroc`, ...) and reach every later callback (early stopping, TensorBoard). The
 * validation set is predicted `batchSize` rows at a time and each batch is streamed into the
 * metrics' states (`update`), so memory stays bounded by the metrics' own state; the value is
 * the metric over the whole set, which is what AUROC, average precision, F1, precision, recall,
 * MCC and R² need (a per-batch mean of them, which `compile({ metrics })` would compute, is
 * wrong). Predictions go through `outputs` first (sigmoid or softmax for a logits model).
 * O(validation set) per epoch, plus the metrics' compute.
 *
 * @example
 * const history = await model.fit(x, y, { epochs: 10, callbacks: [epochMetrics(model, {
 *   validationData: [xVal, yVal], outputs: "sigmoid",
 *   metrics: { auroc: binaryAurocDef(), ap: binaryAveragePrecisionDef() } })] });
 * history.history.val_auroc; // one value per epoch
 */
export function epochMetrics(model: PredictingModel, options: EpochMetricsOptions): EpochMetricsCallback {
  const fn = "epochMetrics";
  const opts = readOptions<EpochMetricsOptions>(fn, options, EPOCH_METRICS_OPTIONS);
  if (typeof model?.predict !== "function")
    fail(
      "invalid_value",
      `${fn}: \`model\` must have a predict method (a tf.LayersModel), got ${describeValue(model)}`,
    );
  const [x, y] = required(fn, "validationData", opts.validationData) as readonly [
    tf.Tensor | tf.Tensor[],
    tf.Tensor,
  ];
  const inputs = Array.isArray(x) ? (x as tf.Tensor[]) : [x as tf.Tensor];
  if (!(y instanceof tf.Tensor) || inputs.length === 0 || !inputs.every((t) => t instanceof tf.Tensor))
    fail(
      "invalid_option",
      `${fn}: option \`validationData\` must be [x, y] with tensors, got ${describeValue(opts.validationData)}`,
    );
  const rows = y.shape[0] ?? 0;
  if (rows === 0 || inputs.some((t) => t.shape[0] !== rows))
    fail(
      "shape_mismatch",
      `${fn}: option \`validationData\` must hold the same number (> 0) of rows in x and y, got [${inputs.map((t) => t.shape[0]).join(", ")}] and ${rows}`,
    );
  const metrics = required(fn, "metrics", opts.metrics);
  const names = Object.keys(metrics);
  if (names.length === 0)
    fail("invalid_option", `${fn}: option \`metrics\` must name at least one metric definition`);
  for (const name of names) {
    const def = metrics[name] as AnyMetricDef | undefined;
    if (
      typeof def?.init !== "function" ||
      typeof def.update !== "function" ||
      typeof def.compute !== "function"
    )
      fail(
        "invalid_option",
        `${fn}: option \`metrics.${name}\` must be a plumbline metric definition (e.g. binaryAurocDef()), got ${describeValue(def)}`,
      );
  }
  const transform = opts.outputs ?? "none";
  if (typeof transform !== "function") optOneOf(fn, "outputs", transform, ["none", "sigmoid", "softmax"]);
  const batchSize = optInteger(fn, "batchSize", opts.batchSize, 1024, { min: 1 });
  const prefix = opts.prefix ?? "val_";
  if (typeof prefix !== "string")
    fail("invalid_option", `${fn}: option \`prefix\` must be a string, got ${describeValue(prefix)}`);
  const squash = (t: tf.Tensor): tf.Tensor =>
    typeof transform === "function"
      ? transform(t)
      : transform === "sigmoid"
        ? tf.sigmoid(t)
        : transform === "softmax"
          ? tf.softmax(t)
          : t;
  let latest: Record<string, number> = {};
  return {
    get latest() {
      return latest;
    },
    async onEpochEnd(_epoch, logs) {
      const running = names.map((name) => createMetric(metrics[name]!));
      for (let start = 0; start < rows; start += batchSize) {
        const size = Math.min(batchSize, rows - start);
        const [predictions, targets] = tf.tidy(() => {
          const slice = (t: tf.Tensor) => tf.slice(t, start, size);
          const batch = inputs.map(slice);
          const out = model.predict(batch.length === 1 ? batch[0]! : batch, { batchSize: size });
          if (Array.isArray(out))
            fail(
              "invalid_value",
              `${fn}: the model has ${out.length} outputs; epochMetrics evaluates single-output models`,
            );
          return [squash(out as tf.Tensor), slice(y)];
        });
        try {
          for (const metric of running) metric.update(predictions, targets);
        } finally {
          tf.dispose([predictions, targets]);
        }
      }
      latest = Object.fromEntries(
        names.flatMap((name, i) => logEntries(`${prefix}${name}`, running[i]!.compute())),
      );
      if (logs) Object.assign(logs, latest);
    },
  };
}
