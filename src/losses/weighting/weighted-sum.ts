import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";

/**
 * Fixed-weight multi-task loss: sum_i w_i L_i (every weight 1 when `weights` is omitted).
 * The baseline the adaptive schemes improve on; the weights are hyperparameters whose best
 * values depend on each loss's scale. O(T).
 */
export function weightedSum(losses: readonly tf.Scalar[], weights?: readonly number[]): tf.Scalar {
  const fn = "weightedSum";
  if (losses.length === 0) fail("empty_input", `${fn}: \`losses\` must not be empty, got 0 elements`);
  if (weights !== undefined && weights.length !== losses.length) {
    fail(
      "shape_mismatch",
      `${fn}: \`weights\` must have one entry per loss (${losses.length}), got ${weights.length}`,
    );
  }
  weights?.forEach((w, i) => {
    if (!Number.isFinite(w))
      fail("invalid_value", `${fn}: \`weights\` must be finite, got ${describeValue(w)} at index ${i}`);
  });
  return tf.tidy(() => tf.addN(losses.map((l, i) => (weights ? tf.mul(l, weights[i]!) : l))) as tf.Scalar);
}
