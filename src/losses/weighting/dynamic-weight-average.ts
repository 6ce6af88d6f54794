import type * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, readOptions, required } from "../options.js";
import { combineLosses, MAX_TASKS } from "./combine-losses.js";

/** Options of {@link DynamicWeightAverage}. */
export interface DynamicWeightAverageOptions {
  readonly numTasks: number;
  /** Softmax temperature T; larger gives more even weights. Default 2 (the paper's). */
  readonly temperature?: number;
}

const DYNAMIC_WEIGHT_AVERAGE_OPTIONS = optionNames<DynamicWeightAverageOptions>()("numTasks", "temperature");

/**
 * Dynamic Weight Average (Liu, Johns & Davison 2019, MTAN): at epoch t,
 *   w_k(t) = K exp(r_k(t-1) / T) / sum_i exp(r_i(t-1) / T),  r_k(t-1) = L_k(t-1) / L_k(t-2),
 * with w_k = 1 for the first two epochs. A task whose loss falls more slowly (larger ratio) gets
 * a larger weight. Needs only the per-task epoch losses, no gradients. Call {@link endEpoch} with
 * each epoch's mean losses and use {@link combine} (or {@link weights}) in the next epoch.
 */
export class DynamicWeightAverage {
  readonly numTasks: number;
  readonly temperature: number;
  private readonly history: number[][] = [];
  private current: number[];

  constructor(options: DynamicWeightAverageOptions) {
    const fn = "DynamicWeightAverage";
    const opts = readOptions<DynamicWeightAverageOptions>(fn, options, DYNAMIC_WEIGHT_AVERAGE_OPTIONS);
    const n = required(
      fn,
      "numTasks",
      optInteger(fn, "numTasks", opts.numTasks, undefined, { min: 1, max: MAX_TASKS }),
    );
    this.numTasks = n;
    this.temperature = optNumber(fn, "temperature", opts.temperature, 2, { min: 0, minExclusive: true });
    this.current = Array.from({ length: n }, () => 1);
  }

  /** Records one epoch's mean loss per task and returns the weights for the next epoch. */
  endEpoch(losses: readonly number[]): number[] {
    const fn = "DynamicWeightAverage.endEpoch";
    if (losses.length !== this.numTasks)
      fail("shape_mismatch", `${fn}: \`losses\` must have ${this.numTasks} entries, got ${losses.length}`);
    losses.forEach((l, i) => {
      if (!(Number.isFinite(l) && l > 0))
        fail(
          "invalid_value",
          `${fn}: \`losses\` must be finite and > 0, got ${describeValue(l)} at index ${i}`,
        );
    });
    this.history.push([...losses]);
    if (this.history.length >= 2) {
      const last = this.history[this.history.length - 1]!;
      const before = this.history[this.history.length - 2]!;
      const scaled = last.map((l, k) => l / before[k]! / this.temperature);
      const top = Math.max(...scaled);
      const exps = scaled.map((s) => Math.exp(s - top));
      const total = exps.reduce((a, b) => a + b, 0);
      this.current = exps.map((e) => (this.numTasks * e) / total);
    }
    return this.weights();
  }

  /** The weights for the current epoch. */
  weights(): number[] {
    return [...this.current];
  }

  /** sum_k w_k L_k with the current weights as constants. */
  combine(losses: readonly tf.Scalar[]): tf.Scalar {
    return combineLosses(losses, this.current, "DynamicWeightAverage.combine");
  }
}
