import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { PlumblineError } from "../../../core/errors.js";
import { createMetric } from "../../../metric.js";
import { porterStem } from "../tokenizers/porter-stemmer.js";
import { rougeScoreTokenize, unicodeTokenize } from "../tokenizers/rouge-score.js";
import { RougeTokenIds } from "../tokenizers/rouge-score-ids.js";
import { rouge, rougeDef, rougePairs, rougeScore, rougeScoreMulti } from "./rouge.js";
import { rougeBootstrap } from "./rouge-bootstrap.js";

const words = [
  "the",
  "cat",
  "sat",
  "on",
  "mat",
  "dog",
  "ran",
  "a",
  "Cats",
  "running",
  "café",
  "3.14",
  "北京",
];
const sentence = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }).map((w) => w.join(" "));

describe("rouge tokenizer", () => {
  it("rougeScoreTokenize keeps only [a-z0-9] runs, like rouge-score", () => {
    expect(rougeScoreTokenize("The café's 3.14! O'Neil")).toEqual([
      "the",
      "caf",
      "s",
      "3",
      "14",
      "o",
      "neil",
    ]);
    expect(rougeScoreTokenize("Москва 北京")).toEqual([]);
  });

  it("stems only tokens longer than 3 characters", () => {
    const stem = (w: string): string => `${w}#`;
    expect(rougeScoreTokenize("cats running", stem)).toEqual(["cats#", "running#"]);
    expect(rougeScoreTokenize("ran abc", stem)).toEqual(["ran", "abc"]);
  });

  it("unicodeTokenize segments non-Latin scripts instead of dropping them", () => {
    expect(unicodeTokenize("Москва — столица")).toEqual(["москва", "столица"]);
    expect(unicodeTokenize("北京欢迎你").length).toBeGreaterThan(1);
    // Thai has no spaces: dictionary segmentation gives several words, so overlap is scored.
    expect(unicodeTokenize("ภาษาไทยง่ายมาก").length).toBeGreaterThan(1);
    expect(rouge(["ภาษาไทยง่ายมาก"], ["ภาษาไทยง่าย"], { tokenizer: "unicode" }).rouge1?.recall).toBe(1);
    expect(rouge(["ภาษาไทยง่ายมาก"], ["ภาษาไทยง่าย"]).rouge1?.recall).toBe(0);
  });

  it("the fused tokenizer gives the same id sequences as tokenize + a dictionary", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 30 }), { maxLength: 8 }),
        fc.boolean(),
        (texts, stem) => {
          const fast = new RougeTokenIds(stem);
          const dict = new Map<string, number>();
          const stemmer = stem ? porterStem : undefined;
          for (const text of texts) {
            const ids = Array.from(fast.encode(text));
            const tokens = rougeScoreTokenize(text, stemmer);
            expect(ids.length).toBe(tokens.length);
            // Same partition into equal tokens.
            tokens.forEach((t, i) => {
              if (!dict.has(t)) dict.set(t, ids[i] as number);
              expect(ids[i]).toBe(dict.get(t));
            });
          }
        },
      ),
    );
  });
});

describe("rouge", () => {
  it("rouge1/rouge2/rougeL of a hand-worked pair", () => {
    // target "the cat sat on the mat" (6 tokens), prediction "the cat on the mat" (5 tokens)
    // rouge1: overlap the×2, cat, on, mat = 5 -> P 5/5, R 5/6, F 2*1*(5/6)/(1+5/6) = 10/11
    // rouge2: target bigrams the-cat cat-sat sat-on on-the the-mat; prediction the-cat cat-on on-the the-mat
    //         overlap 3 -> P 3/4, R 3/5, F 2/3
    // rougeL: LCS "the cat on the mat" = 5 -> same as rouge1
    const s = rougeScore("the cat on the mat", "the cat sat on the mat", {
      rougeTypes: ["rouge1", "rouge2", "rougeL"],
    });
    expect(s.rouge1).toEqual({ precision: 1, recall: 5 / 6, fmeasure: (2 * (5 / 6)) / (1 + 5 / 6) });
    expect(s.rouge2?.precision).toBeCloseTo(0.75, 15);
    expect(s.rouge2?.recall).toBeCloseTo(0.6, 15);
    expect(s.rouge2?.fmeasure).toBeCloseTo(2 / 3, 15);
    expect(s.rougeL).toEqual(s.rouge1);
  });

  it("rougeLsum takes the union LCS over newline-separated sentences", () => {
    // target lines "a b c" / "d e"; prediction lines "a c" / "d x e"
    // union LCS of "a b c" with {"a c", "d x e"} = {a, c}; of "d e" = {d, e} -> hits 4
    // P = 4/5, R = 4/5
    const s = rougeScore("a c\nd x e", "a b c\nd e", { rougeTypes: ["rougeLsum"] });
    expect(s.rougeLsum?.precision).toBeCloseTo(0.8, 15);
    expect(s.rougeLsum?.recall).toBeCloseTo(0.8, 15);
  });

  it("empty or token-less sides score 0, as rouge-score", () => {
    const s = rougeScore("some words", "", { rougeTypes: ["rouge1", "rougeL", "rougeLsum"] });
    expect(s).toEqual({
      rouge1: { precision: 0, recall: 0, fmeasure: 0 },
      rougeL: { precision: 0, recall: 0, fmeasure: 0 },
      rougeLsum: { precision: 0, recall: 0, fmeasure: 0 },
    });
    expect(rougeScore("北京", "北京").rouge1?.fmeasure).toBe(0);
    expect(rougeScore("北京", "北京", { tokenizer: "unicode" }).rouge1?.fmeasure).toBe(1);
  });

  it("score_multi keeps, per type, the reference with the highest F1 (first on ties)", () => {
    const refs = ["the cat", "the cat sat on the mat"];
    const s = rougeScoreMulti("the cat sat", refs, { rougeTypes: ["rouge1"] });
    // vs ref 1: P 2/3 R 1 F 0.8; vs ref 2: P 1 R 3/6 F 2/3 -> ref 1
    expect(s.rouge1?.fmeasure).toBeCloseTo(0.8, 15);
    const byFirst = rougePairs(["the cat sat"], [refs], {
      rougeTypes: ["rouge1", "rougeL"],
      multiReference: "max-by-first-type",
    });
    expect(byFirst[0]?.rougeL?.fmeasure).toBeCloseTo(0.8, 15);
    const mean = rougePairs(["the cat sat"], [refs], { rougeTypes: ["rouge1"], multiReference: "mean" });
    expect(mean[0]?.rouge1?.precision).toBeCloseTo((2 / 3 + 1) / 2, 15);
  });

  it("splitting the pairs into batches and merging equals one update", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (pairs, cut) => {
          const preds = pairs.map((p) => p[0]);
          const refs = pairs.map((p) => p[1]);
          const k = cut % (pairs.length + 1);
          const def = rougeDef({ rougeTypes: ["rouge1", "rouge2", "rougeL", "rougeLsum"], useStemmer: true });
          const a = def.init();
          def.update(a, preds.slice(0, k), refs.slice(0, k));
          const b = def.init();
          def.update(b, preds.slice(k), refs.slice(k));
          const merged = def.compute(def.merge(a, b));
          const once = rouge(preds, refs, {
            rougeTypes: ["rouge1", "rouge2", "rougeL", "rougeLsum"],
            useStemmer: true,
          });
          for (const t of Object.keys(once)) {
            for (const m of ["precision", "recall", "fmeasure"] as const) {
              expect(merged[t]?.[m]).toBeCloseTo(once[t]?.[m] as number, 12);
              expect(once[t]?.[m]).toBeGreaterThanOrEqual(0);
              expect(once[t]?.[m]).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
    );
  });

  it("survives toJSON/fromJSON mid-stream", () => {
    const m = createMetric(rougeDef());
    m.update(["the cat sat"], ["the cat sat on the mat"]);
    const copy = createMetric(rougeDef()).fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    m.update(["a dog"], ["the dog"]);
    copy.update(["a dog"], ["the dog"]);
    expect(copy.compute()).toEqual(m.compute());
    expect(() => createMetric(rougeDef({ useStemmer: true })).fromJSON(m.toJSON())).toThrow(PlumblineError);
  });

  it("is invariant to the order of pairs", () => {
    const preds = ["the cat", "a dog ran", "mat"];
    const refs = ["the cat sat", "the dog ran", "on the mat"];
    const a = rouge(preds, refs);
    const b = rouge([...preds].reverse(), [...refs].reverse());
    for (const t of Object.keys(a)) expect(b[t]?.fmeasure).toBeCloseTo(a[t]?.fmeasure as number, 14);
  });

  it("with no pairs every mean is NaN", () => {
    expect(rouge([], []).rouge1?.fmeasure).toBeNaN();
  });

  it("rejects bad input with clear messages", () => {
    expectError(
      () => rouge(["a"], []),
      "shape_mismatch",
      "rouge: `references` must have one entry per prediction (1), got 0",
    );
    expectError(
      () => rouge([3 as unknown as string], ["a"]),
      "invalid_value",
      "rouge: `predictions` must contain only strings, got 3 at index 0",
    );
    expectError(
      () => rouge(["a"], [[]]),
      "shape_mismatch",
      "rouge: `references` entries must not be empty arrays, got one at index 0",
    );
    expectError(
      () => rouge(["a"], ["a"], { rougeTypes: ["rouge0" as "rouge1"] }),
      "invalid_option",
      'rouge: option `rougeTypes` must contain rouge1..rouge9, rougeL, rougeLsum, rougeW, rougeS<d> or rougeSU<d> (d in 0..99 or *), got "rouge0" at index 0',
    );
    expectError(
      () => rouge(["a"], ["a"], { tokenizer: "nltk" as "unicode" }),
      "invalid_option",
      'rouge: option `tokenizer` must be one of "rouge-score", "unicode", got "nltk"',
    );
    const def = rougeDef();
    const state = def.init();
    expect(() => def.update(state, ["a", 5 as unknown as string], ["a", "b"])).toThrow(PlumblineError);
    expect(state.count).toBe(0);
  });
});

describe("rougeBootstrap", () => {
  it("gives low <= mid <= high and is reproducible with a seed", () => {
    const def = rougeDef({ rougeTypes: ["rouge1"] });
    const state = def.init();
    def.update(
      state,
      ["the cat", "a dog ran", "mat", "on the mat"],
      ["the cat sat", "the dog ran", "on the mat", "mat"],
    );
    const a = rougeBootstrap(state, { seed: 3, nSamples: 50 });
    const b = rougeBootstrap(state, { seed: 3, nSamples: 50 });
    expect(a).toEqual(b);
    const r1 = a.rouge1;
    expect(r1?.low.fmeasure).toBeLessThanOrEqual(r1?.mid.fmeasure as number);
    expect(r1?.mid.fmeasure).toBeLessThanOrEqual(r1?.high.fmeasure as number);
    expectError(() => rougeBootstrap(def.init()), "empty_input", "rougeBootstrap: no pairs to resample");
    expectError(
      () => rougeBootstrap(state, { nSamples: 0 }),
      "invalid_option",
      "rougeBootstrap: option `nSamples` must be an integer in [1, inf), got 0",
    );
  });
});

describe("rougeL LCS", () => {
  it("bit-parallel and table LCS agree (sequences around the 31-token switch)", () => {
    // Reference: the textbook O(mn) table.
    const lcs = (a: string[], b: string[]): number => {
      const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
      return t[a.length]![b.length]!;
    };
    const tokens = fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 45 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const s = rougeScore(b.join(" "), a.join(" "), { rougeTypes: ["rougeL"] });
        expect(s.rougeL?.recall).toBeCloseTo(lcs(a, b) / a.length, 14);
      }),
      { numRuns: 300 },
    );
  });
});
