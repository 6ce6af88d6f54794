import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder } from "../catalog-entry.js";

/* Catalog entries of the detection losses. Kept free of TensorFlow.js imports so the catalog loads without it. */

const loss = lossEntryBuilder(["detection"]);
const tv = (name: string): string =>
  `torchvision 0.26 ops.${name} (eps 1e-7, reduction default none, empty batch 0; value and gradient)`;
const boxPairs = ["detection/coco_map", "detection/voc_ap", "detection/box_iou"];

/** Catalog entry of the smoothL1BoxLoss concept (listed in `entries`). */
export const smoothL1BoxLossEntry = loss({
  id: "detection/smooth_l1_loss",
  title: "Smooth L1 box regression loss",
  formula:
    "\\begin{cases} 0.5 r^2/\\beta & |r| < \\beta \\\\ |r| - 0.5\\beta & \\text{otherwise} \\end{cases}",
  range: [0, Infinity],
  robustness: [
    "On box offsets: not scale-invariant and treats the four coordinates independently (IoU losses fix both).",
  ],
  references: [{ paper: "Girshick 2015 (Fast R-CNN)", implementation: "torch 2.11 F.smooth_l1_loss" }],
  pairsWith: boxPairs,
  traits: ["boxes", "outliers"],
  exports: ["smoothL1Loss", "smoothL1LossFactory"],
});

/** Catalog entry of the balancedL1Loss concept (listed in `entries`). */
export const balancedL1LossEntry = loss({
  id: "detection/balanced_l1_loss",
  title: "Balanced L1 loss",
  formula:
    "\\begin{cases} \\frac{\\alpha}{b}(b|x|+1)\\ln(\\frac{b|x|}{\\beta}+1) - \\alpha|x| & |x| < \\beta \\\\ \\gamma|x| + \\frac{\\gamma}{b} - \\alpha\\beta & \\text{otherwise} \\end{cases},\\; b = e^{\\gamma/\\alpha} - 1",
  range: [0, Infinity],
  robustness: ["Raises the gradient of inliers (accurate boxes) so that outliers do not dominate training."],
  references: [
    {
      paper: "Pang et al. 2019 (Libra R-CNN)",
      implementation: "mmdetection form, formula via torch 2.11 autograd",
    },
  ],
  pairsWith: boxPairs,
  traits: ["boxes", "outliers", "imbalanced"],
  exports: ["balancedL1Loss", "balancedL1LossFactory"],
});

/** Catalog entry of the iouLoss concept (listed in `entries`). */
export const iouLossEntry = loss({
  id: "detection/iou_loss",
  title: "IoU loss",
  formula: "1 - \\frac{|B \\cap B^{gt}|}{|B \\cup B^{gt}| + \\epsilon}",
  range: [0, 1],
  robustness: ["Scale-invariant; zero gradient when the boxes do not overlap."],
  references: [
    { paper: "Yu et al. 2016 (UnitBox)", implementation: "torchvision 0.26 intersection/union conventions" },
  ],
  pairsWith: boxPairs,
  traits: ["boxes", "scale-invariant"],
  exports: ["iouLoss", "iouLossFactory"],
});

/** Catalog entry of the giouLoss concept (listed in `entries`). */
export const giouLossEntry = loss({
  id: "detection/giou_loss",
  title: "Generalized IoU loss",
  formula: "1 - IoU + \\frac{|C| - |B \\cup B^{gt}|}{|C| + \\epsilon}",
  range: [0, 2],
  robustness: ["Gradient also for non-overlapping boxes; slow to converge for boxes inside each other."],
  references: [{ paper: "Rezatofighi et al. 2019", implementation: tv("generalized_box_iou_loss") }],
  pairsWith: [...boxPairs, "detection/generalized_box_iou"],
  traits: ["boxes", "scale-invariant"],
  exports: ["giouLoss", "giouLossFactory"],
});

/** Catalog entry of the diouLoss concept (listed in `entries`). */
export const diouLossEntry = loss({
  id: "detection/diou_loss",
  title: "Distance IoU loss",
  formula: "1 - IoU + \\frac{\\rho^2(b, b^{gt})}{c^2 + \\epsilon}",
  range: [0, 2],
  robustness: ["Penalises centre distance: faster convergence than GIoU, also for nested boxes."],
  references: [{ paper: "Zheng et al. 2020", implementation: tv("distance_box_iou_loss") }],
  pairsWith: [...boxPairs, "detection/distance_box_iou"],
  traits: ["boxes", "scale-invariant"],
  exports: ["diouLoss", "diouLossFactory"],
});

/** Catalog entry of the ciouLoss concept (listed in `entries`). */
export const ciouLossEntry = loss({
  id: "detection/ciou_loss",
  title: "Complete IoU loss",
  formula:
    "1 - IoU + \\frac{\\rho^2}{c^2} + \\alpha v,\\; v = \\frac{4}{\\pi^2}(\\arctan\\frac{w^{gt}}{h^{gt}} - \\arctan\\frac{w}{h})^2",
  range: [0, Infinity],
  robustness: [
    "Adds aspect-ratio consistency to DIoU; alpha is a constant for the gradient (computed without gradient, as torchvision).",
  ],
  references: [{ paper: "Zheng et al. 2020", implementation: tv("complete_box_iou_loss") }],
  pairsWith: [...boxPairs, "detection/complete_box_iou"],
  traits: ["boxes", "scale-invariant"],
  exports: ["ciouLoss", "ciouLossFactory"],
});

/** Catalog entry of the wingLoss concept (listed in `entries`). */
export const wingLossEntry = loss({
  id: "detection/wing_loss",
  title: "Wing loss",
  tasks: ["detection", "face-recognition", "regression"],
  formula:
    "\\begin{cases} w \\ln(1 + |x|/\\epsilon) & |x| < w \\\\ |x| - C & \\text{otherwise} \\end{cases},\\; C = w - w \\ln(1 + w/\\epsilon)",
  range: [0, Infinity],
  robustness: [
    "Amplifies small and medium errors (log part) while staying linear for outliers; for landmark localisation.",
  ],
  references: [{ paper: "Feng et al. 2018", implementation: "formula via torch 2.11 autograd" }],
  pairsWith: ["regression/mean_absolute_error", "regression/root_mean_squared_error"],
  traits: ["landmarks", "outliers"],
  exports: ["wingLoss", "wingLossFactory"],
});

/** Catalog entry of the yoloLoss concept (listed in `entries`). */
export const yoloLossEntry = loss({
  id: "detection/yolo_loss",
  title: "YOLO-style composite loss (box + objectness + class)",
  formula:
    "\\lambda_{box} \\mathcal{L}_{CIoU} + \\lambda_{obj} \\mathcal{L}_{BCE}^{obj} + \\lambda_{cls} \\mathcal{L}_{BCE}^{cls}",
  range: [0, Infinity],
  robustness: [
    "Objectness over all anchors carries the foreground-background imbalance; the gains balance the terms (YOLOv5 defaults 0.05, 1, 0.5).",
  ],
  references: [
    {
      paper: "Redmon et al. 2016; Jocher et al. YOLOv5",
      implementation: "assembled from plumbline's CIoU and BCE-with-logits losses",
    },
  ],
  pairsWith: ["detection/coco_map", "detection/voc_ap"],
  traits: ["boxes", "composite", "imbalanced"],
  exports: ["yoloLoss"],
});

/** Catalog entries of the detection losses. */
/** Catalog entry of the yoloV1Loss concept (listed in `entries`). */
export const yoloV1LossEntry = loss({
  id: "detection/yolo_v1_loss",
  title: "YOLOv1 sum-squared loss",
  formula:
    "\\lambda_{coord} \\sum_{ij} 1^{obj}_{ij} [(x - \\hat x)^2 + (y - \\hat y)^2 + (\\sqrt w - \\sqrt{\\hat w})^2 + (\\sqrt h - \\sqrt{\\hat h})^2] + \\sum_{ij} 1^{obj}_{ij} (C - \\hat C)^2 + \\lambda_{noobj} \\sum_{ij} 1^{noobj}_{ij} (C - \\hat C)^2 + \\sum_i 1^{obj}_i \\sum_c (p(c) - \\hat p(c))^2",
  range: [0, Infinity],
  robustness: [
    "Sum-squared error throughout: λ_coord = 5 and λ_noobj = 0.5 rebalance the few object cells against the many empty ones; √w, √h soften errors on large boxes.",
  ],
  references: [
    {
      paper: "Redmon et al. 2016, You Only Look Once (eq. 3)",
      implementation: "torch 1.13 re-implementation of the paper's formula: value and gradient",
    },
  ],
  pairsWith: ["detection/coco_map"],
  traits: ["boxes", "imbalanced"],
  exports: ["yoloV1Loss"],
});

export const entries: readonly CatalogEntry[] = [
  yoloV1LossEntry,
  smoothL1BoxLossEntry,
  balancedL1LossEntry,
  iouLossEntry,
  giouLossEntry,
  diouLossEntry,
  ciouLossEntry,
  wingLossEntry,
  yoloLossEntry,
];
