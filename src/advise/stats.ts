/** Small descriptive statistics for `advise` (float64, two passes where it matters). */

/** Sorted copy (NaN-free input assumed). */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Linear-interpolation quantile (numpy's default) of sorted values. */
export function quantileSorted(s: Float64Array, q: number): number {
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Mean, sample skewness g1 and excess kurtosis g2 (moment estimators, as scipy's defaults). */
export function moments(values: ArrayLike<number>): {
  mean: number;
  skewness: number;
  excessKurtosis: number;
} {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return { mean, skewness: 0, excessKurtosis: 0 };
  return { mean, skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** Values outside Tukey's fences Q1 - k·IQR, Q3 + k·IQR. */
export function tukeyOutliers(
  values: ArrayLike<number>,
  k: number,
): { count: number; low: number; high: number } {
  const s = sorted(values);
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const low = q1 - k * (q3 - q1);
  const high = q3 + k * (q3 - q1);
  let count = 0;
  for (const v of s) if (v < low || v > high) count++;
  return { count, low, high };
}
