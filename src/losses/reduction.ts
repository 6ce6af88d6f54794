import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../core/errors.js";

/** How a loss reduces its per-element values, as in PyTorch. */
export type Reduction = "none" | "mean" | "sum";

export function assertReduction(value: unknown, fn: string): Reduction {
  if (value !== "none" && value !== "mean" && value !== "sum") {
    fail(
      "invalid_option",
      `${fn}: option \`reduction\` must be "none", "mean" or "sum", got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * The one reduction path every loss uses: optional element weights (broadcast against
 * `values`), then `none` (values as they are), `sum`, or `mean` (the plain mean over elements,
 * PyTorch's default; weighted means that divide by the weight sum are the losses' own options).
 * An empty `values` gives 0 for `sum` and NaN for `mean`, as PyTorch does.
 */
export function reduceLoss(values: tf.Tensor, reduction: Reduction, weights?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const weighted = weights ? tf.mul(values, weights) : values;
    if (reduction === "none") return weighted;
    if (reduction === "sum") return tf.sum(weighted);
    return tf.mean(weighted);
  });
}
