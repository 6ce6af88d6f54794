import { toFloat64 } from "../core/coerce.js";
import { optBoolean, optionNames, readOptions } from "../core/options.js";
import { assertBinary, assertSameLength } from "../core/validate.js";
import { binomialHalfCdf, erfc } from "./distributions.js";

export interface McNemarOptions {
  /** The exact binomial test (default true, as statsmodels) or the continuity-corrected chi-square. */
  readonly exact?: boolean;
}
const OPTIONS = optionNames<McNemarOptions>()("exact");

export interface McNemarResult {
  /** Samples A got right and B got wrong. */
  readonly onlyA: number;
  /** Samples B got right and A got wrong. */
  readonly onlyB: number;
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * McNemar's test for two classifiers on the same samples (McNemar 1947), from per-sample
 * correctness (1 correct, 0 wrong). `exact: true` (default, as statsmodels' `mcnemar`): the
 * two-sided binomial test of min(b, c) against Binomial(b + c, 1/2), statistic = min(b, c).
 * `exact: false`: chi-square with continuity correction, (|b − c| − 1)² / (b + c), df 1.
 * With b + c = 0 the classifiers never disagree: p = 1.
 */
export function mcnemarTest(
  correctA: ArrayLike<number>,
  correctB: ArrayLike<number>,
  options?: McNemarOptions,
): McNemarResult {
  const exact = optBoolean(
    "mcnemarTest",
    "exact",
    readOptions<McNemarOptions>("mcnemarTest", options, OPTIONS).exact,
    true,
  );
  const a = toFloat64(correctA, "mcnemarTest", "correctA");
  const b = toFloat64(correctB, "mcnemarTest", "correctB");
  assertSameLength(a.length, b.length, "mcnemarTest", "correctA", "correctB");
  assertBinary(a, "mcnemarTest", "correctA");
  assertBinary(b, "mcnemarTest", "correctB");
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 1 && b[i] === 0) onlyA++;
    else if (a[i] === 0 && b[i] === 1) onlyB++;
  }
  const total = onlyA + onlyB;
  if (exact) {
    const k = Math.min(onlyA, onlyB);
    return {
      onlyA,
      onlyB,
      statistic: k,
      pValue: total === 0 ? 1 : Math.min(1, 2 * binomialHalfCdf(k, total)),
    };
  }
  const statistic = total === 0 ? 0 : (Math.abs(onlyA - onlyB) - 1) ** 2 / total;
  // Chi-square with one degree of freedom: P(X > s) = erfc(sqrt(s / 2)).
  return { onlyA, onlyB, statistic, pValue: total === 0 ? 1 : erfc(Math.sqrt(statistic / 2)) };
}
