import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignBitParallel } from "./bit-parallel-alignment.js";
import { levenshteinAlignment, levenshteinAlignmentInto, levenshteinDistance } from "./edit-distance.js";

const sequence = (maxLength: number) => fc.array(fc.integer({ min: 0, max: 4 }), { maxLength });

function counts(source: number[], destination: number[], backtrace: "python-levenshtein" | "rapidfuzz") {
  const out = new Int32Array(3);
  alignBitParallel(source, 0, source.length, destination, 0, destination.length, 5, backtrace, out);
  return [...out];
}

/**
 * The oracle: python-Levenshtein 0.12.2 `editops(source, destination)` counted from the full
 * unit-cost matrix: common prefix and suffix stripped, then the backtrace from the end prefers
 * continuing an insertion or deletion run, then a match, then a substitution, then starting an
 * insertion, then a deletion. Writes [substitutions, deletions, insertions] into `out`.
 */
function editopsByCostMatrix(
  source: ArrayLike<number>,
  sourceStart: number,
  sourceLength: number,
  destination: ArrayLike<number>,
  destinationStart: number,
  destinationLength: number,
  out: Int32Array,
): void {
  let len1 = sourceLength;
  let len2 = destinationLength;
  let s0 = sourceStart;
  let d0 = destinationStart;
  while (len1 > 0 && len2 > 0 && source[s0] === destination[d0]) {
    len1--;
    len2--;
    s0++;
    d0++;
  }
  while (len1 > 0 && len2 > 0 && source[s0 + len1 - 1] === destination[d0 + len2 - 1]) {
    len1--;
    len2--;
  }
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  if (len1 === 0 || len2 === 0) {
    deletions = len1;
    insertions = len2;
  } else {
    const rows = len1 + 1;
    const cols = len2 + 1;
    const matrix = new Int32Array(rows * cols);
    for (let j = 0; j < cols; j++) matrix[j] = j;
    for (let i = 1; i < rows; i++) {
      matrix[i * cols] = i;
      const c1 = source[s0 + i - 1];
      const prevRow = (i - 1) * cols;
      const row = i * cols;
      let x = i;
      for (let j = 1; j < cols; j++) {
        let c3 = matrix[prevRow + j - 1]! + (c1 !== destination[d0 + j - 1] ? 1 : 0);
        x++;
        if (x > c3) x = c3;
        c3 = matrix[prevRow + j]! + 1;
        if (x > c3) x = c3;
        matrix[row + j] = x;
      }
    }
    let i = len1;
    let j = len2;
    let dir = 0;
    while (i || j) {
      const p = i * cols + j;
      const here = matrix[p]!;
      if (dir < 0 && j && here === matrix[p - 1]! + 1) {
        insertions++;
        j--;
        continue;
      }
      if (dir > 0 && i && here === matrix[p - cols]! + 1) {
        deletions++;
        i--;
        continue;
      }
      if (i && j && here === matrix[p - cols - 1]! && source[s0 + i - 1] === destination[d0 + j - 1]) {
        i--;
        j--;
        dir = 0;
        continue;
      }
      if (i && j && here === matrix[p - cols - 1]! + 1) {
        substitutions++;
        i--;
        j--;
        dir = 0;
        continue;
      }
      if (dir === 0 && j && here === matrix[p - 1]! + 1) {
        insertions++;
        j--;
        dir = -1;
        continue;
      }
      if (dir === 0 && i && here === matrix[p - cols]! + 1) {
        deletions++;
        i--;
        dir = 1;
        continue;
      }
      throw new Error("lost in the cost matrix");
    }
  }
  out[0] = substitutions;
  out[1] = deletions;
  out[2] = insertions;
}

describe("alignBitParallel", () => {
  it("reproduces python-Levenshtein's edit-operation choice (the cost-matrix backtrace) on 1 to 4 blocks", () => {
    fc.assert(
      fc.property(sequence(130), sequence(130), (a, b) => {
        const expected = new Int32Array(3);
        editopsByCostMatrix(a, 0, a.length, b, 0, b.length, expected);
        expect(counts(a, b, "python-levenshtein")).toEqual([...expected]);
      }),
      { numRuns: 1500 },
    );
  });

  it("gives a minimal alignment with rapidfuzz's backtrace (S + D + I = distance; H + S + D = source length)", () => {
    fc.assert(
      fc.property(sequence(100), sequence(100), (a, b) => {
        const [s, d, i] = counts(a, b, "rapidfuzz") as [number, number, number];
        const byMatrix = new Int32Array(3);
        editopsByCostMatrix(a, 0, a.length, b, 0, b.length, byMatrix);
        expect(s + d + i).toBe(byMatrix[0]! + byMatrix[1]! + byMatrix[2]!);
        expect(levenshteinDistance(a, b)).toBe(s + d + i);
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

describe("levenshteinAlignment", () => {
  it("counts python-Levenshtein's edit operations for any numbers, windows included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-1.5, 0, 7, 1e9, Number.NaN), { maxLength: 40 }),
        fc.array(fc.constantFrom(-1.5, 0, 7, 1e9, Number.NaN), { maxLength: 40 }),
        fc.nat(5),
        (a, b, skip) => {
          const expected = new Int32Array(3);
          const from = Math.min(skip, a.length);
          editopsByCostMatrix(a, from, a.length - from, b, 0, b.length, expected);
          const out = new Int32Array(3);
          levenshteinAlignmentInto(a, from, a.length - from, b, 0, b.length, out);
          expect([...out]).toEqual([...expected]);
          const whole = new Int32Array(3);
          editopsByCostMatrix(a, 0, a.length, b, 0, b.length, whole);
          const [s, d, i] = whole as unknown as [number, number, number];
          expect(levenshteinAlignment(a, b)).toEqual({
            hits: a.length - s - d,
            substitutions: s,
            deletions: d,
            insertions: i,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
