import type { Annotations } from "../annotation.js";

/** Reasons shared by the box-regression losses for the metrics they are reported with. */
const report = {
  cocoMap: "COCO AP averages IoU thresholds 0.50–0.95, so it rewards the tight boxes the loss aims for",
  vocAp: "AP at IoU 0.5, the lenient PASCAL criterion",
  boxIou: "the mean IoU of matched boxes shows localisation quality directly",
} as const;

/** Survey section 5 (object detection): losses 5.1 (table 11), metrics 5.2 (table 12). */
export const detection: Annotations = {
  "detection/coco_map": {
    survey: ["5.2.1", "5.2.2", "6.2.3"],
    flags: ["threshold"],
    usage:
      "The standard detection benchmark: AP and AR over IoU 0.50:0.95, by object size and detection budget.",
    pros: [
      "Averages strict and lenient IoU thresholds, so localisation quality counts.",
      "Per-class AP stops frequent classes from hiding rare ones; AP/AR by area show small-object performance.",
    ],
    cons: [
      "One number hides which IoU or size fails: read AP50, AP75 and APs/APm/APl.",
      "Depends on score ranking: poorly calibrated confidences lower it.",
      "Crowd regions and the maxDets cap change the numbers; report the settings.",
    ],
    pairs: { "detection/voc_ap": "AP50 alone separates detection from localisation errors" },
  },
  "detection/detection_map": {
    survey: ["5.2.1", "5.2.2"],
    flags: ["threshold"],
    usage: "COCO AP/AR from per-image prediction and target arrays (torchmetrics layout).",
    pros: ["Same numbers as pycocotools without writing COCO JSON files."],
    cons: ["Same caveats as COCO AP: thresholds, maxDets, crowd handling."],
  },
  "detection/voc_ap": {
    survey: ["5.2.1"],
    flags: ["threshold"],
    usage: "PASCAL VOC AP at IoU 0.5 (11-point 2007 or all-point 2010+ interpolation).",
    pros: [
      "Comparable with the VOC literature.",
      "A single lenient IoU isolates detection from localisation.",
    ],
    cons: ["IoU 0.5 rewards loose boxes.", "The 11-point and all-point variants differ: state which."],
  },
  "detection/box_iou": {
    survey: ["5.1.3"],
    flags: ["scale-invariant", "threshold"],
    usage: "Overlap of two boxes, the matching criterion of every detection metric.",
    pros: ["Scale-invariant and intuitive (0 no overlap, 1 identical)."],
    cons: ["0 for all disjoint boxes however far apart: no signal to move them."],
  },
  "detection/generalized_box_iou": {
    survey: ["5.1.4"],
    flags: ["scale-invariant"],
    usage: "IoU extended with the enclosing box, informative for disjoint boxes.",
    pros: ["Distinguishes near from far misses."],
    cons: ["Ignores centre distance and aspect ratio inside the enclosing box."],
  },
  "detection/distance_box_iou": {
    survey: ["5.1.5"],
    flags: ["scale-invariant"],
    usage: "IoU minus the normalised distance between box centres.",
    pros: ["Penalises centre offsets even when boxes overlap or nest."],
    cons: ["Ignores aspect-ratio mismatch."],
  },
  "detection/complete_box_iou": {
    survey: ["5.1.5"],
    flags: ["scale-invariant"],
    usage: "DIoU plus an aspect-ratio consistency term.",
    pros: ["Accounts for overlap, centre distance and shape together."],
    cons: ["The aspect term's weight α is a heuristic."],
  },
  "detection/nms": {
    survey: [],
    beyondSurvey:
      "Non-maximum suppression is the post-processing step every detector evaluated by AP relies on.",
    flags: ["threshold", "no-reference"],
    usage: "Remove duplicate detections of the same object before evaluation.",
    pros: ["Matches torchvision exactly, so evaluation sees the same boxes as deployment."],
    cons: ["The IoU threshold trades duplicates for missed objects in crowded scenes."],
  },
  "detection/rle_mask_iou": {
    survey: ["6.2.3"],
    flags: ["scale-invariant", "threshold"],
    usage: "IoU of instance masks in COCO run-length encoding, the matching criterion of mask AP.",
    pros: ["Exact pixel overlap; crowd regions handled as COCO does."],
    cons: ["A few boundary pixels move the IoU of small masks a lot."],
  },
  "detection/smooth_l1_loss": {
    survey: ["5.1.1"],
    flags: ["convex", "robust"],
    usage: "Regress box offsets relative to anchors or proposals (Faster R-CNN's RPN and head).",
    pros: [
      "Quadratic near zero for stable convergence, linear for large offsets.",
      "Widely used and well understood.",
    ],
    cons: [
      "Treats the four coordinates independently and is not scale-invariant.",
      "β needs tuning (typically 0.5–1).",
    ],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": report.vocAp,
      "detection/box_iou": report.boxIou,
    },
  },
  "detection/balanced_l1_loss": {
    survey: ["5.1.2"],
    flags: ["convex", "robust"],
    usage:
      "Box regression when accurate (inlier) boxes should get more gradient than outliers (Libra R-CNN).",
    pros: [
      "Raises the gradient of small errors so outliers do not dominate.",
      "Helps when box sizes vary widely.",
    ],
    cons: ["Extra hyperparameters (α, γ, β).", "Still per-coordinate, not IoU-based."],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": report.vocAp,
      "detection/box_iou": report.boxIou,
    },
  },
  "detection/iou_loss": {
    survey: ["5.1.3"],
    flags: ["scale-invariant"],
    usage: "Optimise box overlap directly, matching the IoU criterion of evaluation.",
    pros: ["Scale-invariant: small and large boxes weigh alike.", "Aligned with the evaluation metric."],
    cons: [
      "Zero gradient when boxes do not overlap.",
      "Weak signal for partially overlapping boxes of different shapes.",
    ],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": report.vocAp,
      "detection/box_iou": report.boxIou,
    },
  },
  "detection/giou_loss": {
    survey: ["5.1.4"],
    flags: ["scale-invariant"],
    usage: "IoU loss that still moves boxes that do not overlap the target.",
    pros: ["A gradient for disjoint boxes through the enclosing box.", "Scale-invariant."],
    cons: [
      "Slow when one box contains the other (GIoU reduces to IoU).",
      "Ignores centre distance and aspect ratio.",
    ],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": report.vocAp,
      "detection/box_iou": report.boxIou,
      "detection/generalized_box_iou": "the same geometry measured on held-out boxes",
    },
  },
  "detection/diou_loss": {
    survey: ["5.1.5"],
    flags: ["scale-invariant"],
    usage: "IoU loss with a centre-distance penalty for faster, better-aligned box regression.",
    pros: ["Converges faster than GIoU, also for nested boxes."],
    cons: ["Ignores aspect ratio."],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": report.vocAp,
      "detection/box_iou": report.boxIou,
      "detection/distance_box_iou": "the same geometry measured on held-out boxes",
    },
  },
  "detection/ciou_loss": {
    survey: ["5.1.5"],
    flags: ["scale-invariant"],
    usage: "The most complete IoU loss: overlap, centre distance and aspect ratio (YOLOv4/v5 default).",
    pros: ["Addresses centre offset and shape mismatch together.", "α is computed, not tuned."],
    cons: ["More terms, more computation; the aspect term is heuristic."],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": report.vocAp,
      "detection/box_iou": report.boxIou,
      "detection/complete_box_iou": "the same geometry measured on held-out boxes",
    },
  },
  "detection/wing_loss": {
    survey: ["5.1.8"],
    flags: ["robust"],
    usage: "Landmark (keypoint) regression, where small and medium errors matter most (face alignment).",
    pros: ["Logarithmic region amplifies small errors; linear region keeps outliers in check."],
    cons: [
      "ω and ε need tuning; steep log region can destabilise training.",
      "Not convex in the log region.",
    ],
    pairs: {
      "face/landmark_nme": "the face-alignment benchmark error (NME, failure rate, CED AUC)",
      "regression/mean_absolute_error": "the average landmark error in pixels",
      "regression/root_mean_squared_error": "weights the larger landmark errors more",
    },
  },
  "detection/yolo_v1_loss": {
    survey: ["5.1.7"],
    flags: [],
    usage:
      "Train or study the original one-stage grid detector (YOLOv1): sum-squared errors on box centres, √ sizes, confidences and class probabilities.",
    pros: [
      "One regression objective for localisation, confidence and class: simple to optimise in one pass.",
      "λ_noobj = 0.5 keeps the many empty cells from drowning the few with objects; λ_coord = 5 raises the box terms.",
      "√w and √h make an error on a small box cost more than the same error on a large one.",
    ],
    cons: [
      "Squared coordinate errors are not the IoU that evaluation measures, and outliers dominate them.",
      "Class probabilities are fitted by squared error, not a likelihood.",
      "One class per cell: small objects in groups and crowded scenes are its known weakness (Redmon et al. 2016).",
    ],
    pairs: {
      "detection/coco_map": report.cocoMap,
      "detection/voc_ap": "AP at IoU 0.5 on PASCAL VOC, the metric the YOLOv1 paper reported",
    },
  },
  "detection/yolo_loss": {
    survey: ["5.1.7"],
    flags: [],
    usage:
      "Train a single-stage grid detector with box, objectness and class terms in one pass (the YOLOv5 form: CIoU + BCE; `detection/yolo_v1_loss` is the original).",
    pros: [
      "One objective for localisation, objectness and classification.",
      "Efficient single-pass training.",
    ],
    cons: [
      "Three gains to balance.",
      "Objectness carries the foreground-background imbalance; small objects remain hard.",
    ],
    pairs: { "detection/coco_map": report.cocoMap, "detection/voc_ap": report.vocAp },
  },
};
