import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import {
  addExactSums,
  bigSqrtRatioToNumber,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
} from "../../core/exact-sum.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { assertSeen, type PairArgs, type RegressionInput, readPair } from "./input.js";
import { addExactProducts } from "./moments.js";
import { reduceValues } from "./multioutput.js";

export const cosineSimilarityMeta: MetricMeta = {
  id: "regression/cosine_similarity",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** Reduction over rows of matrix input (torchmetrics' `reduction`). */
export type CosineReduction = "sum" | "mean" | "none";

/** Options of {@link cosineSimilarity}. */
export interface CosineSimilarityOptions {
  /** Default `"sum"` (torchmetrics 1.9.0); a vector input has one row, so this does not matter for it. */
  readonly reduction?: CosineReduction;
}

const COSINE_OPTIONS = optionNames<CosineSimilarityOptions>()("reduction");

/**
 * State: for vector input, exact sums of the products p·t, p² and t² (one cosine over all
 * elements seen, the same bits for any split); for matrix input, the cosine of each row.
 */
export interface CosineState {
  mode: "unset" | "vector" | "rows";
  /** Exact sums Σpt, Σp², Σt² (core/exact-sum.ts). */
  sums: Float64Array;
  rows: GrowableFloat64;
}

/** Result type: `number[]` (one per row) for `reduction: "none"`, else a number. */
export type CosineResult<O> = O extends { reduction: "none" } ? number[] : number;

/**
 * Cosine similarity `x·y / (|x| |y|)`. A vector pair gives one value (its state is three sums, so
 * batches stream); a matrix pair gives one value per row, reduced by `reduction`. Matches
 * torchmetrics 1.9.0 `cosine_similarity` (positive, not negated as Keras' loss is). A zero
 * vector gives NaN (0/0), as in torchmetrics.
 */
export function cosineSimilarityDef<O extends CosineSimilarityOptions>(
  options: O = {} as O,
): MetricDef<CosineState, PairArgs, CosineResult<O>> {
  const fn = "cosineSimilarity";
  const o = readOptions<CosineSimilarityOptions>(fn, options, COSINE_OPTIONS);
  const reduction = optOneOf(fn, "reduction", o.reduction, ["sum", "mean", "none"] as const, "sum");
  return {
    id: cosineSimilarityMeta.id,
    meta: cosineSimilarityMeta,
    options: { reduction },
    init: () => ({ mode: "unset", sums: exactSums(3), rows: growableFloat64() }),
    update(state, preds, target) {
      const batch = readPair(fn, preds, target);
      if (batch.rows === 0) return;
      const mode = batch.vector ? "vector" : "rows";
      if (state.mode !== "unset" && state.mode !== mode) {
        fail(
          "shape_mismatch",
          `${fn}: every batch must be ${state.mode === "vector" ? "a vector" : "a matrix"}, got ${mode === "vector" ? "a vector" : "a matrix"}`,
        );
      }
      state.mode = mode;
      const { preds: p, target: t, cols } = batch;
      if (mode === "vector") {
        const sums = [0, 1, 2].map((k) => new ExactSum(state.sums, k));
        addExactProducts(sums[0]!, p, t, 0, p.length);
        addExactProducts(sums[1]!, p, p, 0, p.length);
        addExactProducts(sums[2]!, t, t, 0, p.length);
        for (const sum of sums) sum.finish();
        return;
      }
      const values = new Float64Array(batch.rows);
      for (let r = 0; r < batch.rows; r++) {
        let dot = 0;
        let pp = 0;
        let tt = 0;
        for (let i = r * cols; i < (r + 1) * cols; i++) {
          dot += p[i]! * t[i]!;
          pp += p[i]! * p[i]!;
          tt += t[i]! * t[i]!;
        }
        values[r] = dot / (Math.sqrt(pp) * Math.sqrt(tt));
      }
      append(state.rows, values);
    },
    merge(a, b) {
      if (a.mode !== "unset" && b.mode !== "unset" && a.mode !== b.mode) {
        fail("shape_mismatch", `${fn}: cannot merge a vector state with a matrix state`);
      }
      return {
        mode: a.mode === "unset" ? b.mode : a.mode,
        sums: addExactSums(a.sums, b.sums),
        rows: concatGrowable(a.rows, b.rows),
      };
    },
    validateState(state: unknown): asserts state is CosineState {
      const id = cosineSimilarityMeta.id;
      checkState(id, state, {
        mode: field.string(["unset", "vector", "rows"]),
        sums: exactSumsShape(3),
        // A row of zeros has no direction: its cosine is NaN (0 / 0), as in torchmetrics.
        rows: field.growable(Float64Array, {
          test: (v) => Number.isNaN(v) || (v >= -1 - 1e-12 && v <= 1 + 1e-12),
          words: "cosines in [-1, 1] or NaN",
        }),
      });
      const s = state as CosineState;
      stateInvariant(
        id,
        s.mode === "rows" || s.rows.length === 0,
        `state.rows must be empty in mode ${s.mode}`,
      );
    },
    compute(state) {
      assertSeen(state.mode === "unset" ? 0 : 1, fn);
      if (state.mode === "vector") {
        // dot / sqrt(pp tt) from the exact sums: sign(dot) sqrt(dot² / (pp tt)), rounded once.
        const [dot, pp, tt] = [0, 1, 2].map((k) => exactBigInt(state.sums, k)) as [bigint, bigint, bigint];
        const value = pp === 0n || tt === 0n ? Number.NaN : bigSqrtRatioToNumber(dot * dot, pp * tt);
        const cosine = dot < 0n ? -value : value;
        return (reduction === "none" ? [cosine] : cosine) as CosineResult<O>;
      }
      return reduceValues(filled(state.rows), reduction) as CosineResult<O>;
    },
  };
}

/**
 * Cosine similarity between `preds` and `target`.
 * @example cosineSimilarity([1, 0], [1, 1]) // 1 / sqrt(2) = 0.7071...
 */
export function cosineSimilarity<O extends CosineSimilarityOptions>(
  preds: RegressionInput,
  target: RegressionInput,
  options: O = {} as O,
): CosineResult<O> {
  return runOnce(cosineSimilarityDef(options), preds, target);
}
