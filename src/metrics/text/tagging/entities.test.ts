import { describe, expect, it } from "vitest";
import { expectError } from "../../../../test/support/expect-error.js";
import { getEntities } from "./entities.js";
import { performanceMeasure } from "./performance-measure.js";
import { seqevalScores } from "./seqeval.js";

describe("getEntities (seqeval 1.2.2 get_entities)", () => {
  it("gives seqeval's docstring example and flattens sentences with an O between them", () => {
    expect(getEntities(["B-PER", "I-PER", "O", "B-LOC"])).toEqual([
      ["PER", 0, 1],
      ["LOC", 3, 3],
    ]);
    // Two sentences: positions run on across the appended "O" (sentence 2 starts at 3).
    expect(getEntities([["B-PER", "I-PER"], ["I-LOC"]])).toEqual([
      ["PER", 0, 1],
      ["LOC", 3, 3],
    ]);
    expect(getEntities(["PER-B", "PER-I"], { suffix: true })).toEqual([["PER", 0, 1]]);
  });

  it("refuses mixed and empty tags", () => {
    expectError(
      () => getEntities([["B-PER"], "O"] as never),
      "invalid_value",
      'getEntities: `sequence` mixes tags and tag sequences; got "O" at index 1 among sequences',
    );
    expectError(
      () => getEntities(["B-PER", ""]),
      "invalid_value",
      'getEntities: `sequence` must contain non-empty tag strings, got "" at index 1',
    );
  });
});

describe("performanceMeasure (seqeval 1.2.2 performance_measure)", () => {
  it("gives seqeval's docstring example", () => {
    // y_true = [['O','O','O','B-MISC','I-MISC','O','B-ORG'], ['B-PER','I-PER','O','B-PER']],
    // y_pred = [['O','O','B-MISC','I-MISC','I-MISC','O','O'], ['B-PER','I-PER','O','B-MISC']]
    // -> {'TP': 3, 'FP': 3, 'FN': 1, 'TN': 4}
    const targets = [
      ["O", "O", "O", "B-MISC", "I-MISC", "O", "B-ORG"],
      ["B-PER", "I-PER", "O", "B-PER"],
    ];
    const predictions = [
      ["O", "O", "B-MISC", "I-MISC", "I-MISC", "O", "O"],
      ["B-PER", "I-PER", "O", "B-MISC"],
    ];
    expect(performanceMeasure(predictions, targets)).toEqual({
      truePositives: 3,
      falsePositives: 3,
      falseNegatives: 1,
      trueNegatives: 4,
    });
  });

  it("refuses sentences of different lengths (seqeval would zip them silently)", () => {
    expectError(
      () => performanceMeasure([["O", "O"], ["O"]], [["O"], ["O", "O"]]),
      "shape_mismatch",
      "performanceMeasure: `predictions` and `targets` must have the same sentences and tokens, got 2 and 2 sequences with 3 and 3 tags",
    );
  });
});

describe("seqeval beta", () => {
  it("weighs recall by beta: F = (1 + b^2) P R / (b^2 P + R)", () => {
    // One true PER entity, predicted PER and LOC: P = 1/2, R = 1; beta 2: 5 * 0.5 / (4 * 0.5 + 1) = 5/6.
    const s = seqevalScores([["B-PER", "B-LOC"]], [["B-PER", "O"]], { beta: 2 });
    expect(s.f1).toBeCloseTo(5 / 6, 15);
    expect(seqevalScores([["B-PER", "B-LOC"]], [["B-PER", "O"]], { beta: Number.POSITIVE_INFINITY }).f1).toBe(
      1,
    );
    expectError(
      () => seqevalScores([["O"]], [["O"]], { beta: -1 }),
      "invalid_option",
      "seqevalScores: option `beta` must be a finite number in [0, inf), got -1",
    );
  });
});
