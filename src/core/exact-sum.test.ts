import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addExactSums,
  bigRatioToNumber,
  bigSqrtRatioToNumber,
  bigToNumber,
  EXACT_BASE,
  EXACT_LIMBS,
  ExactSum,
  exactBigInt,
  exactSums,
  exactToNumber,
} from "./exact-sum.js";

/** Parses Python's `float.hex()` output (and "inf"/"-inf"). */
function fromHex(text: string): number {
  if (text === "inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  const match = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(text);
  if (!match) throw new Error(`not a hex float: ${text}`);
  const mantissa = BigInt(`0x${match[2]}${match[3]}`);
  const value = bigToNumber(mantissa, Number(match[4]) - 4 * match[3]!.length);
  return match[1] ? -value : value;
}

/** The exact value of a double as B · 2^EXACT_BASE (B a BigInt), for reference sums. */
function exactOf(x: number): bigint {
  if (x === 0) return 0n;
  let m = Math.abs(x);
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  const big = BigInt(m) << BigInt(e - EXACT_BASE);
  return x < 0 ? -big : big;
}

/** The exact sum of `values`, split into parts at `cuts`, the parts merged in `order`. */
function splitSum(values: number[], cuts: number[], order: number[]): Float64Array {
  const bounds = [0, ...cuts.map((c) => c % (values.length + 1)).sort((a, b) => a - b), values.length];
  const parts: Float64Array[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const limbs = exactSums(1);
    const sum = new ExactSum(limbs);
    sum.addRun(Float64Array.from(values), bounds[i]!, bounds[i + 1]!);
    sum.finish();
    parts.push(limbs);
  }
  const ordered = order.length
    ? parts.map((_, i) => parts[(i + order[i % order.length]!) % parts.length]!)
    : parts;
  const unique = [...new Set(ordered)];
  for (const p of parts) if (!unique.includes(p)) unique.push(p);
  return unique.reduce((a, b) => addExactSums(a, b));
}

const double = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }).map((k) => k / 8),
  fc.constantFrom(0, -0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308),
);

describe("exact sums", () => {
  it("are exact: the limbs hold the exact sum of any finite doubles", () => {
    fc.assert(
      fc.property(fc.array(double, { maxLength: 60 }), (values) => {
        const limbs = exactSums(1);
        const sum = new ExactSum(limbs);
        sum.addRun(Float64Array.from(values), 0, values.length);
        sum.finish();
        expect(exactBigInt(limbs)).toBe(values.reduce((a, v) => a + exactOf(v), 0n));
      }),
      { numRuns: 300 },
    );
  });

  it("give bit-identical limbs for any split and merge order", () => {
    fc.assert(
      fc.property(
        fc.array(double, { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (values, cuts, order) => {
          const whole = splitSum(values, [], []);
          const split = splitSum(values, cuts, order);
          expect(Array.from(split)).toEqual(Array.from(whole));
          expect(Object.is(exactToNumber(split), exactToNumber(whole))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keep the lanes exact for terms of every magnitude, with folds past 4096 terms", () => {
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++)
      values.push((((i * 7919) % 1000) - 500) * 2 ** ((i % 97) - 48) + 0.1 * i);
    const limbs = exactSums(1);
    const sum = new ExactSum(limbs);
    sum.addRun(Float64Array.from(values), 0, values.length);
    sum.finish();
    expect(exactBigInt(limbs)).toBe(values.reduce((a, v) => a + exactOf(v), 0n));
  });

  it("squares and products are exact over the whole range, subnormals included", () => {
    fc.assert(
      fc.property(double, double, (a, b) => {
        const limbs = exactSums(1);
        const sum = new ExactSum(limbs);
        sum.addProduct(a, b);
        sum.finish();
        expect(exactBigInt(limbs)).toBe((exactOf(a) * exactOf(b)) >> BigInt(-EXACT_BASE));
      }),
      { numRuns: 500 },
    );
  });

  it("refuse non-finite terms", () => {
    const sum = new ExactSum(exactSums(1));
    expect(() => sum.addRun(Float64Array.from([1, Number.NaN]), 0, 2)).toThrow(
      "exact sum: terms must be finite, got NaN",
    );
    expect(() => sum.add(Number.POSITIVE_INFINITY)).toThrow("terms must be finite");
  });

  it("match Python's fractions: sums, sums of squares and root mean squares rounded once", () => {
    const golden = JSON.parse(
      readFileSync(new URL("../../test/data/golden/regression_exact_sums.json", import.meta.url), "utf8"),
    ) as { cases: { values: string[]; sum: string; sum_of_squares: string; root_mean_square: string }[] };
    expect(golden.cases.length).toBeGreaterThan(20);
    for (const c of golden.cases) {
      const values = c.values.map(fromHex);
      const limbs = exactSums(2);
      const sum = new ExactSum(limbs, 0);
      const squares = new ExactSum(limbs, 1);
      sum.addRun(Float64Array.from(values), 0, values.length);
      for (const v of values) squares.addSquare(v);
      sum.finish();
      squares.finish();
      expect(exactToNumber(limbs, 0)).toBe(fromHex(c.sum));
      expect(exactToNumber(limbs, 1)).toBe(fromHex(c.sum_of_squares));
      const rms = bigSqrtRatioToNumber(exactBigInt(limbs, 1), BigInt(values.length), EXACT_BASE);
      expect(rms).toBe(fromHex(c.root_mean_square));
    }
  });

  it("round BigInt ratios and roots once, to nearest even", () => {
    expect(bigRatioToNumber(1n, 3n)).toBe(1 / 3);
    expect(bigRatioToNumber(-2n, 3n, -1)).toBe(-1 / 3);
    expect(bigRatioToNumber(1n, 10n, -1070)).toBe(0.1 * 2 ** -1070);
    expect(bigToNumber((1n << 53n) + 1n, 0)).toBe(2 ** 53);
    expect(bigToNumber((1n << 53n) + 3n, 0)).toBe(2 ** 53 + 4);
    expect(bigToNumber(3n, -1076)).toBe(2 ** -1074);
    expect(bigToNumber(1n, -1075)).toBe(0);
    expect(bigToNumber(1n, 1024)).toBe(Number.POSITIVE_INFINITY);
    expect(bigSqrtRatioToNumber(2n, 1n)).toBe(Math.SQRT2);
    expect(bigSqrtRatioToNumber(1n, 2n, 2000)).toBe(Math.SQRT1_2 * 2 ** 1000);
    expect(EXACT_LIMBS * 32 + EXACT_BASE).toBeGreaterThan(2101);
  });
});
