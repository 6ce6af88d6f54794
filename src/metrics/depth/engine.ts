import type { CatalogEntry } from "../../catalog/types.js";
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
import { type OptionRecord, optBoolean, optionNames, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import type { MetricDef } from "../../metric.js";
import { assertSameShape, type TensorInput, toTensor } from "../image/tensor.js";
import type { SumView } from "../regression/error-sum.js";

/** The arguments of every depth metric: predicted and ground-truth depth maps of the same shape (any rank). */
export type DepthArgs = [preds: TensorInput, target: TensorInput];

/** Options shared by the depth metrics. */
export interface DepthOptions {
  /**
   * Skip pixels whose target is not a positive finite number (missing ground truth, as in KITTI's
   * sparse depth, where 0 means "no measurement"). Default false: such a pixel is an error.
   */
  readonly ignoreInvalidTarget?: boolean;
}

/**
 * State of the depth metrics: exact sums of per-pixel terms (core/exact-sum.ts) and the count of
 * valid pixels. O(terms), mergeable, the same bits for any split and merge order.
 */
export interface DepthState {
  count: number;
  sums: Float64Array;
}

/** How one depth metric turns a valid pixel into per-pixel terms and the sums into its value. */
export interface DepthSpec {
  readonly meta: CatalogEntry;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly terms: number;
  /** Adds the terms of one valid pixel (pred > 0, target > 0) into `out`. */
  /**
   * Writes the terms of one valid pixel into `out`; a term float64 cannot hold (an overflowing
   * square) is added exactly to `spill(k)` instead, with 0 written as its float64 term.
   */
  readonly term: (pred: number, target: number, out: number[], spill: (k: number) => ExactSum) => void;
  /** The value from the exact sums (each rounded once), the count, and the exact view. */
  readonly finalize: (sums: readonly number[], count: number, exact: SumView) => number;
}

/** The declared option names of {@link DepthOptions}. */
export const DEPTH_OPTIONS = optionNames<DepthOptions>()("ignoreInvalidTarget");

/**
 * Reads a depth metric's options strictly against `names` (the shared ones plus the metric's own)
 * and parses the shared ones; returns the record for the metric's own parsers.
 */
export function readDepthOptions<O extends DepthOptions>(
  fn: string,
  options: unknown,
  names: readonly string[] = DEPTH_OPTIONS,
): { o: OptionRecord<O>; ignoreInvalidTarget: boolean } {
  const o = readOptions<O>(fn, options, names);
  return { o, ignoreInvalidTarget: optBoolean(fn, "ignoreInvalidTarget", o.ignoreInvalidTarget, false) };
}

/** Builds a depth MetricDef: validates the whole batch, then folds per-pixel terms into compensated sums. */
export function depthDef(
  spec: DepthSpec,
  ignoreInvalidTarget: boolean,
): MetricDef<DepthState, DepthArgs, number> {
  const { fn } = spec;
  return {
    id: spec.meta.id,
    meta: spec.meta,
    options: { ...spec.options, ignoreInvalidTarget },
    init: () => ({ count: 0, sums: exactSums(spec.terms) }),
    update(state, preds, target) {
      const p = toTensor(preds, fn, "preds");
      const t = toTensor(target, fn, "target");
      assertSameShape(p, t, fn, "preds", "target");
      const valid = new Uint8Array(p.data.length);
      for (let i = 0; i < p.data.length; i++) {
        const tv = t.data[i]!;
        if (!(tv > 0 && tv < Number.POSITIVE_INFINITY)) {
          if (ignoreInvalidTarget) continue;
          fail(
            "invalid_value",
            `${fn}: \`target\` must be positive and finite, got ${describeValue(tv)} at flat index ${i}`,
          );
        }
        const pv = p.data[i]!;
        if (!(pv > 0 && pv < Number.POSITIVE_INFINITY)) {
          fail(
            "invalid_value",
            `${fn}: \`preds\` must be positive and finite, got ${describeValue(pv)} at flat index ${i}`,
          );
        }
        valid[i] = 1;
      }
      let count = 0;
      for (let i = 0; i < valid.length; i++) count += valid[i]!;
      const values = Array.from({ length: spec.terms }, () => new Float64Array(count));
      const sums = state.sums.slice();
      const exact = Array.from({ length: spec.terms }, (_, j) => new ExactSum(sums, j));
      const spill = (k: number) => exact[k]!;
      const terms = new Array<number>(spec.terms);
      let k = 0;
      for (let i = 0; i < valid.length; i++) {
        if (!valid[i]) continue;
        terms.fill(0);
        spec.term(p.data[i]!, t.data[i]!, terms, spill);
        for (let j = 0; j < spec.terms; j++) {
          const v = terms[j]!;
          if (v - v !== 0)
            fail(
              "invalid_value",
              `${fn}: a per-pixel term is not finite (${describeValue(v)}) at flat index ${i}: the depths are too large for this metric in float64`,
            );
          values[j]![k] = v;
        }
        k++;
      }
      for (let j = 0; j < spec.terms; j++) {
        exact[j]!.addRun(values[j]!, 0, count);
        exact[j]!.finish();
      }
      state.sums = sums;
      state.count += count;
    },
    merge: (a, b) => ({ count: a.count + b.count, sums: addExactSums(a.sums, b.sums) }),
    validateState(state: unknown): asserts state is DepthState {
      checkState(spec.meta.id, state, {
        count: field.count(),
        sums: exactSumsShape(spec.terms),
      });
    },
    compute(state) {
      if (state.count === 0) fail("empty_input", `${fn}: \`preds\` must not be empty, got 0 valid pixels`);
      const n = BigInt(state.count);
      const view: SumView = {
        count: state.count,
        mean: (k) => bigRatioToNumber(exactBigInt(state.sums, k), n, EXACT_BASE),
        rootMean: (k) => bigSqrtRatioToNumber(exactBigInt(state.sums, k), n, EXACT_BASE),
        ratio: (k, j) => bigRatioToNumber(exactBigInt(state.sums, k), exactBigInt(state.sums, j)),
      };
      const numbers = Array.from({ length: spec.terms }, (_, k) => exactToNumber(state.sums, k));
      return spec.finalize(numbers, state.count, view);
    },
  };
}
