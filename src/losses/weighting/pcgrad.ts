import type * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { seededRandom } from "../../core/random.js";
import { optInteger, optionNames, optOneOf, readOptions } from "../options.js";
import { dot, gradientRows, taskGradients, unflattenGradients } from "./task-gradients.js";

/** Options of {@link projectConflictingGradients} and {@link pcgrad}. */
export interface PcGradOptions {
  /**
   * The order in which each task's gradient is projected onto the others: `"random"` (default,
   * the paper's Algorithm 1: the other tasks in a random order per task, drawn from `seed`) or
   * `"sequential"` (the other tasks in index order).
   */
  readonly order?: "random" | "sequential";
  /** Seed of the random order. Default 0. */
  readonly seed?: number;
  /** Combine the projected gradients by `"sum"` (default, the paper) or `"mean"` (the common PyTorch port). */
  readonly reduction?: "sum" | "mean";
}

const PCGRAD_OPTIONS = optionNames<PcGradOptions>()("order", "seed", "reduction");

/**
 * PCGrad's "projecting conflicting gradients" (Yu et al. 2020, "Gradient Surgery for Multi-Task
 * Learning", Algorithm 1): for each task i, starting from g_i, for every other task j (in random
 * or index order) with g_i^PC · g_j < 0, remove the conflicting component:
 *   g_i^PC ← g_i^PC - (g_i^PC · g_j / ||g_j||²) g_j,
 * projecting against the original g_j; the update is Σ_i g_i^PC (or the mean). Where no two
 * gradients conflict it is the plain sum. `gradients` holds one vector per task. O(T² D).
 *
 * @example
 * projectConflictingGradients([[1, 0], [-1, 1]], { order: "sequential" }) // [0.5, 1.5]
 */
export function projectConflictingGradients(
  gradients: readonly ArrayLike<number>[],
  options: PcGradOptions = {},
): Float64Array {
  const fn = "projectConflictingGradients";
  const opts = readOptions<PcGradOptions>(fn, options, PCGRAD_OPTIONS);
  const order = optOneOf(fn, "order", opts.order, ["random", "sequential"], "random");
  const seed = optInteger(fn, "seed", opts.seed, 0);
  const reduction = optOneOf(fn, "reduction", opts.reduction, ["sum", "mean"], "sum");
  const rows = gradientRows(gradients, fn);
  const n = rows.length;
  const random = seededRandom(seed);
  const squaredNorms = rows.map((g) => dot(g, g));
  const merged = new Float64Array(rows[0]!.length);
  rows.forEach((g, i) => {
    const projected = Float64Array.from(g);
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    if (order === "random")
      for (let k = others.length - 1; k > 0; k--) {
        const swap = random.int(k + 1);
        [others[k], others[swap]] = [others[swap]!, others[k]!];
      }
    for (const j of others) {
      const gj = rows[j]!;
      const overlap = dot(projected, gj);
      if (overlap < 0 && squaredNorms[j]! > 0) {
        const scale = overlap / squaredNorms[j]!;
        for (let k = 0; k < projected.length; k++) projected[k]! -= scale * gj[k]!;
      }
    }
    for (let k = 0; k < merged.length; k++) merged[k]! += projected[k]!;
  });
  if (reduction === "mean") for (let k = 0; k < merged.length; k++) merged[k]! /= n;
  return merged;
}

/**
 * PCGrad for a TensorFlow.js training step: every task's gradient over `variables`, projected
 * and combined by {@link projectConflictingGradients}, returned as one gradient per variable
 * (keyed by name) for `optimizer.applyGradients`, with the task losses' values. The caller
 * disposes the returned tensors (applyGradients does not).
 *
 * @example
 * const { grads } = pcgrad([() => lossA(), () => lossB()], model.trainableWeights.map((w) => w.read() as tf.Variable));
 * optimizer.applyGradients(grads); tf.dispose(Object.values(grads));
 */
export function pcgrad(
  taskLosses: readonly (() => tf.Scalar)[],
  variables: readonly tf.Variable[],
  options: PcGradOptions = {},
): { grads: tf.NamedTensorMap; losses: number[] } {
  const fn = "pcgrad";
  const opts = readOptions<PcGradOptions>(fn, options, PCGRAD_OPTIONS);
  const { gradients, losses } = taskGradients(taskLosses, variables, fn);
  if (gradients.length === 0)
    fail("empty_input", `${fn}: \`taskLosses\` must not be empty, got ${describeValue(taskLosses)}`);
  return { grads: unflattenGradients(projectConflictingGradients(gradients, opts), variables), losses };
}
