import { describeValue, fail } from "../core/errors.js";
import { normalQuantile } from "../stats/distributions.js";

export { normalQuantile };

/** Mean and a normal-approximation confidence interval. */
export interface MeanInterval {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
}

/**
 * Mean of the finite values with the normal-approximation CI mean ± z_{1-alpha/2} s / sqrt(n)
 * (s with n - 1 in the denominator), clipped to `range` (default [0, 1], where most RAG scores
 * lie). NaN values (failed judgements) are left out; n counts the rest. n = 0: all NaN; n = 1:
 * the interval is the point.
 */
export function meanInterval(
  values: readonly number[],
  alpha = 0.05,
  range: readonly [number, number] = [0, 1],
): MeanInterval {
  const kept = values.filter((v) => !Number.isNaN(v));
  const n = kept.length;
  if (n === 0) return { mean: Number.NaN, lower: Number.NaN, upper: Number.NaN, n };
  const mean = kept.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lower: mean, upper: mean, n };
  const variance = kept.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = normalQuantile(1 - alpha / 2) * Math.sqrt(variance / n);
  return { mean, lower: Math.max(range[0], mean - half), upper: Math.min(range[1], mean + half), n };
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
 * `ppi_mean_ci` with lhat = 1); the interval is clipped to `range` (default [0, 1], where
 * judgements lie). O(N + n).
 */
export function predictionPoweredMean(
  unlabelledPredictions: readonly number[],
  labelledPredictions: readonly number[],
  labels: readonly number[],
  alpha = 0.05,
  range: readonly [number, number] = [0, 1],
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
    lower: Math.max(range[0], mean - half),
    upper: Math.min(range[1], mean + half),
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
