import {
  append,
  compact,
  concatGrowable,
  filled,
  type GrowableFloat64,
  growableFloat64,
} from "../../core/buffer.js";
import { describeValue, fail } from "../../core/errors.js";
import { checkState, field, type ValueDomain } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import type { LabelMapInput } from "./label-maps.js";

/**
 * The definition shared by the per-image boundary metrics (Hausdorff distance, average surface
 * distance, boundary F1, normalized surface Dice): each update appends one value per image; the
 * result is their mean (`reduction: "mean"`, NaN values included, as MONAI's mean) or the list.
 */

/** State of a per-image metric: one value per image, in update order. */
export interface PerImageState {
  values: GrowableFloat64;
}

/** Reads `emptyValue` ("nan" default, "inf", or a number that is not NaN): a metric's value for an image with an empty mask. */
export function readEmptyValue(fn: string, value: unknown): number {
  if (value === undefined || value === "nan") return Number.NaN;
  if (value === "inf") return Number.POSITIVE_INFINITY;
  if (typeof value === "number" && !Number.isNaN(value)) return value;
  return fail(
    "invalid_option",
    `${fn}: option \`emptyValue\` must be "nan", "inf" or a number, got ${describeValue(value)}`,
  );
}

/**
 * A per-image definition: `perImage(preds, target)` gives one value per image of a batch, each
 * in `domain` (checked again on decoded states).
 */
export function perImageDef<O extends Record<string, unknown>>(
  meta: MetricMeta,
  options: O,
  reduction: "mean" | "none",
  domain: ValueDomain,
  perImage: (preds: LabelMapInput, target: LabelMapInput) => number[],
): MetricDef<PerImageState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  return {
    id: meta.id,
    meta,
    options,
    init: () => ({ values: growableFloat64() }),
    update(state, preds, target) {
      append(state.values, perImage(preds, target));
    },
    merge: (a, b) => ({ values: concatGrowable(compact(a.values), compact(b.values)) }),
    compute(state) {
      const v = filled(state.values);
      if (reduction === "none") return Array.from(v);
      if (v.length === 0) return Number.NaN;
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i]!;
      return s / v.length;
    },
    validateState(state: unknown): asserts state is PerImageState {
      checkState(meta.id, state, { values: field.growable(Float64Array, domain) });
    },
  };
}

/** The values a distance may take: non-negative, +Infinity or NaN, or the chosen `emptyValue`. */
export function distanceDomain(empty: number): ValueDomain {
  return {
    test: (v) => Number.isNaN(v) || v >= 0 || v === empty,
    words: `non-negative distances, NaN or the emptyValue ${empty}`,
  };
}
