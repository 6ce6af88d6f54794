import * as tf from "@tensorflow/tfjs-core";
import { optionNames, optOneOf, readOptions, reductionOption } from "../options.js";
import type { Reduction } from "../reduction.js";
import { reduceLoss } from "../reduction.js";
import { assertNonEmptyTensor, asTensor } from "../tensor-input.js";

/** The GAN objectives: "minimax" (Goodfellow et al.), "non_saturating", "hinge", "least_squares" (LSGAN, 0/1 targets), "wasserstein". */
export type GanKind = "minimax" | "non_saturating" | "hinge" | "least_squares" | "wasserstein";

const KINDS: readonly GanKind[] = ["minimax", "non_saturating", "hinge", "least_squares", "wasserstein"];

/** Options of {@link ganDiscriminatorLoss} and {@link ganGeneratorLoss}. */
export interface GanLossOptions {
  /** Default "non_saturating" (the generator objective everyone trains with; for the discriminator it is the same as "minimax"). */
  readonly kind?: GanKind;
  /**
   * "mean" (default): each term averaged over its own batch (the real and fake batches may
   * differ in size). "sum": each term summed. "none": the per-sample terms, real ones first,
   * then fake ones, concatenated (discriminator) or the fake ones (generator).
   */
  readonly reduction?: Reduction;
}

const GAN_LOSS_OPTIONS = optionNames<GanLossOptions>()("kind", "reduction");

function reduceTerm(values: tf.Tensor, reduction: Reduction): tf.Tensor {
  return reduceLoss(values, reduction);
}

/**
 * Discriminator (critic) loss from raw logits `realLogits` [N...] and `fakeLogits` [M...]
 * (before any sigmoid). Per kind: minimax / non_saturating: softplus(-r) + softplus(f)
 * (binary cross-entropy with targets 1 and 0, overflow-free); hinge: relu(1 - r) + relu(1 + f);
 * least_squares: 0.5(r - 1)² + 0.5 f²; wasserstein: f - r. Each term is averaged over its own
 * batch. Matches the torch 2.11 autograd formulas of the conformance cases.
 */
export function ganDiscriminatorLoss(
  realLogits: tf.Tensor | number[],
  fakeLogits: tf.Tensor | number[],
  options: GanLossOptions = {},
): tf.Tensor {
  const fn = "ganDiscriminatorLoss";
  const opts = readOptions<GanLossOptions>(fn, options, GAN_LOSS_OPTIONS);
  const kind = optOneOf(fn, "kind", opts.kind, KINDS, "non_saturating");
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const r = asTensor(realLogits, fn, "realLogits");
    const f = asTensor(fakeLogits, fn, "fakeLogits");
    assertNonEmptyTensor(r, fn, "realLogits");
    assertNonEmptyTensor(f, fn, "fakeLogits");
    let realTerm: tf.Tensor;
    let fakeTerm: tf.Tensor;
    switch (kind) {
      case "minimax":
      case "non_saturating":
        realTerm = tf.softplus(tf.neg(r));
        fakeTerm = tf.softplus(f);
        break;
      case "hinge":
        realTerm = tf.relu(tf.sub(1, r));
        fakeTerm = tf.relu(tf.add(1, f));
        break;
      case "least_squares":
        realTerm = tf.mul(0.5, tf.square(tf.sub(r, 1)));
        fakeTerm = tf.mul(0.5, tf.square(f));
        break;
      case "wasserstein":
        realTerm = tf.neg(r);
        fakeTerm = f;
        break;
    }
    if (reduction === "none") return tf.concat([tf.reshape(realTerm, [-1]), tf.reshape(fakeTerm, [-1])]);
    return tf.add(reduceTerm(realTerm, reduction), reduceTerm(fakeTerm, reduction));
  });
}

/**
 * Generator loss from the discriminator's logits on generated samples `fakeLogits`. Per kind:
 * minimax: -softplus(f) (= log(1 - sigmoid f)); non_saturating: softplus(-f) (= -log sigmoid f);
 * least_squares: 0.5(f - 1)²; hinge and wasserstein: -f. Overflow-free for any logit.
 */
export function ganGeneratorLoss(fakeLogits: tf.Tensor | number[], options: GanLossOptions = {}): tf.Tensor {
  const fn = "ganGeneratorLoss";
  const opts = readOptions<GanLossOptions>(fn, options, GAN_LOSS_OPTIONS);
  const kind = optOneOf(fn, "kind", opts.kind, KINDS, "non_saturating");
  const reduction = reductionOption(fn, opts.reduction);
  return tf.tidy(() => {
    const f = asTensor(fakeLogits, fn, "fakeLogits");
    assertNonEmptyTensor(f, fn, "fakeLogits");
    let term: tf.Tensor;
    switch (kind) {
      case "minimax":
        term = tf.neg(tf.softplus(f));
        break;
      case "non_saturating":
        term = tf.softplus(tf.neg(f));
        break;
      case "least_squares":
        term = tf.mul(0.5, tf.square(tf.sub(f, 1)));
        break;
      case "hinge":
      case "wasserstein":
        term = tf.neg(f);
        break;
    }
    return reduceTerm(term, reduction);
  });
}
