import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeState, encodeState } from "./codec.js";
import {
  checkSketch,
  createSketch,
  mergeSketch,
  type QuantileSketch,
  sketchQuantile,
  sketchRankError,
  updateSketch,
} from "./quantile-sketch.js";

/** numpy.quantile's default (linear interpolation), the exact reference. */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (position - lo) * (sorted[hi]! - sorted[lo]!);
}

/** |rank(v) - q n| where the rank of v is any position its ties occupy. */
function rankDistance(values: number[], v: number, q: number): number {
  let below = 0;
  let upTo = 0;
  for (const x of values) {
    if (x < v) below++;
    if (x <= v) upTo++;
  }
  const target = q * values.length;
  return target < below ? below - target : target > upTo ? target - upTo : 0;
}

function sketchOf(values: number[], k: number, parts = 1): QuantileSketch {
  const size = Math.ceil(values.length / parts);
  let merged = createSketch(k);
  for (let p = 0; p < parts; p++) {
    const s = createSketch(k);
    const chunk = values.slice(p * size, (p + 1) * size);
    for (let i = 0; i < chunk.length; i += 97) updateSketch(s, chunk.slice(i, i + 97));
    merged = mergeSketch(merged, s);
  }
  return merged;
}

describe("quantile sketch", () => {
  it("is exact (numpy linear interpolation) while fewer than k values are folded in", () => {
    const values = [5, 1, 4, 1, 5, 9, 2, 6];
    const s = sketchOf(values, 16);
    for (const q of [0, 0.25, 0.5, 0.9, 1]) expect(sketchQuantile(s, q)).toBe(exactQuantile(values, q));
    expect(sketchRankError(8, 16)).toBe(0);
  });

  it("keeps every quantile within the stated rank bound, split and merged in any way", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 5000 }),
        fc.constantFrom(8, 16, 64),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(0, 0.1, 0.5, 0.75, 1),
        (values, k, parts, q) => {
          const s = sketchOf(values, k, parts);
          expect(s.n).toBe(values.length);
          if (values.length < k) expect(sketchQuantile(s, q)).toBe(exactQuantile(values, q));
          else {
            const bound = sketchRankError(values.length, k) * values.length;
            expect(rankDistance(values, sketchQuantile(s, q), q)).toBeLessThanOrEqual(bound + 1e-9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("holds 1e6 values in bounded memory with the median within 0.4% of rank (k = 4096)", () => {
    const values: number[] = [];
    let seed = 3;
    for (let i = 0; i < 1_000_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      values.push(seed / 2147483648);
    }
    const s = sketchOf(values, 4096, 3);
    const stored = s.levels.reduce((sum, l) => sum + l.length, 0);
    expect(stored).toBeLessThan(4096 * (Math.log2(1e6 / 4096) + 2));
    expect(sketchRankError(1e6, 4096)).toBeCloseTo(10 / 4096, 12);
    expect(rankDistance(values, sketchQuantile(s, 0.5), 0.5)).toBeLessThanOrEqual(
      sketchRankError(1e6, 4096) * 1e6,
    );
  });

  it("survives the state codec and refuses corrupt states", () => {
    const s = sketchOf([3, 1, 2, 8, 7, 6, 5, 4, 9, 10], 8);
    const decoded = decodeState(JSON.parse(JSON.stringify(encodeState(s)))) as QuantileSketch;
    checkSketch("test", decoded);
    expect(sketchQuantile(decoded, 0.5)).toBe(sketchQuantile(s, 0.5));
    expect(() => checkSketch("test", { ...decoded, n: 11 })).toThrow(
      /n must equal the levels' total weight 10/,
    );
    expect(() => checkSketch("test", { ...decoded, k: 7 })).toThrow(/k must be an even integer/);
    const nan = { ...decoded, levels: decoded.levels.map((l) => l.map(() => Number.NaN)) };
    expect(() => checkSketch("test", nan)).toThrow(/holds NaN/);
    expect(() => createSketch(3)).toThrow(
      "quantile sketch: k must be an even integer in [8, 16777216], got 3",
    );
    expect(() => mergeSketch(createSketch(8), createSketch(16))).toThrow(
      "cannot merge sketches of k 8 and 16",
    );
  });
});
