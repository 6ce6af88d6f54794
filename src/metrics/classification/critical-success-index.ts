import { readNdArray } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, readOptions, required } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { assertSeen, safeDivide } from "./input.js";
import { assertSameShape, type NdInput } from "./ndarray.js";

export const criticalSuccessIndexMeta: MetricMeta = {
  id: "classification/critical_success_index",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

export interface CriticalSuccessIndexOptions {
  /** Values at or above it (in `preds` and `target`) are events. Required. */
  threshold: number;
  /** Score each index of this dimension separately (a sequence of images); default: one score. */
  keepSequenceDim?: number;
}
const CSI_OPTIONS = /* @__PURE__ */ optionNames<CriticalSuccessIndexOptions>()(
  "threshold",
  "keepSequenceDim",
);

/** `[hits, misses, falseAlarms]` per kept index (or once); empty until the first batch fixes the sequence length. */
export interface CsiState {
  counts: Float64Array;
}

/**
 * The critical success index of thresholded fields: an element is an event where its value is
 * at least `threshold`; hits are events in both, misses in `target` only, false alarms in
 * `preds` only; CSI = hits / (hits + misses + false alarms), 0 when nothing is an event. With
 * `keepSequenceDim`, one CSI per index of that dimension. Matches torchmetrics 1.9.0
 * `critical_success_index`. O(n).
 */
export function criticalSuccessIndexDef(
  options: CriticalSuccessIndexOptions,
): MetricDef<CsiState, [preds: NdInput, target: NdInput], number | number[]> {
  const fn = "criticalSuccessIndex";
  const id = "classification/critical_success_index";
  const o = readOptions<CriticalSuccessIndexOptions>(fn, options, CSI_OPTIONS);
  const threshold = required(fn, "threshold", optNumber(fn, "threshold", o.threshold, undefined));
  const keep = optInteger(fn, "keepSequenceDim", o.keepSequenceDim, undefined, { min: 0 });
  return {
    id,
    meta: criticalSuccessIndexMeta,
    options: { ...o },
    init: () => ({ counts: new Float64Array(keep === undefined ? 3 : 0) }),
    update(state, preds, target) {
      const p = readNdArray(preds, fn, "preds");
      const t = readNdArray(target, fn, "target");
      assertSameShape(p.shape, t.shape, fn, "preds", "target");
      if (keep !== undefined && keep >= p.shape.length)
        fail(
          "invalid_option",
          `${fn}: option \`keepSequenceDim\` (${keep}) must be a dimension of \`preds\` (rank ${p.shape.length})`,
        );
      const S = keep === undefined ? 1 : p.shape[keep]!;
      if (keep !== undefined && state.counts.length > 0 && state.counts.length !== 3 * S)
        fail(
          "shape_mismatch",
          `${fn}: the kept dimension has ${S} indices, earlier batches had ${state.counts.length / 3}`,
        );
      const inner = keep === undefined ? 1 : p.shape.slice(keep + 1).reduce((a, b) => a * b, 1);
      const local = new Float64Array(3 * S);
      for (let i = 0; i < p.data.length; i++) {
        const pv = p.data[i]!;
        const tv = t.data[i]!;
        if (!Number.isFinite(pv) || !Number.isFinite(tv))
          fail(
            "invalid_value",
            `${fn}: \`preds\` and \`target\` must be finite, got ${describeValue(pv)}, ${describeValue(tv)} at index ${i}`,
          );
        const s = keep === undefined ? 0 : Math.floor(i / inner) % S;
        const pe = pv >= threshold;
        const te = tv >= threshold;
        if (pe && te) local[3 * s]++;
        else if (te) local[3 * s + 1]++;
        else if (pe) local[3 * s + 2]++;
      }
      if (state.counts.length === 0) state.counts = local;
      else for (let k = 0; k < local.length; k++) state.counts[k] += local[k]!;
    },
    merge: (a, b) => {
      if (a.counts.length === 0) return { counts: b.counts.slice() };
      if (b.counts.length === 0) return { counts: a.counts.slice() };
      if (a.counts.length !== b.counts.length)
        fail(
          "invalid_state",
          `${id}: cannot merge states of ${a.counts.length / 3} and ${b.counts.length / 3} kept indices`,
        );
      return { counts: a.counts.map((v, k) => v + b.counts[k]!) };
    },
    compute: (state) => {
      if (state.counts.length === 0) assertSeen(0, fn);
      const scores = Array.from({ length: state.counts.length / 3 }, (_, s) => {
        const [hits, misses, alarms] = [
          state.counts[3 * s]!,
          state.counts[3 * s + 1]!,
          state.counts[3 * s + 2]!,
        ];
        return safeDivide(hits, hits + misses + alarms);
      });
      return keep === undefined ? scores[0]! : scores;
    },
    validateState(state): asserts state is CsiState {
      checkState(id, state, { counts: field.typed(Float64Array, { values: "count" }) });
      const n = (state as CsiState).counts.length;
      stateInvariant(
        id,
        keep === undefined ? n === 3 : n % 3 === 0,
        `state.counts must hold [hits, misses, false alarms] triples, got ${n} counts`,
      );
    },
  };
}

/** One-shot {@link criticalSuccessIndexDef}: `(preds, target, options)`. */
export function criticalSuccessIndex(
  preds: NdInput,
  target: NdInput,
  options: CriticalSuccessIndexOptions,
): number | number[] {
  const def = criticalSuccessIndexDef(options);
  const state = def.init();
  def.update(state, preds, target);
  return def.compute(state);
}
