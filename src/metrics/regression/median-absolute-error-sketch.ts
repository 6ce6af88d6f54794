import { fail } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import {
  checkSketch,
  createSketch,
  DEFAULT_SKETCH_K,
  MAX_SKETCH_K,
  mergeSketch,
  type QuantileSketch,
  sketchQuantile,
  updateSketch,
} from "../../core/quantile-sketch.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { assertSeen, assertVector, type PairArgs, type RegressionInput, readPair } from "./input.js";
import { medianAbsoluteErrorMeta } from "./median-absolute-error.js";

export const medianAbsoluteErrorSketchMeta: MetricMeta = {
  ...medianAbsoluteErrorMeta,
  id: "regression/median_absolute_error_sketch",
};

export interface MedianAbsoluteErrorSketchOptions {
  /** Level capacity of the sketch (even, default 4096): rank error <= (floor(log2(n / k)) + 3) / k. */
  k?: number;
}
const SKETCH_OPTIONS = optionNames<MedianAbsoluteErrorSketchOptions>()("k");

/**
 * Median of `|preds - target|` from a mergeable quantile sketch (core/quantile-sketch.ts):
 * constant memory (about 16 k log2(n / k) bytes), any split and merge order. Exact (as
 * scikit-learn 1.9.1 `median_absolute_error`) while fewer than `k` pairs are folded in; beyond,
 * a residual whose rank among the n residuals is within n (floor(log2(n / k)) + 3) / k of n / 2
 * (0.34% of n at 1e7 pairs for k = 4096). Past k pairs the values kept depend on the order of
 * updates and merges (always within the bound), so unlike the exact metrics a merged result is
 * not the same bits for every split. Vector input only.
 */
export function medianAbsoluteErrorSketchDef(
  options: MedianAbsoluteErrorSketchOptions = {},
): MetricDef<QuantileSketch, PairArgs, number> {
  const fn = "medianAbsoluteErrorSketch";
  const read = readOptions<MedianAbsoluteErrorSketchOptions>(fn, options, SKETCH_OPTIONS);
  const k = optInteger(fn, "k", read.k, DEFAULT_SKETCH_K, { min: 8, max: MAX_SKETCH_K });
  createSketch(k); // checks k is even
  return {
    id: medianAbsoluteErrorSketchMeta.id,
    meta: medianAbsoluteErrorSketchMeta,
    options: { k },
    init: () => createSketch(k),
    update(state, preds, target) {
      const batch = readPair(fn, preds, target);
      assertVector(batch, fn);
      const errors = new Float64Array(batch.rows);
      for (let i = 0; i < batch.rows; i++) errors[i] = Math.abs(batch.preds[i]! - batch.target[i]!);
      updateSketch(state, errors);
    },
    merge: (a, b) => mergeSketch(a, b),
    compute(state) {
      assertSeen(state.n, fn);
      return sketchQuantile(state, 0.5);
    },
    validateState(state): asserts state is QuantileSketch {
      checkSketch(medianAbsoluteErrorSketchMeta.id, state);
      if ((state as QuantileSketch).k !== k)
        fail(
          "invalid_state",
          `${medianAbsoluteErrorSketchMeta.id}: the state's sketch has k ${(state as QuantileSketch).k}, this metric's ${k}`,
        );
    },
  };
}

/**
 * Median absolute error of `preds` against `target` from a quantile sketch (see
 * {@link medianAbsoluteErrorSketchDef}).
 * @example medianAbsoluteErrorSketch([2.5, 0, 2, 8], [3, -0.5, 2, 7]) // 0.5 (exact below k pairs)
 */
export function medianAbsoluteErrorSketch(
  preds: RegressionInput,
  target: RegressionInput,
  options: MedianAbsoluteErrorSketchOptions = {},
): number {
  return runOnce(medianAbsoluteErrorSketchDef(options), preds, target);
}
