/**
 * The standard semantic-segmentation suite as one public collection (`metricCollection`): what
 * `plumbline eval segmentation` prints — pixel accuracy, mean IoU (over the classes present),
 * per-class IoU, frequency-weighted IoU, and Dice (torchmetrics' `DiceScore`, per image then
 * averaged; macro and per class) — over `(preds, target)` label maps with `numClasses` and an
 * optional `ignoreIndex`. Each member as its own definition computes it (torchmetrics 1.9.0; see
 * each); the IoU family shares one confusion matrix (a compute group), so the state is O(C²) plus
 * Dice's per-class sums, whatever the number of images. Mergeable, rebuilt by the registry as
 * `collection/metrics`.
 */
import { type CollectionState, metricCollection } from "../../collection/metric-collection.js";
import { optInteger, optionNames, readOptions, required } from "../../core/options.js";
import type { AnyMetricDef, MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import { diceScoreDef } from "./dice-score.js";
import { frequencyWeightedIouDef } from "./frequency-weighted-iou.js";
import type { LabelMapInput } from "./label-maps.js";
import { meanIouDef } from "./mean-iou.js";
import { pixelAccuracyDef } from "./pixel-accuracy.js";

export interface SegmentationSuiteOptions {
  /** Classes 0..numClasses-1 (required). */
  readonly numClasses: number;
  /** A target label left out of every member (VOC, Cityscapes and ADE20K use 255). */
  readonly ignoreIndex?: number;
}
const SUITE_OPTIONS = optionNames<SegmentationSuiteOptions>()("numClasses", "ignoreIndex");

/** The suite's results by member name. */
export interface SegmentationSuiteResult {
  readonly pixel_accuracy: number;
  readonly mean_iou: number;
  readonly iou_per_class: number[];
  readonly frequency_weighted_iou: number;
  readonly dice: number;
  readonly dice_per_class: number[];
}

/** The suite's members by name (what {@link segmentationSuiteDef} collects). */
export function segmentationSuiteMembers(
  options: SegmentationSuiteOptions,
): Record<keyof SegmentationSuiteResult, AnyMetricDef> {
  const fn = "segmentationSuite";
  const o = readOptions<SegmentationSuiteOptions>(fn, options, SUITE_OPTIONS);
  const numClasses = required(fn, "numClasses", o.numClasses);
  const ignoreIndex = optInteger(fn, "ignoreIndex", o.ignoreIndex, undefined);
  const ignore = ignoreIndex === undefined ? {} : { ignoreIndex };
  return {
    pixel_accuracy: pixelAccuracyDef(ignore),
    mean_iou: meanIouDef({ numClasses, ...ignore }),
    iou_per_class: meanIouDef({ numClasses, perClass: true, ...ignore }),
    frequency_weighted_iou: frequencyWeightedIouDef({ numClasses, ...ignore }),
    dice: diceScoreDef({ numClasses, ...ignore }),
    dice_per_class: diceScoreDef({ numClasses, average: "none", ...ignore }),
  };
}

/** The suite as one collection: `update(preds, target)` with label maps; see the module comment. */
export function segmentationSuiteDef(
  options: SegmentationSuiteOptions,
): MetricDef<CollectionState, [preds: LabelMapInput, target: LabelMapInput], SegmentationSuiteResult> {
  return metricCollection(segmentationSuiteMembers(options)) as never;
}

/**
 * One-shot {@link segmentationSuiteDef}: each member's value by name.
 * @example segmentationSuite([[0, 1]], [[0, 1]], { numClasses: 2 }).mean_iou // 1
 */
export function segmentationSuite(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: SegmentationSuiteOptions,
): SegmentationSuiteResult {
  return runOnce(segmentationSuiteDef(options), preds, target);
}
