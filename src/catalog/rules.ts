/**
 * The advice rules, as data: for each task the survey's default choice of metrics and losses, and
 * for each data trait the entries to prefer (in order, best first) and to avoid, each with its
 * reason. `recommend()` only reads this table; entries' `suitedTo` and `misleadingUnder` fields
 * are derived from it. The reasons paraphrase the survey's tables (4–21) and discussions; where the
 * survey is silent the reason cites the entry's primary paper.
 */
import type { Task } from "./tasks.js";

/** Entries to prefer or avoid under one trait: id → reason (insertion order is the ranking). */
export interface TraitRule {
  readonly prefer: Readonly<Record<string, string>>;
  readonly avoid: Readonly<Record<string, string>>;
}

/** The advice of one task. */
export interface TaskRules {
  /** The survey's general-purpose metrics for the task, best first (used with or without traits). */
  readonly metrics: readonly string[];
  /** The survey's general-purpose losses for the task, best first. */
  readonly losses: readonly string[];
  /** One rule per trait of the task's vocabulary (`TRAITS` in tasks.ts). */
  readonly traits: Readonly<Record<string, TraitRule>>;
}

export const RULES: Readonly<Record<Task, TaskRules>> = {
  regression: {
    metrics: [
      "regression/root_mean_squared_error",
      "regression/mean_absolute_error",
      "regression/r2_score",
      "regression/mean_squared_error",
    ],
    losses: ["regression/mse_loss", "regression/huber_loss", "regression/l1_loss"],
    traits: {
      outliers: {
        prefer: {
          "regression/huber_loss":
            "quadratic for small residuals but linear beyond δ, so outliers cannot dominate the gradient",
          "regression/smooth_l1_loss": "Huber scaled to a gradient bounded by 1: robust with little tuning",
          "regression/log_cosh_loss": "robust to moderate outliers while staying smooth everywhere",
          "regression/l1_loss": "linear penalty: an outlier costs in proportion to its error, not its square",
          "regression/mean_absolute_error":
            "weighs large errors linearly, so a few outliers do not dominate the score",
          "regression/median_absolute_error": "unaffected by up to half the errors being outliers",
          "regression/d2_absolute_error": "a scale-free score built on absolute deviations",
        },
        avoid: {
          "regression/mse_loss": "squared errors let a few outliers dominate the loss and its gradient",
          "regression/mean_squared_error": "squared errors let a few outliers dominate the score",
          "regression/root_mean_squared_error":
            "still squares the errors: a few outliers inflate it; report it only beside MAE",
          "regression/max_error": "decided by the single worst sample",
        },
      },
      "relative-error": {
        prefer: {
          "regression/mean_absolute_percentage_error":
            "scale-free percentage error, comparable across series (positive targets only)",
          "regression/symmetric_mean_absolute_percentage_error":
            "a bounded percentage error that treats over- and under-prediction alike",
          "regression/mean_squared_log_error":
            "log-ratio errors: being 10% off costs the same for small and large targets",
          "regression/root_mean_squared_log_error": "log-ratio errors on the RMSE scale",
          "regression/weighted_mean_absolute_percentage_error":
            "relative error over the whole series, stable with some small targets",
          "regression/tweedie_deviance":
            "with power 2 (Gamma deviance) the score is scale-free for positive targets",
        },
        avoid: {
          "regression/mean_squared_error": "absolute squared errors let the largest targets dominate",
          "regression/root_mean_squared_error":
            "absolute errors in target units let the largest targets dominate",
        },
      },
      zeros: {
        prefer: {
          "regression/symmetric_mean_absolute_percentage_error":
            "bounded and defined unless target and prediction are both 0",
          "regression/weighted_mean_absolute_percentage_error":
            "divides by the total volume, so individual zeros are harmless",
          "regression/mean_absolute_error": "absolute errors are defined whatever the target",
          "regression/mean_squared_log_error": "log(1 + y) is defined at zero",
        },
        avoid: {
          "regression/mean_absolute_percentage_error": "undefined at zero targets and explosive near them",
        },
      },
      skewed: {
        prefer: {
          "regression/mean_absolute_error":
            "the survey's choice for skewed errors: the median is a sturdier centre than the mean",
          "regression/l1_loss": "estimates the conditional median, which a long tail does not drag",
          "regression/quantile_loss": "models the asymmetric spread of skewed targets quantile by quantile",
          "regression/median_absolute_error": "a typical error the tail cannot move",
          "regression/tweedie_deviance": "Gamma and Poisson deviances fit positive, right-skewed targets",
        },
        avoid: {
          "regression/mean_squared_error": "the squared error of a skewed target is driven by its long tail",
        },
      },
      heteroscedastic: {
        prefer: {
          "regression/quantile_loss": "quantiles follow a spread that changes with the input",
          "regression/mean_pinball_loss": "scores each predicted quantile properly whatever the local noise",
          "regression/gaussian_nll_loss":
            "predicts a variance per sample, so noisy regions are down-weighted",
        },
        avoid: {
          "regression/mse_loss": "assumes one noise level everywhere: the noisiest region dominates training",
        },
      },
      quantiles: {
        prefer: {
          "regression/quantile_loss": "its minimiser is the q-th conditional quantile",
          "regression/mean_pinball_loss": "the proper score of a quantile forecast",
        },
        avoid: {
          "regression/mse_loss": "estimates the conditional mean, not a quantile",
        },
      },
      counts: {
        prefer: {
          "regression/poisson_nll_loss":
            "the likelihood of count data, with positive predictions through the log link",
          "regression/tweedie_deviance": "power 1 is the Poisson deviance: the matching metric for counts",
          "regression/mean_absolute_error": "the error in counts, easy to explain",
        },
        avoid: {
          "regression/mean_absolute_percentage_error": "zero counts make it undefined",
        },
      },
    },
  },

  classification: {
    metrics: [
      "classification/accuracy",
      "classification/fbeta",
      "classification/precision",
      "classification/recall",
      "classification/auroc",
      "classification/precision_recall_curve",
      "classification/confusion_matrix",
    ],
    losses: ["classification/cross_entropy", "classification/bce_with_logits", "classification/hinge_loss"],
    traits: {
      imbalanced: {
        prefer: {
          "classification/average_precision":
            "summarises the precision-recall curve, whose baseline is the prevalence, so rare-class failures show",
          "classification/precision_recall_curve":
            "the survey's curve for imbalanced data: it tracks the positive class at every threshold",
          "classification/fbeta":
            "balances precision and recall of the rare class; far more telling than accuracy on skewed data",
          "classification/balanced_accuracy":
            "averages per-class recall, so a majority-class predictor scores only 1/K",
          "classification/matthews_corrcoef":
            "uses all four confusion cells and is high only when both classes are predicted well",
          "classification/recall": "shows how many rare positives are found",
          "classification/critical_success_index":
            "ignores correct negatives, so the abundant negatives cannot inflate it (the threat score of rare-event forecasts)",
          "classification/log_auc":
            "scores the ranking at false positive rates of 0.1–10%, where the many easy negatives no longer flatter it as they do AUROC",
          "classification/class_likelihood_ratios":
            "independent of prevalence: what a positive or negative prediction is worth in any population",
          "classification/cross_entropy":
            "with class weights (inverse frequency), rare classes get their share of the gradient",
          "classification/bce_with_logits":
            "pos_weight (negatives/positives) raises the recall of a rare positive class",
          "classification/sigmoid_focal_loss":
            "down-weights the many easy negatives so rare, hard examples drive learning",
          "classification/softmax_focal_loss":
            "focuses the multi-class gradient on hard and minority examples",
          "classification/poly1_loss":
            "one tunable term on top of cross-entropy to raise the penalty on hard, minority examples",
          "weighting/class_weights":
            "inverse-frequency, 'balanced' or effective-number weights from the labels, for weighted cross-entropy, BCE's pos_weight and focal α",
        },
        avoid: {
          "classification/accuracy":
            "a majority-class predictor scores the majority share: 99% accuracy can mean no positive was found",
          "classification/negative_predictive_value":
            "high for a rare positive class almost regardless of the model",
        },
      },
      calibration: {
        prefer: {
          "classification/calibration_error":
            "directly compares confidence with observed accuracy, bin by bin",
          "classification/reliability_curve":
            "shows per bin where the model is over- or under-confident, the picture behind the calibration error",
          "classification/brier_score": "a bounded proper score that rewards calibrated probabilities",
          "classification/log_loss":
            "a strictly proper score: only calibrated, sharp probabilities minimise it",
          "classification/cross_entropy": "a proper scoring rule: its optimum is calibrated probabilities",
          "classification/bce_with_logits":
            "the Bernoulli likelihood: probabilistic outputs for binary and multilabel tasks",
        },
        avoid: {
          "classification/auroc": "ranks scores only: a badly calibrated model can still score 1",
          "classification/sigmoid_focal_loss":
            "down-weighting confident examples leaves its probabilities less calibrated",
          "classification/softmax_focal_loss":
            "down-weighting confident examples leaves its probabilities less calibrated",
        },
      },
      "noisy-labels": {
        prefer: {
          "classification/cross_entropy":
            "with label smoothing the model never fits a (possibly wrong) label with full confidence",
          "classification/hinge_loss":
            "a linear penalty: mislabelled samples pull less than under cross-entropy",
        },
        avoid: {
          "classification/sigmoid_focal_loss":
            "focuses on the hardest examples, which include the mislabelled ones",
          "classification/softmax_focal_loss":
            "focuses on the hardest examples, which include the mislabelled ones",
        },
      },
      multilabel: {
        prefer: {
          "classification/fbeta":
            "macro or micro F1 over labels, as the survey recommends for multi-label images",
          "classification/average_precision": "per-label ranking quality, informative for rare labels",
          "classification/hamming_distance": "the share of wrong labels, with partial credit per label",
          "classification/exact_match": "the strict share of samples with every label right",
          "classification/label_ranking_average_precision":
            "whether each sample's true labels are ranked above its false ones",
          "classification/bce_with_logits": "one independent binary decision per label",
          "classification/multilabel_soft_margin_loss": "per-label logistic loss with per-label weights",
          "classification/sigmoid_focal_loss": "per-label focal loss for rare labels",
        },
        avoid: {
          "classification/cross_entropy": "the softmax makes labels compete, so only one can be high",
          "classification/softmax_focal_loss": "the softmax makes labels compete, so only one can be high",
        },
      },
      "cost-sensitive": {
        prefer: {
          "classification/fbeta":
            "β weighs recall against precision by the relative cost of a miss and a false alarm",
          "classification/recall_at_fixed_precision":
            "the recall reachable under a required precision (a cost constraint)",
          "classification/precision_at_fixed_recall": "the precision reachable at a required recall",
          "classification/sensitivity_at_specificity":
            "a clinical operating point fixed by the cost of false alarms",
          "classification/specificity_at_sensitivity":
            "a clinical operating point fixed by the cost of misses",
          "classification/confusion_matrix": "shows each error type, to weigh by its cost",
          "classification/class_likelihood_ratios":
            "with the prevalence they give the post-test odds, from which the expected cost of each decision follows",
          "classification/log_auc":
            "when false alarms are costly only the low false-positive end of the ROC curve matters",
          "classification/cross_entropy": "class weights proportional to the cost of errors on each class",
          "classification/bce_with_logits": "pos_weight encodes the cost ratio of misses to false alarms",
        },
        avoid: {
          "classification/accuracy": "counts every error the same, whatever it costs",
        },
      },
      "threshold-free": {
        prefer: {
          "classification/auroc": "summarises every threshold: the chance a positive outranks a negative",
          "classification/average_precision": "summarises the precision-recall trade-off over all thresholds",
          "classification/roc_curve": "shows every operating point before one is chosen",
          "classification/precision_recall_curve": "shows every operating point before one is chosen",
          "classification/log_loss": "scores the probabilities themselves, no threshold involved",
        },
        avoid: {
          "classification/accuracy": "depends on a decision threshold that is not fixed yet",
          "classification/fbeta": "depends on a decision threshold that is not fixed yet",
        },
      },
      "many-classes": {
        prefer: {
          "classification/accuracy":
            "top-k accuracy credits the right class among many similar ones (ImageNet practice)",
          "classification/balanced_accuracy":
            "per-class recall averaged, so rare classes among many still count",
          "classification/cross_entropy":
            "sparse integer targets avoid one-hot memory; label smoothing curbs over-confidence",
        },
        avoid: {
          "classification/confusion_matrix": "unreadable at hundreds of classes: use per-class tables",
        },
      },
      fairness: {
        prefer: {
          "classification/group_fairness":
            "demographic parity and equal opportunity compare positive-prediction and true positive rates across groups (1 is parity)",
          "classification/stat_scores":
            "TP, FP, TN and FN computed on each group's slice show which error rates differ between groups",
        },
        avoid: {
          "classification/accuracy":
            "the largest group dominates it: a model can be accurate overall and fail a small group",
        },
      },
    },
  },

  detection: {
    metrics: ["detection/coco_map", "detection/voc_ap", "detection/box_iou"],
    losses: [
      "detection/ciou_loss",
      "detection/giou_loss",
      "detection/smooth_l1_loss",
      "classification/sigmoid_focal_loss",
      "detection/yolo_loss",
    ],
    traits: {
      "small-objects": {
        prefer: {
          "detection/coco_map": "reports AP and AR for small objects (area below 32²) separately",
          "detection/ciou_loss":
            "IoU losses are scale-invariant: a small box's error weighs as much as a large one's",
          "detection/giou_loss": "scale-invariant overlap loss that also moves boxes that miss entirely",
          "detection/balanced_l1_loss":
            "balances small and large errors so small objects are localised precisely",
          "classification/sigmoid_focal_loss":
            "keeps the few small positives from drowning among background anchors",
        },
        avoid: {
          "detection/smooth_l1_loss":
            "penalises absolute offsets, so errors on small boxes look negligible next to large ones",
          "detection/yolo_v1_loss":
            "one class per grid cell and squared coordinate errors: small objects in groups are its known weakness",
        },
      },
      crowded: {
        prefer: {
          "detection/coco_map":
            "AR at 1, 10 and 100 detections and crowd regions show behaviour in dense scenes",
          "detection/nms":
            "its IoU threshold decides whether neighbouring objects survive as separate detections",
        },
        avoid: {
          "detection/yolo_v1_loss":
            "each grid cell predicts one class, so neighbouring objects compete for a cell",
        },
      },
      localization: {
        prefer: {
          "detection/coco_map": "averages IoU 0.50–0.95, so tight boxes are rewarded",
          "detection/box_iou": "the overlap of matched boxes measures localisation directly",
          "detection/ciou_loss": "overlap, centre distance and aspect ratio in one loss",
          "detection/diou_loss": "penalises centre offsets for faster, better-aligned regression",
          "detection/giou_loss": "a signal even for non-overlapping boxes",
          "detection/iou_loss": "optimises the overlap that evaluation measures",
        },
        avoid: {
          "detection/voc_ap": "a single IoU of 0.5 accepts loose boxes",
        },
      },
      imbalanced: {
        prefer: {
          "classification/sigmoid_focal_loss":
            "designed for the extreme foreground-background imbalance of dense detectors",
          "detection/coco_map": "averages AP per class, so rare classes count as much as frequent ones",
          "detection/balanced_l1_loss": "rebalances the gradient between easy and hard boxes",
        },
        avoid: {},
      },
      "scale-variation": {
        prefer: {
          "detection/balanced_l1_loss": "built for datasets whose objects vary widely in size",
          "detection/giou_loss": "scale-invariant: small and large boxes weigh alike",
          "detection/ciou_loss": "scale-invariant with centre and shape terms",
          "detection/coco_map": "AP by object size shows where scale hurts",
        },
        avoid: {
          "detection/smooth_l1_loss": "absolute offsets let large boxes dominate the loss",
        },
      },
      landmarks: {
        prefer: {
          "face/landmark_nme":
            "the face-alignment benchmarks' NME with failure rate and CED AUC, comparable across face sizes",
          "detection/wing_loss":
            "amplifies small and medium landmark errors while staying linear for outliers",
          "regression/huber_loss": "a smooth robust alternative when landmark errors include outliers",
        },
        avoid: {},
      },
    },
  },

  segmentation: {
    metrics: [
      "segmentation/mean_iou",
      "segmentation/dice_score",
      "segmentation/pixel_accuracy",
      "segmentation/boundary_f1",
    ],
    losses: [
      "classification/cross_entropy",
      "segmentation/dice_cross_entropy_loss",
      "segmentation/soft_dice_loss",
    ],
    traits: {
      imbalanced: {
        prefer: {
          "segmentation/dice_score": "ignores true negatives, so a dominant background cannot inflate it",
          "segmentation/mean_iou": "averages IoU per class, so rare classes count as much as background",
          "segmentation/generalized_dice_score": "inverse volume weights make small classes count",
          "segmentation/dice_cross_entropy_loss":
            "cross-entropy's stable gradients plus Dice's robustness to imbalance",
          "segmentation/soft_dice_loss": "optimises overlap directly, insensitive to the background's size",
          "segmentation/generalized_dice_loss": "weights each class by its inverse volume",
          "segmentation/tversky_loss": "penalises missed foreground more than spurious foreground when β > α",
          "segmentation/lovasz_softmax_loss": "optimises mean IoU directly, which weighs classes equally",
          "classification/softmax_focal_loss": "down-weights the easy background pixels",
          "weighting/class_weights":
            "pixel-frequency weights (inverse frequency or effective number) for the per-pixel cross-entropy",
        },
        avoid: {
          "segmentation/pixel_accuracy":
            "dominated by the majority class: an empty mask scores the background share",
          "segmentation/frequency_weighted_iou":
            "weights classes by pixel count, hiding failures on rare ones",
          "classification/cross_entropy":
            "unweighted, the background's pixels dominate the gradient; weight it or add Dice",
        },
      },
      "small-structures": {
        prefer: {
          "segmentation/tversky_loss": "with β > α it favours recall of small lesions",
          "segmentation/focal_tversky_loss": "its exponent focuses training on small, hard regions",
          "segmentation/soft_dice_loss": "overlap-based, so small regions are not swamped by background",
          "segmentation/lovasz_softmax_loss": "IoU surrogate that helps small objects",
          "segmentation/dice_score": "sensitive to small foreground regions",
          "segmentation/hausdorff_distance":
            "HD95 catches boundary errors that barely change overlap on thin structures",
        },
        avoid: {
          "segmentation/pixel_accuracy": "small structures hardly move it",
        },
      },
      boundaries: {
        prefer: {
          "segmentation/boundary_f1": "scores contour alignment within a distance tolerance",
          "segmentation/normalized_surface_dice":
            "the share of each boundary within a tolerance of the other: deviations below the annotators' variability cost nothing",
          "segmentation/hausdorff_distance": "the worst boundary deviation (HD95 for robustness)",
          "segmentation/average_surface_distance": "the average boundary deviation",
        },
        avoid: {
          "segmentation/pixel_accuracy": "no sense of boundary quality",
        },
      },
      instances: {
        prefer: {
          "segmentation/mask_ap": "the instance-segmentation standard: AP over mask IoU thresholds",
          "detection/rle_mask_iou": "the mask IoU that matches instances",
        },
        avoid: {
          "segmentation/mean_iou": "semantic only: two touching instances of a class look like one",
        },
      },
      panoptic: {
        prefer: {
          "segmentation/panoptic_quality":
            "one score for stuff and things: segmentation quality times recognition quality",
          "segmentation/panoptic_quality_coco": "PQ with COCO's VOID and crowd conventions",
        },
        avoid: {},
      },
    },
  },

  face: {
    metrics: ["face/verification", "face/identification_rank"],
    losses: ["face/arcface_loss", "face/cosface_loss", "face/triplet_mining_loss", "face/softmax_loss"],
    traits: {
      verification: {
        prefer: {
          "face/verification": "TAR at a low FAR is how 1:1 face verification is specified",
          "classification/equal_error_rate": "the threshold-free summary biometrics papers report",
          "face/arcface_loss": "an additive angular margin gives compact, well-separated identities",
          "face/cosface_loss": "a cosine margin: stable training and discriminative embeddings",
          "face/contrastive_loss": "learns the pair distance that verification thresholds",
          "face/triplet_mining_loss": "learns a metric directly from mined triplets",
        },
        avoid: {
          "face/softmax_loss": "no margin: large intra-class spread hurts 1:1 decisions",
        },
      },
      identification: {
        prefer: {
          "face/identification_rank": "rank-k accuracy (CMC) is the 1:N identification measure",
          "retrieval/recall_at_k": "whether the right identity is among the k nearest gallery faces",
          "face/arcface_loss": "angular margins separate many identities",
          "face/sphereface_loss": "an angular margin between identity classes",
          "face/center_loss": "tightens each identity's cluster beside softmax",
        },
        avoid: {},
      },
      "open-set": {
        prefer: {
          "face/arcface_loss": "margins in angle generalise to identities unseen in training",
          "face/cosface_loss": "margins in cosine generalise to identities unseen in training",
          "face/triplet_margin_loss": "learns a distance, not classes, so new identities need no retraining",
          "face/triplet_mining_loss": "learns a distance, with mining for efficient training",
          "face/contrastive_loss": "pairwise metric learning that extends to new identities",
          "face/circle_loss": "optimises pair similarities with a clear target, for unseen classes",
          "face/verification": "open-set systems are judged by verification rates",
        },
        avoid: {
          "face/softmax_loss":
            "learns the training identities as classes; unseen identities need margin-trained embeddings",
        },
      },
      "self-supervised": {
        prefer: {
          "face/barlow_twins_loss": "learns decorrelated features from two views, without negatives",
          "face/simsiam_loss": "no negatives or large batches; the stop-gradient prevents collapse",
          "face/nt_xent_loss": "contrastive learning from augmented views (needs large batches)",
          "face/info_nce_loss": "in-batch contrastive learning on paired views",
        },
        avoid: {},
      },
    },
  },

  depth: {
    metrics: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy", "depth/rmse_log", "depth/silog"],
    losses: ["depth/scale_invariant_log_loss", "depth/berhu_loss", "depth/ssim_loss"],
    traits: {
      "scale-ambiguity": {
        prefer: {
          "depth/silog": "with λ = 1 a global scale error costs nothing: it measures relative structure",
          "depth/scale_invariant_log_loss":
            "does not penalise the global scale a single image cannot determine",
          "depth/scale_shift_invariant_loss": "aligns scale and shift before comparing, for relative depth",
          "depth/rmse_log": "log errors turn a scale factor into an offset that median scaling removes",
          "depth/delta_accuracy": "ratio thresholds are scale-free once predictions are median-scaled",
        },
        avoid: {
          "depth/rmse":
            "in metres: a correct shape at the wrong scale scores badly unless scale is aligned first",
          "depth/sq_rel": "in depth units: punishes global scale errors",
        },
      },
      "self-supervised": {
        prefer: {
          "depth/minimum_reprojection_loss":
            "the photometric loss with a per-pixel minimum over source frames and auto-masking, against occlusions and static pixels (Monodepth2)",
          "depth/photometric_loss":
            "trains depth from view reconstruction (SSIM + L1), no depth labels needed",
          "depth/edge_aware_smoothness_loss":
            "regularises textureless regions where the photometric signal is weak",
          "depth/left_right_consistency_loss":
            "with stereo training pairs, keeps the two views' disparities geometrically consistent",
          "depth/ssim_loss": "the structural part of the photometric objective",
          "depth/abs_rel":
            "evaluate after median scaling, as self-supervised depth is known only up to scale",
        },
        avoid: {
          "depth/berhu_loss": "needs ground-truth depth",
          "depth/scale_invariant_log_loss": "needs ground-truth depth",
          "depth/edge_loss": "needs dense ground-truth depth",
        },
      },
      stereo: {
        prefer: {
          "depth/bad_pixel_rate":
            "KITTI's D1, the share of disparities off by more than 3 px and 5%: the stereo benchmark's ranking metric",
          "depth/photometric_loss": "appearance matching between the stereo views supervises disparity",
          "depth/left_right_consistency_loss":
            "penalises left and right disparities that disagree once projected into each other's view (Monodepth)",
          "depth/edge_aware_smoothness_loss": "the disparity smoothness term of stereo self-supervision",
        },
        avoid: {},
      },
      "wide-range": {
        prefer: {
          "depth/berhu_loss":
            "L1 for small, L2 for large residuals: suited to depths spanning orders of magnitude",
          "depth/rmse_log": "log errors weigh near and far pixels alike",
          "depth/log10": "errors in decades, robust to mixed indoor and outdoor ranges",
          "depth/abs_rel": "errors relative to the true depth",
          "depth/scale_invariant_log_loss": "log space weights relative errors equally at all distances",
        },
        avoid: {
          "depth/rmse": "far pixels dominate the squared error",
          "depth/sq_rel": "large errors at far range dominate",
        },
      },
      boundaries: {
        prefer: {
          "depth/edge_loss":
            "matches the depth gradients to the ground truth's, so blurred or shifted depth edges cost directly (DenseDepth)",
          "depth/edge_aware_smoothness_loss":
            "smooths depth except where image edges indicate real discontinuities",
          "depth/scale_shift_invariant_loss": "its gradient-matching term sharpens depth discontinuities",
          "depth/ssim_loss": "preserves local structure and edges",
        },
        avoid: {},
      },
    },
  },

  generation: {
    metrics: [
      "models/frechet_inception_distance",
      "generative/frechet_distance",
      "generative/inception_score",
      "image/psnr",
      "image/ssim",
    ],
    losses: [
      "generation/gan_generator_loss",
      "generation/gan_discriminator_loss",
      "generation/reconstruction_loss",
      "generation/elbo_loss",
      "generation/perceptual_loss",
    ],
    traits: {
      fidelity: {
        prefer: {
          "models/frechet_inception_distance":
            "FID from the images with the Inception-v3 you supply: the standard realism benchmark, as papers report it",
          "generative/frechet_distance":
            "compares real and generated feature statistics: the standard realism benchmark",
          "generative/precision_recall": "precision measures how many samples fall on the real data manifold",
          "generative/kernel_inception_distance":
            "an unbiased distribution distance, reliable on small sample sets",
          "generation/gan_generator_loss": "adversarial training produces sharp, realistic samples",
          "generation/gan_discriminator_loss": "the critic that drives the generator towards realism",
          "generation/perceptual_loss": "feature-space comparison gives sharper outputs than pixel losses",
        },
        avoid: {
          "generation/reconstruction_loss": "alone, pixel MSE averages plausible outputs into blur",
        },
      },
      diversity: {
        prefer: {
          "generative/precision_recall": "recall measures how much of the real data the samples cover",
          "generative/frechet_distance": "the covariance term penalises samples that lack variety",
          "generative/kernel_inception_distance": "a distribution distance that detects missing modes",
          "models/kernel_inception_distance": "KID from the images themselves, unbiased on small sets",
          "models/density_coverage":
            "coverage counts the real samples with a generated sample nearby, robust to outliers",
          "generation/gan_discriminator_loss": "the Wasserstein form reduces mode collapse",
          "generation/gradient_penalty":
            "keeps the Wasserstein critic informative, which counters mode collapse",
        },
        avoid: {
          "generative/inception_score": "blind to mode collapse within a class",
          "models/inception_score": "blind to mode collapse within a class",
        },
      },
      perceptual: {
        prefer: {
          "models/lpips": "deep-feature distance calibrated on human similarity judgements (LPIPS)",
          "image/ssim": "luminance, contrast and structure: closer to perception than pixel errors",
          "image/ms_ssim": "SSIM over several scales",
          "generation/perceptual_loss": "matches deep features, aligned with human perception",
          "depth/ssim_loss": "trains towards structural similarity",
          "generative/frechet_distance": "distribution-level perceptual realism",
        },
        avoid: {
          "image/psnr": "correlates poorly with perceived quality",
        },
      },
      restoration: {
        prefer: {
          "image/psnr": "the standard pixel-fidelity score against the reference",
          "image/ssim": "structural fidelity against the reference",
          "image/ms_ssim": "multi-scale structural fidelity",
          "models/lpips": "perceptual distance to the reference, which PSNR and SSIM understate",
          "generation/reconstruction_loss":
            "directly enforces fidelity to the reference (L1 keeps edges sharper than MSE)",
          "generation/perceptual_loss": "recovers sharp detail that pixel losses smooth away",
          "depth/ssim_loss": "optimises structural similarity to the reference",
        },
        avoid: {
          "generative/inception_score": "ignores the reference entirely",
          "models/inception_score": "ignores the reference entirely",
        },
      },
      "text-to-image": {
        prefer: {
          "models/clip_score": "agreement of each image with its prompt, judged by CLIP (CLIPScore)",
          "models/frechet_inception_distance":
            "realism and diversity, which prompt agreement does not measure",
        },
        avoid: {
          "generative/inception_score": "scores ImageNet-class confidence, not agreement with the prompt",
          "models/inception_score": "scores ImageNet-class confidence, not agreement with the prompt",
        },
      },
      likelihood: {
        prefer: {
          "generation/flow_nll_loss": "exact likelihood, reported in bits per dimension",
          "generation/elbo_loss": "a tractable lower bound on the likelihood",
          "generation/vae_kl_loss": "the KL term of the VAE bound",
        },
        avoid: {
          "generation/gan_generator_loss": "adversarial training defines no likelihood",
        },
      },
      "training-stability": {
        prefer: {
          "generation/gan_discriminator_loss":
            "Wasserstein and hinge forms give smoother, non-saturating gradients",
          "generation/gradient_penalty":
            "enforces the critic's Lipschitz constraint softly, stabilising WGAN training",
          "generative/kernel_inception_distance":
            "monitor training with an unbiased distance instead of the loss value",
        },
        avoid: {},
      },
    },
  },

  text: {
    metrics: ["text/corpus_bleu", "text/chrf", "text/rouge", "text/meteor", "text/perplexity", "text/wer"],
    losses: ["sequence/token_cross_entropy", "sequence/minimum_risk_training", "sequence/reinforce_loss"],
    traits: {
      translation: {
        prefer: {
          "text/corpus_bleu":
            "the de facto MT metric: n-gram precision against references, with sacrebleu's signature",
          "text/chrf": "character n-grams credit morphological variants and need no tokenizer",
          "text/meteor": "stems and synonyms: closer to human judgement than BLEU",
          "text/ter": "the editing effort to fix a translation",
          "text/bertscore": "semantic credit for correct paraphrases",
          "text/ribes":
            "rank correlation of aligned words: catches the word-order errors of distant language pairs that BLEU misses",
          "text/nist": "weighs informative (rare) matched n-grams over frequent function-word matches",
          "sequence/token_cross_entropy": "the standard maximum-likelihood training of translation models",
          "sequence/minimum_risk_training": "fine-tunes towards BLEU itself",
          "sequence/reinforce_loss": "optimises a sequence-level reward such as BLEU",
        },
        avoid: {},
      },
      summarization: {
        prefer: {
          "text/rouge": "the de facto summarization metric: recall of reference content",
          "text/bertscore": "credits paraphrased content ROUGE misses",
          "text/meteor": "stem and synonym matching for rephrased summaries",
          "rag/summarization_score": "coverage of source facts balanced with conciseness, without references",
          "sequence/token_cross_entropy": "the standard training objective for summarizers",
          "sequence/minimum_risk_training": "fine-tunes towards ROUGE itself",
          "sequence/reinforce_loss": "optimises a ROUGE reward directly",
        },
        avoid: {
          "text/corpus_bleu": "precision-oriented: penalises the rewording and reordering good summaries use",
        },
      },
      speech: {
        prefer: {
          "text/wer": "the standard ASR metric: word edits over reference words",
          "text/cer": "character errors, for scripts without clear word boundaries",
          "text/mer": "a bounded WER variant",
          "text/wil": "the information lost, symmetric in hypothesis and reference",
          "sequence/ctc_loss": "trains without frame-level alignments",
          "sequence/minimum_risk_training": "fine-tunes towards WER itself",
        },
        avoid: {
          "text/corpus_bleu": "made for translation: n-gram precision misjudges transcripts",
        },
      },
      tagging: {
        prefer: {
          "text/seqeval": "entity-level precision, recall and F1 as CoNLL scores them",
          "sequence/token_cross_entropy": "per-token classification loss with a padding mask",
        },
        avoid: {},
      },
      qa: {
        prefer: {
          "text/squad": "exact match and token F1 against the gold answers",
          "text/embedding_similarity": "semantic credit for correct answers phrased differently",
          "sequence/token_cross_entropy": "trains the answer generator or span extractor",
          "classification/margin_ranking_loss": "ranks correct answers above wrong ones",
          "classification/cosine_embedding_loss": "pulls question and answer embeddings together",
        },
        avoid: {
          "text/corpus_bleu": "short answers make n-gram precision meaningless",
        },
      },
      "language-modeling": {
        prefer: {
          "text/perplexity": "the standard measure of a language model's predictive fit",
          "sequence/token_cross_entropy": "next-token maximum likelihood; its exponential is the perplexity",
        },
        avoid: {},
      },
      "sentence-level": {
        prefer: {
          "text/chrf": "character n-grams stay informative for a single sentence",
          "text/gleu": "designed to behave well per sentence",
          "text/bertscore": "embedding matching works sentence by sentence",
          "text/meteor": "a sentence-level metric by design",
        },
        avoid: {
          "text/corpus_bleu":
            "designed for corpora: on one sentence a single missing 4-gram gives 0 without smoothing",
          "text/nltk_bleu": "needs a smoothing method to be meaningful per sentence",
          "text/bleu_whitespace": "corpus BLEU applied to one sentence is unstable",
        },
      },
      paraphrase: {
        prefer: {
          "text/bertscore": "matches contextual embeddings, so synonyms and rewording count",
          "text/meteor": "matches stems and WordNet synonyms",
          "text/embedding_similarity": "compares meaning through sentence embeddings",
          "text/chrf": "partial credit for shared word parts",
        },
        avoid: {
          "text/corpus_bleu": "no credit for synonyms or rephrasing",
          "text/rouge": "surface overlap only",
        },
      },
      diversity: {
        prefer: {
          "text/distinct_n": "the share of unique n-grams exposes repetitive generation",
          "text/self_bleu": "how similar generated texts are to each other",
        },
        avoid: {
          "text/perplexity": "a low perplexity rewards safe, repetitive text",
        },
      },
    },
  },

  retrieval: {
    metrics: [
      "retrieval/ndcg",
      "retrieval/map",
      "retrieval/mrr",
      "retrieval/recall_at_k",
      "retrieval/precision_at_k",
    ],
    losses: [
      "classification/margin_ranking_loss",
      "face/info_nce_loss",
      "face/contrastive_loss",
      "classification/cosine_embedding_loss",
    ],
    traits: {
      ranking: {
        prefer: {
          "retrieval/ndcg": "discounts relevant results by their position",
          "retrieval/map": "rewards ranking every relevant document early",
          "retrieval/mrr": "how early the first relevant result appears",
          "classification/margin_ranking_loss":
            "trains relevant items to outrank irrelevant ones by a margin",
          "face/info_nce_loss": "trains a retriever with the rest of the batch as negatives",
        },
        avoid: {
          "retrieval/precision_at_k": "ignores the order inside the top k",
        },
      },
      "graded-relevance": {
        prefer: {
          "retrieval/ndcg": "gains follow the relevance grade",
          "retrieval/ndcg_score": "graded nDCG over score matrices",
        },
        avoid: {
          "retrieval/map": "binary relevance: grades collapse to relevant or not",
          "retrieval/mrr": "binary relevance and only the first hit",
        },
      },
      "top-k": {
        prefer: {
          "retrieval/recall_at_k": "whether the needed documents make the cut",
          "retrieval/precision_at_k": "how much of what is shown is relevant",
          "retrieval/hit_rate_at_k": "whether at least one relevant result is shown",
          "retrieval/ndcg": "position-aware quality within the cut-off",
        },
        avoid: {
          "retrieval/auroc": "weighs every position alike, the bottom of the list as much as the top",
        },
      },
      "single-answer": {
        prefer: {
          "retrieval/mrr": "the reciprocal rank of the one answer that counts",
          "retrieval/hit_rate_at_k": "whether the answer is within reach",
        },
        avoid: {},
      },
    },
  },

  rag: {
    metrics: [
      "rag/faithfulness",
      "rag/answer_relevance",
      "rag/context_precision",
      "rag/context_recall",
      "rag/answer_correctness",
    ],
    losses: [
      "sequence/token_cross_entropy",
      "face/contrastive_loss",
      "classification/margin_ranking_loss",
      "classification/nll_loss",
      "classification/kl_div",
    ],
    traits: {
      faithfulness: {
        prefer: {
          "rag/faithfulness": "the share of answer claims supported by the retrieved context",
          "rag/ares_answer_faithfulness": "faithfulness from a trained judge, with confidence intervals",
        },
        avoid: {
          "rag/answer_semantic_similarity":
            "similarity to a reference says nothing about grounding in the context",
          "rag/answer_relevance": "an on-topic answer can still be invented",
        },
      },
      "retrieval-quality": {
        prefer: {
          "rag/context_precision": "whether useful chunks are ranked first, where generators attend",
          "rag/context_recall": "whether the context supports every part of the reference answer",
          "rag/ares_context_relevance": "context relevance from a trained judge, with confidence intervals",
          "rag/context_entities_recall": "whether the key entities reached the context",
          "retrieval/recall_at_k": "whether the needed passage made the top k",
          "retrieval/ndcg": "ranking quality of the retrieved passages",
          "face/contrastive_loss": "fine-tunes the retriever to separate relevant from irrelevant passages",
          "classification/margin_ranking_loss": "fine-tunes the retriever to rank relevant passages higher",
          "face/info_nce_loss": "in-batch contrastive training of dense retrievers",
        },
        avoid: {},
      },
      "answer-quality": {
        prefer: {
          "rag/answer_correctness": "factual overlap with the reference blended with semantic similarity",
          "rag/answer_relevance": "whether the answer addresses the question",
          "rag/answer_semantic_similarity": "closeness in meaning to the reference answer",
          "rag/ares_answer_relevance": "answer relevance from a trained judge, with confidence intervals",
          "text/squad": "exact match and token F1 for short factual answers",
          "sequence/token_cross_entropy": "fine-tunes the generator on reference answers",
        },
        avoid: {
          "text/rouge": "surface overlap misses correct rephrasings",
        },
      },
      "no-reference": {
        prefer: {
          "rag/faithfulness": "checks grounding against the context, no reference needed",
          "rag/answer_relevance": "regenerates questions from the answer, no reference needed",
          "rag/ares_answer_faithfulness": "a trained judge plus a small human-labelled set",
          "rag/ares_context_relevance": "a trained judge plus a small human-labelled set",
          "rag/aspect_critique": "yes/no checks of custom aspects, no reference needed",
        },
        avoid: {
          "rag/answer_correctness": "needs a reference answer",
          "rag/context_recall": "needs a reference answer",
          "rag/answer_semantic_similarity": "needs a reference answer",
          "rag/context_entities_recall": "needs a reference answer",
        },
      },
      "confidence-intervals": {
        prefer: {
          "rag/ares_context_relevance":
            "prediction-powered inference gives valid intervals from a few human labels",
          "rag/ares_answer_faithfulness":
            "prediction-powered inference gives valid intervals from a few human labels",
          "rag/ares_answer_relevance":
            "prediction-powered inference gives valid intervals from a few human labels",
        },
        avoid: {},
      },
    },
  },

  "multi-loss": {
    metrics: [],
    losses: [
      "weighting/weighted_sum",
      "weighting/uncertainty_weighting",
      "weighting/grad_norm",
      "weighting/dynamic_weight_average",
      "weighting/mgda",
      "weighting/cov_weighting",
    ],
    traits: {
      "scale-mismatch": {
        prefer: {
          "weighting/uncertainty_weighting":
            "learned weights make the combination insensitive to each loss's scale",
          "weighting/grad_norm": "balances gradient magnitudes rather than raw loss values",
          "weighting/cov_weighting":
            "weighs each loss by the variation of its ratio to its own running mean, which is scale-free",
        },
        avoid: {
          "weighting/weighted_sum": "fixed weights let the largest-scale loss dominate",
        },
      },
      "conflicting-gradients": {
        prefer: {
          "weighting/pcgrad":
            "removes from each task's gradient the component that points against another task's (gradient surgery)",
          "weighting/mgda":
            "takes the min-norm combination of the task gradients, a direction that decreases every task",
          "weighting/grad_norm": "equalises the tasks' gradient norms on the shared layers",
        },
        avoid: {
          "weighting/weighted_sum": "adds conflicting gradients blindly",
        },
      },
      "no-tuning": {
        prefer: {
          "weighting/uncertainty_weighting": "learns the weights with the model",
          "weighting/dynamic_weight_average": "adapts the weights from loss trends, no gradients needed",
          "weighting/grad_norm": "learns the weights from gradient statistics",
          "weighting/cov_weighting":
            "sets the weights from the losses' values alone: no gradients, no parameters",
          "weighting/mgda": "solves for the weights at every step from the task gradients",
        },
        avoid: {
          "weighting/weighted_sum": "its weights must be tuned by hand",
        },
      },
    },
  },
};
