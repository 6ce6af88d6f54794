import * as tf from "@tensorflow/tfjs-core";
import { optOneOf, required } from "../core/options.js";
import { accurateMean, accurateSum } from "./accurate-sum.js";

/** How a loss reduces its per-element values, as in PyTorch. */
export type Reduction = "none" | "mean" | "sum";

/** Parses a `reduction` value ("none", "mean" or "sum"); anything else is `invalid_option`. */
export function assertReduction(value: unknown, fn: string): Reduction {
  const reduction = optOneOf(fn, "reduction", value, ["none", "mean", "sum"] as const);
  return required(fn, "reduction", reduction);
}

/**
 * The one reduction path every loss uses: optional element weights (broadcast against
 * `values`), then `none` (values as they are), `sum`, or `mean` (the plain mean over elements,
 * PyTorch's default; weighted means that divide by the weight sum are the losses' own options),
 * summed in blocks so that the result is accurate at any size on every backend (see
 * accurate-sum.ts).
 * An empty `values` gives 0 for `sum` and NaN for `mean`, as PyTorch does.
 */
export function reduceLoss(values: tf.Tensor, reduction: Reduction, weights?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const weighted = weights ? tf.mul(values, weights) : values;
    if (reduction === "none") return weighted;
    if (reduction === "sum") return accurateSum(weighted);
    return accurateMean(weighted);
  });
}
