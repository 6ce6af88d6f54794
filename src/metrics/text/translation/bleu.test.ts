import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedOverCuts, sliceStreams } from "../../../../test/support/text.js";
import { isPlumblineError } from "../../../core/errors.js";
import { createMetric } from "../../../metric.js";
import { type ReferenceSet, toReferenceStreams } from "../shared/inputs.js";
import { bleuSignature, computeBleuFromStatistics, corpusBleu, corpusBleuDef, sentenceBleu } from "./bleu.js";

const HYPS = [
  "the cat sat on the mat .",
  "a quick brown fox",
  "",
  "hello, world! 3.14",
  "東京 is big",
  "   ",
  "it's a test-case",
];
const PER_HYPOTHESIS: ReferenceSet[] = [
  ["the cat sat on a mat .", "there is a cat on the mat"],
  "the quick brown fox jumps",
  "nothing here",
  ["hello world 3.14", "hello , world !"],
  "東京 is very big",
  "whitespace only hypothesis",
  "it is a test case",
];
/** The same references as sacrebleu's streams (null where a segment has one reference). */
const REFS = toReferenceStreams(PER_HYPOTHESIS);

describe("corpusBleu", () => {
  it("the single-reference 13a id path counts exactly as the general path (a duplicated reference)", () => {
    // With [ref, ref] the segment takes the general multi-reference path; clipping by the max
    // over two equal references equals clipping by one, so every statistic must agree.
    const words = ["a", "b", "c.", "d,", "1", "-", "é", "&amp;", "A"];
    const sentence = fc.array(fc.constantFrom(...words), { maxLength: 14 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (pairs, lowercase) => {
          const hyps = pairs.map((p) => p[0]);
          const refs = pairs.map((p) => p[1]);
          const fast = corpusBleu(hyps, [refs], { lowercase });
          const general = corpusBleu(hyps, [refs, refs], { lowercase });
          expect([fast.counts, fast.totals, fast.sysLen, fast.refLen, fast.score]).toEqual([
            general.counts,
            general.totals,
            general.sysLen,
            general.refLen,
            general.score,
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("scores an exact match 100", () => {
    expect(corpusBleu(["the cat sat on the mat"], [["the cat sat on the mat"]]).score).toBeCloseTo(100, 12);
  });

  it("matches the hand-worked exp-smoothed value", () => {
    // hyp "a b c d" vs ref "a b c e": matches 3/4, 2/3, 1/2, 0/1; exp smoothing makes p4 = 100/(2*1) = 50;
    // BP = 1 (equal lengths); BLEU = (75 * 66.67 * 50 * 50)^(1/4).
    const r = corpusBleu(["a b c d"], [["a b c e"]]);
    expect(r.counts).toEqual([3, 2, 1, 0]);
    expect(r.totals).toEqual([4, 3, 2, 1]);
    expect(r.score).toBeCloseTo((75 * (200 / 3) * 50 * 50) ** 0.25, 10);
  });

  it("applies the brevity penalty exp(1 - r/c)", () => {
    // hyp 4 tokens, ref 8 tokens sharing the first 4: all precisions 100, BP = exp(1 - 8/4) = e^-1.
    const r = corpusBleu(["a b c d"], [["a b c d e f g h"]]);
    expect(r.bp).toBeCloseTo(Math.exp(-1), 14);
    expect(r.score).toBeCloseTo(100 * Math.exp(-1), 10);
  });

  it("uses the closest reference length, ties to the shorter", () => {
    // hyp 4 tokens; refs of 3 and 5 tokens are equally close: sacrebleu takes 3.
    expect(corpusBleu(["a b c d"], [["a b c"], ["a b c d e"]]).refLen).toBe(3);
  });

  it("gives the sacrebleu signature", () => {
    expect(corpusBleu(HYPS, REFS).signature).toBe(
      "nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
    );
    expect(bleuSignature({ smoothMethod: "floor", lowercase: true, tokenize: "intl" }, 2)).toBe(
      "nrefs:2|case:lc|eff:no|tok:intl|smooth:floor[0.10]|version:2.6.0",
    );
    expect(bleuSignature({}, 1, true)).toBe("#:1|c:mixed|e:no|tok:13a|s:exp|v:2.6.0");
  });

  it("computes from sufficient statistics with add-k smoothing", () => {
    // add-k (k=1) adds 1 to matches and totals of orders >= 2: 2/2, 1/2, 1/2, 1/2 -> (100*50^3)^(1/4).
    const r = computeBleuFromStatistics([2, 0, 0, 0], [2, 1, 1, 1], 2, 2, "add-k");
    expect(r.score).toBeCloseTo((100 * 50 * 50 * 50) ** 0.25, 10);
  });

  it("equals one update after any split and merge", () => {
    const whole = corpusBleu(HYPS, REFS);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: HYPS.length, maxLength: HYPS.length }), (cuts) => {
        const merged = mergedOverCuts(corpusBleuDef(), HYPS.length, cuts, (start, i) => [
          HYPS.slice(start, i),
          sliceStreams(REFS, start, i),
        ]);
        expect(merged).toEqual(whole);
      }),
    );
  });

  it("survives toJSON/fromJSON mid-stream", () => {
    const m = createMetric(corpusBleuDef({ tokenize: "intl" }));
    m.update(HYPS.slice(0, 3), sliceStreams(REFS, 0, 3));
    const restored = createMetric(corpusBleuDef({ tokenize: "intl" })).fromJSON(
      JSON.parse(JSON.stringify(m.toJSON())),
    );
    restored.update(HYPS.slice(3), sliceStreams(REFS, 3));
    expect(restored.compute()).toEqual(corpusBleu(HYPS, REFS, { tokenize: "intl" }));
  });

  it("is invariant to the order of the pairs and stays in [0, 100]", () => {
    const r = corpusBleu(
      [...HYPS].reverse(),
      REFS.map((s) => [...s].reverse()),
    );
    expect(r.score).toBeCloseTo(corpusBleu(HYPS, REFS).score, 12);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(100);
  });

  it("scores empty and whitespace-only hypotheses as zero tokens", () => {
    const r = corpusBleu(["", "   "], [["a b", "c"]]);
    expect(r.sysLen).toBe(0);
    expect(r.refLen).toBe(3);
    expect(r.score).toBe(0);
  });

  it("sentenceBleu uses effective order by default", () => {
    // 3 tokens: no 4-gram; with effective order the mean runs over orders 1..3 only.
    expect(sentenceBleu("a b c", ["a b c"]).score).toBeCloseTo(100, 10);
    expect(sentenceBleu("a b c", ["a b c"], { effectiveOrder: false }).score).toBeLessThan(1e-6);
  });

  it("takes sacrebleu's reference streams, as corpus_bleu(hyps, [refs])", () => {
    // Two hypotheses, each an exact copy of its one reference: 100 (the per-hypothesis reading
    // of the same arrays would be one stream of two references, a different corpus).
    expect(
      corpusBleu(["the cat sat on the mat", "a dog ran"], [["the cat sat on the mat", "a dog ran"]]).score,
    ).toBeCloseTo(100, 12);
    expect(toReferenceStreams([["a", "b"], "c"])).toEqual([
      ["a", "c"],
      ["b", null],
    ]);
  });

  it("rejects bad input with clear errors", () => {
    const check = (f: () => unknown, code: string, message: string) => {
      try {
        f();
        expect.unreachable();
      } catch (error) {
        expect(isPlumblineError(error)).toBe(true);
        expect((error as { code: string }).code).toBe(code);
        expect((error as Error).message).toBe(message);
      }
    };
    check(
      () => corpusBleu(["a", "b"], [["a"]]),
      "shape_mismatch",
      "corpusBleu: reference stream 0 has 1 entries, the hypotheses 2; references are sacrebleu's reference streams, one array per reference with one entry per hypothesis, as corpus_bleu(hyps, [refs]) (per-hypothesis lists convert with toReferenceStreams)",
    );
    check(
      () => corpusBleu(["a", "b"], ["a", "b"] as never),
      "invalid_value",
      "corpusBleu: `references` must be an array of reference streams, got a string at index 0: wrap one reference per hypothesis as [references] (references are sacrebleu's reference streams, one array per reference with one entry per hypothesis, as corpus_bleu(hyps, [refs]))",
    );
    check(
      () => corpusBleu(["a", 3 as unknown as string], [["a", "b"]]),
      "invalid_value",
      "corpusBleu: `hypotheses` must contain only strings, got 3 at index 1",
    );
    check(
      () => corpusBleu([["a"], ["b"]] as never, ["a", "b"] as never),
      "invalid_value",
      "corpusBleu: `hypotheses` must contain only strings, got an array of length 1 at index 0 (text metrics take (hypotheses, references, options): were the arguments swapped?)",
    );
    check(
      () => corpusBleu(["a"], []),
      "empty_input",
      "corpusBleu: `references` holds no reference stream; references are sacrebleu's reference streams, one array per reference with one entry per hypothesis, as corpus_bleu(hyps, [refs])",
    );
    check(
      () => corpusBleu(["a"], [[null], [null]]),
      "invalid_value",
      "corpusBleu: hypothesis 0 has no reference (every stream holds null there)",
    );
    check(
      () => corpusBleu(["a"], [[1 as unknown as string]]),
      "invalid_value",
      "corpusBleu: `references[0][0]` must be a string (or null for a missing reference), got 1",
    );
    check(
      () => corpusBleu(["a"], [["a"]], { tokenize: "spm" as never }),
      "invalid_option",
      'corpusBleu: option `tokenize` must be one of "13a", "intl", "zh", "char", "none", got "spm"',
    );
    check(
      () => corpusBleu([], [[]]),
      "empty_input",
      "corpusBleu: no segments to score (sacrebleu raises on an empty corpus)",
    );
    check(
      () => sentenceBleu(["a"] as never, ["a"]),
      "invalid_value",
      "sentenceBleu: `hypothesis` must be a string, got an array of length 1 (text metrics take (hypotheses, references, options): were the arguments swapped?)",
    );
  });

  it("leaves the state untouched when a batch is rejected", () => {
    const m = createMetric(corpusBleuDef());
    m.update(["a b c d"], [["a b c d"]]);
    const before = JSON.stringify(m.toJSON());
    expect(() => m.update(["x", "y"], [["x"]])).toThrow();
    expect(JSON.stringify(m.toJSON())).toBe(before);
  });
});
