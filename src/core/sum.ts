/**
 * Compensated (Neumaier) summation: the error of the sum is bounded independently of the
 * number of terms, unlike naive accumulation whose error grows with n.
 * Method: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen", ZAMM 54 (1974); an improvement of Kahan's algorithm for terms larger than the sum.
 *
 * For sums carried in metric states use `core/exact-sum.ts` instead: a compensated sum still
 * depends on the order of its terms in the last bit, so merged results would depend on the split.
 */
export function compensatedSum(values: ArrayLike<number>, start = 0, end = values.length): number {
  let sum = 0;
  let compensation = 0;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * A running compensated sum that can be carried in a metric state (plain, JSON-safe data).
 * `sum + compensation` is the value; {@link addToAccumulator} folds in one term.
 */
export interface CompensatedAccumulator {
  sum: number;
  compensation: number;
}

export function newAccumulator(): CompensatedAccumulator {
  return { sum: 0, compensation: 0 };
}

export function addToAccumulator(acc: CompensatedAccumulator, value: number): void {
  const t = acc.sum + value;
  if (Math.abs(acc.sum) >= Math.abs(value)) acc.compensation += acc.sum - t + value;
  else acc.compensation += value - t + acc.sum;
  acc.sum = t;
}

export function accumulatorValue(acc: CompensatedAccumulator): number {
  return acc.sum + acc.compensation;
}

/** Combines two accumulators (for `merge`). */
export function mergeAccumulators(
  a: CompensatedAccumulator,
  b: CompensatedAccumulator,
): CompensatedAccumulator {
  const out = { sum: a.sum, compensation: a.compensation };
  addToAccumulator(out, b.sum);
  out.compensation += b.compensation;
  return out;
}
