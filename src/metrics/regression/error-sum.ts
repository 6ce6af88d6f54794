import { describeValue, fail } from "../../core/errors.js";
import {
  addExactSums,
  bigRatioToNumber,
  bigSqrtRatioToNumber,
  EXACT_BASE,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
  exactToNumber,
} from "../../core/exact-sum.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  assertColumns,
  assertFinitePair,
  assertSeen,
  assertVector,
  type PairArgs,
  type PairBatch,
  position,
  readPair,
} from "./input.js";
import { reduceOutputs } from "./multioutput.js";

/**
 * The shared engine of the regression metrics that are functions of per-element sums
 * (MSE, MAE, MAPE, MSLE, pinball, Tweedie deviance, log-cosh, Minkowski, WMAPE...).
 *
 * State: for each of `terms` sums and each output column an exact sum (`core/exact-sum.ts`,
 * sum `term * cols + col`) and the row count. The per-element terms are computed in float64 as
 * the references compute them, then summed exactly, so merged results are bit-identical for any
 * split and merge order. Memory O(terms · k), update O(n) in chunks, merge O(terms · k).
 */
export interface SumState {
  cols: number;
  count: number;
  sums: Float64Array;
}

/** The exact sums of one output, for finalizers that round once (see {@link SumSpec.finalize}). */
export interface SumView {
  readonly count: number;
  /** Exact sum `k` divided by the row count, rounded once. */
  mean(k: number): number;
  /** The square root of exact sum `k` over the row count, rounded once. */
  rootMean(k: number): number;
  /** Exact sum `k` over exact sum `j`, rounded once. */
  ratio(k: number, j: number): number;
  /** Exact sum `k` as a BigInt in units of 2^EXACT_BASE, for formulas of several sums. */
  big(k: number): bigint;
}

/**
 * Where a fill function adds a term that float64 cannot hold (an overflowed or underflowed
 * square, say) exactly: the exact sum of term `k` for element `i` of the chunk; the fill then
 * writes 0 as the float64 term.
 */
export type Spill = (term: number, element: number) => ExactSum;

/** How one sum-based regression metric fills its per-element terms and finalizes one output. */
export interface SumSpec {
  readonly id: string;
  readonly meta: MetricMeta;
  /** Function name used in error messages. */
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Number of sums per output. */
  readonly terms: number;
  /** Domain checks on a whole batch (run before any state change). */
  readonly check?: (batch: PairBatch) => void;
  /** Writes the per-element terms of `preds`/`target` (same length) into `out[term]`. */
  readonly fill: (preds: Float64Array, target: Float64Array, out: Float64Array[], spill: Spill) => void;
  /** The metric of one output from its sums (each rounded once) and the row count, or from the exact view. */
  readonly finalize: (sums: readonly number[], count: number, exact: SumView) => number;
  readonly multioutput: string;
  readonly vectorOnly?: boolean;
  /**
   * A fused kernel for one-output batches (fused.ts): adds the terms of elements [from, to) to
   * `sums` (one per term) and returns -1, or the index of an element with a non-finite input.
   */
  readonly fused?: (
    p: Float64Array,
    t: Float64Array,
    from: number,
    to: number,
    sums: readonly ExactSum[],
  ) => number;
}

const CHUNK = 1 << 14;

/** The {@link SumView} of the exact sums in `sums` (sum `k` at `index(k)`) over `count` elements. */
export function sumView(sums: Float64Array, count: number, index: (k: number) => number = (k) => k): SumView {
  const n = BigInt(count);
  const big = (k: number) => exactBigInt(sums, index(k));
  return {
    count,
    mean: (k) => bigRatioToNumber(big(k), n, EXACT_BASE),
    rootMean: (k) => bigSqrtRatioToNumber(big(k), n, EXACT_BASE),
    ratio: (k, j) => bigRatioToNumber(big(k), big(j)),
    big,
  };
}

/** Builds a MetricDef from a {@link SumSpec}. */
export function sumMetricDef<Result>(spec: SumSpec): MetricDef<SumState, PairArgs, Result> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: spec.options,
    init: () => ({ cols: 0, count: 0, sums: exactSums(0) }),
    update(state, preds, target) {
      const batch = readPair(spec.fn, preds, target, undefined, false);
      if (spec.vectorOnly) assertVector(batch, spec.fn);
      if (batch.rows === 0) return;
      assertColumns(state.cols, batch.cols, spec.fn);
      const { cols, rows } = batch;
      const fused = cols === 1 && !spec.check ? spec.fused : undefined;
      if (!fused) assertFinitePair(spec.fn, batch.preds, batch.target, cols);
      spec.check?.(batch);
      // Work on a copy, so a batch rejected half-way (an overflowed term) leaves the state as it was.
      const work = state.cols === 0 ? exactSums(spec.terms * cols) : state.sums.slice();
      const sums = Array.from({ length: spec.terms * cols }, (_, s) => new ExactSum(work, s));
      if (fused) {
        if (fused(batch.preds, batch.target, 0, rows, sums) >= 0)
          assertFinitePair(spec.fn, batch.preds, batch.target, cols);
        for (const sum of sums) sum.finish();
        state.cols = cols;
        state.sums = work;
        state.count += rows;
        return;
      }
      const chunkRows = Math.max(1, Math.floor(CHUNK / cols));
      const scratch: Float64Array[] = [];
      for (let k = 0; k < spec.terms; k++) scratch.push(new Float64Array(Math.min(rows, chunkRows) * cols));
      for (let r0 = 0; r0 < rows; r0 += chunkRows) {
        const r1 = Math.min(rows, r0 + chunkRows);
        const len = (r1 - r0) * cols;
        const out = len === scratch[0]!.length ? scratch : scratch.map((s) => s.subarray(0, len));
        spec.fill(
          batch.preds.subarray(r0 * cols, r1 * cols),
          batch.target.subarray(r0 * cols, r1 * cols),
          out,
          (term, element) => sums[term * cols + (element % cols)]!,
        );
        for (let k = 0; k < spec.terms; k++) {
          const values = out[k]!;
          for (let i = 0; i < len; i++) {
            const v = values[i]!;
            if (v - v !== 0)
              fail(
                "invalid_value",
                `${spec.fn}: a per-element term is not finite (${describeValue(v)}) at ${position(r0 * cols + i, cols)}: the inputs are too large for this metric in float64`,
              );
          }
          for (let c = 0; c < cols; c++) sums[k * cols + c]!.addStrided(values, c, len, cols);
        }
      }
      for (const sum of sums) sum.finish();
      state.cols = cols;
      state.sums = work;
      state.count += rows;
    },
    merge(a, b) {
      if (a.cols === 0) return cloneSum(b);
      if (b.cols === 0) return cloneSum(a);
      assertColumns(a.cols, b.cols, spec.fn);
      return { cols: a.cols, count: a.count + b.count, sums: addExactSums(a.sums, b.sums) };
    },
    validateState(state: unknown): asserts state is SumState {
      const cols = (state as { cols?: unknown } | null)?.cols;
      const k = typeof cols === "number" && Number.isInteger(cols) && cols >= 0 && cols <= 1e6 ? cols : 0;
      checkState(spec.id, state, {
        cols: field.count(),
        count: field.count(),
        sums: exactSumsShape(spec.terms * k),
      });
      const s = state as SumState;
      stateInvariant(spec.id, s.cols === k, `state.cols must be an integer in [0, 1e6], got ${s.cols}`);
      stateInvariant(
        spec.id,
        (s.count === 0) === (s.cols === 0),
        "state.cols must be 0 exactly when state.count is 0",
      );
    },
    compute(state) {
      assertSeen(state.count, spec.fn);
      const values: number[] = [];
      for (let c = 0; c < state.cols; c++) {
        const index = (k: number) => k * state.cols + c;
        const numbers = Array.from({ length: spec.terms }, (_, k) => exactToNumber(state.sums, index(k)));
        const view = sumView(state.sums, state.count, index);
        values.push(spec.finalize(numbers, state.count, view));
      }
      return reduceOutputs(values, spec.multioutput) as Result;
    },
  };
}

function cloneSum(s: SumState): SumState {
  return { cols: s.cols, count: s.count, sums: s.sums.slice() };
}
