import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { createMetric } from "../../../metric.js";
import { wordNet30 } from "../node.js";
import { meteor, meteorDef, meteorScore, singleMeteorScore } from "./meteor.js";
import { wordNetFromData } from "./wordnet.js";

const wn = { wordnet: wordNet30() };

describe("METEOR", () => {
  it("scores a hand-worked identical pair", () => {
    // 3 matches in 1 chunk: P = R = 1, Fmean = 1, penalty = 0.5 * (1/3)^3 = 1/54 -> 53/54
    expect(singleMeteorScore(["The", "cat", "sat"], ["the", "cat", "sat"], wn)).toBeCloseTo(53 / 54, 15);
  });

  it("matches by stem, then by WordNet synonym (of the stemmed words, as nltk does)", () => {
    // hypothesis ["cat", "car"], reference ["cats", "auto"]: "cats" ~ "cat" by stem; "car" (stem "car")
    // has "auto" (stem "auto") among its WordNet 3.0 lemma names -> 2 matches in 2 chunks
    // (the hypothesis order cat, car maps to reference 0, 1 -> one chunk): P = R = 1, penalty 0.5 * (1/2)^3
    expect(singleMeteorScore(["cat", "car"], ["cats", "auto"], wn)).toBeCloseTo(1 - 0.5 / 8, 15);
    // "automobile" stems to "automobil", which WordNet does not know: no synonym match.
    expect(singleMeteorScore(["automobile"], ["car"], wn)).toBe(0);
    expect(singleMeteorScore(["cat", "automobile"], ["cats", "car"], { wordnet: null })).toBeCloseTo(
      // without synonyms: 1 match of 2 -> P = R = 1/2, Fmean 1/2, penalty 0.5 -> 0.25
      0.25,
      15,
    );
    expect(wordNet30().synonyms("automobile").has("car")).toBe(true);
  });

  it("gives 0 when nothing matches or a side is empty", () => {
    expect(singleMeteorScore(["a"], [], wn)).toBe(0);
    expect(singleMeteorScore([], ["a"], wn)).toBe(0);
    expect(singleMeteorScore(["plugh"], ["xyzzy"], wn)).toBe(0);
  });

  it("meteorScore is the max over references", () => {
    const best = meteorScore(
      ["the", "cat", "sat"],
      [
        ["a", "dog"],
        ["the", "cat", "sat"],
      ],
      wn,
    );
    expect(best).toBeCloseTo(53 / 54, 15);
  });

  it("merging batches equals one update; JSON round trip", () => {
    const word = fc.constantFrom("the", "cat", "cats", "car", "automobile", "sat", "dog", "ran", "running");
    const sent = fc.array(word, { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(sent, sent), { minLength: 1, maxLength: 8 }), fc.nat(), (pairs, cut) => {
        const hyps = pairs.map((p) => p[0]);
        const refs = pairs.map((p) => [p[1]]);
        const k = cut % (pairs.length + 1);
        const m = createMetric(meteorDef(wn));
        m.update(hyps.slice(0, k), refs.slice(0, k));
        const copy = createMetric(meteorDef(wn)).fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
        copy.update(hyps.slice(k), refs.slice(k));
        const once = meteor(hyps, refs, wn);
        expect(copy.compute()).toBeCloseTo(once, 12);
        expect(once).toBeGreaterThanOrEqual(0);
        expect(once).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("accepts a caller's WordNet", () => {
    const tiny = wordNetFromData({
      version: "tiny",
      synsets: "big large",
      index: { n: "", v: "", a: "big\t0\nlarge\t0", r: "" },
      exceptions: { n: "", v: "", a: "bigger\tbig", r: "" },
    });
    expect([...tiny.synonyms("bigger")].sort()).toEqual(["big", "large"]);
    // "bigger" -> morphy exception "big" -> synset {big, large}; reference "big" matches (1 match, 1 chunk)
    expect(singleMeteorScore(["bigger"], ["big"], { wordnet: tiny })).toBeCloseTo(0.5, 15);
  });

  it("needs a WordNet named by the caller (plumbline/text is browser-safe)", () => {
    expectError(
      () => meteor([["a"]], [[["a"]]]),
      "invalid_option",
      'meteor: option `wordnet` is required (the synonym stage reads WordNet): pass wordNet30() from "plumbline/text/node" in Node (nltk\'s WordNet 3.0), wordNetFromData(data) in a browser, or null for exact and stem matches only',
    );
    // A definition rebuilt from a snapshot's options (the WordNet as its version) merges and
    // computes, but cannot score new pairs.
    const m = createMetric(meteorDef(wn)).update([["a", "b"]], [[["a", "b"]]]);
    const restored = createMetric(meteorDef({ ...(m.toJSON().options as object) })).fromJSON(m.toJSON());
    expect(restored.compute()).toBe(m.compute());
    expectError(
      () => restored.update([["a"]], [[["a"]]]),
      "invalid_option",
      `meteor: this definition names WordNet ${JSON.stringify(wn.wordnet.version)} only (as a snapshot records it) and cannot score new pairs; build it with \`wordnet\` set to that WordNet`,
    );
  });

  it("rejects bad input", () => {
    expectError(
      () => singleMeteorScore(["a"], "a b" as never, wn),
      "invalid_value",
      'singleMeteorScore: `reference` must be an array of tokens (strings), got "a b"',
    );
    expectError(
      () => meteorScore(["a"], [], wn),
      "invalid_value",
      "meteorScore: `references` must be a non-empty array of token arrays, got an array of length 0",
    );
    expectError(
      () => meteorScore([["a"]] as never, ["a"] as never, wn),
      "invalid_value",
      "meteorScore: `hypothesis` must contain only strings, got an array of length 1 at index 0 (METEOR takes (hypothesis, references, options): were the arguments swapped?)",
    );
    expectError(
      () => meteor([["a"]], [], wn),
      "shape_mismatch",
      "meteor: `hypotheses` and `references` must have the same length, got 1 and 0",
    );
    expectError(
      () => singleMeteorScore(["a"], ["a"], { ...wn, alpha: Number.NaN }),
      "invalid_option",
      "singleMeteorScore: option `alpha` must be a finite number in [0, 1], got NaN",
    );
  });
});
