import type { Adapter } from "../types.js";
import { float32Tolerance, lossAdapter } from "./loss-adapter.js";

/** Conformance adapters of the image-generation losses (src/losses/generation). */
export const adapters: readonly Adapter[] = [
  lossAdapter({
    metric: "gan_discriminator_loss",
    grads: ["real_logits", "fake_logits"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.ganDiscriminatorLoss(t.real_logits!, t.fake_logits!, { kind: options.kind as "minimax" }),
  }),
  lossAdapter({
    metric: "gan_generator_loss",
    grads: ["fake_logits"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.ganGeneratorLoss(t.fake_logits!, { kind: options.kind as "minimax" }),
  }),
  lossAdapter({
    metric: "vae_kl_loss",
    grads: ["mu", "logvar"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.vaeKlLoss(t.mu!, t.logvar!, { reduction: options.reduction as "batchmean" }),
  }),
  lossAdapter({
    metric: "reconstruction_loss",
    grads: (_inputs, options) => (options.kind === "bce" ? { grad_probs: "probs" } : { grad_input: "input" }),
    constants: ["target"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.reconstructionLoss((options.kind === "bce" ? t.probs : t.input)!, t.target!, {
        kind: options.kind as "mse",
        reduction: options.reduction as "mean",
      }),
  }),
  lossAdapter({
    metric: "elbo_loss",
    grads: ["input", "mu", "logvar"],
    constants: ["target"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.elboLoss(t.input!, t.target!, t.mu!, t.logvar!, {
        reconstruction: options.reconstruction as "bce_logits",
        beta: options.beta as number,
      }),
  }),
  lossAdapter({
    metric: "flow_nll_loss",
    grads: ["z", "log_det"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.flowNllLoss(t.z!, t.log_det!, {
        bitsPerDim: options.bits_per_dim as boolean,
        ...(options.quantization_bins === undefined
          ? {}
          : { quantizationBins: options.quantization_bins as number }),
      }),
  }),
  lossAdapter({
    metric: "contrastive_divergence",
    grads: ["weight", "visible_bias", "hidden_bias"],
    tolerance: float32Tolerance,
    compute: ({ lib, t, options }) =>
      lib.contrastiveDivergenceLoss(t.visible!, t.weight!, t.visible_bias!, t.hidden_bias!, {
        steps: options.steps as number,
        sampling: options.sampling as "mean-field",
      }),
  }),
  lossAdapter({
    metric: "perceptual_loss",
    grads: ["input", "w1", "w2"],
    tolerance: float32Tolerance,
    compute: ({ tf, lib, t, options }) =>
      lib.perceptualLoss(
        t.input!,
        t.target!,
        (x) => {
          const f1 = tf.tanh(tf.matMul(x, t.w1!));
          return [f1, tf.relu(tf.matMul(f1, t.w2!))];
        },
        {
          distance: options.distance as "mse",
          layerWeights: options.layer_weights as number[],
          reduction: options.reduction as "mean",
        },
      ),
  }),
  lossAdapter({
    metric: "gradient_penalty",
    grads: ["w1", "w2"],
    tolerance: float32Tolerance,
    compute: ({ tf, lib, t, options }) =>
      lib.gradientPenalty(
        (x) => {
          const hidden = tf.matMul(x, t.w1!);
          // leaky ReLU as relu(h) - 0.2 relu(-h): tf.leakyRelu is not twice differentiable in TF.js
          const activated =
            options.critic === "square"
              ? tf.square(hidden)
              : tf.sub(tf.relu(hidden), tf.mul(0.2, tf.relu(tf.neg(hidden))));
          return tf.matMul(activated, t.w2!);
        },
        t.real!,
        t.fake!,
        { lambda: options.lambda as number, target: options.target as number, epsilon: t.epsilon! },
      ),
  }),
];
