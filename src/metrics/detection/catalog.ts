import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import {
  boxIouMeta,
  completeBoxIouMeta,
  distanceBoxIouMeta,
  generalizedBoxIouMeta,
  nmsMeta,
} from "./box-ops.js";
import { cocoMapMeta } from "./coco-eval.js";
import { detectionMapMeta } from "./detection-map.js";
import { rleMeta } from "./rle.js";
import { vocApMeta } from "./voc-ap.js";

const tvRef = "torchvision 0.26 torchvision.ops";

/** Catalog entry of COCO mAP. */
const cocoMapEntry: CatalogEntry = {
  ...metaFields(cocoMapMeta),
  title: "COCO mean average precision (AP@[.50:.95]) and recall",
  kind: "metric",
  tasks: ["detection", "segmentation"],
  formula:
    "\\mathrm{AP}=\\frac{1}{|T||K|}\\sum_{t\\in T}\\sum_{k}\\frac{1}{101}\\sum_{r\\in\\{0,0.01,..,1\\}}\\max_{\\tilde r\\ge r}p_{t,k}(\\tilde r)",
  differentiable: false,
  robustness: [
    "averages over IoU 0.50:0.95, rewarding precise localisation",
    "crowd regions and out-of-range areas are ignored, not counted as errors",
    "maxDets caps detections per image per class",
  ],
  references: [
    {
      paper: "Lin et al. 2014, Microsoft COCO",
      implementation: "pycocotools COCOeval (cocoapi master): bbox, segm, keypoints",
    },
  ],
  traits: ["boxes", "instance-masks", "keypoints", "ranking"],
  exports: ["cocoEvalDef", "cocoEvaluate", "cocoEvaluateImages", "readCocoResults"],
};

/** Catalog entry: COCO mAP from in-memory arrays (torchmetrics MeanAveragePrecision layout). */
const detectionMapEntry: CatalogEntry = {
  ...cocoMapEntry,
  id: detectionMapMeta.id,
  title:
    "Mean average precision from per-image arrays (torchmetrics MeanAveragePrecision layout, pycocotools numbers)",
  references: [
    {
      paper: "Lin et al. 2014, Microsoft COCO",
      implementation:
        "torchmetrics 1.9.0 MeanAveragePrecision (backend pycocotools) input layout; pycocotools COCOeval numbers",
    },
  ],
  exports: ["detectionMapDef", "detectionMap"],
};

/**
 * PASCAL VOC average precision, as py-faster-rcnn's `voc_eval` / `voc_ap` (the reference
 * everyone ports): detections of a class sorted by confidence, each matched to the unmatched
 * ground truth of its image with the highest IoU if that IoU is strictly greater than the
 * threshold; a match to a `difficult` object is neither TP nor FP; a second match to a matched
 * object is a FP. Boxes are continuous coordinates (area = w*h, no +1 pixel).
 */

/** Catalog entry of VOC AP. */
const vocApEntry: CatalogEntry = {
  ...metaFields(vocApMeta),
  title: "PASCAL VOC average precision (11-point VOC2007 or all-point VOC2010+)",
  kind: "metric",
  tasks: ["detection"],
  formula:
    "\\mathrm{AP}_{07}=\\frac{1}{11}\\sum_{t\\in\\{0,0.1,..,1\\}}\\max_{r\\ge t}p(r);\\ \\mathrm{AP}_{10}=\\sum_i (r_{i+1}-r_i)\\max_{r\\ge r_{i+1}}p(r)",
  differentiable: false,
  robustness: ["a single IoU threshold (0.5) rewards loose boxes", "difficult objects neither help nor hurt"],
  references: [
    {
      paper: "Everingham et al. 2010, The PASCAL VOC Challenge",
      implementation: "py-faster-rcnn voc_eval/voc_ap (numpy, continuous coordinates)",
    },
  ],
  traits: ["boxes", "ranking"],
  exports: ["vocApDef", "vocAp", "vocApFromCurve"],
};

/** Catalog entry: IoU matrix. */
const boxIouEntry: CatalogEntry = {
  ...metaFields(boxIouMeta),
  title: "Box IoU (Jaccard index of boxes)",
  kind: "metric",
  tasks: ["detection"],
  formula: "\\mathrm{IoU}=\\frac{|A\\cap B|}{|A\\cup B|}",
  differentiable: true,
  robustness: ["0 for every pair of disjoint boxes, whatever their distance (no gradient signal)"],
  references: [
    { paper: "Jaccard 1912; Everingham et al. 2010 (PASCAL VOC)", implementation: `${tvRef}.box_iou` },
  ],
  traits: ["boxes"],
  exports: ["boxIou"],
};

/** Catalog entry: generalized IoU. */
const generalizedBoxIouEntry: CatalogEntry = {
  ...metaFields(generalizedBoxIouMeta),
  title: "Generalized IoU (GIoU)",
  kind: "metric",
  tasks: ["detection"],
  formula: "\\mathrm{GIoU}=\\mathrm{IoU}-\\frac{|C\\setminus(A\\cup B)|}{|C|}",
  differentiable: true,
  robustness: ["informative for disjoint boxes through the enclosing box C"],
  references: [{ paper: "Rezatofighi et al. 2019", implementation: `${tvRef}.generalized_box_iou` }],
  traits: ["boxes"],
  exports: ["generalizedBoxIou"],
};

/** Catalog entry: distance IoU. */
const distanceBoxIouEntry: CatalogEntry = {
  ...metaFields(distanceBoxIouMeta),
  title: "Distance IoU (DIoU)",
  kind: "metric",
  tasks: ["detection"],
  formula: "\\mathrm{DIoU}=\\mathrm{IoU}-\\frac{\\rho^2(b,b^{gt})}{c^2+\\epsilon}",
  differentiable: true,
  robustness: ["penalises centre distance normalised by the enclosing diagonal; eps 1e-7 as torchvision"],
  references: [{ paper: "Zheng et al. 2020", implementation: `${tvRef}.distance_box_iou (eps 1e-7)` }],
  traits: ["boxes"],
  exports: ["distanceBoxIou"],
};

/** Catalog entry: complete IoU. */
const completeBoxIouEntry: CatalogEntry = {
  ...metaFields(completeBoxIouMeta),
  title: "Complete IoU (CIoU)",
  kind: "metric",
  tasks: ["detection"],
  formula:
    "\\mathrm{CIoU}=\\mathrm{DIoU}-\\alpha v,\\ v=\\frac{4}{\\pi^2}(\\arctan\\frac{w^{gt}}{h^{gt}}-\\arctan\\frac{w}{h})^2,\\ \\alpha=\\frac{v}{1-\\mathrm{IoU}+v+\\epsilon}",
  differentiable: true,
  robustness: ["adds an aspect-ratio term to DIoU"],
  references: [{ paper: "Zheng et al. 2020", implementation: `${tvRef}.complete_box_iou (eps 1e-7)` }],
  traits: ["boxes"],
  exports: ["completeBoxIou"],
};

/** Catalog entry: NMS (a post-processing op; listed so the catalog finds it). */
const nmsEntry: CatalogEntry = {
  ...metaFields(nmsMeta),
  title: "Non-maximum suppression",
  kind: "metric",
  tasks: ["detection"],
  formula:
    "\\text{keep } b_i \\text{ unless } \\mathrm{IoU}(b_i,b_j)>t \\text{ for a kept } b_j \\text{ with higher score}",
  differentiable: false,
  references: [{ implementation: `${tvRef}.nms and batched_nms` }],
  traits: ["boxes", "post-processing"],
  exports: ["nms", "batchedNms"],
};

/** Catalog entry of the RLE mask utilities (not a metric; listed so `describe` finds it). */
const rleEntry: CatalogEntry = {
  ...metaFields(rleMeta),
  title: "Mask IoU on run-length encoded masks (COCO RLE)",
  kind: "metric",
  tasks: ["detection", "segmentation"],
  formula: "\\mathrm{IoU}(A,B)=\\frac{|A\\cap B|}{|A\\cup B|},\\ \\text{crowd: }\\frac{|A\\cap B|}{|A|}",
  differentiable: false,
  robustness: [
    "a crowd region uses the detection's area as the union, so covering part of a crowd is not penalised",
  ],
  references: [
    {
      paper: "Lin et al. 2014, Microsoft COCO",
      implementation: "pycocotools (cocoapi master) maskApi.c rleIou, rleMerge, rleFrPoly",
    },
  ],
  traits: ["instance-masks"],
  exports: [
    "rleEncode",
    "rleDecode",
    "rleArea",
    "rleIou",
    "rleMerge",
    "rleFromPolygon",
    "rleFromBbox",
    "rleToBbox",
    "rleToString",
    "rleFromString",
    "toRle",
  ],
};

/** Catalog entries of the detection metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  cocoMapEntry,
  detectionMapEntry,
  vocApEntry,
  boxIouEntry,
  generalizedBoxIouEntry,
  distanceBoxIouEntry,
  completeBoxIouEntry,
  nmsEntry,
  rleEntry,
];
