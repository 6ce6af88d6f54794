import { fail } from "../core/errors.js";
import { seededRandom } from "../core/random.js";
import { assertIntegerOption, assertNumberOption } from "../core/validate.js";
import { quantileSorted } from "./quantile.js";

/** A point estimate with a confidence interval. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 1000). */
  readonly resamples?: number;
  /** Two-sided confidence level (default 0.95). */
  readonly confidence?: number;
  /** PRNG seed (default 0): the same seed gives the same interval. */
  readonly seed?: number;
}

/**
 * Percentile bootstrap confidence interval of any statistic over n samples (Efron & Tibshirani
 * 1993, ch. 13). `statistic(indices)` computes the metric on the samples at `indices` (with
 * repetition), so corpus-level metrics (BLEU, AUROC, mAP) resample whole samples, not scores.
 * Quantiles use numpy's linear interpolation. Resamples whose statistic is NaN (e.g. AUROC with
 * one class drawn) are dropped and counted against `resamples`; all-NaN gives a NaN interval.
 * Cost: resamples × cost(statistic).
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): Interval {
  const resamples = assertIntegerOption(options.resamples ?? 1000, 1, "bootstrapInterval", "resamples");
  const confidence = assertNumberOption(options.confidence ?? 0.95, 0, 1, "bootstrapInterval", "confidence");
  if (!Number.isInteger(n) || n < 1)
    fail("empty_input", `bootstrapInterval: \`n\` must be a positive integer, got ${n}`);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const estimate = statistic(all);
  const random = seededRandom(options.seed ?? 0);
  const values: number[] = [];
  const indices = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = random.int(n);
    const v = statistic(indices);
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return {
    estimate,
    low: quantileSorted(values, alpha),
    high: quantileSorted(values, 1 - alpha),
    confidence,
    resamples,
  };
}

/** Result of a paired test of system A against system B. */
export interface PairedTestResult {
  /** statistic(A) − statistic(B) on all samples. */
  readonly difference: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  readonly resamples: number;
  /** Percentile interval of the difference (paired bootstrap only). */
  readonly low?: number;
  readonly high?: number;
  readonly confidence?: number;
}

/**
 * Paired bootstrap test (Koehn 2004, "Statistical significance tests for machine translation
 * evaluation"): resample sample indices, recompute both systems' corpus statistic on the same
 * resample, and estimate the two-sided p-value as the share of resamples whose difference lies
 * on the other side of zero from the observed one, doubled and counted with the add-one rule
 * (2·opposite + 1) / (resamples + 1) so that finitely many resamples never claim p = 0
 * (Davison & Hinkley 1997, §4.2), capped at 1; the percentile
 * interval of the resampled differences at `confidence`. Resamples where either statistic is
 * NaN are dropped. Same seed, same result.
 */
export function pairedBootstrapTest(
  n: number,
  statisticA: (indices: Uint32Array) => number,
  statisticB: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): PairedTestResult {
  const resamples = assertIntegerOption(options.resamples ?? 1000, 1, "pairedBootstrapTest", "resamples");
  const confidence = assertNumberOption(
    options.confidence ?? 0.95,
    0,
    1,
    "pairedBootstrapTest",
    "confidence",
  );
  if (!Number.isInteger(n) || n < 1)
    fail("empty_input", `pairedBootstrapTest: \`n\` must be a positive integer, got ${n}`);
  const all = new Uint32Array(n).map((_, i) => i);
  const difference = statisticA(all) - statisticB(all);
  const random = seededRandom(options.seed ?? 0);
  const indices = new Uint32Array(n);
  const differences: number[] = [];
  let opposite = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = random.int(n);
    const d = statisticA(indices) - statisticB(indices);
    if (Number.isNaN(d)) continue;
    differences.push(d);
    if (difference >= 0 ? d <= 0 : d >= 0) opposite++;
  }
  differences.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  const kept = differences.length;
  return {
    difference,
    pValue: kept === 0 ? Number.NaN : Math.min(1, (2 * opposite + 1) / (kept + 1)),
    resamples,
    low: quantileSorted(differences, alpha),
    high: quantileSorted(differences, 1 - alpha),
    confidence,
  };
}

/**
 * Approximate randomization test for paired systems (Noreen 1989; Riezler & Maxwell 2005):
 * swap each sample's A and B outputs with probability 1/2, recompute the statistic difference,
 * p = (count(|d_r| >= |d|) + 1) / (resamples + 1). `statistic(useB)` gets, for each sample,
 * whether system B's output stands in slot A; it must return [statA, statB] for that assignment.
 */
export function permutationTest(
  n: number,
  statistic: (swapped: Uint8Array) => readonly [number, number],
  options: Omit<BootstrapOptions, "confidence"> = {},
): PairedTestResult {
  const resamples = assertIntegerOption(options.resamples ?? 1000, 1, "permutationTest", "resamples");
  if (!Number.isInteger(n) || n < 1)
    fail("empty_input", `permutationTest: \`n\` must be a positive integer, got ${n}`);
  const swapped = new Uint8Array(n);
  const [a, b] = statistic(swapped);
  const difference = a - b;
  const random = seededRandom(options.seed ?? 0);
  let atLeast = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) swapped[i] = random.next() < 0.5 ? 1 : 0;
    const [ra, rb] = statistic(swapped);
    if (Math.abs(ra - rb) >= Math.abs(difference) - 1e-12) atLeast++;
  }
  return { difference, pValue: (atLeast + 1) / (resamples + 1), resamples };
}
