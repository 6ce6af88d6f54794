import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { checkState, field } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { reduceValues } from "../regression/multioutput.js";
import type { ImageReduction } from "./options.js";
import type { TensorInput } from "./tensor.js";

export { type ImageReduction, readReduction } from "./options.js";

/** Result type: `number[]` (one per image) for `reduction: "none"`, else a number. */
export type ImageResult<O> = O extends { reduction: "none" } ? number[] : number;

/** State of the per-image metrics: the score of every image seen (O(images), not O(pixels)). */
export interface PerImageState {
  values: GrowableFloat64;
}

/** The arguments of the paired image metrics: `preds` and `target`, NCHW (or CHW, HW). */
export type ImagePairArgs = [preds: TensorInput, target: TensorInput];

/** Builds a def whose batch update yields one score per image. */
export function perImageDef<Args extends unknown[], Result>(
  meta: MetricMeta,
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
      // Per-image scores may legitimately be infinite (ERGAS of a zero-mean target) or NaN
      // (torchmetrics' 0/0 conventions); compute only sums them, so any number is safe.
      checkState(meta.id, state, { values: field.growable(Float64Array, "any") });
    },
    compute(state) {
      if (state.values.length === 0) fail("empty_input", `${fn}: no images were given, got 0 images`);
      const values = filled(state.values);
      return reduceValues(values, reduction) as Result;
    },
  };
}
