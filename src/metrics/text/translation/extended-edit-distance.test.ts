import { describe, expect, it } from "vitest";
import { createMetric } from "../../../metric.js";
import {
  eedPreprocessEnglish,
  eedSentence,
  extendedEditDistance,
  extendedEditDistanceDef,
} from "./extended-edit-distance.js";

describe("extendedEditDistance", () => {
  it("matches the hand-worked single-character case", () => {
    // hyp "a", ref "b" (no preprocessing): grid row after "b" is [1, 1] (substitution), one visit at index 0,
    // visits [0, -1] -> coverage = 0.3 * (0 + 1); EED = min(1, (1 + 0.3) / (1 + 0.3)) = 1.
    expect(eedSentence("a", "b")).toBe(1);
    // hyp "a", ref "a": row [1, 0], visit at index 1 -> visits [-1, 0], coverage 0.3; EED = 0.3 / 1.3.
    expect(eedSentence("a", "a")).toBeCloseTo(0.3 / 1.3, 15);
  });

  it("preprocesses English as torchmetrics does", () => {
    // Outputs of torchmetrics 1.9.0 `_preprocess_en` on the same strings.
    expect(eedPreprocessEnglish("Hello, Mr. Smith. It costs 3.5!")).toBe(
      " Hello , Mr. Smith . It costs 3 .5 ! ",
    );
    expect(eedPreprocessEnglish("Pay 3 . 5 or 1 , 0 e.g. i.e. U.S. Mr X")).toBe(
      " Pay 3.5 or 1,0 e .g . i .e . U .S . Mr. ",
    );
  });

  it("averages sentence scores, merges by adding, stays in [0, 1]", () => {
    const hyps = ["the cat sat", "a dog"];
    const refs = [["the cat sat on the mat", "a cat sat"], "the dog"];
    const whole = extendedEditDistance(hyps, refs);
    const def = extendedEditDistanceDef();
    const m = createMetric(def).update(hyps.slice(0, 1), refs.slice(0, 1));
    const r = createMetric(def).fromJSON(m.toJSON()).update(hyps.slice(1), refs.slice(1)).compute();
    expect(r).toBeCloseTo(whole, 15);
    expect(whole).toBeGreaterThanOrEqual(0);
    expect(whole).toBeLessThanOrEqual(1);
    expect(extendedEditDistance([], [])).toBe(0);
  });

  it("rejects negative parameters", () => {
    expect(() => extendedEditDistance(["a"], ["a"], { alpha: -1 })).toThrow(
      "extendedEditDistance: option `alpha` must be a finite number in [0, inf), got -1",
    );
  });
});
