import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addFolds,
  ddQuotient,
  ddSubProductOverN,
  FOLD_BITS,
  FOLDS,
  foldsFit,
  foldsToDoubleDouble,
  levelSplitter,
  levelUnit,
  raiseFolds,
  topLevel,
} from "./binned-sums.js";
import { exponentOf } from "./exact-sum.js";

/** Deposits `terms` one by one into fresh folds of top level `top` (the algorithm of the module comment). */
function folded(terms: readonly number[], top: number): Float64Array {
  const folds = new Float64Array(FOLDS);
  for (const x of terms) {
    let rest = x;
    for (let k = 0; k < FOLDS; k++) {
      const m = levelSplitter(top - k);
      const part = rest + m - m;
      folds[k]! += part;
      rest -= part;
    }
  }
  return folds;
}

/** `x` as an exact rational `num / 2^1100` (BigInt). */
function big(x: number): bigint {
  if (x === 0) return 0n;
  const e = exponentOf(x);
  const unit = Math.max(e - 52, -1074);
  const half = Math.trunc(-unit / 2);
  return BigInt(x * 2 ** half * 2 ** (-unit - half)) << BigInt(unit + 1100);
}

/** The top level for terms below 2^boundExp, and the terms' bound exponent. */
const boundOf = (terms: readonly number[]): number =>
  Math.max(...terms.map((x) => (x === 0 ? -1100 : exponentOf(x) + 1)));

const term = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e-300, max: 1e-300, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 2 ** -1074, -(2 ** -1074), 2 ** 200, -(2 ** 200)),
);

describe("binned sums (reproducible folds)", () => {
  it("round each term at the lowest level, whatever the split and merge order", () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 60 }), fc.nat(), (terms, seed) => {
        const top = topLevel(boundOf(terms));
        const whole = folded(terms, top);
        // Split at a point, each part with its own (lower or equal) top level, raised and added.
        const cut = seed % (terms.length + 1);
        const parts = [terms.slice(cut), terms.slice(0, cut)];
        const merged = new Float64Array(FOLDS);
        for (const part of parts) {
          if (part.length === 0) continue;
          const own = topLevel(boundOf(part));
          addFolds(merged, 0, top, folded(part, own), 0, own);
        }
        expect(Array.from(merged)).toEqual(Array.from(whole));
        // The folds' exact total is each term rounded at the lowest level, summed.
        const unit = levelUnit(top - FOLDS + 1);
        const total = Array.from(whole).reduce((s, f) => s + big(f), 0n);
        const rounded = terms.reduce((s, x) => s + roundAt(big(x), unit + 1100), 0n);
        expect(total).toBe(rounded);
      }),
      {
        numRuns: 400,
        examples: [
          [[2 ** -1074, 3 * 2 ** -1074, -1e-310, 2 ** -1022], 2],
          [[1e-300, 2 ** -1074, -(2 ** -1060)], 1],
          [[2 ** 200, 1, -(2 ** 200), 2 ** -40], 3],
        ],
      },
    );
  });

  it("raising folds drops the lowest and keeps the rest in place", () => {
    const folds = Float64Array.of(1, 2, 3, 4, 5, 6);
    raiseFolds(folds, 3, 1);
    expect(Array.from(folds)).toEqual([1, 2, 3, 0, 4, 5]);
    raiseFolds(folds, 0, FOLDS);
    expect(Array.from(folds)).toEqual([0, 0, 0, 0, 4, 5]);
    raiseFolds(folds, 3, 0);
    expect(Array.from(folds)).toEqual([0, 0, 0, 0, 4, 5]);
  });

  it("check that folds fit their level and sample count", () => {
    const top = topLevel(10);
    const ok = folded([1.5, 1023.25, -7], top);
    expect(foldsFit(ok, 0, top, 3)).toBe(true);
    expect(foldsFit(Float64Array.of(0.5, 0, 0), 0, top, 3)).toBe(false); // not a multiple of the top unit
    expect(foldsFit(Float64Array.of(2 ** (FOLD_BITS * (top + 1)) * 4, 0, 0), 0, top, 3)).toBe(false); // too large
    expect(foldsFit(Float64Array.of(0, 0, 1), 0, Number.NEGATIVE_INFINITY, 1)).toBe(false); // no terms, not zero
  });

  it("give the folds' exact total as a double-double", () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 30 }), (terms) => {
        const top = topLevel(boundOf(terms));
        const folds = folded(terms, top);
        const out = new Float64Array(2);
        foldsToDoubleDouble(folds, 0, out, 0);
        const exact = Array.from(folds).reduce((s, f) => s + big(f), 0n);
        const got = big(out[0]!) + big(out[1]!);
        const error = exact > got ? exact - got : got - exact;
        const scale = big(Math.abs(out[0]!));
        // Within 2^-100 of the total (or exact when it is tiny).
        expect(error <= scale >> 100n || error <= 1n << 50n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("compute a - b c / n and b / n in double-double, rounded once", () => {
    const v = Float64Array.of(10, 0, 3, 2 ** -60, 7, 0);
    // 10 - (3 + 2^-60) 7 / 3 = 3 - 7 2^-60 / 3, and (3 + 2^-60) / 3
    expect(ddSubProductOverN(v, 0, 2, 4, 3)).toBe(3 - (7 * 2 ** -60) / 3);
    expect(ddQuotient(v, 2, 3)).toBe(1 + 2 ** -60 / 3);
    const finite = fc.double({ min: -1e30, max: 1e30, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, finite, finite, fc.integer({ min: 1, max: 2 ** 21 }), (a, b, c, n) => {
        const got = ddSubProductOverN(Float64Array.of(a, 0, b, 0, c, 0), 0, 2, 4, n);
        // |got n - (a n - b c)| within n (half an ulp of got + 2^-100 of the larger term).
        const exact = big(a) * big(1) * BigInt(n) - big(b) * big(c);
        const error = big(got) * big(1) * BigInt(n) - exact;
        const larger = [Math.abs(a), Math.abs((b * c) / n)].reduce((x, y) => Math.max(x, y));
        const ulp = got === 0 ? 0 : 2 ** (exponentOf(got) - 52);
        const bound = big(ulp / 2 + larger * 2 ** -100 + 2 ** -1074) * big(1) * BigInt(n);
        expect(error <= bound && -error <= bound).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** The integer `v` rounded to the nearest multiple of 2^shift, ties to even. */
function roundAt(v: bigint, shift: number): bigint {
  if (shift <= 0) return v;
  const unit = 1n << BigInt(shift);
  const half = unit >> 1n;
  const floor = v >= 0n ? v / unit : -((-v + unit - 1n) / unit);
  const rest = v - floor * unit;
  const up = rest > half || (rest === half && floor % 2n !== 0n);
  return (up ? floor + 1n : floor) * unit;
}
