import type { MatrixInput } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import {
  boxIou,
  completeBoxIou,
  distanceBoxIou,
  generalizedBoxIou,
} from "../../metrics/detection/box-ops.js";
import type { IouType } from "../../metrics/detection/coco-eval.js";
import { cocoEvaluate } from "../../metrics/detection/coco-json.js";
import { type VocImage, vocAp } from "../../metrics/detection/voc-ap.js";
import type { Adapter } from "../types.js";

type Coco = { images: { id: number }[]; annotations: Record<string, unknown>[] };

/** COCO inputs ({ ground_truth, detections }) as VOC images: iscrowd plays VOC's "difficult". */
function vocImages(inputs: Record<string, unknown>): VocImage[] {
  const gt = inputs.ground_truth as Coco;
  const dets = inputs.detections as Record<string, unknown>[];
  const map = new Map<
    number,
    {
      imageId: number;
      groundTruth: VocImage["groundTruth"][number][];
      detections: VocImage["detections"][number][];
    }
  >();
  for (const img of gt.images) map.set(img.id, { imageId: img.id, groundTruth: [], detections: [] });
  for (const a of gt.annotations) {
    map.get(a.image_id as number)!.groundTruth.push({
      categoryId: a.category_id as number,
      bbox: a.bbox as number[],
      difficult: Boolean(a.iscrowd),
    });
  }
  for (const d of dets) {
    const entry = map.get(d.image_id as number);
    if (!entry) fail("invalid_value", `voc_ap adapter: detection on unknown image ${String(d.image_id)}`);
    entry.detections.push({
      categoryId: d.category_id as number,
      bbox: d.bbox as number[],
      score: d.score as number,
    });
  }
  return [...map.values()];
}

const pair =
  (fn: (a: MatrixInput, b: MatrixInput) => number[][]) =>
  (inputs: Record<string, unknown>): unknown =>
    fn(inputs.boxes1 as number[][], inputs.boxes2 as number[][]);

/** Conformance adapters for the `detection` family. */
export const adapters: readonly Adapter[] = [
  { metric: "box_iou", run: pair(boxIou) },
  { metric: "generalized_box_iou", run: pair(generalizedBoxIou) },
  { metric: "distance_box_iou", run: pair(distanceBoxIou) },
  { metric: "complete_box_iou", run: pair(completeBoxIou) },
  {
    metric: "coco_map",
    run(inputs, options) {
      const result = cocoEvaluate(inputs.ground_truth, inputs.detections, {
        iouType: (options.iou_type as IouType | undefined) ?? "bbox",
        ...(options.use_cats !== undefined ? { useCats: Boolean(options.use_cats) } : {}),
        ...(options.max_dets !== undefined ? { maxDets: options.max_dets as number[] } : {}),
      });
      return { stats: result.stats, per_class_ap: result.perClassAp, category_ids: result.categoryIds };
    },
  },
  {
    metric: "voc_ap",
    run(inputs, options) {
      const result = vocAp(vocImages(inputs), {
        iouThreshold: options.iou_threshold as number,
        use07Metric: Boolean(options.use_07_metric),
      });
      const k = result.categoryIds.indexOf(options.category_id as number);
      if (k < 0)
        fail("invalid_value", `voc_ap adapter: category ${String(options.category_id)} has no objects`);
      return result.perClassAp[k];
    },
  },
];
