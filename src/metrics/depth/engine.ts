import type { CatalogEntry } from "../../catalog/types.js";
import { describeValue, fail } from "../../core/errors.js";
import { type OptionRecord, optBoolean, optionNames, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import type { MetricDef } from "../../metric.js";
import { assertSameShape, type TensorInput, toTensor } from "../image/tensor.js";

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
 * State of the depth metrics: Neumaier-compensated sums of per-pixel terms and the exact count
 * of valid pixels. O(terms), mergeable.
 */
export interface DepthState {
  count: number;
  sums: number[];
  compensations: number[];
}

/** How one depth metric turns a valid pixel into per-pixel terms and the sums into its value. */
export interface DepthSpec {
  readonly meta: CatalogEntry;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly terms: number;
  /** Adds the terms of one valid pixel (pred > 0, target > 0) into `out`. */
  readonly term: (pred: number, target: number, out: number[]) => void;
  readonly finalize: (sums: readonly number[], count: number) => number;
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
    init: () => ({
      count: 0,
      sums: new Array(spec.terms).fill(0),
      compensations: new Array(spec.terms).fill(0),
    }),
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
      const terms = new Array<number>(spec.terms);
      const sums = new Array<number>(spec.terms).fill(0);
      const comps = new Array<number>(spec.terms).fill(0);
      let count = 0;
      for (let i = 0; i < valid.length; i++) {
        if (!valid[i]) continue;
        terms.fill(0);
        spec.term(p.data[i]!, t.data[i]!, terms);
        for (let k = 0; k < spec.terms; k++) {
          const v = terms[k]!;
          const s = sums[k]!;
          const u = s + v;
          comps[k]! += Math.abs(s) >= Math.abs(v) ? s - u + v : v - u + s;
          sums[k] = u;
        }
        count++;
      }
      for (let k = 0; k < spec.terms; k++) addInto(state, k, sums[k]!, comps[k]!);
      state.count += count;
    },
    merge(a, b) {
      const out: DepthState = { count: a.count, sums: [...a.sums], compensations: [...a.compensations] };
      for (let k = 0; k < spec.terms; k++) addInto(out, k, b.sums[k]!, b.compensations[k]!);
      out.count += b.count;
      return out;
    },
    validateState(state: unknown): asserts state is DepthState {
      checkState(spec.meta.id, state, {
        count: field.count(),
        sums: field.array(field.number(), spec.terms),
        compensations: field.array(field.number(), spec.terms),
      });
    },
    compute(state) {
      if (state.count === 0) fail("empty_input", `${fn}: \`preds\` must not be empty, got 0 valid pixels`);
      return spec.finalize(
        state.sums.map((s, k) => s + state.compensations[k]!),
        state.count,
      );
    },
  };
}

function addInto(state: DepthState, k: number, value: number, comp: number): void {
  const s = state.sums[k]!;
  const u = s + value;
  state.compensations[k]! += (Math.abs(s) >= Math.abs(value) ? s - u + value : value - u + s) + comp;
  state.sums[k] = u;
}
