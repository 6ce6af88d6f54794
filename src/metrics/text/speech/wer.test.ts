import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergedOverCuts } from "../../../../test/support/text.js";
import { isPlumblineError } from "../../../core/errors.js";
import { createMetric } from "../../../metric.js";
import { pySplit } from "../tokenizers/python-strings.js";
import { levenshteinAlignment, toIds } from "./edit-distance.js";
import {
  alignmentMeasures,
  charErrorRate,
  type ErrorRateState,
  jiwerWords,
  matchErrorRate,
  werDef,
  wilDef,
  wordErrorRate,
  wordInformationLost,
  wordInformationPreserved,
} from "./wer.js";

const HYPS = ["a x c d", "the cat sat", "", "b b a", "hello  world"];
const REFS = ["a b c", "the cat sat on the mat", "nothing", "a b b", "hello world"];

describe("word error rates", () => {
  it("match the hand-worked alignment", () => {
    // ref "a b c" -> hyp "a x c d": hits 2 (a, c), 1 substitution (b->x), 1 insertion (d).
    // WER = 2/3, MER = 2/4, WIP = (2/3)(2/4) = 1/3, WIL = 2/3 (jiwer 2.3.0 gives the same).
    expect(alignmentMeasures("a x c d", "a b c")).toEqual({
      wer: 2 / 3,
      mer: 0.5,
      wil: 1 - 1 / 3,
      wip: 1 / 3,
      hits: 2,
      substitutions: 1,
      deletions: 0,
      insertions: 1,
    });
    expect(wordErrorRate("a x c d", "a b c")).toBeCloseTo(2 / 3, 15);
    expect(matchErrorRate("a x c d", "a b c")).toBe(0.5);
    expect(wordInformationPreserved("a x c d", "a b c")).toBeCloseTo(1 / 3, 15);
    expect(wordInformationLost("a x c d", "a b c")).toBeCloseTo(2 / 3, 15);
  });

  it("is a corpus rate, not a mean of sentence rates", () => {
    // Sentence WERs 1/1 and 0/3; corpus WER = 1 edit / 4 reference words.
    expect(wordErrorRate(["x", "a b c"], ["y", "a b c"])).toBe(0.25);
  });

  it("counts characters for CER (spaces included, stripped ends)", () => {
    // "abd" vs "abc": 1 substitution over 3 characters.
    expect(charErrorRate(" abd ", "abc")).toBeCloseTo(1 / 3, 15);
  });

  it("collapses whitespace runs like jiwer's default transform", () => {
    expect(jiwerWords("  a \t  b  c ")).toEqual(["a", "b", "c"]);
    expect(jiwerWords("a\tb")).toEqual(["a\tb"]);
  });

  it("splits words exactly as jiwer's RemoveMultipleSpaces, Strip and split(' ') on random text", () => {
    const ws = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
    const viaRegex = (text: string): string[] =>
      text
        .replace(new RegExp(`${ws}${ws}+`, "g"), " ")
        .replace(new RegExp(`^${ws}+|${ws}+$`, "g"), "")
        .split(" ")
        .filter((w) => w.length > 0);
    const alphabet = ["a", "b", " ", "\t", "\n", "\u00a0", "\u3000", "é", "\x1f"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const text = chars.join("");
        expect(jiwerWords(text)).toEqual(viaRegex(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts on the interned-id fast path exactly as jiwerWords + levenshteinAlignment per pair", () => {
    const alphabet = ["a", "b", "cé", " ", "  ", "\t", "\u3000", "\u00a0", "x"];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((c) => c.join(""));
    const pair = fc.tuple(text, text).filter(([, r]) => jiwerWords(r).length > 0);
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 8 }), (pairs) => {
        let [h, s, d, i] = [0, 0, 0, 0];
        for (const [hyp, ref] of pairs) {
          const [r, y] = toIds(jiwerWords(ref), jiwerWords(hyp));
          const a = levenshteinAlignment(r, y);
          [h, s, d, i] = [h + a.hits, s + a.substitutions, d + a.deletions, i + a.insertions];
        }
        const m = alignmentMeasures(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        );
        expect([m.hits, m.substitutions, m.deletions, m.insertions]).toEqual([h, s, d, i]);
      }),
      { numRuns: 500 },
    );
  });

  it("counts on the interned-id fast path exactly as pySplit + levenshteinAlignment with convention torchmetrics", () => {
    const alphabet = ["a", "b", "cé", " ", "  ", "\t", "\u3000", "\u00a0", "x", "\x1c"];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((c) => c.join(""));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), (pairs) => {
        let [s, d, i, n] = [0, 0, 0, 0];
        for (const [hyp, ref] of pairs) {
          const [r, y] = toIds(pySplit(ref), pySplit(hyp));
          const a = levenshteinAlignment(r, y);
          [s, d, i, n] = [s + a.substitutions, d + a.deletions, i + a.insertions, n + r.length];
        }
        const st = createMetric(werDef({ convention: "torchmetrics" })).update(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        ).state as ErrorRateState;
        expect([st.substitutions, st.deletions, st.insertions, st.referenceTokens]).toEqual([s, d, i, n]);
      }),
      { numRuns: 500 },
    );
  });

  it("follows torchmetrics with convention torchmetrics", () => {
    // torchmetrics MER = E / sum max(N, P) = 2 / 4; WIP = ((4 - 2)/3) * ((4 - 2)/4) = 1/3.
    expect(matchErrorRate("a x c d", "a b c", { convention: "torchmetrics" })).toBe(0.5);
    expect(wordInformationPreserved("a x c d", "a b c", { convention: "torchmetrics" })).toBeCloseTo(
      1 / 3,
      15,
    );
    // Empty references are allowed there: 1 edit over 0 words.
    expect(wordErrorRate("a", "", { convention: "torchmetrics" })).toBe(Number.POSITIVE_INFINITY);
  });

  it("rejects empty references as jiwer 2.3.0 does", () => {
    try {
      wordErrorRate(["a", "b"], ["a", "  "]);
      expect.unreachable();
    } catch (error) {
      expect(isPlumblineError(error, "invalid_value")).toBe(true);
      expect((error as Error).message).toBe(
        'wordErrorRate: `references` must not be empty or whitespace-only (jiwer 2.3.0 raises; convention "jiwer4" scores empty references), got "  " at index 1',
      );
    }
    expect(() => wordErrorRate(["a"], ["a", "b"])).toThrow(
      "wordErrorRate: `references` must have one entry per hypothesis (1), got 2",
    );
    expect(() => wordErrorRate([], [])).toThrow("wordErrorRate: no pairs to score");
  });

  it("equals one update after any split and merge", () => {
    for (const def of [werDef(), wilDef(), werDef({ convention: "torchmetrics" })]) {
      const whole = (() => {
        const s = def.init();
        def.update(s, HYPS, REFS);
        return def.compute(s);
      })();
      fc.assert(
        fc.property(fc.array(fc.boolean(), { minLength: HYPS.length, maxLength: HYPS.length }), (cuts) => {
          const merged = mergedOverCuts(def, HYPS.length, cuts, (start, i) => [
            HYPS.slice(start, i),
            REFS.slice(start, i),
          ]);
          expect(merged).toBe(whole);
        }),
      );
    }
  });

  it("survives toJSON/fromJSON mid-stream; MER, WIL and WIP stay in [0, 1]", () => {
    const m = createMetric(werDef());
    m.update(HYPS.slice(0, 2), REFS.slice(0, 2));
    const restored = createMetric(werDef()).fromJSON(m.toJSON());
    restored.update(HYPS.slice(2), REFS.slice(2));
    expect(restored.compute()).toBe(wordErrorRate(HYPS, REFS));
    for (const v of [
      matchErrorRate(HYPS, REFS),
      wordInformationLost(HYPS, REFS),
      wordInformationPreserved(HYPS, REFS),
    ]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});

describe("jiwer conventions (jiwer 2.3.0, 3.x, 4.0.0)", () => {
  it("part where python-Levenshtein and rapidfuzz choose other edit operations", () => {
    // reference "a b", hypothesis "b a" (distance 2). python-Levenshtein 0.12.2 editops: two
    // replaces (H 0, S 2); rapidfuzz 3.x: insert b, keep a... delete b (H 1, D 1, I 1). WER is
    // 2/2 either way; MER and WIP follow the choice.
    expect(alignmentMeasures("b a", "a b")).toMatchObject({
      wer: 1,
      mer: 1,
      wip: 0,
      hits: 0,
      substitutions: 2,
    });
    expect(alignmentMeasures("b a", "a b", { convention: "jiwer3" })).toMatchObject({
      wer: 1,
      mer: 2 / 3,
      wip: 0.25,
      hits: 1,
      deletions: 1,
      insertions: 1,
    });
  });

  it("scores empty references under jiwer 4.0.0", () => {
    // No reference word at all: WER = inserted words (3), MER 1, WIP 0 (jiwer 4.0.0 process_words).
    expect(alignmentMeasures("x y z", "", { convention: "jiwer4" })).toMatchObject({
      wer: 3,
      mer: 1,
      wip: 0,
      wil: 1,
    });
    expect(alignmentMeasures("", "  ", { convention: "jiwer4" })).toMatchObject({
      wer: 0,
      mer: 0,
      wip: 1,
      wil: 0,
    });
    expect(() => wordErrorRate("x", "", { convention: "jiwer3" })).toThrow(
      'wordErrorRate: `references` must not be empty or whitespace-only (jiwer 3.x raises; convention "jiwer4" scores empty references), got "" at index 0',
    );
  });

  it("aligns all the text as one pair with contiguous (wer_contiguous), whatever the sentence counts", () => {
    // "the cat" + "sat on the" + "mat" against "the cat sat" + "on a mat": one substitution (the -> a).
    const m = alignmentMeasures(["the cat", "sat on the", "mat"], ["the cat sat", "on a mat"], {
      contiguous: true,
    });
    expect(m).toMatchObject({ hits: 5, substitutions: 1, deletions: 0, insertions: 0 });
    const metric = createMetric(werDef({ contiguous: true }));
    metric.update(["the cat", "sat on the"], ["the cat sat"]).update(["mat"], ["on a mat"]);
    expect(metric.compute()).toBe(m.wer);
    expect(() => werDef({ convention: "torchmetrics", contiguous: true })).toThrow(
      "wordErrorRate: option `contiguous` is jiwer's transform; torchmetrics has none",
    );
  });
});
