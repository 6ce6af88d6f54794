import type { Adapter } from "../types.js";
import { lossAdapter } from "./loss-adapter.js";

/** MONAI's smoothing: smooth_nr = smooth_dr = 1e-5 unless the case says otherwise. */
const monaiSmooth = (options: Record<string, unknown>) => (options.target === "one-hot" ? 1 : 1e-5);

/**
 * Conformance adapters of the segmentation losses (src/losses/segmentation). The shared cases are
 * global soft scores over every element (the formula's sums run over all of them); the Dice
 * family's golden cases come from MONAI; the Lovasz ones from the authors' reference.
 */
export const adapters: readonly Adapter[] = [
  lossAdapter({
    metric: "soft_dice_loss",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.softDiceLoss(t.input!, t.target!, { smooth: options.smooth as number, mode: "global" }),
  }),
  lossAdapter({
    metric: "soft_jaccard_loss",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.softJaccardLoss(t.input!, t.target!, { smooth: options.smooth as number, mode: "global" }),
  }),
  lossAdapter({
    metric: "tversky_loss",
    grads: ["input"],
    compute: ({ lib, t, options }) =>
      lib.tverskyLoss(t.input!, t.target!, {
        alpha: options.alpha as number,
        beta: options.beta as number,
        gamma: options.gamma as number,
        mode: "global",
      }),
  }),
  lossAdapter({
    metric: "lovasz_hinge_loss",
    grads: ["logits"],
    compute: ({ lib, t, options }) =>
      lib.lovaszHingeLoss(t.logits!, t.labels!, { perImage: options.per_image as boolean }),
  }),
  lossAdapter({
    metric: "lovasz_softmax_loss",
    grads: ["probas"],
    integer: ["labels"],
    compute: ({ lib, t, options }) =>
      lib.lovaszSoftmaxLoss(t.probas!, t.labels!, {
        classes: options.classes as "present",
        perImage: options.per_image as boolean,
        ...(options.ignore !== undefined && options.ignore !== null
          ? { ignoreIndex: options.ignore as number }
          : {}),
      }),
  }),
  lossAdapter({
    metric: "generalized_dice_loss",
    grads: ["probs"],
    compute: ({ lib, t, options }) =>
      lib.generalizedDiceLoss(t.probs!, options.target === "one-hot" ? t.onehot! : t.labels!, {
        mode: options.batch ? "batch" : "per-image",
        smooth: monaiSmooth(options),
      }),
  }),
  lossAdapter({
    metric: "dice_cross_entropy_loss",
    grads: ["logits"],
    compute: ({ lib, t, options }) =>
      lib.diceCrossEntropyLoss(t.logits!, t.labels!, {
        mode: options.batch ? "per-class" : "per-image-class",
        ...(options.lambda_dice === undefined ? {} : { diceWeight: options.lambda_dice as number }),
        ...(options.lambda_ce === undefined ? {} : { crossEntropyWeight: options.lambda_ce as number }),
      }),
  }),
];
