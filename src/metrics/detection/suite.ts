/**
 * The standard detection suite as one public collection (`metricCollection`): what
 * `plumbline eval detection` prints — the COCO evaluation of pycocotools 2.0 `COCOeval` (the
 * twelve summary numbers, AP@[.50:.95] down to AR per area range, and per-category AP and AR)
 * over `CocoImage`s — and, with `classAgnostic: true`, the same evaluation with categories
 * ignored when matching (`useCats = 0`: localization quality whatever the predicted class). One
 * update for all, one snapshot, mergeable over disjoint images, rebuilt by the registry as
 * `collection/metrics`. State: one record per detection (O(detections)).
 */
import { type CollectionState, metricCollection } from "../../collection/metric-collection.js";
import { optBoolean, optionNames, readOptions } from "../../core/options.js";
import type { AnyMetricDef, MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import {
  COCO_EVAL_OPTIONS,
  type CocoEvalOptions,
  type CocoEvalResult,
  type CocoImage,
  cocoEvalDef,
} from "./coco-eval.js";

export interface DetectionSuiteOptions extends Omit<CocoEvalOptions, "useCats"> {
  /** Also evaluate with categories ignored (member `class_agnostic`). Default false. */
  readonly classAgnostic?: boolean;
}

const SUITE_OPTIONS = optionNames<DetectionSuiteOptions>()(
  ...COCO_EVAL_OPTIONS.filter(
    (n): n is Exclude<(typeof COCO_EVAL_OPTIONS)[number], "useCats"> => n !== "useCats",
  ),
  "classAgnostic",
);

/** The suite's results by member name. */
export interface DetectionSuiteResult {
  readonly coco: CocoEvalResult;
  readonly class_agnostic?: CocoEvalResult;
}

/** The suite's members by name (what {@link detectionSuiteDef} collects). */
export function detectionSuiteMembers(options?: DetectionSuiteOptions): Record<string, AnyMetricDef> {
  const fn = "detectionSuite";
  const o = readOptions<DetectionSuiteOptions>(fn, options, SUITE_OPTIONS);
  const { classAgnostic, ...coco } = o;
  return {
    coco: cocoEvalDef(coco),
    ...(optBoolean(fn, "classAgnostic", classAgnostic, false)
      ? { class_agnostic: cocoEvalDef({ ...coco, useCats: false }) }
      : {}),
  };
}

/** The suite as one collection: `update(images)`; see the module comment. */
export function detectionSuiteDef(
  options?: DetectionSuiteOptions,
): MetricDef<CollectionState, [images: readonly CocoImage[]], DetectionSuiteResult> {
  return metricCollection(detectionSuiteMembers(options)) as never;
}

/**
 * One-shot {@link detectionSuiteDef}: each member's COCO result by name.
 * @example detectionSuite(images).coco.stats[0] // AP@[.50:.95]
 */
export function detectionSuite(
  images: readonly CocoImage[],
  options?: DetectionSuiteOptions,
): DetectionSuiteResult {
  return runOnce(detectionSuiteDef(options), images);
}
