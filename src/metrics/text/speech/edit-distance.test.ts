import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../../metric.js";
import {
  beamLevenshteinDistance,
  editDistance,
  editDistanceDef,
  levenshteinAlignment,
  levenshteinDistance,
  toIds,
} from "./edit-distance.js";

/** The textbook unit-cost Levenshtein DP, the oracle of the fast paths. */
function plainLevenshtein(a: readonly number[], b: readonly number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
    prev = cur;
  }
  return prev[b.length]!;
}

describe("editDistance", () => {
  it("matches the torchmetrics docstring examples", () => {
    // rain -> sain -> shin -> shine: 3 edits; with substitution cost 2: 5 (torchmetrics 1.9.0 docs).
    expect(editDistance(["rain"], ["shine"])).toBe(3);
    expect(editDistance(["rain"], ["shine"], { substitutionCost: 2 })).toBe(5);
    expect(editDistance(["rain", "lnaguaeg"], ["shine", "language"], { reduction: "none" })).toEqual([3, 4]);
    expect(editDistance(["rain", "lnaguaeg"], ["shine", "language"], { reduction: "mean" })).toBe(3.5);
    expect(editDistance(["rain", "lnaguaeg"], ["shine", "language"], { reduction: "sum" })).toBe(7);
  });

  it("levenshteinDistance: equal numbers match, NaN matches nothing (as ===), -0 equals 0", () => {
    expect(levenshteinDistance([Number.NaN, 1, -0], [Number.NaN, 1, 0])).toBe(1);
    expect(levenshteinDistance([], [1, 2])).toBe(2);
  });

  it("counts code points, not UTF-16 units", () => {
    expect(editDistance(["😀a"], ["a"])).toBe(1);
  });

  it("agrees with plain Levenshtein and the alignment counts on random sequences", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }),
        (a, b) => {
          const d = plainLevenshtein(a, b);
          expect(levenshteinDistance(a, b)).toBe(d);
          expect(beamLevenshteinDistance(Int32Array.from(a), Int32Array.from(b))).toBe(d);
          const al = levenshteinAlignment(b, a);
          expect(al.substitutions + al.deletions + al.insertions).toBe(d);
          expect(al.hits + al.substitutions + al.deletions).toBe(b.length);
        },
      ),
    );
  });

  it("merges per-pair distances and round-trips through JSON", () => {
    const def = editDistanceDef();
    const a = def.init();
    def.update(a, ["abc"], ["abd"]);
    const b = def.init();
    def.update(b, ["", "xyz"], ["q", "xyz"]);
    expect(def.compute(def.merge(a, b))).toBe(editDistance(["abc", "", "xyz"], ["abd", "q", "xyz"]));
    const m = createMetric(def).update(["abc"], ["abd"]);
    const restored = createMetric(def).fromJSON(m.toJSON()).update(["", "xyz"], ["q", "xyz"]);
    expect(restored.compute()).toBeCloseTo(2 / 3, 15);
  });

  it("maps tokens to shared ids", () => {
    const [a, b] = toIds(["x", "y"], ["y", "z"]);
    expect([...a]).toEqual([0, 1]);
    expect([...b]).toEqual([1, 2]);
  });

  it("rejects mismatched lengths and bad options", () => {
    expect(() => editDistance(["a"], ["a", "b"])).toThrow(
      "editDistance: `references` must have one entry per hypothesis (1), got 2",
    );
    expect(() => editDistance(["a"], ["a"], { reduction: "max" as never })).toThrow(
      'editDistance: option `reduction` must be one of "mean", "sum", "none", got "max"',
    );
  });
});
