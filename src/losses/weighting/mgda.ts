import type * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions } from "../options.js";
import { combineLosses } from "./combine-losses.js";
import { dot, gradientRows, taskGradients } from "./task-gradients.js";

/** How {@link minNormWeights} scales each task's gradient before the solve (the authors' `gradient_normalizers`). */
export type GradientNormalization = "none" | "l2" | "loss" | "loss+";

/** Options of {@link minNormWeights}. */
export interface MinNormOptions {
  /**
   * Divide task t's gradient by 1 (`"none"`, default), its L2 norm (`"l2"`), its loss (`"loss"`),
   * or loss × norm (`"loss+"`) before solving; the weights then apply to the unnormalised losses,
   * as in the authors' training script.
   */
  readonly normalization?: GradientNormalization;
  /** The task losses, needed by `"loss"` and `"loss+"`. */
  readonly losses?: readonly number[];
  /** Frank-Wolfe iterations at most. Default 250 (the authors' MAX_ITER). */
  readonly maxIterations?: number;
  /** Stop when the weights move by less than this (L1). Default 1e-5 (the authors' STOP_CRIT). */
  readonly tolerance?: number;
}

const MIN_NORM_OPTIONS = optionNames<MinNormOptions>()(
  "normalization",
  "losses",
  "maxIterations",
  "tolerance",
);

/** The min-norm solution of {@link minNormWeights}. */
export interface MinNormSolution {
  /** α on the simplex (α_t >= 0, Σ α_t = 1). */
  readonly weights: number[];
  /** ||Σ_t α_t g_t||² of the (normalised) gradients, as the solver reports it. */
  readonly squaredNorm: number;
}

/**
 * min over c in [0, 1] of ||c x1 + (1 - c) x2||² from the Gram entries, with the authors' end
 * points: 0.999 and 0.001 instead of 1 and 0 when the minimum sits at a vertex.
 */
function minNormOfTwo(v1v1: number, v1v2: number, v2v2: number): [gamma: number, cost: number] {
  if (v1v2 >= v1v1) return [0.999, v1v1];
  if (v1v2 >= v2v2) return [0.001, v2v2];
  const gamma = -((v1v2 - v2v2) / (v1v1 + v2v2 - 2 * v1v2));
  return [gamma, v2v2 + gamma * (v1v2 - v2v2)];
}

/**
 * MGDA's task weights (Sener & Koltun 2018, "Multi-Task Learning as Multi-Objective
 * Optimization"): the point of the convex hull of the task gradients with the smallest norm,
 *   α = argmin ||Σ_t α_t g_t||²  over α_t >= 0, Σ_t α_t = 1,
 * whose combined gradient Σ α_t g_t is a descent direction for every task (zero at a Pareto-
 * stationary point). Solved as the authors' `MinNormSolver.find_min_norm_element_FW`: start from
 * the best pair (closed form for two vectors), then Frank-Wolfe steps toward the vertex with the
 * smallest <g_t, Σ α g> and an exact line search, until the weights move by less than
 * `tolerance`. Matches that code number for number, including its 0.999/0.001 end points for a
 * pair whose minimum is a vertex and returning the weights before the last (sub-tolerance) step.
 * `gradients` holds one vector per task (e.g. from the shared parameters or, for MGDA-UB, the
 * shared representation). O(T² D) for the Gram matrix, O(T²) per iteration.
 *
 * @example
 * minNormWeights([[1, 0], [0, 1]]).weights // [0.5, 0.5]
 */
export function minNormWeights(
  gradients: readonly ArrayLike<number>[],
  options: MinNormOptions = {},
): MinNormSolution {
  const fn = "minNormWeights";
  const opts = readOptions<MinNormOptions>(fn, options, MIN_NORM_OPTIONS);
  const normalization = optOneOf(
    fn,
    "normalization",
    opts.normalization,
    ["none", "l2", "loss", "loss+"],
    "none",
  );
  const maxIterations = optInteger(fn, "maxIterations", opts.maxIterations, 250, { min: 1, max: 1_000_000 });
  const tolerance = optNumber(fn, "tolerance", opts.tolerance, 1e-5, { min: 0 });
  const rows = gradientRows(gradients, fn);
  const n = rows.length;
  if (normalization === "loss" || normalization === "loss+") {
    const losses = opts.losses;
    if (!Array.isArray(losses) || losses.length !== n)
      fail(
        "invalid_option",
        `${fn}: option \`losses\` must hold one loss per task (${n}) for normalization "${normalization}", got ${describeValue(losses)}`,
      );
    for (const [i, l] of losses.entries()) optNumber(fn, `losses[${i}]`, l, 0);
  }
  const scaled = rows.map((g, t) => {
    const norm = Math.sqrt(dot(g, g));
    const divisor =
      normalization === "l2"
        ? norm
        : normalization === "loss"
          ? opts.losses![t]!
          : normalization === "loss+"
            ? opts.losses![t]! * norm
            : 1;
    return divisor === 1 ? g : g.map((v) => v / divisor);
  });
  const gram = scaled.map((a) => scaled.map((b) => dot(a, b)));
  if (n === 1) return { weights: [1], squaredNorm: gram[0]![0]! };
  // the best pair, first of equal costs (i < j in order)
  let best = { i: 0, j: 1, gamma: 0, cost: Number.POSITIVE_INFINITY };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const [gamma, cost] = minNormOfTwo(gram[i]![i]!, gram[i]![j]!, gram[j]![j]!);
      if (cost < best.cost) best = { i, j, gamma, cost };
    }
  let weights = new Array<number>(n).fill(0);
  weights[best.i] = best.gamma;
  weights[best.j] = 1 - best.gamma;
  if (n < 3) return { weights, squaredNorm: best.cost };
  let squaredNorm = best.cost;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradient = gram.map((row) => row.reduce((s, g, k) => s + g * weights[k]!, 0));
    let vertex = 0;
    for (let t = 1; t < n; t++) if (gradient[t]! < gradient[vertex]!) vertex = t;
    const v1v1 = weights.reduce((s, w, t) => s + w * gradient[t]!, 0);
    const v1v2 = weights.reduce((s, w, t) => s + w * gram[t]![vertex]!, 0);
    const [gamma, cost] = minNormOfTwo(v1v1, v1v2, gram[vertex]![vertex]!);
    squaredNorm = cost;
    const next = weights.map((w) => gamma * w);
    next[vertex]! += 1 - gamma;
    const change = next.reduce((s, w, t) => s + Math.abs(w - weights[t]!), 0);
    if (change < tolerance) return { weights, squaredNorm };
    weights = next;
  }
  return { weights, squaredNorm };
}

/** Options of {@link Mgda}. */
export interface MgdaOptions {
  /** Gradient normalisation before the solve. Default `"none"`. */
  readonly normalization?: GradientNormalization;
}

const MGDA_OPTIONS = optionNames<MgdaOptions>()("normalization");

/**
 * MGDA in a training loop (Sener & Koltun 2018): each step, {@link update} takes every task's
 * gradient over the shared variables, solves {@link minNormWeights} and keeps the weights;
 * {@link combine} then weighs the task losses with them (as constants) for the model's update.
 *
 * @example
 * const mgda = new Mgda();
 * mgda.update([() => lossA(), () => lossB()], sharedVariables);
 * optimizer.minimize(() => mgda.combine([lossA(), lossB()]));
 */
export class Mgda {
  readonly normalization: GradientNormalization;
  private current: number[] | undefined;

  constructor(options: MgdaOptions = {}) {
    const fn = "Mgda";
    const opts = readOptions<MgdaOptions>(fn, options, MGDA_OPTIONS);
    this.normalization = optOneOf(
      fn,
      "normalization",
      opts.normalization,
      ["none", "l2", "loss", "loss+"],
      "none",
    );
  }

  /** One MGDA solve from the current task gradients over `sharedVariables`; returns the weights. */
  update(taskLosses: readonly (() => tf.Scalar)[], sharedVariables: readonly tf.Variable[]): MinNormSolution {
    const { gradients, losses } = taskGradients(taskLosses, sharedVariables, "Mgda.update");
    const solution = minNormWeights(gradients, { normalization: this.normalization, losses });
    this.current = solution.weights;
    return solution;
  }

  /** The weights of the last update (equal weights before the first). */
  weights(numTasks: number): number[] {
    return this.current ? [...this.current] : new Array<number>(numTasks).fill(1 / numTasks);
  }

  /** Σ_t α_t L_t with the last update's weights as constants. */
  combine(losses: readonly tf.Scalar[]): tf.Scalar {
    return combineLosses(losses, this.weights(losses.length), "Mgda.combine");
  }
}
