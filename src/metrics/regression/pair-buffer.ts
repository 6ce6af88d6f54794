import {
  append,
  compact,
  concatGrowable,
  filled,
  type GrowableFloat64,
  growableFloat64,
} from "../../core/buffer.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { assertColumns, assertSeen, assertVector, type PairArgs, type PairBatch, readPair } from "./input.js";
import { reduceOutputs } from "./multioutput.js";

/**
 * Exact-mode state for the regression metrics that need every pair (median, ranks): the preds
 * and targets seen so far, in growable float64 buffers. Memory O(n); merge concatenates.
 */
export interface PairBufferState {
  /** Outputs per row (0 until the first non-empty batch); the buffers are row-major. */
  cols: number;
  preds: GrowableFloat64;
  target: GrowableFloat64;
}

/** How one exact (buffered) regression metric computes its result from every pair seen. */
export interface PairBufferSpec {
  readonly id: string;
  readonly meta: MetricMeta;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly check?: (batch: PairBatch) => void;
  /** One output only (matrix input is `unsupported`). */
  readonly vectorOnly?: boolean;
  /** Domain checks of a decoded state's pairs (the same domain as `check`), `invalid_state` on failure. */
  readonly checkState?: (preds: Float64Array, target: Float64Array) => void;
  /** The metric of one output from its preds and targets. */
  readonly compute: (preds: Float64Array, target: Float64Array) => number;
  /** How per-output values combine (`raw_values` or `uniform_average`). */
  readonly multioutput: string;
}

/** Builds a MetricDef over {@link PairBufferState}; matrix input gives one value per output, reduced by `multioutput`. */
export function pairBufferDef<Result>(spec: PairBufferSpec): MetricDef<PairBufferState, PairArgs, Result> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: spec.options,
    init: () => ({ cols: 0, preds: growableFloat64(), target: growableFloat64() }),
    update(state, preds, target) {
      const batch = readPair(spec.fn, preds, target);
      if (spec.vectorOnly) assertVector(batch, spec.fn);
      if (batch.rows === 0) return;
      assertColumns(state.cols, batch.cols, spec.fn);
      spec.check?.(batch);
      append(state.preds, batch.preds);
      append(state.target, batch.target);
      state.cols = batch.cols;
    },
    merge(a, b) {
      if (a.cols !== 0 && b.cols !== 0) assertColumns(a.cols, b.cols, spec.fn);
      return {
        cols: a.cols || b.cols,
        preds: concatGrowable(a.preds, b.preds),
        target: concatGrowable(a.target, b.target),
      };
    },
    validateState(state: unknown): asserts state is PairBufferState {
      checkState(spec.id, state, {
        cols: field.count(),
        preds: field.growable(Float64Array),
        target: field.growable(Float64Array),
      });
      const { cols, preds, target } = state as PairBufferState;
      stateInvariant(
        spec.id,
        preds.length === target.length,
        `state.preds and state.target must have the same length, got ${preds.length} and ${target.length}`,
      );
      stateInvariant(
        spec.id,
        cols === 0 ? preds.length === 0 : preds.length % cols === 0,
        `state buffers of length ${preds.length} do not hold whole rows of ${cols} outputs`,
      );
      spec.checkState?.(preds.data, target.data);
    },
    compute(state) {
      assertSeen(state.preds.length, spec.fn);
      const values = pairColumns(state).map(({ preds, target }) => spec.compute(preds, target));
      return reduceOutputs(values, spec.multioutput) as Result;
    },
  };
}

/** The pairs of each output of a buffer state (one entry per output column). */
export function pairColumns(state: PairBufferState): { preds: Float64Array; target: Float64Array }[] {
  const p = filled(state.preds);
  const t = filled(state.target);
  if (state.cols === 1) return [{ preds: p, target: t }];
  const rows = p.length / state.cols;
  return Array.from({ length: state.cols }, (_, c) => {
    const preds = new Float64Array(rows);
    const target = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      preds[r] = p[r * state.cols + c]!;
      target[r] = t[r * state.cols + c]!;
    }
    return { preds, target };
  });
}

/** A compact copy of a buffer state (capacity = length), for serialising. */
export function compactPairs(state: PairBufferState): PairBufferState {
  return { cols: state.cols, preds: compact(state.preds), target: compact(state.target) };
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
