import { readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { assertSeen, assertVector, type PairArgs, type RegressionInput, readPair } from "./input.js";

export const maxErrorMeta: MetricMeta = {
  id: "regression/max_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["scikit-learn-1.9.1"],
};

/** State of {@link maxErrorDef}: the largest absolute error and the count. */
export interface MaxErrorState {
  max: number;
  count: number;
}

/** Largest `|preds - target|`. Matches scikit-learn 1.9.1 `max_error` (vector input only). State O(1). */
export function maxErrorDef(options?: Record<string, never>): MetricDef<MaxErrorState, PairArgs, number> {
  const fn = "maxError";
  readOptions(fn, options, []);
  return {
    id: maxErrorMeta.id,
    meta: maxErrorMeta,
    options: {},
    init: () => ({ max: 0, count: 0 }),
    update(state, preds, target) {
      const batch = readPair(fn, preds, target);
      assertVector(batch, fn);
      let max = state.max;
      for (let i = 0; i < batch.rows; i++) max = Math.max(max, Math.abs(batch.preds[i]! - batch.target[i]!));
      state.max = max;
      state.count += batch.rows;
    },
    merge: (a, b) => ({ max: Math.max(a.max, b.max), count: a.count + b.count }),
    validateState(state: unknown): asserts state is MaxErrorState {
      checkState(maxErrorMeta.id, state, { max: field.number("nonNegative"), count: field.count() });
    },
    compute(state) {
      assertSeen(state.count, fn);
      return state.max;
    },
  };
}

/**
 * Max error of `preds` against `target`.
 * @example maxError([9, 2, 7, 1], [3, 2, 7, 1]) // 6
 */
export function maxError(
  preds: RegressionInput,
  target: RegressionInput,
  options?: Record<string, never>,
): number {
  return runOnce(maxErrorDef(options), preds, target);
}
