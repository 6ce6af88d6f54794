import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addProductsToCells,
  addToCells,
  cellToNumber,
  type ExactCells,
  emptyExactCells,
  exactCellsShape,
  mergeExactCells,
  roundedCells,
} from "./exact-cells.js";
import { bigToNumber, EXACT_BASE, limbsBigInt } from "./exact-sum.js";
import { checkState } from "./state-check.js";

/** The exact value of a double as a BigInt times 2^-1074. */
function bigOf(x: number): bigint {
  if (x === 0) return 0n;
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return (BigInt(m) << 1074n) >> BigInt(e);
}

/** Weights from 2^-80 to 2^80 with full 53-bit significands, and zeros. */
const weight = fc.oneof(
  fc.constant(0),
  fc
    .tuple(fc.double({ min: 1, max: 2, noNaN: true }), fc.integer({ min: -80, max: 80 }))
    .map(([m, k]) => m * 2 ** k),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const check = (cells: number, state: ExactCells) =>
  checkState("test", { c: state }, { c: exactCellsShape(cells) });

describe("exact cells", () => {
  it("sum every cell exactly: one rounding of the exact total, in any split and merge order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.nat(), weight), { minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (cells, terms, cuts) => {
          const cellOf = Int32Array.from(terms, ([c], i) => (i % 17 === 16 ? -1 : c % cells));
          const values = Float64Array.from(terms, ([, w]) => w);
          const exact = new Array<bigint>(cells).fill(0n);
          for (let i = 0; i < values.length; i++)
            if (cellOf[i]! >= 0) exact[cellOf[i]!]! += bigOf(values[i]!);
          const whole = addToCells(emptyExactCells(), cells, cellOf, values);
          check(cells, whole);
          const bounds = [...new Set([0, ...cuts.map((c) => c % (values.length + 1)), values.length])].sort(
            (a, b) => a - b,
          );
          const parts: ExactCells[] = [];
          for (let k = 0; k + 1 < bounds.length; k++)
            parts.push(
              addToCells(
                emptyExactCells(),
                cells,
                cellOf.subarray(bounds[k], bounds[k + 1]),
                values.subarray(bounds[k], bounds[k + 1]),
              ),
            );
          const merged = parts.reverse().reduce((a, b) => mergeExactCells(b, a, cells), emptyExactCells());
          expect(merged).toEqual(whole);
          let sequential = emptyExactCells();
          for (let k = 0; k + 1 < bounds.length; k++)
            sequential = addToCells(
              sequential,
              cells,
              cellOf.subarray(bounds[k], bounds[k + 1]),
              values.subarray(bounds[k], bounds[k + 1]),
            );
          expect(sequential).toEqual(whole);
          for (let c = 0; c < cells; c++)
            expect(Object.is(cellToNumber(whole, cells, c), bigToNumber(exact[c]!, -1074))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rounds a cell once, ties to even, as the BigInt rounding does", () => {
    const limb = fc.oneof(
      fc.constant(0),
      fc.constant(2 ** 31),
      fc.constant(2 ** 32 - 1),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.integer({ min: 0, max: 2 ** 11 }).map((k) => k * 2 ** 21),
    );
    fc.assert(
      fc.property(
        fc.array(limb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 100 }),
        (limbs, lo) => {
          const l = Float64Array.from(limbs);
          const top = l.findLastIndex((v) => v !== 0);
          fc.pre(top >= 0 && l[0] !== 0 && top === l.length - 1);
          const state = { lo, limbs: l };
          const exact = bigToNumber(limbsBigInt(l, 0, l.length), 32 * lo + EXACT_BASE);
          expect(Object.is(cellToNumber(state, 1, 0), exact)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("adds integer counts kept beside the cells before the one rounding", () => {
    const state = addToCells(emptyExactCells(), 2, [0, 1], [2 ** -60, 0.1]);
    const rounded = roundedCells(state, Float64Array.of(2 ** 53, 3));
    expect(rounded[0]).toBe(2 ** 53);
    expect(rounded[1]).toBe(3.1);
    expect(cellToNumber(state, 2, 0, 1)).toBe(1);
    expect(cellToNumber(state, 2, 0)).toBe(2 ** -60);
    const big = addToCells(emptyExactCells(), 1, [0], [2 ** 60]);
    expect(cellToNumber(big, 1, 0, 3)).toBe(2 ** 60 + 3);
  });

  it("uses a window as wide as the terms' bits, not the full superaccumulator", () => {
    const n = 10_000;
    const cellOf = Int32Array.from({ length: n }, (_, i) => i % 100);
    const values = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 997 + 0.001);
    const state = addToCells(emptyExactCells(), 100, cellOf, values);
    expect(state.limbs.length / 100).toBeLessThanOrEqual(4);
  });

  it("adds exact products", () => {
    const state = addProductsToCells(emptyExactCells(), 1, [0, 0], [0.1, 1e300], [0.3, 1e-300]);
    const exact = bigOf(0.1) * bigOf(0.3) + bigOf(1e300) * bigOf(1e-300);
    expect(cellToNumber(state, 1, 0)).toBe(bigToNumber(exact, -2148));
  });

  it("refuses hostile cells", () => {
    const good = addToCells(emptyExactCells(), 2, [0, 1], [0.1, 0.7]);
    expect(() => check(2, good)).not.toThrow();
    const bad: [unknown, RegExp][] = [
      [{ lo: 0, limbs: new Float64Array(0), x: 1 }, /unexpected field "x"/],
      [{ lo: 0, limbs: [1, 2] }, /must be a Float64Array/],
      [{ lo: good.lo, limbs: good.limbs.subarray(1) }, /whole number of limbs/],
      [{ lo: 141, limbs: good.limbs }, /lo \+ width/],
      [{ lo: -1, limbs: good.limbs }, /lo \+ width/],
      [{ lo: 3, limbs: new Float64Array(0) }, /must be 0 when there are no limbs/],
      [
        { lo: good.lo, limbs: good.limbs.map((v, i) => (i === 0 ? Number.NaN : v)) },
        /integers in \[0, 2\^32\)/,
      ],
      [{ lo: good.lo, limbs: good.limbs.map((v, i) => (i === 0 ? 2 ** 32 : v)) }, /integers in \[0, 2\^32\)/],
      [{ lo: good.lo, limbs: good.limbs.map((v, i) => (i === 0 ? -1 : v)) }, /integers in \[0, 2\^32\)/],
      [{ lo: good.lo, limbs: Float64Array.of(0, 0, 1, 1) }, /canonical/],
      [{ lo: 104, limbs: Float64Array.of(1, 1) }, /at most 2\^1023/],
      ["limbs", /must be exact cells/],
    ];
    for (const [state, message] of bad)
      expect(() => check(2, state as ExactCells), String(message)).toThrow(message);
  });
});
