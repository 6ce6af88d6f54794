import type { MatrixInput } from "../../core/coerce.js";
import { toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type BoxFormat, convertFlatBoxes, readBoxes } from "./box-ops.js";
import {
  COCO_EVAL_OPTIONS,
  type CocoDetectionObject,
  type CocoEvalOptions,
  type CocoEvalResult,
  type CocoEvalState,
  type CocoGroundTruthObject,
  type CocoImage,
  cocoEvalDefFrom,
  cocoMapMeta,
  resolveCocoOptions,
} from "./coco-eval.js";
import { type BinaryMask, type Rle, rleEncode } from "./rle.js";

/**
 * COCO mAP from in-memory arrays, the torchmetrics `MeanAveragePrecision` input layout: one
 * prediction `{ boxes, scores, labels }` and one target `{ boxes, labels, iscrowd?, area? }` per
 * image, boxes in xyxy (default), xywh or cxcywh. Converted to COCO's xywh and evaluated by the
 * same engine as {@link cocoEvalDef}, so results equal pycocotools on the same data.
 */

/** Predictions of one image. */
export interface DetectionPrediction {
  readonly boxes?: MatrixInput;
  readonly scores: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  /** Instance masks (row-major binary masks or RLEs), for iouType "segm". */
  readonly masks?: readonly (BinaryMask | Rle)[];
  /** Flat [x, y, v] keypoints per detection, for iouType "keypoints". */
  readonly keypoints?: readonly ArrayLike<number>[];
}

/** Ground truth of one image. */
export interface DetectionTarget {
  /** Image id; default: this state's running image count. Give ids when merging states across workers. */
  readonly imageId?: number;
  readonly boxes?: MatrixInput;
  readonly labels: ArrayLike<number>;
  readonly iscrowd?: ArrayLike<number>;
  /** Areas for the area ranges; default box area (bbox) or mask area (segm). */
  readonly area?: ArrayLike<number>;
  readonly masks?: readonly (BinaryMask | Rle)[];
  readonly keypoints?: readonly ArrayLike<number>[];
}

/** Options: the COCO evaluation options plus the box format of the inputs and the convention. */
export interface DetectionMapOptions extends CocoEvalOptions {
  /** Default "xyxy" (torchvision, torchmetrics). COCO JSON is "xywh". */
  readonly boxFormat?: BoxFormat;
  /**
   * Default thresholds: "torchmetrics" (default) uses the float32 values torchmetrics 1.9 hands
   * pycocotools (`torch.linspace(0.5, 0.95, 10).tolist()`: 0.6000000238418579, ...), so an IoU of
   * exactly 0.6 misses t = 0.6, as in torchmetrics; "pycocotools" uses pycocotools' float64
   * `np.linspace` (as `cocoEvalDef`). Thresholds given as options are used as given either way.
   */
  readonly convention?: "torchmetrics" | "pycocotools";
}

/**
 * torch 1.13's float32 `linspace` on a CPU with AVX2 (the values torchmetrics' defaults hold):
 * step = (end - start) / (n - 1) in float32; blocks of 8 lanes, taken two blocks at a time, start
 * from `start + step·i` (first half) or `end - step·(n - 1 - i)` (second half) and add `lane·step`;
 * the tail past the last 16-lane block is computed one value at a time. Checked against torch's
 * own lists in the golden file.
 */
export function torchLinspaceFloat32(start: number, end: number, steps: number): number[] {
  const f = Math.fround;
  const s = f(start);
  const e = f(end);
  const step = f(f(e - s) / (steps - 1));
  const half = Math.floor(steps / 2);
  const lanes = 8;
  const vectorEnd = Math.floor(steps / (2 * lanes)) * 2 * lanes;
  const at = (i: number) => (i < half ? f(s + f(step * i)) : f(e - f(step * (steps - i - 1))));
  const out = new Array<number>(steps);
  let i = 0;
  for (; i < vectorEnd; i += lanes) {
    const base = at(i);
    for (let lane = 0; lane < lanes; lane++) out[i + lane] = f(base + f(lane * step));
  }
  for (; i < steps; i++) out[i] = at(i);
  return out;
}

const FN = "detectionMap";
const TORCH_IOU_THRESHOLDS = torchLinspaceFloat32(0.5, 0.95, 10);
const TORCH_RECALL_THRESHOLDS = torchLinspaceFloat32(0, 1, 101);
const DETECTION_MAP_OPTIONS: readonly string[] = [
  ...optionNames<Pick<DetectionMapOptions, "boxFormat" | "convention">>()("boxFormat", "convention"),
  ...COCO_EVAL_OPTIONS,
];

export const detectionMapMeta: MetricMeta = {
  ...cocoMapMeta,
  id: "detection/detection_map",
  conventions: ["torchmetrics-1.9.0", "pycocotools"],
};

function toRleMask(mask: BinaryMask | Rle, where: string): Rle {
  if (mask && (mask as Rle).counts instanceof Uint32Array) return mask as Rle;
  if (!mask || typeof mask !== "object" || !("data" in mask))
    fail(
      "invalid_value",
      `${FN}: ${where} must be a binary mask { data, height, width } or an RLE, got ${describeValue(mask)}`,
    );
  return rleEncode(mask as BinaryMask);
}

function boxesXywh(
  boxes: MatrixInput | undefined,
  n: number,
  format: BoxFormat,
  where: string,
): Float64Array | undefined {
  if (boxes === undefined) return undefined;
  const data = readBoxes(boxes, FN, `${where}.boxes`);
  if (data.length !== n * 4)
    fail(
      "shape_mismatch",
      `${FN}: \`${where}.boxes\` must have one row per label (${n}), got ${data.length / 4}`,
    );
  return convertFlatBoxes(data, format, "xywh");
}

function toImage(
  pred: DetectionPrediction,
  target: DetectionTarget,
  imageId: number,
  i: number,
  format: BoxFormat,
): CocoImage {
  if (!pred || typeof pred !== "object")
    fail(
      "invalid_value",
      `${FN}: \`preds[${i}]\` must be { boxes, scores, labels }, got ${describeValue(pred)}`,
    );
  if (!target || typeof target !== "object")
    fail("invalid_value", `${FN}: \`target[${i}]\` must be { boxes, labels }, got ${describeValue(target)}`);
  const labels = toFloat64(pred.labels, FN, `preds[${i}].labels`);
  const scores = toFloat64(pred.scores, FN, `preds[${i}].scores`);
  if (scores.length !== labels.length)
    fail(
      "shape_mismatch",
      `${FN}: \`preds[${i}].scores\` and \`preds[${i}].labels\` must have the same length, got ${scores.length} and ${labels.length}`,
    );
  const pb = boxesXywh(pred.boxes, labels.length, format, `preds[${i}]`);
  const tLabels = toFloat64(target.labels, FN, `target[${i}].labels`);
  const tb = boxesXywh(target.boxes, tLabels.length, format, `target[${i}]`);
  const crowd = target.iscrowd ? toFloat64(target.iscrowd, FN, `target[${i}].iscrowd`) : undefined;
  const area = target.area ? toFloat64(target.area, FN, `target[${i}].area`) : undefined;
  for (const [arr, name] of [
    [crowd, "iscrowd"],
    [area, "area"],
  ] as const) {
    if (arr && arr.length !== tLabels.length)
      fail(
        "shape_mismatch",
        `${FN}: \`target[${i}].${name}\` must have one value per label (${tLabels.length}), got ${arr.length}`,
      );
  }
  const detections: CocoDetectionObject[] = [];
  for (let j = 0; j < labels.length; j++) {
    const d: {
      categoryId: number;
      score: number;
      bbox?: number[];
      segmentation?: Rle;
      keypoints?: ArrayLike<number>;
    } = { categoryId: labels[j]!, score: scores[j]! };
    if (pb) d.bbox = Array.from(pb.subarray(j * 4, j * 4 + 4));
    if (pred.masks) {
      d.segmentation = toRleMask(pred.masks[j]!, `preds[${i}].masks[${j}]`);
    }
    if (pred.keypoints) d.keypoints = pred.keypoints[j]!;
    detections.push(d);
  }
  const groundTruth: CocoGroundTruthObject[] = [];
  for (let j = 0; j < tLabels.length; j++) {
    const g: {
      id: number;
      categoryId: number;
      bbox?: number[];
      iscrowd?: boolean;
      area?: number;
      segmentation?: Rle;
      keypoints?: ArrayLike<number>;
    } = {
      id: j + 1,
      categoryId: tLabels[j]!,
    };
    if (tb) g.bbox = Array.from(tb.subarray(j * 4, j * 4 + 4));
    if (crowd) g.iscrowd = crowd[j] !== 0;
    if (area) g.area = area[j]!;
    if (target.masks) {
      g.segmentation = toRleMask(target.masks[j]!, `target[${i}].masks[${j}]`);
    }
    if (target.keypoints) g.keypoints = target.keypoints[j]!;
    groundTruth.push(g);
  }
  // No image size: masks carry theirs, and every mask of an image must agree (checked by the engine).
  const image: CocoImage = { imageId, groundTruth, detections };
  return image;
}

/**
 * Streaming COCO mAP over per-image arrays (torchmetrics 1.9 `MeanAveragePrecision` layout with
 * the pycocotools backend). State and result are {@link cocoEvalDef}'s. O(D·G) per image.
 */
export function detectionMapDef(
  options: DetectionMapOptions = {},
): MetricDef<
  CocoEvalState,
  [preds: readonly DetectionPrediction[], target: readonly DetectionTarget[]],
  CocoEvalResult
> {
  const o = readOptions<DetectionMapOptions>(FN, options, DETECTION_MAP_OPTIONS);
  const boxFormat = optOneOf(FN, "boxFormat", o.boxFormat, ["xyxy", "xywh", "cxcywh"] as const, "xyxy");
  const convention = optOneOf(
    FN,
    "convention",
    o.convention,
    ["torchmetrics", "pycocotools"] as const,
    "torchmetrics",
  );
  const { boxFormat: _box, convention: _convention, ...coco } = o;
  const torch = convention === "torchmetrics";
  const resolved = resolveCocoOptions(FN, {
    ...coco,
    ...(torch && coco.iouThresholds === undefined ? { iouThresholds: TORCH_IOU_THRESHOLDS } : {}),
    ...(torch && coco.recallThresholds === undefined ? { recallThresholds: TORCH_RECALL_THRESHOLDS } : {}),
  });
  const inner = cocoEvalDefFrom(detectionMapMeta, resolved, structuredClone(o) as Record<string, unknown>);
  return {
    ...inner,
    update(state, preds, target) {
      if (!Array.isArray(preds) || !Array.isArray(target))
        fail("invalid_value", `${FN}: \`preds\` and \`target\` must be arrays (one entry per image)`);
      if (preds.length !== target.length)
        fail(
          "shape_mismatch",
          `${FN}: \`preds\` and \`target\` must have one entry per image each, got ${preds.length} and ${target.length}`,
        );
      const images = preds.map((p, i) =>
        toImage(p, target[i]!, target[i]?.imageId ?? state.images.length + i, i, boxFormat),
      );
      inner.update(state, images);
    },
  };
}

/** One-shot form: `runOnce(detectionMapDef(options), preds, target)`. */
export function detectionMap(
  preds: readonly DetectionPrediction[],
  target: readonly DetectionTarget[],
  options: DetectionMapOptions = {},
): CocoEvalResult {
  return runOnce(detectionMapDef(options), preds, target);
}

/** torchmetrics 1.9 `MeanAveragePrecision.compute()` keys, filled from a COCO result. */
export interface TorchmetricsMapDict {
  map: number;
  map_50: number;
  map_75: number;
  map_small: number;
  map_medium: number;
  map_large: number;
  mar_1: number;
  mar_10: number;
  mar_100: number;
  mar_small: number;
  mar_medium: number;
  mar_large: number;
  map_per_class: number[];
  mar_100_per_class: number[];
  classes: number[];
}

/**
 * The COCO result in torchmetrics 1.9 `MeanAveragePrecision` naming (bbox or segm, default
 * maxDets [1, 10, 100]): the 12 summary numbers and per-class AP and AR at the largest maxDets
 * (torchmetrics names the AR keys after its `max_detection_thresholds`; here they are mar_1,
 * mar_10, mar_100 for the default thresholds).
 */
export function toTorchmetricsDict(result: CocoEvalResult): TorchmetricsMapDict {
  const s = result.stats;
  if (s.length !== 12)
    fail("unsupported", `toTorchmetricsDict: needs the 12 bbox/segm summary numbers, got ${s.length}`);
  return {
    map: s[0]!,
    map_50: s[1]!,
    map_75: s[2]!,
    map_small: s[3]!,
    map_medium: s[4]!,
    map_large: s[5]!,
    mar_1: s[6]!,
    mar_10: s[7]!,
    mar_100: s[8]!,
    mar_small: s[9]!,
    mar_medium: s[10]!,
    mar_large: s[11]!,
    map_per_class: result.perClassAp,
    mar_100_per_class: result.perClassAr,
    classes: result.categoryIds,
  };
}
