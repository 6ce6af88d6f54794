import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { PlumblineError } from "../../../core/errors.js";
import { createMetric } from "../../../metric.js";
import {
  seqeval,
  seqevalAccuracy,
  seqevalClassificationReport,
  seqevalDef,
  seqevalScores,
} from "./seqeval.js";

const target = [
  ["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"],
  ["B-PER", "I-PER", "O"],
];
const prediction = [
  ["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"],
  ["B-PER", "I-PER", "O"],
];

describe("seqeval", () => {
  it("scores seqeval's documented example by hand", () => {
    // true entities: MISC(3..5), PER(0..1); predicted: MISC(2..5), PER(0..1)
    // TP = 1 (PER) -> micro P = 1/2, R = 1/2, F = 1/2; per type MISC 0, PER 1 -> macro 0.5
    const r = seqeval(prediction, target);
    expect(r.micro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.macro.f1).toBe(0.5);
    expect(r.perType).toEqual({
      labels: ["MISC", "PER"],
      precision: [0, 1],
      recall: [0, 1],
      f1: [0, 1],
      support: [1, 1],
    });
    // tokens: 10 total; positions 2 (O vs B-MISC) and 3 (B-MISC vs I-MISC) differ -> 8/10
    expect(seqevalAccuracy(prediction, target)).toBeCloseTo(0.8, 15);
  });

  it("lenient mode accepts I- without B-; strict IOB2 does not", () => {
    const t = [["B-LOC", "I-LOC", "O", "B-ORG"]];
    const p = [["I-LOC", "I-LOC", "O", "I-ORG"]];
    expect(seqevalScores(p, t).f1).toBe(1);
    expect(seqevalScores(p, t, { mode: "strict", scheme: "IOB2" }).f1).toBe(0);
  });

  it("strict IOBES needs S- or B- … E- chunks", () => {
    const t = [["S-PER", "B-LOC", "E-LOC", "O"]];
    const p = [["S-PER", "B-LOC", "I-LOC", "O"]];
    // the predicted LOC chunk is unterminated -> dropped; PER matches -> P 1/1, R 1/2
    const r = seqevalScores(p, t, { mode: "strict", scheme: "IOBES" });
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(0.5);
  });

  it("prints classification_report like seqeval", () => {
    const report = seqevalClassificationReport(prediction, target);
    expect(report.text).toBe(
      [
        "              precision    recall  f1-score   support",
        "",
        "        MISC       0.00      0.00      0.00         1",
        "         PER       1.00      1.00      1.00         1",
        "",
        "   micro avg       0.50      0.50      0.50         2",
        "   macro avg       0.50      0.50      0.50         2",
        "weighted avg       0.50      0.50      0.50         2",
        "",
      ].join("\n"),
    );
  });

  it("no entity at all: micro 0 (zero_division), macro NaN (numpy mean of nothing)", () => {
    const r = seqeval([["O", "O"]], [["O", "O"]]);
    expect(r.micro.f1).toBe(0);
    expect(r.macro.f1).toBeNaN();
    expect(seqeval([["O"]], [["O"]], { zeroDivision: 1 }).micro.precision).toBe(1);
  });

  it("splitting sentences into batches and merging equals one update", () => {
    const tag = fc.constantFrom("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "E-LOC", "S-ORG");
    fc.assert(
      fc.property(
        fc.array(
          fc
            .integer({ min: 1, max: 8 })
            .chain((n) =>
              fc.tuple(
                fc.array(tag, { minLength: n, maxLength: n }),
                fc.array(tag, { minLength: n, maxLength: n }),
              ),
            ),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.nat(),
        (sentences, cut) => {
          const preds = sentences.map((s) => s[0]);
          const truth = sentences.map((s) => s[1]);
          const k = cut % (sentences.length + 1);
          const def = seqevalDef();
          const a = def.init();
          def.update(a, preds.slice(0, k), truth.slice(0, k));
          const b = def.init();
          def.update(b, preds.slice(k), truth.slice(k));
          const merged = def.compute(def.merge(a, b));
          const once = seqeval(preds, truth);
          expect(merged.micro).toEqual(once.micro);
          expect(merged.perType).toEqual(once.perType);
          if (!Number.isNaN(once.micro.f1)) {
            expect(once.micro.f1).toBeGreaterThanOrEqual(0);
            expect(once.micro.f1).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it("survives toJSON/fromJSON mid-stream and is invariant to sentence order", () => {
    const m = createMetric(seqevalDef({ mode: "strict", scheme: "IOB2" }));
    m.update(prediction.slice(0, 1), target.slice(0, 1));
    const copy = createMetric(seqevalDef({ mode: "strict", scheme: "IOB2" })).fromJSON(
      JSON.parse(JSON.stringify(m.toJSON())),
    );
    m.update(prediction.slice(1), target.slice(1));
    copy.update(prediction.slice(1), target.slice(1));
    expect(copy.compute()).toEqual(m.compute());
    expect(seqeval([...prediction].reverse(), [...target].reverse()).micro).toEqual(
      seqeval(prediction, target).micro,
    );
  });

  it("rejects bad input with clear messages and leaves the state untouched", () => {
    expectError(
      () => seqeval([["O"]], [["O"], ["O"]]),
      "shape_mismatch",
      "seqeval: `predictions` and `targets` must have the same number of sentences, got 1 and 2",
    );
    expectError(
      () => seqeval([["O", "O"]], [["O"]]),
      "shape_mismatch",
      "seqeval: sentence 0 has 2 predicted tags and 1 target tags",
    );
    expectError(
      () => seqeval([["O", 3 as unknown as string]], [["O", "O"]]),
      "invalid_value",
      "seqeval: `predictions` must contain non-empty tag strings, got 3 at index 0.1",
    );
    expectError(
      () => seqeval([["S-PER"]], [["O"]], { mode: "strict", scheme: "IOB2" }),
      "invalid_value",
      'seqeval: `predictions` tag "S-PER" is not valid in scheme IOB2 (prefixes I, O, B), at index 0.0',
    );
    expectError(
      () => seqeval([["X"]], [["O"]]),
      "invalid_value",
      'seqeval: `predictions` tag "X" must be O, B, I, E, S or a typed tag such as B-PER, at index 0.0',
    );
    expectError(
      () => seqeval([["O"]], [["O"]], { mode: "strict" }),
      "invalid_option",
      'seqeval: option `mode` "strict" needs a `scheme` (IOB1, IOB2, IOE1, IOE2, IOBES or BILOU)',
    );
    expectError(
      () => seqeval([["O"]], [["O"]], { scheme: "IOB3" as "IOB2" }),
      "invalid_option",
      'seqeval: option `scheme` must be one of "IOB1", "IOB2", "IOE1", "IOE2", "IOBES", "BILOU", got "IOB3" (did you mean `IOB1`?)',
    );
    expectError(
      () => seqeval([["O"]], [["O"]], { mode: "lenient" as "default" }),
      "invalid_option",
      'seqeval: option `mode` must be one of "default", "strict", got "lenient"',
    );
    const def = seqevalDef();
    const state = def.init();
    expect(() => def.update(state, [["B-PER"], ["X"]], [["B-PER"], ["O"]])).toThrow(PlumblineError);
    expect(state).toEqual(def.init());
  });
});
