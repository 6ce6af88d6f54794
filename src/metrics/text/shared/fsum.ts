import { ExactSum, exactSums, exactToNumber } from "../../../core/exact-sum.js";

/**
 * Python's `math.fsum` of finite values: the correctly rounded sum (ties to even) of
 * `values[start]`, `values[start + step]`, ..., accumulated exactly (`core/exact-sum.ts`). The
 * result does not depend on the order of the terms, which makes sums over merged states
 * bit-identical for any split and merge order.
 */
export function fsum(values: ArrayLike<number>, start = 0, step = 1): number {
  const limbs = exactSums(1);
  const sum = new ExactSum(limbs);
  sum.addStrided(
    values instanceof Float64Array ? values : Float64Array.from(values),
    start,
    values.length,
    step,
  );
  sum.finish();
  return exactToNumber(limbs);
}
