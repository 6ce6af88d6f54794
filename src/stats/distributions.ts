/**
 * The few distribution functions the significance tests need, in float64.
 * erfc: W. J. Cody's rational Chebyshev approximation as in Numerical Recipes' erfcc
 * (|relative error| < 1.2e-7); normal CDF from it; binomial tail by exact summation in log space.
 */

/** Complementary error function (Numerical Recipes `erfcc`, relative error below 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)). */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/** P(X <= k) for X ~ Binomial(n, 1/2), summed exactly in log space. */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const lfN = logFactorial(n);
  let total = 0;
  let lfI = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 1) lfI += Math.log(i);
    total += Math.exp(lfN - lfI - logFactorial(n - i) - n * Math.LN2);
  }
  return Math.min(1, total);
}
