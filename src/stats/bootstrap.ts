import { describeValue, fail } from "../core/errors.js";
import { assertAllocation } from "../core/limits.js";
import { optInteger, optionNames, optNumber, optSize, readOptions } from "../core/options.js";
import { seededRandom } from "../core/random.js";
import { quantileSorted } from "./quantile.js";

/** Most resamples any test takes (a ceiling on the work a caller can ask for). */
export const MAX_RESAMPLES = 1_000_000;

/**
 * The `resamples` option of every resampling function: an integer in [1, MAX_RESAMPLES] whose
 * resampled statistics (8 bytes each) fit the allocation budget (`invalid_option` naming the
 * memory past it, before the ceiling on the work).
 */
export function readResamples(fn: string, value: unknown): number {
  optSize(fn, "resamples", value, undefined, { bytesPerUnit: 8 });
  return optInteger(fn, "resamples", value, 1000, { min: 1, max: MAX_RESAMPLES });
}

/** The two-sided confidence level of every interval: a number in (0, 1), default 0.95. */
export function readConfidence(fn: string, value: unknown): number {
  return optNumber(fn, "confidence", value, 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
}

/** The PRNG seed of every resampling function: an integer in [0, 2^32 − 1], default 0. */
export function readSeed(fn: string, value: unknown): number {
  return optInteger(fn, "seed", value, 0, { min: 0, max: 2 ** 32 - 1 });
}

/** The sample count `n`: a positive integer whose index buffers (two of 4 bytes per sample) fit the budget. */
function readCount(fn: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
    fail("empty_input", `${fn}: \`n\` must be a positive integer, got ${describeValue(n)}`);
  assertAllocation(fn, `\`n\` = ${n} samples`, 8 * n, "invalid_value");
  return n;
}

/** A point estimate with a confidence interval. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 1000, at most MAX_RESAMPLES). */
  readonly resamples?: number;
  /** Two-sided confidence level (default 0.95). */
  readonly confidence?: number;
  /** PRNG seed (default 0): the same seed gives the same interval. */
  readonly seed?: number;
}
const BOOTSTRAP_OPTIONS = optionNames<BootstrapOptions>()("resamples", "confidence", "seed");
const PERMUTATION_OPTIONS = optionNames<Omit<BootstrapOptions, "confidence">>()("resamples", "seed");

/** Reads bootstrap options strictly (unknown names are `invalid_option` with a suggestion). */
function readBootstrap(
  fn: string,
  options: unknown,
): { resamples: number; confidence: number; seed: number } {
  const o = readOptions<BootstrapOptions>(fn, options, BOOTSTRAP_OPTIONS);
  return {
    resamples: readResamples(fn, o.resamples),
    confidence: readConfidence(fn, o.confidence),
    seed: readSeed(fn, o.seed),
  };
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
  const { resamples, confidence, seed } = readBootstrap("bootstrapInterval", options);
  readCount("bootstrapInterval", n);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const estimate = statistic(all);
  const random = seededRandom(seed);
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
  const { resamples, confidence, seed } = readBootstrap("pairedBootstrapTest", options);
  readCount("pairedBootstrapTest", n);
  const all = new Uint32Array(n).map((_, i) => i);
  const difference = statisticA(all) - statisticB(all);
  const random = seededRandom(seed);
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
  const fn = "permutationTest";
  const o = readOptions<Omit<BootstrapOptions, "confidence">>(fn, options, PERMUTATION_OPTIONS);
  const resamples = readResamples(fn, o.resamples);
  const seed = readSeed(fn, o.seed);
  readCount(fn, n);
  const swapped = new Uint8Array(n);
  const [a, b] = statistic(swapped);
  const difference = a - b;
  const random = seededRandom(seed);
  let atLeast = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) swapped[i] = random.next() < 0.5 ? 1 : 0;
    const [ra, rb] = statistic(swapped);
    if (Math.abs(ra - rb) >= Math.abs(difference) - 1e-12) atLeast++;
  }
  return { difference, pValue: (atLeast + 1) / (resamples + 1), resamples };
}
