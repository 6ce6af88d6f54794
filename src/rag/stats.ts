import { describeValue, fail } from "../core/errors.js";

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation refined by one Halley
 * step; absolute error below 1e-12 over (0, 1)).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // One Halley refinement with erfc.
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * Complementary error function to near double precision: the Maclaurin series of erf for
 * |x| < 3 and a continued fraction (modified Lentz) for the tails.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  let result: number;
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    result = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + 1/2/(z + 1/(z + 3/2/(z + ...)))) via Lentz.
    const tiny = 1e-300;
    let f = z;
    let c = z;
    let d = 0;
    for (let n = 1; n < 300; n++) {
      const a = n / 2;
      d = z + a * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = z + a / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    result = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? result : 2 - result;
}

/** Mean and a normal-approximation confidence interval. */
export interface MeanInterval {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
}

/**
 * Mean of the finite values with the normal-approximation CI mean ± z_{1-alpha/2} s / sqrt(n)
 * (s with n - 1 in the denominator). NaN values (failed judgements) are left out; n counts the
 * rest. n = 0: all NaN; n = 1: the interval is the point.
 */
export function meanInterval(values: readonly number[], alpha = 0.05): MeanInterval {
  const kept = values.filter((v) => !Number.isNaN(v));
  const n = kept.length;
  if (n === 0) return { mean: Number.NaN, lower: Number.NaN, upper: Number.NaN, n };
  const mean = kept.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lower: mean, upper: mean, n };
  const variance = kept.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = normalQuantile(1 - alpha / 2) * Math.sqrt(variance / n);
  return { mean, lower: mean - half, upper: mean + half, n };
}

/** The prediction-powered estimate of a mean and its interval. */
export interface PpiInterval extends MeanInterval {
  /** Mean of the judge over the unlabelled set (the classical, uncorrected estimate). */
  readonly judgeMean: number;
  /** Mean of (judge - human) over the labelled set. */
  readonly rectifier: number;
  readonly labelled: number;
}

function meanAndPopulationVariance(values: readonly number[]): [number, number] {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return [mean, values.reduce((a, v) => a + (v - mean) ** 2, 0) / n];
}

/**
 * Prediction-powered inference for a mean (Angelopoulos, Bates, Fannjiang, Jordan & Zrnic,
 * "Prediction-powered inference", Science 2023; the estimator ARES uses for its confidence
 * intervals): with judge predictions f on N unlabelled samples and (f, human label Y) on n
 * labelled samples,
 *   theta = mean_N(f) - mean_n(f - Y),
 *   CI = theta ± z_{1-alpha/2} sqrt(var_N(f)/N + var_n(f - Y)/n),
 * variances with denominator N and n (numpy's default, as the `ppi_py` package's
 * `ppi_mean_ci` with lhat = 1). O(N + n).
 */
export function predictionPoweredMean(
  unlabelledPredictions: readonly number[],
  labelledPredictions: readonly number[],
  labels: readonly number[],
  alpha = 0.05,
): PpiInterval {
  const fn = "predictionPoweredMean";
  if (labelledPredictions.length !== labels.length) {
    fail(
      "shape_mismatch",
      `${fn}: \`labelledPredictions\` and \`labels\` must have the same length, got ${labelledPredictions.length} and ${labels.length}`,
    );
  }
  if (unlabelledPredictions.length === 0)
    fail("empty_input", `${fn}: \`unlabelledPredictions\` must not be empty, got 0 elements`);
  if (labels.length === 0) fail("empty_input", `${fn}: \`labels\` must not be empty, got 0 elements`);
  for (const [name, list] of [
    ["unlabelledPredictions", unlabelledPredictions],
    ["labelledPredictions", labelledPredictions],
    ["labels", labels],
  ] as const) {
    list.forEach((v, i) => {
      if (!Number.isFinite(v))
        fail("invalid_value", `${fn}: \`${name}\` must be finite, got ${describeValue(v)} at index ${i}`);
    });
  }
  if (!(alpha > 0 && alpha < 1))
    fail("invalid_option", `${fn}: option \`alpha\` must be in (0, 1), got ${describeValue(alpha)}`);
  const [judgeMean, judgeVar] = meanAndPopulationVariance(unlabelledPredictions);
  const [rectifier, rectVar] = meanAndPopulationVariance(labelledPredictions.map((f, i) => f - labels[i]!));
  const mean = judgeMean - rectifier;
  const half =
    normalQuantile(1 - alpha / 2) *
    Math.sqrt(judgeVar / unlabelledPredictions.length + rectVar / labels.length);
  return {
    mean,
    lower: mean - half,
    upper: mean + half,
    n: unlabelledPredictions.length,
    judgeMean,
    rectifier,
    labelled: labels.length,
  };
}

/**
 * Fleiss' kappa for `ratings[item][rater]` over categories (here the 0/1 verdicts of repeated
 * judge trials): kappa = (P - Pe) / (1 - Pe) with P the mean per-item agreement
 * (sum_j n_ij^2 - m) / (m (m - 1)) and Pe = sum_j p_j^2 (Fleiss 1971). Every item needs the
 * same number m >= 2 of ratings. Pe = 1 (every rating in one category): NaN, kappa is undefined
 * (as statsmodels' fleiss_kappa). O(items * m).
 */
export function fleissKappa(ratings: readonly (readonly number[])[]): number {
  const fn = "fleissKappa";
  if (ratings.length === 0) fail("empty_input", `${fn}: \`ratings\` must not be empty, got 0 items`);
  const m = ratings[0]!.length;
  if (m < 2)
    fail("invalid_value", `${fn}: \`ratings\` need at least 2 ratings per item, got ${m} at index 0`);
  const totals = new Map<number, number>();
  let agreement = 0;
  ratings.forEach((row, i) => {
    if (row.length !== m)
      fail(
        "shape_mismatch",
        `${fn}: \`ratings\` must have ${m} ratings per item, got ${row.length} at index ${i}`,
      );
    const counts = new Map<number, number>();
    for (const r of row) counts.set(r, (counts.get(r) ?? 0) + 1);
    let squares = 0;
    for (const [category, c] of counts) {
      squares += c * c;
      totals.set(category, (totals.get(category) ?? 0) + c);
    }
    agreement += (squares - m) / (m * (m - 1));
  });
  const p = agreement / ratings.length;
  let pe = 0;
  for (const c of totals.values()) pe += (c / (ratings.length * m)) ** 2;
  return pe === 1 ? Number.NaN : (p - pe) / (1 - pe);
}
