import type { CatalogEntry } from "../../catalog/types.js";
import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { assertOneOf } from "../../core/validate.js";
import type { MetricDef } from "../../metric.js";
import { checkGrowable, checkRecord } from "../regression/state-checks.js";
import type { TensorInput } from "./tensor.js";

/** Reduction over images (torchmetrics' `reduction`): `"elementwise_mean"` is spelled `"mean"`. */
export type ImageReduction = "mean" | "sum" | "none";

/** Result type: `number[]` (one per image) for `reduction: "none"`, else a number. */
export type ImageResult<O> = O extends { reduction: "none" } ? number[] : number;

/** State of the per-image metrics: the score of every image seen (O(images), not O(pixels)). */
export interface PerImageState {
  values: GrowableFloat64;
}

/** The arguments of the paired image metrics: `preds` and `target`, NCHW (or CHW, HW). */
export type ImagePairArgs = [preds: TensorInput, target: TensorInput];

/** Validates a `reduction` option (`invalid_option` unless mean, sum or none). */
export function readReduction(value: unknown, fn: string, fallback: ImageReduction = "mean"): ImageReduction {
  return value === undefined
    ? fallback
    : assertOneOf(value, ["mean", "sum", "none"] as const, fn, "reduction");
}

/** Builds a def whose batch update yields one score per image. */
export function perImageDef<Args extends unknown[], Result>(
  meta: CatalogEntry,
  fn: string,
  options: Readonly<Record<string, unknown>>,
  reduction: ImageReduction,
  scores: (...args: Args) => Float64Array,
): MetricDef<PerImageState, Args, Result> {
  return {
    id: meta.id,
    meta,
    options: { ...options, reduction },
    init: () => ({ values: growableFloat64() }),
    update(state, ...args) {
      append(state.values, scores(...args));
    },
    merge: (a, b) => ({ values: concatGrowable(a.values, b.values) }),
    validateState(state: unknown): asserts state is PerImageState {
      checkGrowable(checkRecord(state, meta.id), "values", meta.id);
    },
    compute(state) {
      if (state.values.length === 0) fail("empty_input", `${fn}: no images were given, got 0 images`);
      const values = filled(state.values);
      if (reduction === "none") return Array.from(values) as Result;
      let sum = 0;
      for (const v of values) sum += v;
      return (reduction === "sum" ? sum : sum / values.length) as Result;
    },
  };
}
