import { fail } from "../../core/errors.js";
import {
  addToCells,
  cellToNumber,
  type ExactCells,
  emptyExactCells,
  exactCellsShape,
  mergeExactCells,
} from "../../core/exact-cells.js";
import { optBoolean, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { checkState, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { classCounts, type InputFormat, readClassOptions } from "./class-counts.js";
import {
  addArrayFields,
  assertClassLabels,
  assertSameShape,
  float64Field,
  type LabelMapInput,
  readLabelMaps,
} from "./label-maps.js";

/**
 * Mean intersection over union for semantic segmentation, in its two common definitions:
 * - `reduction: "dataset"` (default): IoU per class from the confusion matrix accumulated over
 *   every pixel of every image (mmsegmentation, Cityscapes), mean over classes present in
 *   prediction or target;
 * - `reduction: "per-image"`: torchmetrics 1.9 `MeanIoU`: IoU per image and class, averaged over
 *   the (image, class) pairs whose union is non-empty.
 * Per-class results report -1 for a class absent from both prediction and target (torchmetrics
 * convention).
 */

/** Options of {@link meanIouDef}. */
export interface MeanIouOptions {
  readonly numClasses: number;
  /** Keep class 0 (default true, torchmetrics). */
  readonly includeBackground?: boolean;
  /** Return one IoU per class (default false). */
  readonly perClass?: boolean;
  /** Target pixels with this label are left out. */
  readonly ignoreIndex?: number;
  /** "dataset" (default, confusion matrix) or "per-image" (torchmetrics MeanIoU). */
  readonly reduction?: "dataset" | "per-image";
  /** "index" (default): integer label maps [N, ...]; "one-hot": masks [N, C, ...] (torchmetrics' default format). */
  readonly inputFormat?: InputFormat;
}

const MEAN_IOU_OPTIONS = optionNames<MeanIouOptions>()(
  "numClasses",
  "includeBackground",
  "perClass",
  "ignoreIndex",
  "reduction",
  "inputFormat",
);

/** State: the confusion matrix (rows target, columns prediction) and per-image IoU sums and counts per class. */
export interface MeanIouState {
  /** C x C confusion matrix (index inputs only; FW IoU reads it). */
  confusion: Float64Array;
  /** Per class, summed over all images: |P ∩ T| and |P ∪ T|. */
  intersection: Float64Array;
  union: Float64Array;
  /** Per class, the sum of per-image IoUs, kept exactly (`core/exact-cells.ts`; issue 13 §3). */
  imageIouSum: ExactCells;
  imageCount: Float64Array;
}

export const meanIouMeta: MetricMeta = {
  id: "segmentation/mean_iou",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

const FN = "meanIou";

/** Adds a batch to a confusion matrix and per-image IoU sums (shared by mean IoU and FW IoU). */
export function accumulateConfusion(
  state: MeanIouState,
  preds: LabelMapInput,
  target: LabelMapInput,
  numClasses: number,
  ignoreIndex: number | undefined,
  fn: string,
): void {
  const p = readLabelMaps(preds, fn, "preds");
  const t = readLabelMaps(target, fn, "target");
  assertSameShape(p, t, fn);
  assertClassLabels(t, numClasses, fn, "target", ignoreIndex);
  assertClassLabels(p, numClasses, fn, "preds", ignoreIndex);
  const C = numClasses;
  const local = new Float64Array(C * C);
  const ious = new Float64Array(p.images * C).fill(Number.NaN);
  for (let img = 0; img < p.images; img++) {
    local.fill(0);
    const start = img * p.pixels;
    for (let i = start; i < start + p.pixels; i++) {
      const tv = t.data[i]!;
      if (tv === ignoreIndex) continue;
      const pv = p.data[i]!;
      if (pv === ignoreIndex)
        fail(
          "invalid_value",
          `${fn}: \`preds\` has ignoreIndex ${ignoreIndex} at index ${i} where the target is a class`,
        );
      local[tv * C + pv]!++;
    }
    for (let c = 0; c < C; c++) {
      let rowSum = 0;
      let colSum = 0;
      for (let k = 0; k < C; k++) {
        rowSum += local[c * C + k]!;
        colSum += local[k * C + c]!;
      }
      const inter = local[c * C + c]!;
      const union = rowSum + colSum - inter;
      state.intersection[c]! += inter;
      state.union[c]! += union;
      if (union > 0) {
        ious[img * C + c] = inter / union;
        state.imageCount[c]!++;
      }
    }
    for (let k = 0; k < C * C; k++) state.confusion[k]! += local[k]!;
  }
  addImageIous(state, ious, C);
}

/** Adds per-image IoUs (`images × C`, NaN where the union is empty) to the exact per-class sums. */
function addImageIous(state: MeanIouState, ious: Float64Array, C: number): void {
  const cellOf = new Int32Array(ious.length);
  for (let i = 0; i < ious.length; i++) cellOf[i] = Number.isNaN(ious[i]!) ? -1 : i % C;
  state.imageIouSum = addToCells(state.imageIouSum, C, cellOf, ious);
}

/** Adds a batch of one-hot masks [N, C, ...] (per-class sums and per-image IoUs; no confusion matrix). */
function accumulateOneHot(
  state: MeanIouState,
  preds: LabelMapInput,
  target: LabelMapInput,
  numClasses: number,
  fn: string,
): void {
  const counts = classCounts(preds, target, numClasses, "one-hot", fn);
  const C = numClasses;
  const ious = new Float64Array(counts.images * C).fill(Number.NaN);
  for (let n = 0; n < counts.images; n++) {
    for (let c = 0; c < C; c++) {
      const k = n * C + c;
      const inter = counts.intersection[k]!;
      const union = counts.predSum[k]! + counts.targetSum[k]! - inter;
      state.intersection[c]! += inter;
      state.union[c]! += union;
      if (union > 0) {
        ious[k] = inter / union;
        state.imageCount[c]!++;
      }
    }
  }
  addImageIous(state, ious, C);
}

/** Per-class IoU from a confusion matrix; -1 where the union is empty. */
export function confusionIou(confusion: Float64Array, C: number): Float64Array {
  const out = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let rowSum = 0;
    let colSum = 0;
    for (let k = 0; k < C; k++) {
      rowSum += confusion[c * C + k]!;
      colSum += confusion[k * C + c]!;
    }
    const inter = confusion[c * C + c]!;
    const union = rowSum + colSum - inter;
    out[c] = union > 0 ? inter / union : -1;
  }
  return out;
}

/** Fresh state for `numClasses` classes. */
export function emptyConfusionState(C: number): MeanIouState {
  return {
    confusion: new Float64Array(C * C),
    intersection: new Float64Array(C),
    union: new Float64Array(C),
    imageIouSum: emptyExactCells(),
    imageCount: new Float64Array(C),
  };
}

/** Merges two confusion states. */
export function mergeConfusionStates(a: MeanIouState, b: MeanIouState): MeanIouState {
  const C = a.intersection.length;
  const { imageIouSum: x, ...countsA } = a;
  const { imageIouSum: y, ...countsB } = b;
  return { ...addArrayFields(countsA, countsB), imageIouSum: mergeExactCells(x, y, C) };
}

/** Bytes a confusion state and one update hold for C classes (two C x C matrices, 8 vectors). */
export function confusionBytes(C: number): number {
  return 16 * C * C + 64 * C;
}

/**
 * Checks a decoded confusion state for C classes: exact counts, per-class intersections within
 * their unions, per-image IoU sums within their image counts.
 */
export function validateConfusionState(id: string, state: unknown, C: number): asserts state is MeanIouState {
  checkState(id, state, {
    confusion: float64Field(C * C, "count"),
    intersection: float64Field(C, "count"),
    union: float64Field(C, "count"),
    imageIouSum: exactCellsShape(C),
    imageCount: float64Field(C, "count"),
  });
  const s = state as MeanIouState;
  for (let c = 0; c < C; c++) {
    stateInvariant(
      id,
      s.intersection[c]! <= s.union[c]!,
      `state.intersection[${c}] (${s.intersection[c]}) exceeds state.union[${c}] (${s.union[c]})`,
    );
    const sum = cellToNumber(s.imageIouSum, C, c);
    stateInvariant(
      id,
      sum <= s.imageCount[c]!,
      `state.imageIouSum cell ${c} (${sum}) exceeds state.imageCount[${c}] (${s.imageCount[c]})`,
    );
  }
}

/**
 * Streaming mean IoU. `update(state, preds, target)` takes integer label maps [N, H, W] (or
 * [H, W]); the state is the C x C confusion matrix plus per-image IoU sums. Result: a number, or
 * one IoU per kept class when `perClass` (-1 for absent classes). With no valid class the mean is
 * NaN. "per-image" matches torchmetrics 1.9.0 `MeanIoU(input_format="index")`. O(pixels + N·C²).
 * @example meanIou([[0, 1], [1, 1]], [[0, 1], [0, 1]], { numClasses: 2 }) // classes 0: 1/2, 1: 2/3 → 7/12
 */
export function meanIouDef(
  options: MeanIouOptions,
): MetricDef<MeanIouState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<MeanIouOptions>(FN, options, MEAN_IOU_OPTIONS);
  const {
    numClasses: C,
    includeBackground,
    inputFormat,
    ignoreIndex,
  } = readClassOptions(o, FN, confusionBytes);
  const perClass = optBoolean(FN, "perClass", o.perClass, false);
  const reduction = optOneOf(FN, "reduction", o.reduction, ["dataset", "per-image"] as const, "dataset");
  return {
    id: meanIouMeta.id,
    meta: meanIouMeta,
    options: {
      numClasses: C,
      includeBackground,
      perClass,
      ...(ignoreIndex !== undefined ? { ignoreIndex } : {}),
      reduction,
      inputFormat,
    },
    init: () => emptyConfusionState(C),
    update(state, preds, target) {
      const scratch = emptyConfusionState(C);
      if (inputFormat === "one-hot") accumulateOneHot(scratch, preds, target, C, FN);
      else accumulateConfusion(scratch, preds, target, C, ignoreIndex, FN);
      Object.assign(state, mergeConfusionStates(state, scratch));
    },
    merge: mergeConfusionStates,
    compute(state) {
      const first = includeBackground ? 0 : 1;
      if (reduction === "dataset") {
        const iou = Array.from(state.intersection, (inter, c) =>
          state.union[c]! > 0 ? inter / state.union[c]! : -1,
        ).slice(first);
        if (perClass) return iou;
        const valid = iou.filter((v) => v >= 0);
        return valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : Number.NaN;
      }
      const sums = Array.from({ length: C }, (_, c) => cellToNumber(state.imageIouSum, C, c)).slice(first);
      const counts = Array.from(state.imageCount).slice(first);
      if (perClass) return sums.map((s, c) => (counts[c]! > 0 ? s / counts[c]! : -1));
      const total = counts.reduce((a, b) => a + b, 0);
      return total > 0 ? sums.reduce((a, b) => a + b, 0) / total : Number.NaN;
    },
    validateState(state: unknown): asserts state is MeanIouState {
      validateConfusionState(meanIouMeta.id, state, C);
    },
  };
}

/** One-shot mean IoU: `runOnce(meanIouDef(options), preds, target)`. */
export function meanIou(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: MeanIouOptions,
): number | number[] {
  return runOnce(meanIouDef(options), preds, target);
}
