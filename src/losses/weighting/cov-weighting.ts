import type * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions, required } from "../options.js";
import { combineLosses, MAX_TASKS } from "./combine-losses.js";

/** Options of {@link CovWeighting}. */
export interface CovWeightingOptions {
  readonly numTasks: number;
  /** Running means over the whole run (`"full"`, default) or with a fixed decay (`"decay"`). */
  readonly meanSort?: "full" | "decay";
  /** The decay of `meanSort: "decay"`: mean ← decay · mean + (1 - decay) · x. Default 1 (the authors' default value). */
  readonly meanDecay?: number;
}

const COV_WEIGHTING_OPTIONS = optionNames<CovWeightingOptions>()("numTasks", "meanSort", "meanDecay");

/**
 * Coefficient-of-variations weighting (Groenendijk et al. 2021, "Multi-Loss Weighting with
 * Coefficient of Variations"): a loss is weighted by how much its ratio to its own running mean
 * varies, α_i = c_i / Σ_j c_j with c_i = σ_{ℓ_i} / μ_{ℓ_i} and ℓ_i(t) = L_i(t) / μ_{L_i}(t - 1).
 * Losses that still move get weight; converged (steady) ones lose it; no gradients needed.
 * Follows the authors' `CoVWeightingLoss` step by step: weights 1/T for the first two steps,
 * the weights of step t from the statistics up to t - 1, Welford updates of the mean and
 * variance of ℓ (variance S / t, σ = sqrt(var + 1e-8)), and μ_L the running mean of L with
 * L(0) as the first reference. Call {@link update} once per training step with the losses'
 * values, or {@link combine} with the loss tensors (it reads their values).
 */
export class CovWeighting {
  readonly numTasks: number;
  readonly meanSort: "full" | "decay";
  readonly meanDecay: number;
  private iteration = -1;
  private current: number[];
  private readonly meanLoss: Float64Array;
  private readonly meanRatio: Float64Array;
  private readonly scatter: Float64Array;
  private deviation: Float64Array | undefined;

  constructor(options: CovWeightingOptions) {
    const fn = "CovWeighting";
    const opts = readOptions<CovWeightingOptions>(fn, options, COV_WEIGHTING_OPTIONS);
    const n = required(
      fn,
      "numTasks",
      optInteger(fn, "numTasks", opts.numTasks, undefined, { min: 1, max: MAX_TASKS }),
    );
    this.numTasks = n;
    this.meanSort = optOneOf(fn, "meanSort", opts.meanSort, ["full", "decay"], "full");
    this.meanDecay = optNumber(fn, "meanDecay", opts.meanDecay, 1, { min: 0, max: 1 });
    this.current = new Array<number>(n).fill(1 / n);
    this.meanLoss = new Float64Array(n);
    this.meanRatio = new Float64Array(n);
    this.scatter = new Float64Array(n);
  }

  /** The weights of the current step (1/T before the first update). */
  weights(): number[] {
    return [...this.current];
  }

  /** Records one training step's loss values and returns the weights for this step. */
  update(losses: readonly number[]): number[] {
    const fn = "CovWeighting.update";
    if (!Array.isArray(losses) || losses.length !== this.numTasks)
      fail(
        "shape_mismatch",
        `${fn}: \`losses\` must have ${this.numTasks} entries, got ${describeValue(losses)}`,
      );
    losses.forEach((l, i) => {
      if (!(Number.isFinite(l) && l > 0))
        fail(
          "invalid_value",
          `${fn}: \`losses\` must be finite and > 0, got ${describeValue(l)} at index ${i}`,
        );
    });
    this.iteration++;
    const t = this.iteration;
    const ratios = losses.map((l, i) => l / (t === 0 ? l : this.meanLoss[i]!));
    if (t <= 1) this.current = new Array<number>(this.numTasks).fill(1 / this.numTasks);
    else {
      const variation = Array.from(this.deviation!, (s, i) => s / this.meanRatio[i]!);
      const total = variation.reduce((a, b) => a + b, 0);
      this.current = variation.map((c) => c / total);
    }
    const decay = t === 0 ? 0 : this.meanSort === "decay" ? this.meanDecay : 1 - 1 / (t + 1);
    this.deviation = new Float64Array(this.numTasks);
    for (let i = 0; i < this.numTasks; i++) {
      const x = ratios[i]!;
      const previous = this.meanRatio[i]!;
      const next = decay * previous + (1 - decay) * x;
      this.scatter[i] += (x - previous) * (x - next);
      this.meanRatio[i] = next;
      this.deviation[i] = Math.sqrt(this.scatter[i]! / (t + 1) + 1e-8);
      this.meanLoss[i] = decay * this.meanLoss[i]! + (1 - decay) * losses[i]!;
    }
    return this.weights();
  }

  /** Reads the losses' values, {@link update}s, and returns Σ α_i L_i with the weights as constants. */
  combine(losses: readonly tf.Scalar[]): tf.Scalar {
    if (!Array.isArray(losses) || losses.length !== this.numTasks)
      fail(
        "shape_mismatch",
        `CovWeighting.combine: \`losses\` must have ${this.numTasks} entries, got ${describeValue(losses)}`,
      );
    this.update(losses.map((l) => l.dataSync()[0]!));
    return combineLosses(losses, this.current, "CovWeighting.combine");
  }
}
