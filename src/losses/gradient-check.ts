import * as tf from "@tensorflow/tfjs-core";

/** Result of {@link checkGradient}. */
export interface GradientCheck {
  readonly analytic: Float64Array;
  readonly numeric: Float64Array;
  /** max_i |analytic_i - numeric_i| / (atol + rtol |numeric_i|); <= 1 passes. */
  readonly worst: number;
  readonly ok: boolean;
}

/**
 * Compares the autodiff gradient of sum(f(x)) with central finite differences
 * (f(x + h e_i) - f(x - h e_i)) / 2h, like `torch.autograd.gradcheck`. TensorFlow.js computes
 * in float32, so use h around 1e-2..1e-3 and tolerances around 1e-2, and keep x away from kinks.
 * Costs 2n + 1 evaluations of f for n elements of x.
 */
export function checkGradient(
  f: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  options: { readonly step?: number; readonly rtol?: number; readonly atol?: number } = {},
): GradientCheck {
  const h = options.step ?? 1e-3;
  const rtol = options.rtol ?? 2e-2;
  const atol = options.atol ?? 2e-3;
  const total = (t: tf.Tensor) => tf.tidy(() => tf.sum(f(t)) as tf.Scalar);
  const g = tf.grad((t: tf.Tensor) => total(t))(x);
  const analytic = Float64Array.from(g.dataSync());
  g.dispose();
  const evaluate = (values: Float64Array): number => {
    const t = tf.tensor(Float32Array.from(values), x.shape, "float32");
    const s = total(t);
    const v = s.dataSync()[0]!;
    t.dispose();
    s.dispose();
    return v;
  };
  const base = Float64Array.from(x.dataSync());
  const numeric = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const plus = base.slice();
    plus[i]! += h;
    const minus = base.slice();
    minus[i]! -= h;
    numeric[i] = (evaluate(plus) - evaluate(minus)) / (2 * h);
  }
  let worst = 0;
  for (let i = 0; i < base.length; i++) {
    const ratio = Math.abs(analytic[i]! - numeric[i]!) / (atol + rtol * Math.abs(numeric[i]!));
    if (!(ratio <= worst)) worst = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : ratio;
  }
  return { analytic, numeric, worst, ok: worst <= 1 };
}
