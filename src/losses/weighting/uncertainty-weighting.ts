import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, optNumber, optOneOf, readOptions, required } from "../options.js";
import { type TensorInput, tensorPair } from "../tensor-input.js";
import { MAX_TASKS } from "./combine-losses.js";

/** Options of {@link UncertaintyWeighting}. */
export interface UncertaintyWeightingOptions {
  readonly numTasks: number;
  /**
   * Per task: `regression` (Gaussian likelihood, 1/(2 sigma^2) L + log sigma, default) or
   * `classification` (softmax with temperature, 1/sigma^2 L + log sigma).
   */
  readonly taskTypes?: readonly ("regression" | "classification")[];
  /** Initial s_i = log sigma_i^2. Default 0 (every weight 1/2 or 1). */
  readonly initialLogVariance?: number;
}

const UNCERTAINTY_WEIGHTING_OPTIONS = optionNames<UncertaintyWeightingOptions>()(
  "numTasks",
  "taskTypes",
  "initialLogVariance",
);

/** Options of {@link uncertaintyWeightingLoss}. */
export interface UncertaintyWeightingLossOptions {
  /** Per task, as {@link UncertaintyWeightingOptions.taskTypes}. Default: every task `regression`. */
  readonly taskTypes?: readonly ("regression" | "classification")[];
}

const UNCERTAINTY_WEIGHTING_LOSS_OPTIONS = optionNames<UncertaintyWeightingLossOptions>()("taskTypes");

/** c_i of each task type, checked against the number of tasks. */
function taskScales(types: unknown, n: number, fn: string): number[] {
  const list = types ?? Array.from({ length: n }, () => "regression");
  if (!Array.isArray(list) || list.length !== n)
    fail(
      "invalid_option",
      `${fn}: option \`taskTypes\` must be an array of ${n} entries, got ${describeValue(types)}`,
    );
  return list.map((t, i) =>
    optOneOf(fn, `taskTypes[${i}]`, t, ["regression", "classification"]) === "classification" ? 1 : 0.5,
  );
}

/**
 * The combined loss of homoscedastic uncertainty weighting (Kendall, Gal & Cipolla 2018, eq. 7
 * and 10) from the task losses `losses` [T] and the log-variances s = log σ² `logVariances` [T]:
 *   Σ_i c_i exp(-s_i) L_i + s_i / 2,  c_i = 1/2 (regression) or 1 (classification),
 * differentiable in both. {@link UncertaintyWeighting} keeps s as a trainable variable and calls
 * this. Matches torch 1.13 autograd of the paper's formula (value and gradients). O(T).
 */
export function uncertaintyWeightingLoss(
  losses: TensorInput,
  logVariances: TensorInput,
  options: UncertaintyWeightingLossOptions = {},
): tf.Scalar {
  const fn = "uncertaintyWeightingLoss";
  const opts = readOptions<UncertaintyWeightingLossOptions>(fn, options, UNCERTAINTY_WEIGHTING_LOSS_OPTIONS);
  return tf.tidy(() => {
    const [l, s] = tensorPair(losses, logVariances, fn, "losses", "logVariances", {
      rank: 1,
      what: "[tasks]",
    });
    const scales = tf.tensor1d(taskScales(opts.taskTypes, l.shape[0]!, fn));
    return tf.sum(tf.add(tf.mul(tf.mul(scales, tf.exp(tf.neg(s))), l), tf.mul(0.5, s))) as tf.Scalar;
  });
}

/**
 * Homoscedastic uncertainty weighting (Kendall, Gal & Cipolla 2018): learnable log-variances
 * s_i = log sigma_i^2 and
 *   L = sum_i c_i exp(-s_i) L_i + s_i / 2,  c_i = 1/2 (regression) or 1 (classification).
 * Train `logVariances` together with the model (pass it to the optimizer's var list). At the
 * optimum exp(s_i) = 2 c_i L_i, so a noisier (higher-loss) task gets a smaller weight. The
 * s parametrisation keeps sigma positive and the loss smooth.
 *
 * @example
 * const uw = new UncertaintyWeighting({ numTasks: 2 });
 * optimizer.minimize(() => uw.combine([lossA(), lossB()]), false, [...model.trainableWeights.map(w => w.read() as tf.Variable), uw.logVariances]);
 */
export class UncertaintyWeighting {
  readonly logVariances: tf.Variable<tf.Rank.R1>;
  private readonly scales: tf.Tensor1D;
  readonly numTasks: number;
  private readonly taskTypes: readonly ("regression" | "classification")[];

  constructor(options: UncertaintyWeightingOptions) {
    const fn = "UncertaintyWeighting";
    const opts = readOptions<UncertaintyWeightingOptions>(fn, options, UNCERTAINTY_WEIGHTING_OPTIONS);
    const n = required(
      fn,
      "numTasks",
      optInteger(fn, "numTasks", opts.numTasks, undefined, { min: 1, max: MAX_TASKS }),
    );
    const scales = taskScales(opts.taskTypes, n, fn);
    this.taskTypes = scales.map((c) => (c === 1 ? "classification" : "regression"));
    const initial = optNumber(fn, "initialLogVariance", opts.initialLogVariance, 0);
    this.numTasks = n;
    this.logVariances = tf.variable(
      tf.fill([n], initial),
      true,
      undefined,
      "float32",
    ) as tf.Variable<tf.Rank.R1>;
    this.scales = tf.tensor1d(scales);
  }

  /** The combined loss; differentiable in the task losses and in `logVariances`. */
  combine(losses: readonly tf.Scalar[]): tf.Scalar {
    if (losses.length !== this.numTasks) {
      fail(
        "shape_mismatch",
        `UncertaintyWeighting.combine: \`losses\` must have ${this.numTasks} entries, got ${losses.length}`,
      );
    }
    return tf.tidy(() =>
      uncertaintyWeightingLoss(tf.stack(losses as tf.Scalar[]), this.logVariances, {
        taskTypes: this.taskTypes,
      }),
    );
  }

  /** The current effective weights c_i exp(-s_i). */
  weights(): number[] {
    return tf.tidy(() => Array.from(tf.mul(this.scales, tf.exp(tf.neg(this.logVariances))).dataSync()));
  }

  dispose(): void {
    this.logVariances.dispose();
    this.scales.dispose();
  }
}
