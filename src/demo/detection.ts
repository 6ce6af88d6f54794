import { readFileSync } from "node:fs";
import { formatCocoSummary } from "../cli/eval/detection.js";
import {
  batchedNms,
  boxConvert,
  boxIou,
  completeBoxIou,
  generalizedBoxIou,
} from "../metrics/detection/box-ops.js";
import { cocoEvaluate } from "../metrics/detection/coco-json.js";
import { rleArea, rleFromPolygon, rleToString } from "../metrics/detection/rle.js";
import { vocAp } from "../metrics/detection/voc-ap.js";

const sampleDir = new URL("../../data/samples/detection/", import.meta.url);

interface Sample {
  images: { id: number }[];
  annotations: {
    image_id: number;
    category_id: number;
    bbox: number[];
    iscrowd: number;
    segmentation: number[][];
  }[];
  categories: { id: number; name: string }[];
}

/** The detection section of `plumbline demo`: COCO and VOC evaluation of the bundled sample, box ops, RLE. */
export async function run(print: (line: string) => void): Promise<void> {
  const gt = JSON.parse(readFileSync(new URL("instances.json", sampleDir), "utf8")) as Sample;
  const results = JSON.parse(readFileSync(new URL("results.json", sampleDir), "utf8")) as {
    image_id: number;
    category_id: number;
    bbox: number[];
    score: number;
  }[];
  const names = new Map(gt.categories.map((c) => [c.id, c.name]));
  print(
    `COCO bbox evaluation of the sample (${gt.images.length} images, ${gt.annotations.length} objects, ${results.length} detections; pycocotools numbers):`,
  );
  for (const line of formatCocoSummary(cocoEvaluate(gt, results, { iouType: "bbox" }), names))
    print(`  ${line}`);
  const segm = cocoEvaluate(gt, results, { iouType: "segm" });
  print(
    `Mask AP (iouType segm, polygons rasterised as pycocotools does): AP ${segm.stats[0]!.toFixed(3)}, AP50 ${segm.stats[1]!.toFixed(3)}, AP75 ${segm.stats[2]!.toFixed(3)}`,
  );
  const quirk = cocoEvaluate(gt, results, { maxDets: [1, 5, 20] }).stats[0]!;
  const intended = cocoEvaluate(gt, results, { maxDets: [1, 5, 20], summary: "intended" }).stats[0]!;
  print(
    `maxDets [1, 5, 20]: pycocotools' first AP row asks for maxDets 100 → ${quirk}; summary "intended" → ${intended.toFixed(3)}`,
  );

  const byImage = new Map<
    number,
    {
      imageId: number;
      groundTruth: { categoryId: number; bbox: number[]; difficult: boolean }[];
      detections: { categoryId: number; bbox: number[]; score: number }[];
    }
  >();
  for (const img of gt.images) byImage.set(img.id, { imageId: img.id, groundTruth: [], detections: [] });
  for (const a of gt.annotations)
    byImage
      .get(a.image_id)!
      .groundTruth.push({ categoryId: a.category_id, bbox: a.bbox, difficult: a.iscrowd === 1 });
  for (const d of results)
    byImage.get(d.image_id)!.detections.push({ categoryId: d.category_id, bbox: d.bbox, score: d.score });
  const voc07 = vocAp([...byImage.values()], { use07Metric: true });
  const voc10 = vocAp([...byImage.values()]);
  print(
    `PASCAL VOC AP@0.5 (crowd as "difficult"): mAP 11-point ${voc07.map.toFixed(4)}, all-point ${voc10.map.toFixed(4)}`,
  );

  const a = [[10, 10, 60, 50]];
  const b = [[30, 20, 90, 70]];
  print(
    `Box ops (torchvision 0.26): IoU ${boxIou(a, b)[0]![0]!.toFixed(4)}, GIoU ${generalizedBoxIou(a, b)[0]![0]!.toFixed(4)}, CIoU ${completeBoxIou(a, b)[0]![0]!.toFixed(4)}; xyxy→cxcywh ${JSON.stringify(boxConvert(a, "xyxy", "cxcywh")[0])}`,
  );
  const boxes = [
    [0, 0, 10, 10],
    [1, 1, 11, 11],
    [0, 0, 10, 10],
    [50, 50, 60, 60],
  ];
  print(
    `batched NMS at IoU 0.5 (classes [1, 1, 2, 1]): keeps ${JSON.stringify(batchedNms(boxes, [0.9, 0.8, 0.7, 0.6], [1, 1, 2, 1], 0.5))}`,
  );
  const poly = gt.annotations[0]!.segmentation[0]!;
  const rle = rleFromPolygon(poly, 240, 320);
  print(
    `RLE of the first ground-truth polygon: area ${rleArea(rle)} pixels, compressed counts "${rleToString(rle).slice(0, 24)}…"`,
  );
}
