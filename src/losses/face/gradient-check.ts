import * as tf from "@tensorflow/tfjs-core";

/** Result of {@link finiteDifferenceCheck}: the largest gradient error and the gradient scale it is measured against. */
export interface GradientCheck {
  readonly maxError: number;
  readonly scale: number;
  /** maxError / max(scale, 1e-3). */
  readonly relativeError: number;
}

/**
 * Compares the autodiff gradient of a scalar function with central finite differences,
 * element by element, for every input (a development aid used by the loss tests; float32, so
 * `h` should stay around 1e-2..1e-3 and the tolerance near 1e-2 of the gradient scale).
 */
export function finiteDifferenceCheck(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: readonly tf.Tensor[],
  h = 1e-2,
): GradientCheck {
  const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(f(...xs)))(inputs as tf.Tensor[]);
  let maxError = 0;
  let scale = 0;
  inputs.forEach((input, k) => {
    const analytic = grads[k]!.dataSync();
    const base = Float32Array.from(input.dataSync());
    for (let i = 0; i < base.length; i++) {
      const evaluate = (delta: number) =>
        tf.tidy(() => {
          const values = Float32Array.from(base);
          values[i] = base[i]! + delta;
          const shifted = inputs.map((x, j) => (j === k ? tf.tensor(values, input.shape) : x));
          return tf.sum(f(...shifted)).dataSync()[0]!;
        });
      const numeric = (evaluate(h) - evaluate(-h)) / (2 * h);
      maxError = Math.max(maxError, Math.abs(numeric - analytic[i]!));
      scale = Math.max(scale, Math.abs(analytic[i]!));
    }
  });
  tf.dispose(grads);
  return { maxError, scale, relativeError: maxError / Math.max(scale, 1e-3) };
}
