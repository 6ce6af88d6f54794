import type * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, readOptions, required } from "../options.js";
import { combineLosses, MAX_TASKS } from "./combine-losses.js";
import { dot, taskGradients } from "./task-gradients.js";

/** Options of {@link GradNorm}. */
export interface GradNormOptions {
  readonly numTasks: number;
  /** Restoring-force strength alpha: higher pulls slow tasks harder. Default 1.5. */
  readonly alpha?: number;
  /** Adam step size of the weight update. Default 0.025 (the paper's weight learning rate). */
  readonly learningRate?: number;
}

const GRAD_NORM_OPTIONS = optionNames<GradNormOptions>()("numTasks", "alpha", "learningRate");

/** What {@link GradNorm.update} measured. */
export interface GradNormStep {
  readonly weights: number[];
  /** ||grad_W w_i L_i|| before the update. */
  readonly gradNorms: number[];
  /** L_i / L_i(0). */
  readonly lossRatios: number[];
}

/**
 * GradNorm (Chen et al. 2018): adapts task weights w_i so that the weighted gradient norms
 * G_i = ||grad_W w_i L_i|| on the shared variables W move toward G_mean r_i^alpha, with
 * r_i = (L_i / L_i(0)) / mean_j (L_j / L_j(0)) the relative inverse training rate. Each update
 * takes a gradient step on L_grad = sum_i |G_i - target_i| with the targets held constant; since
 * w_i is a scalar factor, dL_grad/dw_i = sign(G_i - target_i) ||grad_W L_i|| (no second-order
 * autodiff needed). The step is Adam's (beta1 0.9, beta2 0.999, as the paper optimises the
 * weights with Adam); weights are kept positive and renormalised to sum to T after each step.
 * Use {@link combine} for the model's loss (weights as constants) in the same training step.
 */
export class GradNorm {
  readonly numTasks: number;
  readonly alpha: number;
  readonly learningRate: number;
  private current: number[];
  private initialLosses: number[] | undefined;
  private readonly moment1: number[];
  private readonly moment2: number[];
  private steps = 0;

  constructor(options: GradNormOptions) {
    const fn = "GradNorm";
    const opts = readOptions<GradNormOptions>(fn, options, GRAD_NORM_OPTIONS);
    const n = required(
      fn,
      "numTasks",
      optInteger(fn, "numTasks", opts.numTasks, undefined, { min: 1, max: MAX_TASKS }),
    );
    this.numTasks = n;
    this.alpha = optNumber(fn, "alpha", opts.alpha, 1.5, { min: 0 });
    this.learningRate = optNumber(fn, "learningRate", opts.learningRate, 0.025, {
      min: 0,
      minExclusive: true,
    });
    this.current = Array.from({ length: n }, () => 1);
    this.moment1 = Array.from({ length: n }, () => 0);
    this.moment2 = Array.from({ length: n }, () => 0);
  }

  /** The current weights (sum = number of tasks). */
  weights(): number[] {
    return [...this.current];
  }

  /** sum_i w_i L_i with the current weights as constants. */
  combine(losses: readonly tf.Scalar[]): tf.Scalar {
    return combineLosses(losses, this.current, "GradNorm.combine");
  }

  /**
   * One GradNorm weight update. `taskLosses[i]()` computes task i's unweighted loss; its gradient
   * norm is taken over `sharedVariables` (the paper uses the last shared layer's weights).
   */
  update(taskLosses: readonly (() => tf.Scalar)[], sharedVariables: readonly tf.Variable[]): GradNormStep {
    const fn = "GradNorm.update";
    if (taskLosses.length !== this.numTasks)
      fail(
        "shape_mismatch",
        `${fn}: \`taskLosses\` must have ${this.numTasks} entries, got ${taskLosses.length}`,
      );
    if (sharedVariables.length === 0)
      fail("empty_input", `${fn}: \`sharedVariables\` must not be empty, got 0 elements`);
    const { gradients, losses: values } = taskGradients(taskLosses, sharedVariables, fn);
    const rawNorms = gradients.map((g) => Math.sqrt(dot(g, g)));
    if (!this.initialLosses) this.initialLosses = values.map((v) => (v > 0 ? v : Number.MIN_VALUE));
    const initial = this.initialLosses;
    const ratios = values.map((v, i) => v / initial[i]!);
    const meanRatio = ratios.reduce((a, b) => a + b, 0) / this.numTasks;
    const norms = rawNorms.map((g, i) => this.current[i]! * g);
    const meanNorm = norms.reduce((a, b) => a + b, 0) / this.numTasks;
    this.steps++;
    const b1 = 0.9;
    const b2 = 0.999;
    const next = this.current.map((w, i) => {
      const target = meanNorm * (ratios[i]! / meanRatio) ** this.alpha;
      const gradient = Math.sign(norms[i]! - target) * rawNorms[i]!;
      this.moment1[i] = b1 * this.moment1[i]! + (1 - b1) * gradient;
      this.moment2[i] = b2 * this.moment2[i]! + (1 - b2) * gradient * gradient;
      const m = this.moment1[i]! / (1 - b1 ** this.steps);
      const v = this.moment2[i]! / (1 - b2 ** this.steps);
      return Math.max(w - (this.learningRate * m) / (Math.sqrt(v) + 1e-8), 1e-6);
    });
    const total = next.reduce((a, b) => a + b, 0);
    this.current = next.map((w) => (w * this.numTasks) / total);
    return { weights: this.weights(), gradNorms: norms, lossRatios: ratios };
  }
}
