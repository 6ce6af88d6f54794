import { describe, expect, it } from "vitest";
import { ExactSum, exactSums } from "../../core/exact-sum.js";
import { type Random, seededRandom } from "../../core/random.js";
import { addAbsoluteDifference, addDifference, addExactSquare, squareIsSafe } from "./exact-terms.js";
import {
  fusedAbsoluteErrors,
  fusedSquaredErrors,
  fusedTargetAndErrors,
  fusedTargetAndSquaredErrors,
} from "./fused.js";

/**
 * The fused kernels against the definition of their sums, added term by term through the exact
 * slow path (`ExactSum.add` / `addSquare`): the limbs must be identical. The data stress the
 * windows: full 53-bit significands, magnitudes spread over 2^±40 around a base (crossing the
 * square windows' 2^14 and the lanes' 2^30 ranges), zeros, ties p = t, powers of two at window
 * edges, runs of small values after large ones (re-centring), scales from 2^-1000 to 2^1000, and
 * more than LANE_CAPACITY elements (folds).
 */

/** A double with a random 53-bit significand and exponent `e`. */
function full(random: Random, e: number): number {
  const m = 1 + random.next() + random.next() * 2 ** -32;
  return m * 2 ** e;
}

type Shape = (random: Random, i: number, n: number) => [p: number, t: number];

const base = (scale: number, spread: number): Shape => {
  return (random) => {
    const t =
      random.next() < 0.05 ? 0 : (random.next() < 0.5 ? -1 : 1) * full(random, scale + random.int(spread));
    const kind = random.next();
    if (kind < 0.05) return [t, t];
    if (kind < 0.1) return [2 ** (scale + random.int(spread)), t];
    const e = (random.next() < 0.5 ? -1 : 1) * full(random, scale + random.int(spread) - random.int(60));
    return [t + e, t];
  };
};

const SHAPES: Record<string, Shape> = {
  "uniform [0, 100)": (random) => {
    const t = random.next() * 100;
    return [t + (random.next() - 0.5) * 20, t];
  },
  "spread 2^±20": base(-20, 40),
  "spread 2^±40 near 2^300": base(280, 40),
  "spread near 2^-300": base(-320, 40),
  "near 2^470 (squares near overflow)": base(460, 25),
  "near 2^-470 (squares near underflow)": base(-490, 25),
  "near 2^1000": base(990, 30),
  "near 2^-1060 (subnormal)": base(-1070, 20),
  "large then small runs": (random, i) => {
    const scale = Math.floor(i / 5000) % 2 === 0 ? 40 : -10;
    return base(scale, 3)(random, i, 0);
  },
  "powers of two": (random) => {
    const t = (random.next() < 0.5 ? -1 : 1) * 2 ** (random.int(60) - 30);
    return [random.next() < 0.3 ? -t : 2 ** (random.int(60) - 30), t];
  },
};

function limbsOf(count: number, add: (sums: ExactSum[]) => void): Float64Array {
  const limbs = exactSums(count);
  const sums = Array.from({ length: count }, (_, k) => new ExactSum(limbs, k));
  add(sums);
  for (const s of sums) s.finish();
  return limbs;
}

function data(shape: Shape, seed: number, n: number): [Float64Array, Float64Array] {
  const random = seededRandom(seed);
  const p = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) [p[i], t[i]] = shape(random, i, n);
  return [p, t];
}

/** (p - t)² as the metrics define the term: the float64 square, or exact out of 2^±480. */
function addSquaredError(sum: ExactSum, p: number, t: number): void {
  const e = p - t;
  if (squareIsSafe(e)) sum.add(e * e);
  else addExactSquare(sum, p, t, e);
}

describe("fused regression kernels equal their term-by-term exact sums", () => {
  const n = 9000;
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(name, () => {
      let checked = 0;
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const [p, t] = data(shape, seed, n);
        // Near 2^1020 a prediction t + e can overflow: such data is not a valid batch.
        if (!p.every(Number.isFinite) || checked === 3) continue;
        checked++;
        // Σ(p - t)²
        expect(limbsOf(1, ([s]) => fusedSquaredErrors(p, t, 0, n, s!))).toEqual(
          limbsOf(1, ([s]) => {
            for (let i = 0; i < n; i++) addSquaredError(s!, p[i]!, t[i]!);
          }),
        );
        // Σ|p - t|
        expect(limbsOf(1, ([s]) => fusedAbsoluteErrors(p, t, 0, n, s!, addAbsoluteDifference))).toEqual(
          limbsOf(1, ([s]) => {
            for (let i = 0; i < n; i++) {
              const d = Math.abs(p[i]! - t[i]!);
              if (Number.isFinite(d)) s!.add(d);
              else addAbsoluteDifference(s!, p[i]!, t[i]!);
            }
          }),
        );
        // R²: Σt, Σt², Σ(p - t)²
        expect(limbsOf(3, ([a, b, c]) => fusedTargetAndSquaredErrors(p, t, 0, n, a!, b!, c!))).toEqual(
          limbsOf(3, ([a, b, c]) => {
            for (let i = 0; i < n; i++) {
              a!.add(t[i]!);
              b!.addSquare(t[i]!);
              addSquaredError(c!, p[i]!, t[i]!);
            }
          }),
        );
        // Explained variance: Σt, Σt², Σe, Σe² (e = p - t in float64)
        expect(
          limbsOf(4, ([a, b, c, d]) => fusedTargetAndErrors(p, t, 0, n, a!, b!, c!, d!, addDifference)),
        ).toEqual(
          limbsOf(4, ([a, b, c, d]) => {
            for (let i = 0; i < n; i++) {
              const e = p[i]! - t[i]!;
              a!.add(t[i]!);
              b!.addSquare(t[i]!);
              if (Number.isFinite(e)) c!.add(e);
              else addDifference(c!, p[i]!, t[i]!);
              addExactSquare(d!, p[i]!, t[i]!, e);
            }
          }),
        );
      }
      expect(checked).toBe(3);
    });
  }

  it("report the first element with a non-finite input", () => {
    const [p, t] = data(SHAPES["uniform [0, 100)"]!, 7, 9000);
    t[5000] = Number.NaN;
    const sums = Array.from({ length: 4 }, (_, k) => new ExactSum(exactSums(4), k));
    expect(fusedTargetAndSquaredErrors(p, t, 0, 9000, sums[0]!, sums[1]!, sums[2]!)).toBe(5000);
    expect(fusedTargetAndErrors(p, t, 0, 9000, sums[0]!, sums[1]!, sums[2]!, sums[3]!, addDifference)).toBe(
      5000,
    );
    p[100] = Number.POSITIVE_INFINITY;
    expect(fusedSquaredErrors(p, t, 0, 9000, sums[0]!)).toBe(100);
    expect(fusedAbsoluteErrors(p, t, 0, 9000, sums[0]!, addAbsoluteDifference)).toBe(100);
  });

  it("report a non-finite input at every position of a four-element group, from any start", () => {
    const [p, t] = data(SHAPES["uniform [0, 100)"]!, 8, 64);
    for (const from of [0, 1, 2, 3]) {
      for (let at = from; at < from + 12; at++) {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
          const q = p.slice();
          q[at] = bad;
          expect(fusedSquaredErrors(q, t, from, 64, new ExactSum(exactSums(1)))).toBe(at);
          expect(fusedAbsoluteErrors(q, t, from, 64, new ExactSum(exactSums(1)), addAbsoluteDifference)).toBe(
            at,
          );
        }
      }
    }
  });
});
