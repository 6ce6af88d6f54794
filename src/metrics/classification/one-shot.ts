/**
 * The one-shot form of every classification metric (internal): `fn(preds, target[, sampleWeight][,
 * options])`, the argument order of the 0.2 surface (sklearn's `sample_weight` positional, after
 * the arrays), and scikit-learn's string labels found without a `labels` option.
 */
import type { AnyMetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import { uniqueLabels } from "./labels.js";
import { readLabelValues } from "./ndarray.js";

function isOptionsObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value) || ArrayBuffer.isView(value))
    return false;
  // An N-d input `{ data, shape }` (or a tensor) is a weight vector, not options.
  return !("data" in value && ("shape" in value || "rows" in value)) && !("dataSync" in value);
}

/** Splits the arguments after `(preds, target)`: an optional `sampleWeight`, then the options. */
export function oneShotArgs(third: unknown, fourth: unknown): { sampleWeight: unknown; options: unknown } {
  if (fourth !== undefined) return { sampleWeight: third, options: fourth };
  if (third === undefined || third === null || isOptionsObject(third))
    return { sampleWeight: undefined, options: third };
  return { sampleWeight: third, options: undefined };
}

/** Runs `build(options)` once on `(preds, target[, sampleWeight])`. */
export function runOneShot<R>(
  build: (options: never) => AnyMetricDef,
  preds: unknown,
  target: unknown,
  third: unknown,
  fourth: unknown,
): R {
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  const def = build(options as never);
  const args = sampleWeight === undefined ? [preds, target] : [preds, target, sampleWeight];
  return runOnce(def, ...args) as R;
}

function holdsStrings(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === "string";
}

/**
 * scikit-learn's inference of the classes: when neither `numClasses` nor `labels` is given and
 * the labels are strings, `labels` becomes `uniqueLabels` of them (the sorted union of `target`
 * and, when they are labels, `preds`). Numeric labels still need `numClasses` (torchmetrics).
 */
export function withInferredLabels(options: unknown, preds: unknown, target: unknown, fn: string): unknown {
  if (options !== undefined && options !== null && !isOptionsObject(options)) return options;
  const o = options as Record<string, unknown> | null | undefined;
  if (o && (o.numClasses !== undefined || o.labels !== undefined)) return options;
  if (!holdsStrings(target) && !holdsStrings(preds)) return options;
  const sources = [readLabelValues(target, fn, "target")];
  if (holdsStrings(preds)) sources.push(readLabelValues(preds, fn, "preds"));
  return { ...(o ?? {}), labels: uniqueLabels(...sources) };
}

/** {@link runOneShot} of a multiclass def, its classes found as scikit-learn finds string labels. */
export function runMulticlassOneShot<R>(
  build: (options: never) => AnyMetricDef,
  fn: string,
  preds: unknown,
  target: unknown,
  third: unknown,
  fourth: unknown,
): R {
  return runOneShot(
    (options) => build(withInferredLabels(options, preds, target, fn) as never),
    preds,
    target,
    third,
    fourth,
  );
}
