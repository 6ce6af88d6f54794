/**
 * Python's `math.fsum`: the correctly rounded sum of `values[start]`, `values[start + step]`, ...
 * by Shewchuk's exact partial sums (J. R. Shewchuk, "Adaptive precision floating-point
 * arithmetic and fast robust geometric predicates", 1997; CPython's `msum`). The result does not
 * depend on the order of the terms, which makes sums over merged states bit-identical for any
 * split and merge order.
 */
export function fsum(values: ArrayLike<number>, start = 0, step = 1): number {
  const partials: number[] = [];
  for (let v = start; v < values.length; v += step) {
    let x = values[v]!;
    let i = 0;
    for (let p = 0; p < partials.length; p++) {
      let y = partials[p]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  let hi = 0;
  if (n > 0) {
    hi = partials[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n]!;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo) break;
    }
    if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}
