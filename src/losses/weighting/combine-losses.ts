import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";

/** Ceiling of `numTasks` in the weighting schemes (a task count past it is a mistake, not a model). */
export const MAX_TASKS = 10_000;

/**
 * sum_i w_i L_i with the current weights of an adaptive scheme as constants; `fn` names the
 * caller in the `shape_mismatch` error when the number of losses is not the number of weights.
 */
export function combineLosses(
  losses: readonly tf.Scalar[],
  weights: readonly number[],
  fn: string,
): tf.Scalar {
  if (losses.length !== weights.length)
    fail("shape_mismatch", `${fn}: \`losses\` must have ${weights.length} entries, got ${losses.length}`);
  return tf.tidy(() => tf.addN(losses.map((l, i) => tf.mul(l, weights[i]!))) as tf.Scalar);
}
