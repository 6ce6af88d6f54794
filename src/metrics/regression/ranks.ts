import { argsort } from "../../core/sort.js";

/**
 * 1-based ranks of `values` with ties given the average of the ranks they span (scipy's
 * `rankdata(method="average")`). O(n) with the radix argsort.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = argsort(values);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const v = values[order[start]!]!;
    while (end < n && values[order[end]!] === v) end++;
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson's r of two equal-length vectors, two-pass (NaN for a constant input). */
export function pearsonOf(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  const r = cxy / Math.sqrt(cxx * cyy);
  return Number.isNaN(r) ? r : Math.min(1, Math.max(-1, r));
}
