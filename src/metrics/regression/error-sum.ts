import type { CatalogEntry } from "../../catalog/types.js";
import type { MetricDef } from "../../metric.js";
import { assertColumns, assertSeen, assertVector, type PairArgs, type PairBatch, readPair } from "./input.js";
import { reduceOutputs } from "./multioutput.js";
import { checkCount, checkFloat64, checkRecord } from "./state-checks.js";

/**
 * The shared engine of the regression metrics that are functions of per-element sums
 * (MSE, MAE, MAPE, MSLE, pinball, Tweedie deviance, log-cosh, Minkowski, WMAPE...).
 *
 * State: for each of `terms` sums and each output column, a Neumaier-compensated accumulator
 * (`sums` + `compensations`, index `term * cols + col`) and the exact row count. Memory O(terms * k),
 * update O(n) in chunks, merge O(terms * k). JSON-safe (typed arrays go through the codec).
 */
export interface SumState {
  cols: number;
  count: number;
  sums: Float64Array;
  compensations: Float64Array;
}

/** How one sum-based regression metric fills its per-element terms and finalizes one output. */
export interface SumSpec {
  readonly id: string;
  readonly meta: CatalogEntry;
  /** Function name used in error messages. */
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Number of sums per output. */
  readonly terms: number;
  /** Domain checks on a whole batch (run before any state change). */
  readonly check?: (batch: PairBatch) => void;
  /** Writes the per-element terms of `preds`/`target` (same length) into `out[term]`. */
  readonly fill: (preds: Float64Array, target: Float64Array, out: Float64Array[]) => void;
  /** The metric of one output from its sums and the row count. */
  readonly finalize: (sums: readonly number[], count: number) => number;
  readonly multioutput: string;
  readonly vectorOnly?: boolean;
}

const CHUNK = 1 << 16;

function addCompensated(
  sums: Float64Array,
  comps: Float64Array,
  index: number,
  value: number,
  valueComp: number,
): void {
  const s = sums[index]!;
  const t = s + value;
  comps[index]! += (Math.abs(s) >= Math.abs(value) ? s - t + value : value - t + s) + valueComp;
  sums[index] = t;
}

/** Builds a MetricDef from a {@link SumSpec}. */
export function sumMetricDef<Result>(spec: SumSpec): MetricDef<SumState, PairArgs, Result> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: spec.options,
    init: () => ({ cols: 0, count: 0, sums: new Float64Array(0), compensations: new Float64Array(0) }),
    update(state, preds, target) {
      const batch = readPair(spec.fn, preds, target);
      if (spec.vectorOnly) assertVector(batch, spec.fn);
      if (batch.rows === 0) return;
      assertColumns(state.cols, batch.cols, spec.fn);
      spec.check?.(batch);
      const { cols, rows } = batch;
      if (state.cols === 0) {
        state.cols = cols;
        state.sums = new Float64Array(spec.terms * cols);
        state.compensations = new Float64Array(spec.terms * cols);
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
        );
        for (let k = 0; k < spec.terms; k++) {
          const values = out[k]!;
          for (let c = 0; c < cols; c++) {
            let sum = 0;
            let comp = 0;
            for (let i = c; i < len; i += cols) {
              const v = values[i]!;
              const t = sum + v;
              comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
              sum = t;
            }
            addCompensated(state.sums, state.compensations, k * cols + c, sum, comp);
          }
        }
      }
      state.count += rows;
    },
    merge(a, b) {
      if (a.cols === 0) return cloneSum(b);
      if (b.cols === 0) return cloneSum(a);
      assertColumns(a.cols, b.cols, spec.fn);
      const out = cloneSum(a);
      for (let i = 0; i < out.sums.length; i++)
        addCompensated(out.sums, out.compensations, i, b.sums[i]!, b.compensations[i]!);
      out.count += b.count;
      return out;
    },
    validateState(state: unknown): asserts state is SumState {
      const r = checkRecord(state, spec.id);
      const cols = checkCount(r, "cols", spec.id);
      checkCount(r, "count", spec.id);
      checkFloat64(r, "sums", spec.id, spec.terms * cols);
      checkFloat64(r, "compensations", spec.id, spec.terms * cols);
    },
    compute(state) {
      assertSeen(state.count, spec.fn);
      const values: number[] = [];
      const sums = new Array<number>(spec.terms);
      for (let c = 0; c < state.cols; c++) {
        for (let k = 0; k < spec.terms; k++)
          sums[k] = state.sums[k * state.cols + c]! + state.compensations[k * state.cols + c]!;
        values.push(spec.finalize(sums, state.count));
      }
      return reduceOutputs(values, spec.multioutput) as Result;
    },
  };
}

function cloneSum(s: SumState): SumState {
  return { cols: s.cols, count: s.count, sums: s.sums.slice(), compensations: s.compensations.slice() };
}
