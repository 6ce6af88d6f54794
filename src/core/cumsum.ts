/** Inclusive cumulative sum in float64: `out[i] = values[0] + ... + values[i]`. */
export function cumulativeSum(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let running = 0;
  for (let i = 0; i < values.length; i++) {
    running += values[i]!;
    out[i] = running;
  }
  return out;
}
