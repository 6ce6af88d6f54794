import type { CatalogEntry } from "../../catalog/types.js";
import {
  append,
  compact,
  concatGrowable,
  filled,
  type GrowableFloat64,
  growableFloat64,
} from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import type { MetricDef } from "../../metric.js";
import { assertSeen, assertVector, type PairArgs, type PairBatch, readPair } from "./input.js";
import { checkGrowable, checkRecord } from "./state-checks.js";

/**
 * Exact-mode state for the regression metrics that need every pair (median, ranks): the preds
 * and targets seen so far, in growable float64 buffers. Memory O(n); merge concatenates.
 */
export interface PairBufferState {
  preds: GrowableFloat64;
  target: GrowableFloat64;
}

/** How one exact (buffered) regression metric computes its result from every pair seen. */
export interface PairBufferSpec<Result> {
  readonly id: string;
  readonly meta: CatalogEntry;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly check?: (batch: PairBatch) => void;
  readonly compute: (preds: Float64Array, target: Float64Array) => Result;
}

/** Builds a MetricDef over {@link PairBufferState} (vector input only). */
export function pairBufferDef<Result>(
  spec: PairBufferSpec<Result>,
): MetricDef<PairBufferState, PairArgs, Result> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: spec.options,
    init: () => ({ preds: growableFloat64(), target: growableFloat64() }),
    update(state, preds, target) {
      const batch = readPair(spec.fn, preds, target);
      assertVector(batch, spec.fn);
      spec.check?.(batch);
      append(state.preds, batch.preds);
      append(state.target, batch.target);
    },
    merge: (a, b) => ({
      preds: concatGrowable(a.preds, b.preds),
      target: concatGrowable(a.target, b.target),
    }),
    validateState(state: unknown): asserts state is PairBufferState {
      const r = checkRecord(state, spec.id);
      checkGrowable(r, "preds", spec.id);
      checkGrowable(r, "target", spec.id);
      if ((r.preds as { length: number }).length !== (r.target as { length: number }).length) {
        fail("invalid_state", `${spec.id}: state buffers \`preds\` and \`target\` must have the same length`);
      }
    },
    compute(state) {
      assertSeen(state.preds.length, spec.fn);
      return spec.compute(filled(state.preds), filled(state.target));
    },
  };
}

/** A compact copy of a buffer state (capacity = length), for serialising. */
export function compactPairs(state: PairBufferState): PairBufferState {
  return { preds: compact(state.preds), target: compact(state.target) };
}

/**
 * The q-quantile of `values` with linear interpolation between order statistics (numpy's default
 * `method="linear"`; q = 0.5 is the median). Sorts a copy: O(n log n).
 */
export function quantileLinear(values: Float64Array, q: number): number {
  const sorted = values.slice().sort();
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = position - lo;
  return frac === 0 ? sorted[lo]! : sorted[lo]! + frac * (sorted[hi]! - sorted[lo]!);
}
