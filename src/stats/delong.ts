import { toFloat64 } from "../core/coerce.js";
import { fail } from "../core/errors.js";
import { argsort } from "../core/sort.js";
import { assertBinary, assertFinite, assertSameLength } from "../core/validate.js";
import { twoSidedNormalPValue } from "./distributions.js";

export interface DeLongResult {
  readonly aucA: number;
  readonly aucB: number;
  /** Variance of aucA − aucB under DeLong's estimator. */
  readonly variance: number;
  readonly z: number;
  readonly pValue: number;
}

/** Midranks (average ranks of ties, 1-based) of `values`, O(n log n). */
function midranks(values: Float64Array): Float64Array {
  const order = argsort(values);
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/** AUROC and its structural components V10 (per positive) and V01 (per negative). */
function components(
  scores: Float64Array,
  positives: number[],
  negatives: number[],
): { auc: number; v10: Float64Array; v01: Float64Array } {
  const m = positives.length;
  const n = negatives.length;
  const pos = Float64Array.from(positives, (i) => scores[i]!);
  const neg = Float64Array.from(negatives, (i) => scores[i]!);
  const all = new Float64Array(m + n);
  all.set(pos, 0);
  all.set(neg, m);
  const rankAll = midranks(all);
  const rankPos = midranks(pos);
  const rankNeg = midranks(neg);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = (rankAll[i]! - rankPos[i]!) / n;
    sum += rankAll[i]!;
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (rankAll[m + j]! - rankNeg[j]!) / m;
  return { auc: (sum - (m * (m + 1)) / 2) / (m * n), v10, v01 };
}

function covariance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (n - 1);
}

/**
 * DeLong's test for two correlated ROC curves on the same samples (DeLong, DeLong &
 * Clarke-Pearson 1988), with the O(n log n) midrank algorithm of Sun & Xu (2014).
 * z = (AUC_A − AUC_B) / sqrt(Var), two-sided normal p-value. Ties count half, as in AUROC.
 * Needs at least two positives and two negatives.
 */
export function delongTest(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  target: ArrayLike<number>,
): DeLongResult {
  const a = toFloat64(scoresA, "delongTest", "scoresA");
  const b = toFloat64(scoresB, "delongTest", "scoresB");
  const t = toFloat64(target, "delongTest", "target");
  assertSameLength(a.length, t.length, "delongTest", "scoresA", "target");
  assertSameLength(b.length, t.length, "delongTest", "scoresB", "target");
  assertFinite(a, "delongTest", "scoresA");
  assertFinite(b, "delongTest", "scoresB");
  assertBinary(t, "delongTest", "target");
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < t.length; i++) (t[i] === 1 ? positives : negatives).push(i);
  if (positives.length < 2 || negatives.length < 2) {
    fail(
      "invalid_value",
      `delongTest: \`target\` needs at least 2 positives and 2 negatives, got ${positives.length} and ${negatives.length}`,
    );
  }
  const ca = components(a, positives, negatives);
  const cb = components(b, positives, negatives);
  const m = positives.length;
  const n = negatives.length;
  const variance =
    (covariance(ca.v10, ca.v10) + covariance(cb.v10, cb.v10) - 2 * covariance(ca.v10, cb.v10)) / m +
    (covariance(ca.v01, ca.v01) + covariance(cb.v01, cb.v01) - 2 * covariance(ca.v01, cb.v01)) / n;
  const difference = ca.auc - cb.auc;
  const z =
    variance > 0 ? difference / Math.sqrt(variance) : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  return {
    aucA: ca.auc,
    aucB: cb.auc,
    variance,
    z,
    pValue: variance > 0 ? twoSidedNormalPValue(z) : difference === 0 ? 1 : 0,
  };
}
