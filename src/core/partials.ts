/**
 * An exact running sum of finite float64 terms in a few doubles: Shewchuk's non-overlapping
 * partials, as Python's `math.fsum` keeps them (J. R. Shewchuk, "Adaptive Precision
 * Floating-Point Arithmetic and Fast Robust Geometric Predicates", 1997). Every addition is an
 * error-free two-sum, so the partials always add up to the exact sum of the terms; {@link
 * ExactPartials.value} rounds that sum once, to nearest (ties to even): the same double for any
 * order of the terms, and the same as an exact superaccumulator's (`exact-sum.ts`) rounded sum.
 * Small code and small state for sums of few terms or of terms of similar magnitude (the
 * partials of terms within a factor 2^k of each other number about k / 53 + 2); the
 * superaccumulator is the tool for long streams of widely spread terms.
 */
export class ExactPartials {
  readonly partials: number[] = [];

  /** Adds a finite term (a sum past the largest double gives ±Infinity from `value`). */
  add(term: number): void {
    const p = this.partials;
    let x = term;
    let kept = 0;
    for (let i = 0; i < p.length; i++) {
      // Two-sum of the larger and the smaller in magnitude: hi + lo is exactly x + p[i].
      const big = Math.abs(x) < Math.abs(p[i]!) ? p[i]! : x;
      const small = big === x ? p[i]! : x;
      const hi = big + small;
      const lo = small - (hi - big);
      if (lo !== 0) p[kept++] = lo;
      x = hi;
    }
    p.length = kept;
    p.push(x);
  }

  /** {@link ExactPartials.value}, and the sum emptied. */
  take(): number {
    const sum = this.value();
    this.partials.length = 0;
    return sum;
  }

  /** The exact sum rounded once to nearest, ties to even (0 for no terms). */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way: the partials below lo push the sum past the tie that hi + lo rounded to even.
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
