import type { Annotations } from "../annotation.js";

const report = {
  dice: "the held-out overlap the loss optimises",
  meanIou: "the standard segmentation benchmark metric, per class then averaged",
} as const;

/** Survey section 6 (image segmentation): losses 6.1 (table 13), metrics 6.2 (table 14). */
export const segmentation: Annotations = {
  "segmentation/pixel_accuracy": {
    survey: ["6.2.1"],
    flags: [],
    usage: "A quick sanity check of per-pixel correctness when classes cover similar areas.",
    pros: ["Simple, fast, intuitive."],
    cons: [
      "Dominated by large classes: 95% background gives 95% for an empty prediction.",
      "Blind to small structures and boundary quality.",
    ],
    pairs: {
      "segmentation/mean_iou": "weights every class equally where pixel accuracy weights every pixel",
    },
  },
  "segmentation/mean_iou": {
    survey: ["6.1.3", "5.1.3"],
    flags: ["scale-invariant"],
    usage: "The standard semantic-segmentation metric: IoU per class, averaged over classes.",
    pros: [
      "Each class counts equally, so rare classes are visible.",
      "Penalises both false positives and false negatives.",
    ],
    cons: [
      "Dataset-level and per-image averaging give different numbers: state which.",
      "Classes absent from an image need a convention.",
      "Little sensitivity to boundary accuracy of large objects.",
    ],
    pairs: { "segmentation/boundary_f1": "adds the contour accuracy that region overlap hardly sees" },
  },
  "segmentation/frequency_weighted_iou": {
    survey: [],
    beyondSurvey:
      "Reported by the FCN paper beside mean IoU; weights each class's IoU by its pixel frequency.",
    flags: ["scale-invariant"],
    usage: "IoU weighted by class frequency, reported beside mean IoU in FCN-style tables.",
    pros: ["Reflects performance on the pixels that are most common."],
    cons: ["Dominated by background and large classes: hides failures on rare classes."],
    pairs: { "segmentation/mean_iou": "the unweighted view that shows rare-class failures" },
  },
  "segmentation/dice_score": {
    survey: ["6.1.2"],
    flags: ["scale-invariant"],
    usage: "Overlap of predicted and true masks, the standard of medical image segmentation.",
    pros: [
      "Ignores true negatives, so a dominant background cannot inflate it.",
      "Sensitive to small foreground regions.",
    ],
    cons: [
      "Empty prediction on an empty target is undefined (NaN here).",
      "Little information about boundaries.",
    ],
    pairs: {
      "segmentation/hausdorff_distance": "Dice misses boundary outliers that HD95 catches",
      "segmentation/mean_iou": "the same overlap with a stricter penalty on partial agreement",
    },
  },
  "segmentation/generalized_dice_score": {
    survey: [],
    beyondSurvey:
      "Dice with inverse squared volume weights (Sudre et al. 2017) for multi-class data with very different class sizes.",
    flags: ["scale-invariant"],
    usage: "Multi-class Dice in which small classes weigh as much as large ones.",
    pros: ["Counters class-size imbalance through 1/|T_c|² weights."],
    cons: ["Tiny classes get very large weights: noisy when a class has a handful of pixels."],
  },
  "segmentation/panoptic_quality": {
    survey: ["6.2.4"],
    flags: ["threshold"],
    usage:
      "The panoptic segmentation metric: segmentation quality times recognition quality over stuff and things.",
    pros: [
      "One metric for instance detection and mask quality.",
      "Unique matching (IoU > 0.5) makes it well defined.",
    ],
    cons: [
      "The 0.5 matching threshold makes it a step function of small mask changes.",
      "Less common outside panoptic benchmarks.",
    ],
    pairs: { "segmentation/mean_iou": "semantic quality without the instance matching" },
  },
  "segmentation/panoptic_quality_coco": {
    survey: ["6.2.4"],
    flags: ["threshold"],
    usage: "PQ with the COCO panoptic API's handling of VOID pixels and crowd regions.",
    pros: ["Numbers comparable with the COCO panoptic leaderboard."],
    cons: ["Same threshold step behaviour as PQ."],
  },
  "segmentation/modified_panoptic_quality": {
    survey: [],
    beyondSurvey:
      "PQ† of Porzi et al. 2019 (Seamless Scene Segmentation): stuff classes scored by IoU without the 0.5 matching step.",
    flags: ["threshold"],
    usage:
      "Panoptic quality where amorphous stuff regions earn their IoU instead of an all-or-nothing match.",
    pros: ["Stuff classes degrade smoothly with overlap rather than dropping to 0 below IoU 0.5."],
    cons: [
      "Things still use the 0.5 matching threshold, so the two halves are scored differently.",
      "Not comparable with plain PQ numbers.",
    ],
    pairs: { "segmentation/panoptic_quality": "the standard form most panoptic benchmarks report" },
  },
  "segmentation/normalized_surface_dice": {
    survey: [],
    beyondSurvey:
      "Surface Dice at a tolerance (Nikolov et al. 2021), the boundary metric of radiotherapy contouring and medical segmentation challenges.",
    flags: ["threshold"],
    usage: "The share of both boundaries lying within a clinically acceptable distance of the other.",
    pros: [
      "Ignores deviations below the tolerance, which volumetric Dice and Hausdorff penalise.",
      "Boundary elements weighted by contour length, independent of grid orientation.",
    ],
    cons: ["Depends on the chosen tolerance: report it.", "Undefined (NaN) when both masks are empty."],
    pairs: { "segmentation/dice_score": "the volumetric overlap beside the boundary agreement" },
  },
  "segmentation/hausdorff_distance": {
    survey: [],
    beyondSurvey:
      "The boundary distance of medical segmentation challenges (MONAI); HD95 is its robust form.",
    flags: ["threshold"],
    usage: "The worst boundary deviation between masks (HD95 for a robust version).",
    pros: ["Catches boundary outliers that overlap metrics miss.", "In pixels or millimetres."],
    cons: ["The maximum is decided by one stray pixel: prefer HD95.", "Undefined when a mask is empty."],
  },
  "segmentation/average_surface_distance": {
    survey: [],
    beyondSurvey: "Mean boundary distance used in medical segmentation (MONAI) beside Dice.",
    flags: ["robust"],
    usage: "The average distance between the two mask boundaries.",
    pros: ["Less sensitive to single outliers than Hausdorff.", "In physical units."],
    cons: ["Undefined for empty masks.", "Can hide a localised large error."],
  },
  "segmentation/boundary_f1": {
    survey: ["6.2.2"],
    flags: ["threshold"],
    usage: "Contour accuracy: precision and recall of boundary pixels within a distance tolerance.",
    pros: ["Scores boundary quality that region overlap hardly sees on large objects."],
    cons: ["Ignores interiors.", "The distance tolerance changes the score; noisy edges hurt."],
    pairs: { "segmentation/mean_iou": "adds the interior accuracy the boundary score ignores" },
  },
  "segmentation/mask_ap": {
    survey: ["6.2.3"],
    flags: ["threshold"],
    alsoTasks: ["detection"],
    usage: "The instance-segmentation benchmark: COCO AP with mask IoU.",
    pros: ["Measures detection and mask quality together, at several IoU thresholds and object sizes."],
    cons: ["Depends on confidence ranking.", "Occlusions and overlaps complicate matching."],
  },
  "segmentation/soft_dice_loss": {
    survey: ["6.1.2"],
    flags: ["smooth", "scale-invariant"],
    usage: "Train on imbalanced masks by optimising overlap directly (medical imaging, small foregrounds).",
    pros: [
      "Ignores true negatives: robust to a dominant background.",
      "No hyperparameter besides smoothing.",
    ],
    cons: [
      "Unstable when overlap is tiny or masks are empty.",
      "Often combined with cross-entropy for smoother gradients.",
    ],
    pairs: {
      "segmentation/dice_score": report.dice,
      "segmentation/mean_iou": report.meanIou,
      "classification/fbeta": "Dice is the pixel-level F1",
    },
  },
  "segmentation/generalized_dice_loss": {
    survey: [],
    beyondSurvey: "Multi-class Dice with volume weights (Sudre et al. 2017), a standard loss in MONAI.",
    flags: ["smooth"],
    usage: "Multi-class segmentation with classes of very different sizes.",
    pros: ["Rare classes count as much as frequent ones."],
    cons: ["Weights of nearly absent classes explode; needs smoothing."],
    pairs: {
      "segmentation/generalized_dice_score": "the same weighted overlap on held-out data",
      "segmentation/dice_score": "the per-class overlap",
      "segmentation/mean_iou": report.meanIou,
    },
  },
  "segmentation/soft_jaccard_loss": {
    survey: ["6.1.3"],
    flags: ["smooth", "scale-invariant"],
    usage: "Train towards IoU directly with a soft (probabilistic) Jaccard index.",
    pros: ["Aligned with the IoU metric; handles imbalance like Dice."],
    cons: [
      "Weak gradient when prediction and target barely overlap.",
      "Stricter than Dice on partial overlaps.",
    ],
    pairs: {
      "segmentation/mean_iou": report.meanIou,
      "classification/jaccard_index": "the same overlap on hard labels",
    },
  },
  "segmentation/tversky_loss": {
    survey: ["6.1.4"],
    flags: ["smooth"],
    usage:
      "Dice with separate weights for false positives and false negatives; β > α favours recall of small lesions.",
    pros: ["Tunable trade-off between missed and spurious pixels.", "α = β = 0.5 recovers Dice."],
    cons: ["α and β need tuning and bias the errors by design."],
    pairs: {
      "segmentation/dice_score": report.dice,
      "segmentation/mean_iou": report.meanIou,
      "classification/recall": "the recall of foreground pixels the loss trades for",
    },
  },
  "segmentation/focal_tversky_loss": {
    survey: [],
    beyondSurvey: "Tversky raised to a power (Abraham & Khan 2019) to focus on hard, small regions.",
    flags: ["smooth"],
    usage: "Tversky loss with a focusing exponent for small lesions.",
    pros: ["γ < 1 keeps the gradient large near convergence on hard regions."],
    cons: ["Three hyperparameters (α, β, γ)."],
    pairs: { "segmentation/dice_score": report.dice, "segmentation/mean_iou": report.meanIou },
  },
  "segmentation/lovasz_hinge_loss": {
    survey: ["6.1.5"],
    flags: ["convex"],
    usage: "Binary segmentation optimised for IoU through the convex Lovász extension of the Jaccard loss.",
    pros: [
      "Directly optimises IoU; good for fine-tuning when IoU is the benchmark.",
      "Handles imbalance by focusing on mistakes.",
    ],
    cons: ["Sorting per image makes it costlier.", "Fewer reference implementations."],
    pairs: {
      "segmentation/mean_iou": report.meanIou,
      "classification/jaccard_index": "the IoU the loss is a surrogate of",
    },
  },
  "segmentation/lovasz_softmax_loss": {
    survey: ["6.1.5"],
    flags: [],
    usage: "Multi-class segmentation optimised for mean IoU over classes.",
    pros: ["Surrogate of mean IoU itself; helps small objects."],
    cons: ["Costlier (a sort per class); best after cross-entropy pre-training."],
    pairs: {
      "segmentation/mean_iou": report.meanIou,
      "classification/jaccard_index": "the IoU the loss is a surrogate of",
    },
  },
  "segmentation/dice_cross_entropy_loss": {
    survey: ["12", "6.1.2", "6.1.1"],
    flags: ["smooth"],
    usage:
      "The robust default for imbalanced segmentation: per-pixel cross-entropy plus region Dice (nnU-Net).",
    pros: [
      "Cross-entropy gives smooth per-pixel gradients; Dice handles imbalance.",
      "Few settings to tune.",
    ],
    cons: ["Two weights to balance; their scales differ."],
    pairs: { "segmentation/dice_score": report.dice, "segmentation/mean_iou": report.meanIou },
  },
};
