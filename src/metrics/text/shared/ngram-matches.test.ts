import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ngramMatches, tokenMatches } from "./ngram-matches.js";

/** The definition, with n-grams spelled out: per order [hyp n-grams, ref n-grams, clipped matches]. */
function naive(hyp: readonly number[], refs: readonly (readonly number[])[], maxOrder: number): number[] {
  const count = (seq: readonly number[], n: number) => {
    const m = new Map<string, number>();
    for (let i = 0; i + n <= seq.length; i++) {
      const key = seq.slice(i, i + n).join(",");
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  };
  const out: number[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const h = count(hyp, n);
    const rs = refs.map((r) => count(r, n));
    let matches = 0;
    for (const [key, c] of h) matches += Math.min(c, Math.max(0, ...rs.map((r) => r.get(key) ?? 0)));
    out.push(
      Math.max(hyp.length - n + 1, 0),
      refs.reduce((a, r) => a + Math.max(r.length - n + 1, 0), 0),
      matches,
    );
  }
  return out;
}

function run(hyp: number[], refs: number[][], size: number, maxOrder: number): number[] {
  const out = new Int32Array(3 * maxOrder);
  ngramMatches(
    Int32Array.from(hyp),
    hyp.length,
    refs.map((r) => Int32Array.from(r)),
    refs.map((r) => r.length),
    size,
    maxOrder,
    out,
  );
  return [...out];
}

describe("ngramMatches", () => {
  it("counts the clipped matches of the definition, with one or several references", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 30 }), { minLength: 1, maxLength: 4 }),
        (maxOrder, hyp, refs) => {
          expect(run(hyp, refs, 8, maxOrder)).toEqual(naive(hyp, refs, maxOrder));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("takes the hashed pair table for long sequences of many distinct ids, with the same counts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 300, maxLength: 600 }),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 0, maxLength: 600 }),
        fc.integer({ min: 1, max: 5 }),
        (hyp, ref, maxOrder) => {
          // Repeat a stretch so that higher orders match too.
          const refs = [[...ref, ...hyp.slice(10, 80)], hyp.slice(0, 200).reverse()];
          expect(run(hyp, refs, 1000, maxOrder)).toEqual(naive(hyp, refs, maxOrder));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps pair keys within the direct table when the ids outnumber the hypothesis", () => {
    const ref = Array.from({ length: 400 }, (_, i) => (i * 7) % 300);
    const hyp = [ref[5]!, ref[6]!, 299];
    expect(run(hyp, [ref], 300, 3)).toEqual(naive(hyp, [ref], 3));
    expect(run([299, 298, 297], [ref, [297, 299, 298]], 300, 2)).toEqual(
      naive([299, 298, 297], [ref, [297, 299, 298]], 2),
    );
  });

  it("gives the same counts on a second call (no state leaks between calls)", () => {
    const a = run([1, 2, 3, 1, 2], [[1, 2, 1, 2, 3]], 4, 3);
    run(
      [3, 3, 3, 3],
      [
        [3, 3],
        [1, 3, 3, 3],
      ],
      4,
      3,
    );
    expect(run([1, 2, 3, 1, 2], [[1, 2, 1, 2, 3]], 4, 3)).toEqual(a);
    // Hand-worked: unigrams 5 vs 5, all 5 match; bigrams (1,2)x2 (2,3) (3,1) vs (1,2)x2 (2,1) (2,3): 3 match.
    expect(a).toEqual([5, 5, 5, 4, 4, 3, 3, 3, 1]);
  });

  it("tokenMatches spells the same counts for tokens", () => {
    const out: number[] = [];
    tokenMatches(
      ["the", "cat", "the", "cat"],
      [
        ["the", "cat"],
        ["cat", "the", "cat"],
      ],
      2,
      out,
    );
    expect(out).toEqual(
      naive(
        [0, 1, 0, 1],
        [
          [0, 1],
          [1, 0, 1],
        ],
        2,
      ),
    );
  });
});
