/**
 * How far a binned curve metric can be from the exact one, from the binned state itself.
 *
 * A binned state (`thresholds` t_0 < ... < t_(T-1)) counts, per target, the samples reaching
 * exactly k thresholds (k = 0..T): bin k holds the scores in [t_(k-1), t_k) (bin T: >= t_(T-1)).
 * The binned curve is the exact curve of the scores rounded down to their bin, so it differs
 * from the exact curve only in how the samples inside one bin are ordered. With P_b positives
 * and N_b negatives in bin b (P, N in all), and every score >= t_0 (bin 0 empty; otherwise the
 * binned curve stops before (1, 1) and no bound holds):
 *
 * - AUROC: the pairs (positive, negative) within bin b count 1/2 in the binned area and 0, 1/2 or
 *   1 in the exact one; the top bin's pairs count 0 (the binned ROC starts at its point, not at
 *   (0, 0), as torchmetrics):
 *
 *       |AUROC_binned - AUROC_exact| <= ( sum_{b=1}^{T-1} P_b N_b / 2 + P_T N_T ) / (P N)
 *
 *   which is 1 / (2 (T - 1)) when positives and negatives each spread evenly over the T - 1
 *   bins of T linspace thresholds on [0, 1] (1/198 = 0.005 for 100 thresholds), and less when
 *   the classes concentrate in different bins.
 * - Average precision: each positive of bin b is credited the precision at the bin's end instead
 *   of somewhere inside the bin. Entering the bin with (T0, F0) true/false positives above it and
 *   leaving with (T1, F1), precision inside lies in [T0 / (T0 + F1), T1 / (T1 + F0)], so
 *
 *       |AP_binned - AP_exact| <= sum_b (P_b / P) (T1 / (T1 + F0) - T0 / (T0 + F1))
 *
 * Both bounds are computed from the histogram, so a binned run can report its own worst case.
 * Checked against the exact metrics in curve-binning.test.ts.
 */

/** Worst-case errors of binned AUROC and AP (Infinity when scores fell below the first threshold). */
export interface BinningErrorBounds {
  auroc: number;
  averagePrecision: number;
}

/**
 * The bounds for one binary problem: `neg[k]` and `pos[k]` are the weights of negatives and
 * positives reaching exactly k thresholds (k = 0..T), the layout of a binned curve state.
 */
export function binningErrorBounds(neg: ArrayLike<number>, pos: ArrayLike<number>): BinningErrorBounds {
  const top = neg.length - 1;
  let P = 0;
  let N = 0;
  for (let k = 0; k <= top; k++) {
    P += pos[k]!;
    N += neg[k]!;
  }
  if (neg[0]! > 0 || pos[0]! > 0)
    return { auroc: Number.POSITIVE_INFINITY, averagePrecision: Number.POSITIVE_INFINITY };
  if (P === 0 || N === 0) return { auroc: 0, averagePrecision: 0 };
  let pairs = 0;
  let ap = 0;
  let tpAbove = 0;
  let fpAbove = 0;
  for (let k = top; k >= 1; k--) {
    const p = pos[k]!;
    const n = neg[k]!;
    pairs += k === top ? p * n : (p * n) / 2;
    if (p > 0) {
      const t0 = tpAbove;
      const t1 = tpAbove + p;
      const f0 = fpAbove;
      const f1 = fpAbove + n;
      const high = t1 / (t1 + f0);
      const low = t0 + f1 === 0 ? high : t0 / (t0 + f1);
      ap += (p / P) * (high - low);
    }
    tpAbove += p;
    fpAbove += n;
  }
  return { auroc: pairs / (P * N), averagePrecision: ap };
}
