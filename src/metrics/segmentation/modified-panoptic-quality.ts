import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { LabelMapInput } from "./label-maps.js";
import { type PanopticQualityState, panopticAverages, panopticDef } from "./panoptic-quality.js";

/** Options of {@link modifiedPanopticQualityDef} (torchmetrics names). */
export interface ModifiedPanopticQualityOptions {
  readonly things: readonly number[];
  readonly stuffs: readonly number[];
  /** Map unknown prediction categories to VOID instead of raising (default false). */
  readonly allowUnknownPredsCategory?: boolean;
}

export const modifiedPanopticQualityMeta: MetricMeta = {
  id: "segmentation/modified_panoptic_quality",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

const FN = "modifiedPanopticQuality";
const MODIFIED_PQ_OPTIONS = optionNames<ModifiedPanopticQualityOptions>()(
  "things",
  "stuffs",
  "allowUnknownPredsCategory",
);

/**
 * Streaming modified panoptic quality (torchmetrics 1.9.0 `ModifiedPanopticQuality`): things as in
 * {@link panopticQualityDef}; for a stuff class every overlapping (prediction, target) pair adds
 * its IoU and every target segment counts once, with no false positives or negatives, so its PQ
 * is the mean IoU over the images where it is in the target. Inputs [batch, ...spatial, 2] of
 * (category, instance); the result is the mean over classes with TP + FP/2 + FN/2 > 0.
 * @example modifiedPanopticQuality(
 *   [[[0, 0], [0, 1], [6, 0], [7, 0], [0, 2], [1, 0]]],
 *   [[[0, 1], [0, 0], [6, 0], [7, 0], [6, 0], [255, 0]]],
 *   { things: [0, 1], stuffs: [6, 7] },
 * ) // 0.7667 (torchmetrics' doctest)
 */
export function modifiedPanopticQualityDef(
  options: ModifiedPanopticQualityOptions,
): MetricDef<PanopticQualityState, [preds: LabelMapInput, target: LabelMapInput], number> {
  const o = readOptions<ModifiedPanopticQualityOptions>(FN, options, MODIFIED_PQ_OPTIONS);
  return panopticDef(
    modifiedPanopticQualityMeta,
    FN,
    o,
    true,
    ({ things, stuffs, allowUnknown }) => ({ things, stuffs, allowUnknownPredsCategory: allowUnknown }),
    (state) => panopticAverages(state).average[0],
  );
}

/** One-shot form: `runOnce(modifiedPanopticQualityDef(options), preds, target)`. */
export function modifiedPanopticQuality(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: ModifiedPanopticQualityOptions,
): number {
  return runOnce(modifiedPanopticQualityDef(options), preds, target);
}
