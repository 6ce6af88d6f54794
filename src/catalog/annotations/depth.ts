import type { Annotations } from "../annotation.js";

const report = {
  absRel: "the headline KITTI/NYU error, relative to the true depth",
  rmse: "the absolute error in metres, dominated by far pixels",
  delta: "the share of pixels within 25% of the truth",
  rmseLog: "relative error in log space, near and far pixels weighted alike",
} as const;

/** Survey section 8 (monocular depth estimation): losses 8.1 (table 16), metrics 8.2 (table 17). */
export const depth: Annotations = {
  "depth/abs_rel": {
    survey: ["8.2.1"],
    flags: ["scale-invariant"],
    usage: "The headline relative depth error on KITTI and NYU.",
    pros: [
      "Relative to the true depth: comparable across near and far scenes.",
      "Highlights errors on close objects.",
    ],
    cons: [
      "Unstable near zero depth; under-weights errors on far objects.",
      "Asymmetric: over-estimates cost more.",
    ],
    pairs: { "depth/delta_accuracy": "the share of pixels within a ratio complements the average" },
  },
  "depth/sq_rel": {
    survey: [],
    beyondSurvey: "Part of the standard Eigen et al. (2014) KITTI metric set reported in every depth paper.",
    flags: [],
    usage: "Squared relative error, reported with the standard KITTI metric set.",
    pros: ["Emphasises large relative errors."],
    cons: ["Has units of depth (squared error over depth), so it is not scale-free.", "Outlier-dominated."],
  },
  "depth/rmse": {
    survey: ["8.2.2"],
    flags: ["convex", "smooth"],
    usage: "The absolute depth error in metres.",
    pros: ["In metric units; catches large mispredictions."],
    cons: [
      "Dominated by far pixels and outliers.",
      "Not scale-invariant: meaningless before scale alignment for relative depth.",
    ],
  },
  "depth/rmse_log": {
    survey: ["8.2.3"],
    flags: ["smooth", "scale-invariant"],
    usage: "RMSE of log depths: relative errors, near and far weighted alike.",
    pros: ["Suited to depth ranges spanning indoor and outdoor scenes."],
    cons: ["Undefined at zero depth: mask invalid pixels.", "Less intuitive than metres."],
  },
  "depth/log10": {
    survey: ["8.2.5"],
    flags: ["convex", "scale-invariant"],
    usage: "Mean absolute error in decades (log10), common on NYU.",
    pros: ["Relative error; robust to mixing depth ranges."],
    cons: ["Amplifies errors near zero depth.", "Harder to read than RMSE."],
  },
  "depth/delta_accuracy": {
    survey: ["8.2.4"],
    flags: ["threshold", "scale-invariant", "robust"],
    usage: "The share of pixels whose depth ratio to the truth is below 1.25, 1.25², 1.25³.",
    pros: ["Easy to read as a percentage of good pixels.", "Robust: a wild pixel counts once."],
    cons: ["Discontinuous; the thresholds are arbitrary.", "Ignores how wrong the bad pixels are."],
  },
  "depth/silog": {
    survey: ["8.2.8", "8.1.2"],
    flags: ["smooth", "scale-invariant"],
    usage:
      "The scale-invariant log error (KITTI's ranking metric): shape of the depth map regardless of global scale.",
    pros: [
      "With λ = 1 a global scale error costs nothing: measures relative structure.",
      "Standard KITTI benchmark metric.",
    ],
    cons: [
      "Hides global scale errors when metric depth matters.",
      "λ < 1 (the training setting) keeps part of the scale error; the KITTI metric uses λ = 1 and reports 100·√(·).",
    ],
    pairs: { "depth/abs_rel": "adds the absolute-scale error SILog ignores" },
  },
  "depth/berhu_loss": {
    survey: ["8.1.8"],
    flags: ["convex"],
    usage: "Depth regression over a wide depth range: L1 for small residuals, L2 for large ones.",
    pros: [
      "Keeps gradients for near-correct pixels while weighting hard pixels more.",
      "Adaptive threshold from the batch.",
    ],
    cons: ["The threshold follows the largest residual: one bad pixel rescales it.", "No structural prior."],
    pairs: {
      "depth/abs_rel": report.absRel,
      "depth/rmse": report.rmse,
      "depth/delta_accuracy": report.delta,
    },
  },
  "depth/edge_aware_smoothness_loss": {
    survey: ["8.1.5"],
    flags: ["convex", "no-reference"],
    usage: "Regularise predicted disparity to be smooth except at image edges (self-supervised depth).",
    pros: [
      "Fills textureless regions where photometric losses give no signal.",
      "Allows discontinuities at image edges.",
    ],
    cons: ["Over-smooths thin structures; its weight must be tuned against the photometric term."],
    pairs: {
      "depth/abs_rel": report.absRel,
      "depth/rmse": report.rmse,
      "depth/delta_accuracy": report.delta,
    },
  },
  "depth/edge_loss": {
    survey: ["8.1.9"],
    flags: ["convex"],
    usage:
      "Add to a point-wise depth loss (L1, BerHu, SILog) when depth edges come out blurred or shifted; needs dense ground truth.",
    pros: [
      "Sharpens object boundaries that a per-pixel loss averages away.",
      "Convex and cheap: first differences and an L1 norm.",
    ],
    cons: [
      "Blind to a global depth offset (only differences enter), so it cannot be used alone.",
      "Undefined on sparse ground truth (LiDAR) and copies noisy ground-truth edges.",
    ],
    pairs: {
      "depth/abs_rel": report.absRel,
      "depth/rmse": report.rmse,
      "depth/delta_accuracy": report.delta,
    },
  },
  "depth/photometric_loss": {
    survey: ["8.1.4", "8.1.6"],
    flags: ["no-reference"],
    usage:
      "Self-supervised depth: reconstruct one view from another with the predicted depth, scored by SSIM + L1.",
    pros: [
      "Needs no depth labels, only video or stereo.",
      "SSIM term is robust to small brightness changes.",
    ],
    cons: [
      "Assumes brightness constancy: occlusions, moving objects and reflections violate it.",
      "Needs smoothness and masking terms.",
    ],
    pairs: {
      "depth/abs_rel": report.absRel,
      "depth/rmse": report.rmse,
      "depth/delta_accuracy": report.delta,
      "image/ssim": "the reconstruction quality the loss optimises",
    },
  },
  "depth/scale_invariant_log_loss": {
    survey: ["8.1.2"],
    flags: ["smooth", "scale-invariant"],
    usage:
      "Train monocular depth without penalising the global scale it cannot know (λ = 1) or only partly (λ < 1).",
    pros: [
      "Focuses on relative depth structure.",
      "Log space weights relative errors equally at all distances.",
    ],
    cons: ["Loses absolute scale with λ = 1.", "Zero depths must be masked."],
    pairs: {
      "depth/silog": "the same quantity as a metric",
      "depth/abs_rel": report.absRel,
      "depth/rmse_log": report.rmseLog,
      "depth/delta_accuracy": report.delta,
    },
  },
  "depth/scale_shift_invariant_loss": {
    survey: ["8.1.11"],
    flags: ["scale-invariant"],
    usage:
      "Train relative depth or disparity on mixed datasets whose annotations differ by scale and shift (MiDaS).",
    pros: [
      "Mixes datasets with incompatible depth conventions; strong zero-shot transfer.",
      "Gradient matching sharpens edges.",
    ],
    cons: ["Least-squares alignment is outlier-sensitive.", "Extra cost per sample; no metric scale."],
    pairs: {
      "depth/abs_rel": report.absRel,
      "depth/delta_accuracy": report.delta,
      "depth/rmse": report.rmse,
    },
  },
  "depth/ssim_loss": {
    survey: ["8.1.3", "9.2.2"],
    flags: ["smooth"],
    alsoTasks: ["generation"],
    usage: "Penalise structural dissimilarity between images or depth maps (1 - SSIM).",
    pros: ["Tolerates small global intensity changes that break L1/L2.", "Preserves edges and texture."],
    cons: ["Weak in textureless regions; combine with L1.", "Less accurate per pixel."],
    pairs: {
      "image/ssim": "the same similarity measured on held-out images",
      "image/psnr": "pixel fidelity, which SSIM alone does not guarantee",
      "depth/abs_rel": report.absRel,
    },
  },
  "depth/left_right_consistency_loss": {
    survey: ["8.1.7"],
    flags: ["robust", "no-reference"],
    usage:
      "Stereo-trained monocular depth (Monodepth): predict both views' disparities and penalise, in L1, where each disagrees with the other projected into its view.",
    pros: [
      "Needs no depth labels: only rectified stereo pairs at training time, one image at test time.",
      "Ties the two disparity maps into one consistent geometry, reducing artifacts at depth discontinuities.",
      "L1 keeps a few inconsistent pixels from dominating.",
    ],
    cons: [
      "Occluded pixels have no valid counterpart in the other view and are penalised anyway.",
      "The bilinear sampling gives gradients only from neighbouring pixels: large disparity errors get little signal.",
      "A weight to tune against the appearance and smoothness terms (1.0 in Monodepth).",
    ],
    pairs: {
      "depth/abs_rel": report.absRel,
      "depth/rmse": report.rmse,
      "depth/delta_accuracy": report.delta,
    },
  },
  "depth/minimum_reprojection_loss": {
    survey: ["8.1.10"],
    flags: ["no-reference"],
    usage:
      "Self-supervised depth from video (Monodepth2): per pixel, the smallest photometric error over the source frames, with static pixels masked out automatically.",
    pros: [
      "The per-pixel minimum ignores sources in which a pixel is occluded or out of view, instead of averaging their large errors in.",
      "Auto-masking drops pixels that do not move relative to the camera (static camera, objects moving with it), which would otherwise teach infinite depth.",
      "No labels and no extra network: a change in how the photometric error is reduced.",
    ],
    cons: [
      "Still assumes brightness constancy: reflections and lighting changes break it.",
      "Auto-masking also drops genuinely static scenes; pixels with no motion get no depth signal.",
      "Depth is known only up to scale: evaluate after median scaling.",
    ],
    pairs: {
      "depth/abs_rel": `${report.absRel}, after per-image median scaling for self-supervised models`,
      "depth/rmse": report.rmse,
      "depth/delta_accuracy": report.delta,
    },
  },
  "depth/bad_pixel_rate": {
    survey: ["8.2.6"],
    flags: ["threshold", "robust"],
    usage:
      "The share of pixels with a gross error (KITTI's D1: more than 3 px and 5% off), for stereo and depth leaderboards.",
    pros: [
      "Counts failures, not their size: one wild pixel cannot dominate it.",
      "The KITTI 2015 ranking metric, directly comparable with published numbers.",
    ],
    cons: [
      "Blind to the size of errors below and above the thresholds.",
      "The thresholds are in disparity pixels for KITTI: pick them anew for depths.",
    ],
    pairs: { "depth/abs_rel": "measures the size of the errors the rate only counts" },
  },
  "depth/whdr": {
    survey: ["8.2.7"],
    flags: ["threshold"],
    usage:
      "Score intrinsic-image reflectance against the human pairwise judgements of Intrinsic Images in the Wild.",
    pros: [
      "Needs only sparse human comparisons, no dense ground truth.",
      "Weights each judgement by the annotators' confidence.",
    ],
    cons: [
      "Ordinal: ignores how much darker one point is once past the delta.",
      "Depends on the IIW annotation format and its delta of 0.10.",
    ],
  },
};
