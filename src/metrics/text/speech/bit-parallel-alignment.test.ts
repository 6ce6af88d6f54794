import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignBitParallel } from "./bit-parallel-alignment.js";
import { levenshteinAlignmentInto, levenshteinDistance } from "./edit-distance.js";

const sequence = (maxLength: number) => fc.array(fc.integer({ min: 0, max: 4 }), { maxLength });

function counts(source: number[], destination: number[], backtrace: "python-levenshtein" | "rapidfuzz") {
  const out = new Int32Array(3);
  alignBitParallel(source, 0, source.length, destination, 0, destination.length, 5, backtrace, out);
  return [...out];
}

describe("alignBitParallel", () => {
  it("reproduces python-Levenshtein's edit-operation choice (the cost-matrix backtrace) on 1 to 4 blocks", () => {
    fc.assert(
      fc.property(sequence(130), sequence(130), (a, b) => {
        const expected = new Int32Array(3);
        levenshteinAlignmentInto(a, 0, a.length, b, 0, b.length, expected);
        expect(counts(a, b, "python-levenshtein")).toEqual([...expected]);
      }),
      { numRuns: 1500 },
    );
  });

  it("gives a minimal alignment with rapidfuzz's backtrace (S + D + I = distance; H + S + D = source length)", () => {
    fc.assert(
      fc.property(sequence(100), sequence(100), (a, b) => {
        const [s, d, i] = counts(a, b, "rapidfuzz") as [number, number, number];
        expect(s + d + i).toBe(levenshteinDistance(a, b));
        expect(d - i).toBe(a.length - b.length);
      }),
      { numRuns: 1500 },
    );
  });

  it("counts the references' alignments of small cases", () => {
    // source a b c, destination a x c d: substitute b -> x, insert d (both backtraces).
    expect(counts([0, 1, 2], [0, 3, 2, 4], "python-levenshtein")).toEqual([1, 0, 1]);
    expect(counts([0, 1, 2], [0, 3, 2, 4], "rapidfuzz")).toEqual([1, 0, 1]);
    // Values from the references (python-Levenshtein 0.12.2 `editops`, rapidfuzz 3.10.1
    // `Levenshtein.editops`): "ab" -> "bc" is two replaces in both; "ab" -> "ba" and
    // "xab" -> "aby" keep the shared letters in rapidfuzz (a deletion and an insertion).
    expect(counts([0, 1], [1, 2], "python-levenshtein")).toEqual([2, 0, 0]);
    expect(counts([0, 1], [1, 2], "rapidfuzz")).toEqual([2, 0, 0]);
    expect(counts([0, 1], [1, 0], "rapidfuzz")).toEqual([0, 1, 1]);
    expect(counts([2, 0, 1], [0, 1, 3], "rapidfuzz")).toEqual([0, 1, 1]);
    expect(counts([0, 1], [1, 0], "python-levenshtein")).toEqual([2, 0, 0]);
    expect(counts([2, 0, 1], [0, 1, 3], "python-levenshtein")).toEqual([0, 1, 1]);
  });
});
