import * as tf from "@tensorflow/tfjs-core";
import { optionNames, optNumber, readOptions } from "./options.js";

/** Result of {@link checkGradient}. */
export interface GradientCheck {
  /** Autodiff gradient of sum(f), the inputs' elements one after the other. */
  readonly analytic: Float64Array;
  /** Central finite differences, same layout as `analytic`. */
  readonly numeric: Float64Array;
  /** max_i |analytic_i - numeric_i| / (atol + rtol |numeric_i|); <= 1 passes. */
  readonly worst: number;
  /** `worst <= 1`. */
  readonly ok: boolean;
  /** max_i |analytic_i - numeric_i|. */
  readonly maxError: number;
  /** max_i |analytic_i|, the gradient scale. */
  readonly scale: number;
  /** maxError / max(scale, 1e-3). */
  readonly relativeError: number;
}

/** Options of {@link checkGradient}. */
export interface CheckGradientOptions {
  /** Finite-difference step h. Default 1e-3. */
  readonly step?: number;
  /** Relative tolerance. Default 2e-2. */
  readonly rtol?: number;
  /** Absolute tolerance. Default 2e-3. */
  readonly atol?: number;
}

const CHECK_GRADIENT_OPTIONS = optionNames<CheckGradientOptions>()("step", "rtol", "atol");

/**
 * Compares the autodiff gradient of sum(f(x...)) with central finite differences
 * (f(x + h e_i) - f(x - h e_i)) / 2h, element by element for every input (one tensor or a list),
 * like `torch.autograd.gradcheck`. A development aid used by the loss tests. TensorFlow.js
 * computes in float32, so use h around 1e-2..1e-3 and tolerances around 1e-2, and keep x away
 * from kinks. Costs 2n + 1 evaluations of f for n input elements.
 */
export function checkGradient(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  x: tf.Tensor | readonly tf.Tensor[],
  options: CheckGradientOptions = {},
): GradientCheck {
  const fn = "checkGradient";
  const opts = readOptions<CheckGradientOptions>(fn, options, CHECK_GRADIENT_OPTIONS);
  const h = optNumber(fn, "step", opts.step, 1e-3, { min: 0, minExclusive: true });
  const rtol = optNumber(fn, "rtol", opts.rtol, 2e-2, { min: 0 });
  const atol = optNumber(fn, "atol", opts.atol, 2e-3, { min: 0 });
  const inputs: readonly tf.Tensor[] = x instanceof tf.Tensor ? [x] : x;
  const total = (xs: tf.Tensor[]): number => tf.tidy(() => tf.sum(f(...xs)).dataSync()[0]!);
  const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(f(...xs)))(inputs as tf.Tensor[]);
  const analytic: number[] = [];
  const numeric: number[] = [];
  inputs.forEach((input, k) => {
    analytic.push(...grads[k]!.dataSync());
    const base = Float64Array.from(input.dataSync());
    const shifted = (i: number, delta: number): number => {
      const values = Float32Array.from(base);
      values[i] = base[i]! + delta;
      const moved = tf.tensor(values, input.shape, "float32");
      const v = total(inputs.map((t, j) => (j === k ? moved : t)));
      moved.dispose();
      return v;
    };
    for (let i = 0; i < base.length; i++) numeric.push((shifted(i, h) - shifted(i, -h)) / (2 * h));
  });
  tf.dispose(grads);
  let worst = 0;
  let maxError = 0;
  let scale = 0;
  for (let i = 0; i < analytic.length; i++) {
    const error = Math.abs(analytic[i]! - numeric[i]!);
    const ratio = error / (atol + rtol * Math.abs(numeric[i]!));
    if (!(ratio <= worst)) worst = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : ratio;
    if (!(error <= maxError)) maxError = Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
    scale = Math.max(scale, Math.abs(analytic[i]!));
  }
  return {
    analytic: Float64Array.from(analytic),
    numeric: Float64Array.from(numeric),
    worst,
    ok: worst <= 1,
    maxError,
    scale,
    relativeError: maxError / Math.max(scale, 1e-3),
  };
}
