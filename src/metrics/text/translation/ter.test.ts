import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedOverCuts, sliceStreams } from "../../../../test/support/text.js";
import { createMetric } from "../../../metric.js";
import { type ReferenceSet, toReferenceStreams } from "../shared/inputs.js";
import { sentenceTer, ter, tercomTokenize, terDef, translationEditRate } from "./ter.js";

const HYPS = ["the cat sat on the mat", "mat the on sat cat the", "", "a b c d e f", "hello , world"];
const PER_HYPOTHESIS: ReferenceSet[] = [
  "the cat sat on the mat",
  ["the cat sat on the mat", "on the mat sat the cat"],
  "not empty",
  "f e d c b a",
  "",
];
const REFS = toReferenceStreams(PER_HYPOTHESIS);

describe("ter", () => {
  it("counts one substitution over three reference words", () => {
    // hyp "a b c" vs ref "a b d": 1 substitution / 3 words = 33.3%.
    expect(ter(["a b c"], [["a b d"]]).score).toBeCloseTo(100 / 3, 12);
  });

  it("prefers one block shift to two edits", () => {
    // hyp "b c a" vs ref "a b c": shifting "a" to the front is 1 edit (Levenshtein needs 2).
    expect(translationEditRate(["b", "c", "a"], ["a", "b", "c"]).edits).toBe(1);
    expect(sentenceTer("b c a", "a b c").score).toBeCloseTo(100 / 3, 12);
  });

  it("follows sacrebleu for empty references", () => {
    // Empty reference, non-empty hypothesis: 100; both empty: 0.
    expect(ter(["x y"], [[""]]).score).toBe(100);
    expect(ter([""], [[""]]).score).toBe(0);
  });

  it("lowercases unless case-sensitive and normalizes punctuation when asked", () => {
    expect(tercomTokenize("Hello, World!")).toBe("hello, world!");
    expect(tercomTokenize("Hello, World!", { normalized: true, caseSensitive: true })).toBe(
      "Hello , World !",
    );
    expect(tercomTokenize("Hello, World!", { noPunct: true })).toBe("hello world");
  });

  it("gives the sacrebleu signature", () => {
    expect(ter(["a"], [["a"]]).signature).toBe(
      "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0",
    );
  });

  it("equals one update after any split and merge", () => {
    const def = terDef();
    const whole = ter(HYPS, REFS);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: HYPS.length, maxLength: HYPS.length }), (cuts) => {
        const merged = mergedOverCuts(def, HYPS.length, cuts, (start, i) => [
          HYPS.slice(start, i),
          sliceStreams(REFS, start, i),
        ]);
        const r = merged;
        expect(r.numEdits).toBe(whole.numEdits);
        expect(r.score).toBeCloseTo(whole.score, 10);
      }),
    );
  });

  it("survives toJSON/fromJSON mid-stream and is at least 0", () => {
    const m = createMetric(terDef({ normalized: true }));
    m.update(HYPS.slice(0, 2), sliceStreams(REFS, 0, 2));
    const restored = createMetric(terDef({ normalized: true })).fromJSON(m.toJSON());
    restored.update(HYPS.slice(2), sliceStreams(REFS, 2));
    expect(restored.compute().score).toBeCloseTo(ter(HYPS, REFS, { normalized: true }).score, 10);
    expect(restored.compute().score).toBeGreaterThanOrEqual(0);
  });

  it("rejects mismatched counts", () => {
    expect(() => ter(["a", "b"], [["a"]])).toThrow(
      "ter: reference stream 0 has 1 entries, the hypotheses 2;",
    );
  });
});
