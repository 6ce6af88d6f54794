/**
 * Linear interpolation as torchmetrics 1.9.0's `utilities.data.interp` (its log AUC's), for
 * sample points `xp` already in increasing order: the segment starting at the last `xp[k] < x`
 * (searchsorted, clamped to the first and last segment), `fp[k] + slope (x - xp[k])`. Where
 * `xp` repeats (a vertical step of a ROC curve), the segment starts at the step's last point,
 * as numpy's `interp`; torchmetrics sorts `xp` first with an unstable argsort, which may start it
 * at another point of the step (see docs/defaults.md).
 */
export function interpFromLast(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const segments = xp.length - 1;
  if (segments < 1) return fp[0]!;
  let first = 0;
  while (first < xp.length && xp[first]! < x) first++;
  const k = Math.min(Math.max(first - 1, 0), segments - 1);
  const slope = (fp[k + 1]! - fp[k]!) / (xp[k + 1]! - xp[k]!);
  return fp[k]! + slope * (x - xp[k]!);
}

/**
 * Linear interpolation of a curve as torchmetrics 1.9.0's `utilities.compute.interp` evaluates
 * it (its averaged ROC and precision-recall curves): the segment index is the count of sample
 * points `xp[i] <= x` minus one (for increasing `xp`, the last point at or before `x`; for the
 * unsorted precisions of a PR curve, what torchmetrics computes), clamped to the first and last
 * segment; the slope is 0 across a vertical step (where `xp` repeats).
 */
export function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const segments = xp.length - 1;
  if (segments < 1) return fp[0]!;
  let k = 0;
  for (let i = 0; i < xp.length; i++) if (x >= xp[i]!) k++;
  k = Math.min(Math.max(k - 1, 0), segments - 1);
  const dx = xp[k + 1]! - xp[k]!;
  const slope = dx === 0 ? 0 : (fp[k + 1]! - fp[k]!) / dx;
  const intercept = fp[k]! - slope * xp[k]!;
  return slope * x + intercept;
}
