import { fail } from "../../core/errors.js";
import {
  addExactSums,
  bigLog,
  bigRatioToNumber,
  EXACT_BASE,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
} from "../../core/exact-sum.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { addExactSquare, squareIsSafe } from "../regression/exact-terms.js";
import { readDataRange } from "./options.js";
import type { ImagePairArgs } from "./per-image.js";
import { assertSameShape, assertTensorFinite, type TensorInput, toTensor } from "./tensor.js";

export const psnrMeta: MetricMeta = {
  id: "image/psnr",
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link psnr}. */
export interface PsnrOptions {
  /**
   * Value range R: a number, or `[min, max]` (inputs clamped to it). Undefined: inferred as
   * `max(target) - min(target)` over everything seen (torchmetrics 1.9.0).
   */
  readonly dataRange?: number | readonly [number, number];
  /** Logarithm base; default 10. */
  readonly base?: number;
}

/** State: the exact sum of squared errors (core/exact-sum.ts), element count, and the target's running min/max. */
export interface PsnrState {
  sse: Float64Array;
  count: number;
  minT: number;
  maxT: number;
}

/**
 * PSNR `10 log_base(R^2 / MSE)` with the MSE pooled over every element seen (torchmetrics 1.9.0
 * `peak_signal_noise_ratio` with `dim=None`; the mean of per-image PSNRs differs). Identical inputs
 * give Infinity. Inputs of any shape. State O(1).
 */
const PSNR_OPTIONS = optionNames<PsnrOptions>()("dataRange", "base");

export function psnrDef(options: PsnrOptions = {}): MetricDef<PsnrState, ImagePairArgs, number> {
  const fn = "psnr";
  const o = readOptions<PsnrOptions>(fn, options, PSNR_OPTIONS);
  const dataRange = readDataRange(fn, o.dataRange);
  const base = optNumber(fn, "base", o.base, 10, { min: 0, minExclusive: true });
  return {
    id: psnrMeta.id,
    meta: psnrMeta,
    options: { dataRange: dataRange ?? null, base },
    init: () => ({
      sse: exactSums(1),
      count: 0,
      minT: Number.POSITIVE_INFINITY,
      maxT: Number.NEGATIVE_INFINITY,
    }),
    update(state, preds, target) {
      const p = toTensor(preds, fn, "preds");
      const t = toTensor(target, fn, "target");
      assertSameShape(p, t, fn, "preds", "target");
      assertTensorFinite(p, fn, "preds");
      assertTensorFinite(t, fn, "target");
      const [lo, hi] = Array.isArray(dataRange)
        ? dataRange
        : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      let minT = state.minT;
      let maxT = state.maxT;
      const sse = state.sse.slice();
      const sum = new ExactSum(sse);
      const squares = new Float64Array(Math.min(p.data.length, 4096));
      for (let from = 0; from < p.data.length; from += squares.length) {
        const to = Math.min(p.data.length, from + squares.length);
        for (let i = from; i < to; i++) {
          const pv = Math.min(hi, Math.max(lo, p.data[i]!));
          const tv = Math.min(hi, Math.max(lo, t.data[i]!));
          if (tv < minT) minT = tv;
          if (tv > maxT) maxT = tv;
          const e = pv - tv;
          if (squareIsSafe(e)) squares[i - from] = e * e;
          else {
            addExactSquare(sum, pv, tv, e);
            squares[i - from] = 0;
          }
        }
        sum.addRun(squares, 0, to - from);
      }
      sum.finish();
      Object.assign(state, { sse, minT, maxT, count: state.count + p.data.length });
    },
    merge: (a, b) => ({
      sse: addExactSums(a.sse, b.sse),
      count: a.count + b.count,
      minT: Math.min(a.minT, b.minT),
      maxT: Math.max(a.maxT, b.maxT),
    }),
    validateState(state: unknown): asserts state is PsnrState {
      checkState(psnrMeta.id, state, {
        sse: exactSumsShape(1),
        count: field.count(),
        minT: field.number("any"),
        maxT: field.number("any"),
      });
      const s = state as PsnrState;
      stateInvariant(
        psnrMeta.id,
        s.count === 0 || (Number.isFinite(s.minT) && Number.isFinite(s.maxT) && s.minT <= s.maxT),
        "state.minT and state.maxT must be finite with minT <= maxT once values were seen",
      );
    },
    compute(state) {
      if (state.count === 0) fail("empty_input", `${fn}: \`preds\` must not be empty, got 0 elements`);
      const range =
        typeof dataRange === "number"
          ? dataRange
          : Array.isArray(dataRange)
            ? dataRange[1] - dataRange[0]
            : state.maxT - state.minT;
      // 10 log_base(R² / MSE) as 10 (2 ln R - ln SSE + ln n) / ln base, from the exact SSE: no
      // overflow or underflow at any scale; identical inputs give Infinity.
      const sse = exactBigInt(state.sse);
      if (sse === 0n) return range > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
      const ratio = range * range * bigRatioToNumber(BigInt(state.count), sse, -EXACT_BASE);
      const logRatio =
        ratio > 0 && ratio < Number.POSITIVE_INFINITY
          ? Math.log(ratio)
          : 2 * Math.log(range) - bigLog(sse, EXACT_BASE) + Math.log(state.count);
      return (10 * logRatio) / Math.log(base);
    },
  };
}

/**
 * PSNR of `preds` against `target`.
 * @example psnr([0, 0], [0, 1], { dataRange: 1 }) // 10 log10(1 / 0.5) = 3.0103
 */
export function psnr(preds: TensorInput, target: TensorInput, options: PsnrOptions = {}): number {
  return runOnce(psnrDef(options), preds, target);
}
