import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { createMetric } from "../../../metric.js";
import { normalizeAnswer, squad, squadDef, squadQuestionScores, squadV2, squadV2RawScores } from "./squad.js";

describe("SQuAD v1.1", () => {
  it("normalizes like the official script (ASCII punctuation, articles, whitespace)", () => {
    expect(normalizeAnswer("The  Eiffel Tower!")).toBe("eiffel tower");
    expect(normalizeAnswer("an apple, a day")).toBe("apple day");
    expect(normalizeAnswer("theater the atheist")).toBe("theater atheist");
    expect(normalizeAnswer("“quoted” text")).toBe("“quoted” text");
    // Python's \b is Unicode-aware: "a" inside "éa" is not a word.
    expect(normalizeAnswer("éa a")).toBe("éa");
  });

  it("scores a hand-worked question: max over gold answers", () => {
    // prediction "the cat sat" -> tokens [cat, sat]; gold "a cat" -> [cat]: P 1/2, R 1, F 2/3
    // gold "cat sat down" -> [cat, sat, down]: P 1, R 2/3, F 0.8 -> max 0.8; no exact match
    expect(squadQuestionScores("the cat sat", ["a cat", "cat sat down"])).toEqual({ exactMatch: 0, f1: 0.8 });
    expect(squadQuestionScores("The Cat!", ["cat"])).toEqual({ exactMatch: 1, f1: 1 });
  });

  it("averages over all references in percent; unanswered questions score 0", () => {
    const r = squad(
      [
        { id: "a", predictionText: "cat" },
        { id: "zzz", predictionText: "ignored" },
      ],
      [
        { id: "a", answers: ["the cat"] },
        { id: "b", answers: ["dog"] },
      ],
    );
    expect(r).toEqual({ exactMatch: 50, f1: 50 });
  });

  it("splitting questions into batches and merging equals one update; JSON round trip", () => {
    const word = fc.constantFrom("cat", "dog", "the", "a", "sat", "mat", "Paris,", "France");
    const text = fc.array(word, { maxLength: 5 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.array(text, { minLength: 1, maxLength: 3 })), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.nat(),
        (qs, cut) => {
          const preds = qs.map(([p], i) => ({ id: String(i), predictionText: p }));
          const refs = qs.map(([, g], i) => ({ id: String(i), answers: g }));
          const k = cut % (qs.length + 1);
          const m = createMetric(squadDef());
          m.update(preds.slice(0, k), refs.slice(0, k));
          const restored = createMetric(squadDef()).fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
          restored.update(preds.slice(k), refs.slice(k));
          const once = squad(preds, refs);
          expect(restored.compute().f1).toBeCloseTo(once.f1, 10);
          expect(restored.compute().exactMatch).toBeCloseTo(once.exactMatch, 10);
          // (F1 can be below EM: answers that normalise to "" match exactly but have no tokens.)
          for (const v of [once.f1, once.exactMatch]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });

  it("rejects bad input", () => {
    expectError(
      () => squad([{ id: "a", predictionText: "x" }], [{ id: "a", answers: [] }]),
      "invalid_value",
      "squad: `references` must have at least one answer per question in SQuAD v1.1, got none at index 0",
    );
    expectError(
      () =>
        squad(
          [
            { id: "a", predictionText: "x" },
            { id: "a", predictionText: "y" },
          ],
          [],
        ),
      "invalid_value",
      'squad: `predictions` must have unique ids, got "a" twice at index 1',
    );
    expectError(
      () => squad([{ id: "a" } as never], []),
      "invalid_value",
      "squad: `predictions` must contain { id: string, predictionText: string }, got an object (Object) at index 0",
    );
  });
});

describe("SQuAD v2.0", () => {
  const refs = [
    { id: "h1", answers: ["Denver Broncos"] },
    { id: "h2", answers: ["the cat"] },
    { id: "n1", answers: [] },
    { id: "n2", answers: [] },
  ];
  const preds = [
    { id: "h1", predictionText: "Denver Broncos", noAnswerProbability: 0.1 },
    { id: "h2", predictionText: "dog", noAnswerProbability: 0.6 },
    { id: "n1", predictionText: "", noAnswerProbability: 0.2 },
    { id: "n2", predictionText: "something", noAnswerProbability: 0.9 },
  ];

  it("scores no-answer questions by an empty prediction, with HasAns/NoAns breakdown", () => {
    // raw: h1 1, h2 0, n1 1 (empty vs empty), n2 0 -> exact 50
    expect(squadV2RawScores(preds, refs).exact).toEqual({ h1: 1, h2: 0, n1: 1, n2: 0 });
    const r = squadV2(preds, refs);
    expect(r.exact).toBe(50);
    expect(r.HasAns_exact).toBe(50);
    expect(r.NoAns_exact).toBe(50);
    expect(r.total).toBe(4);
  });

  it("applies the no-answer threshold and finds the best threshold", () => {
    // threshold 0.5: h2 (0.6) and n2 (0.9) become "no answer": h2 0, n2 1 -> exact (1+0+1+1)/4 = 75
    const r = squadV2(preds, refs, { noAnswerThreshold: 0.5 });
    expect(r.exact).toBe(75);
    // sweep by probability: start 2 (no-answer count); h1 +1 = 3 (thresh 0.1); n1 0; h2 +0; n2 -1 -> best 3/4
    expect(r.best_exact).toBe(75);
    expect(r.best_exact_thresh).toBe(0.1);
  });

  it("requires a prediction for every question, as the official script does", () => {
    expectError(
      () => squadV2([], [{ id: "q", answers: [] }]),
      "invalid_value",
      'squadV2: `predictions` has no answer for question id "q" (the official v2.0 script fails too)',
    );
  });
});
