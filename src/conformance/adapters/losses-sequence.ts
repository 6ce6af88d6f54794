import type { Adapter } from "../types.js";
import { float32Tolerance, lossAdapter, scaledTolerance } from "./loss-adapter.js";

/** Conformance adapters of the sequence losses (src/losses/sequence). */
export const adapters: readonly Adapter[] = [
  // The recursion runs in float64 on float32 inputs; only the float32 result rounding differs.
  lossAdapter({
    metric: "ctc_loss",
    grads: ["log_probs"],
    constants: [],
    tolerance: scaledTolerance(2e-6, 1e-7),
    compute: ({ lib, t, inputs, options }) =>
      lib.ctcLoss(
        t.log_probs!,
        inputs.targets as number[][],
        inputs.input_lengths as number[],
        inputs.target_lengths as number[],
        {
          blank: options.blank as number,
          reduction: options.reduction as "mean",
          zeroInfinity: options.zero_infinity as boolean,
        },
      ),
  }),
  lossAdapter({
    metric: "token_cross_entropy",
    grads: ["logits"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ lib, t, inputs, options }) =>
      lib.tokenCrossEntropy(t.logits!, inputs.targets as number[][], {
        ignoreIndex: options.ignore_index as number,
        labelSmoothing: options.label_smoothing as number,
        reduction: options.reduction as "mean",
      }),
  }),
  lossAdapter({
    metric: "reinforce_loss",
    grads: ["logits"],
    constants: [],
    tolerance: float32Tolerance,
    compute: ({ tf, lib, t, inputs, options }) => {
      const samples = inputs.samples as number[][];
      const references = inputs.references as number[][];
      // log p(y) of each sampled sequence: its tokens' log-softmax, summed (a one-hot product
      // instead of a gather, whose gradient the WASM backend lacks)
      const vocabulary = t.logits!.shape[2]!;
      const oneHot = tf.oneHot(tf.tensor2d(samples, undefined, "int32"), vocabulary);
      const logp = tf.sum(tf.mul(tf.logSoftmax(t.logits!), oneHot), [1, 2]);
      const loss = lib.reinforceLoss<number[], number[]>({
        reward: (sample, reference) =>
          sample.filter((token, i) => token === reference[i]).length / sample.length,
        baseline: options.baseline as "mean",
      });
      return loss(logp, samples, references);
    },
  }),
];
