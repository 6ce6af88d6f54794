import type { Adapter } from "../types.js";
import { float32Tolerance, lossAdapter, scaledTolerance } from "./loss-adapter.js";

// SSIM subtracts squared local means from local second moments (cancellation in float32).
const ssimTolerance = scaledTolerance(1e-4, 2e-5);

/** Conformance adapters of the monocular depth losses (src/losses/depth). */
export const adapters: readonly Adapter[] = [
  lossAdapter({
    metric: "berhu_loss",
    grads: ["input"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.berHuLoss(t.input!, inputs.target as number[], {
        thresholdFraction: options.threshold_fraction as number,
        reduction: options.reduction as "mean",
      }),
  }),
  lossAdapter({
    metric: "scale_invariant_log_loss",
    grads: ["input"],
    constants: ["target", "mask"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.scaleInvariantLogLoss(t.input!, t.target!, {
        mask: t.mask!,
        lambda: options.lambda as number,
        ...(options.sqrt === undefined ? {} : { sqrt: options.sqrt as boolean }),
        ...(options.scale === undefined ? {} : { scale: options.scale as number }),
        ...(options.granularity === undefined ? {} : { granularity: options.granularity as "batch" }),
      }),
  }),
  // MiDaS' image-based reduction is the mean of the per-image losses ("none")
  lossAdapter({
    metric: "scale_shift_invariant_loss",
    grads: ["input"],
    constants: ["target", "mask"],
    tolerance: scaledTolerance(5e-5, 5e-6),
    compute: ({ tf, lib, t, options }) => {
      const imageBased = options.reduction === "image";
      const value = lib.scaleShiftInvariantLoss(t.input!, t.target!, {
        mask: t.mask!,
        alpha: options.alpha as number,
        scales: options.scales as number,
        reduction: imageBased ? "none" : "mean",
      });
      return imageBased ? tf.mean(value) : value;
    },
  }),
  lossAdapter({
    metric: "ssim_loss",
    grads: ["input"],
    constants: ["target"],
    tolerance: ssimTolerance,
    compute: ({ lib, t, options }) =>
      lib.ssimLoss(t.input!, t.target!, {
        window: options.window as "uniform",
        windowSize: options.window_size as number,
        ...(options.sigma === undefined ? {} : { sigma: options.sigma as number }),
      }),
  }),
  lossAdapter({
    metric: "photometric_loss",
    grads: ["input"],
    constants: ["target"],
    tolerance: ssimTolerance,
    compute: ({ lib, t, options }) =>
      lib.photometricLoss(t.input!, t.target!, { alpha: options.alpha as number }),
  }),
  lossAdapter({
    metric: "edge_aware_smoothness_loss",
    grads: ["disparity"],
    constants: ["target"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.edgeAwareSmoothnessLoss(t.disparity!, t.target!, { normalize: options.normalize as boolean }),
  }),
  lossAdapter({
    metric: "edge_loss",
    grads: ["input", "target"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.edgeLoss(t.input!, t.target!, { reduction: options.reduction as "mean" }),
  }),
  lossAdapter({
    metric: "left_right_consistency_loss",
    grads: ["disp_left", "disp_right"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.leftRightConsistencyLoss(t.disp_left!, t.disp_right!, {
        units: options.units as "width",
        reduction: options.reduction as "mean",
      }),
  }),
  lossAdapter({
    metric: "minimum_reprojection_loss",
    grads: ["warped0", "warped1"],
    tolerance: ssimTolerance,
    compute: ({ lib, t, options }) =>
      lib.minimumReprojectionLoss(t.target!, [t.warped0!, t.warped1!], {
        ...(options.automask ? { sources: [t.source0!, t.source1!] } : {}),
        combine: options.combine as "min",
        alpha: options.alpha as number,
        identityNoise: 0,
      }),
  }),
];
