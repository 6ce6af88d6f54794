import { readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import {
  COCO_EVAL_OPTIONS,
  type CocoEvalOptions,
  type CocoEvalResult,
  type CocoEvalState,
  type CocoImage,
  cocoEvalDefFrom,
  resolveCocoOptions,
} from "../detection/coco-eval.js";
import { cocoEvaluate } from "../detection/coco-json.js";

const MASK_AP_OPTIONS = COCO_EVAL_OPTIONS.filter((name) => name !== "iouType");

export const maskApMeta: MetricMeta = {
  id: "segmentation/mask_ap",
  range: [0, 1],
  direction: "higher",
  conventions: ["pycocotools"],
};

/**
 * Instance-segmentation AP: the COCO evaluation with mask IoU (`iouType: "segm"`), streaming per
 * image. Same engine, state and result as the detection package's `cocoEvalDef`.
 */
export function maskApDef(
  options: Omit<CocoEvalOptions, "iouType"> = {},
): MetricDef<CocoEvalState, [images: readonly CocoImage[]], CocoEvalResult> {
  const o = readOptions<Omit<CocoEvalOptions, "iouType">>("maskAp", options, MASK_AP_OPTIONS);
  return cocoEvalDefFrom(
    maskApMeta,
    resolveCocoOptions("maskAp", { ...o, iouType: "segm" }),
    structuredClone(o) as Record<string, unknown>,
  );
}

/** One-shot mask AP over per-image inputs. */
export function maskAp(
  images: readonly CocoImage[],
  options: Omit<CocoEvalOptions, "iouType"> = {},
): CocoEvalResult {
  return runOnce(maskApDef(options), images);
}

/** Mask AP from COCO JSON (ground-truth dict and results list), as pycocotools `COCOeval(..., "segm")`. */
export function maskApFromCoco(
  groundTruth: unknown,
  results: unknown,
  options: Omit<CocoEvalOptions, "iouType"> = {},
): CocoEvalResult {
  const o = readOptions<Omit<CocoEvalOptions, "iouType">>("maskApFromCoco", options, MASK_AP_OPTIONS);
  return cocoEvaluate(groundTruth, results, { ...o, iouType: "segm" });
}
