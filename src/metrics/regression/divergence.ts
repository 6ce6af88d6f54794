import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { optBoolean, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { assertSeen, type PairBatch, type RegressionInput, readPair } from "./input.js";
import { reduceValues } from "./multioutput.js";

/** Reduction over the N distributions (torchmetrics' `reduction`). */
export type DivergenceReduction = "mean" | "sum" | "none";

/** Options shared by {@link klDivergence} and {@link jsDivergence}. */
export interface DivergenceOptions {
  /** Inputs are log-probabilities (default false: non-negative weights, renormalised per row). */
  readonly logProb?: boolean;
  /** Default `"mean"` (torchmetrics 1.9.0). */
  readonly reduction?: DivergenceReduction;
}

const DIVERGENCE_OPTIONS = optionNames<DivergenceOptions>()("logProb", "reduction");

/** Result type: `number[]` for `reduction: "none"`, else a number. */
export type DivergenceResult<O> = O extends { reduction: "none" } ? number[] : number;

/** State: the divergence of every row seen (O(N); the reductions need only their sum, but "none" needs all). */
export interface DivergenceState {
  cols: number;
  values: GrowableFloat64;
}

/** Divergence arguments: `p` and `q`, N x d (a vector is one distribution). */
export type DivergenceArgs = [p: RegressionInput, q: RegressionInput];

/** Builds the def of a row-wise divergence. */
export function divergenceDef<O extends DivergenceOptions>(
  meta: MetricMeta,
  fn: string,
  options: unknown,
  rowValue: (p: Float64Array, q: Float64Array, logProb: boolean) => number,
): MetricDef<DivergenceState, DivergenceArgs, DivergenceResult<O>> {
  const o = readOptions<DivergenceOptions>(fn, options, DIVERGENCE_OPTIONS);
  const logProb = optBoolean(fn, "logProb", o.logProb, false);
  const reduction = optOneOf(fn, "reduction", o.reduction, ["mean", "sum", "none"] as const, "mean");
  return {
    id: meta.id,
    meta,
    options: { logProb, reduction },
    init: () => ({ cols: 0, values: growableFloat64() }),
    update(state, p, q) {
      const batch: PairBatch = readPair(fn, p, q, ["p", "q"]);
      if (batch.rows === 0) return;
      if (state.cols !== 0 && state.cols !== batch.cols) {
        fail("shape_mismatch", `${fn}: every batch must have ${state.cols} columns, got ${batch.cols}`);
      }
      if (!logProb) {
        for (const [arg, data] of [
          ["p", batch.preds],
          ["q", batch.target],
        ] as const) {
          for (let i = 0; i < data.length; i++) {
            if (data[i]! < 0)
              fail("invalid_value", `${fn}: \`${arg}\` must be non-negative, got ${data[i]} at index ${i}`);
          }
        }
      }
      const cols = batch.vector ? batch.rows : batch.cols;
      const rows = batch.vector ? 1 : batch.rows;
      const values = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        values[r] = rowValue(
          batch.preds.subarray(r * cols, (r + 1) * cols),
          batch.target.subarray(r * cols, (r + 1) * cols),
          logProb,
        );
      }
      state.cols = cols;
      append(state.values, values);
    },
    merge(a, b) {
      if (a.cols !== 0 && b.cols !== 0 && a.cols !== b.cols)
        fail("shape_mismatch", `${fn}: cannot merge states of ${a.cols} and ${b.cols} columns`);
      return { cols: a.cols || b.cols, values: concatGrowable(a.values, b.values) };
    },
    validateState(state: unknown): asserts state is DivergenceState {
      // A divergence is infinite where q = 0 < p, NaN for an all-zero row (0/0), and may be
      // negative for log-inputs that are not normalised (torchmetrics' formula): any number.
      checkState(meta.id, state, { cols: field.count(), values: field.growable(Float64Array, "any") });
      const s = state as DivergenceState;
      stateInvariant(
        meta.id,
        s.cols > 0 || s.values.length === 0,
        "state.cols must be positive once rows were seen",
      );
    },
    compute(state) {
      assertSeen(state.values.length, fn);
      const values = filled(state.values);
      return reduceValues(values, reduction) as DivergenceResult<O>;
    },
  };
}

/** Divides a row by its sum (torchmetrics' renormalisation of probability inputs). */
export function normalizeRow(row: Float64Array): Float64Array {
  let s = 0;
  for (const v of row) s += v;
  const out = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) out[i] = row[i]! / s;
  return out;
}

/** KL(p || q) of two probability rows, `sum p log(p / q)` with 0 log 0 = 0. */
export function klRow(p: Float64Array, q: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] !== 0) s += p[i]! * Math.log(p[i]! / q[i]!);
  return s;
}
