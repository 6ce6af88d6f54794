import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../../metric.js";
import { bitsPerCharacter, perplexity, perplexityDef } from "./perplexity.js";

describe("perplexity", () => {
  it("is the vocabulary size for uniform logits", () => {
    // softmax of equal logits over 4 tokens: p = 1/4 everywhere, PPL = exp(ln 4) = 4, bits = 2.
    const logits = [
      [
        [0, 0, 0, 0],
        [1, 1, 1, 1],
      ],
    ];
    expect(perplexity(logits, [[1, 3]])).toBeCloseTo(4, 14);
    expect(bitsPerCharacter(logits, [[1, 3]])).toBeCloseTo(2, 14);
  });

  it("skips ignored positions and accepts log-probabilities", () => {
    // Scored positions: log p = ln 0.5 and ln 0.25 -> PPL = exp((ln 2 + ln 4) / 2) = sqrt(8).
    const logp = [
      [
        [Math.log(0.5), Math.log(0.5)],
        [Math.log(0.25), Math.log(0.75)],
        [0, -1],
      ],
    ];
    expect(perplexity(logp, [[0, 0, -100]], { input: "logProbs", ignoreIndex: -100 })).toBeCloseTo(
      Math.sqrt(8),
      14,
    );
  });

  it("accepts { data, shape } tensors and merges by adding sums", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 2 }),
        (values, cut) => {
          const target = [0, 2, 1, 0];
          const whole = perplexity({ data: values, shape: [1, 4, 3] }, { data: target, shape: [1, 4] });
          const def = perplexityDef();
          const a = createMetric(def).update(
            { data: values.slice(0, cut * 3), shape: [1, cut, 3] },
            { data: target.slice(0, cut), shape: [1, cut] },
          );
          const b = createMetric(def).update(
            { data: values.slice(cut * 3), shape: [1, 4 - cut, 3] },
            { data: target.slice(cut), shape: [1, 4 - cut] },
          );
          const merged = createMetric(def).fromJSON(a.toJSON()).merge(b).compute();
          expect(merged).toBeCloseTo(whole, 10);
          expect(whole).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  it("rejects bad targets and shapes", () => {
    expect(() => perplexity([[[0, 0]]], [[2]])).toThrow(
      "perplexity: `target` must hold token ids in [0, 2), got 2 at index 0",
    );
    expect(() => perplexity([[[0, 0]]], [[0, 1]])).toThrow(
      "perplexity: `preds` [1, 1, 2] and `target` [1, 2] must agree on [batch, seq]",
    );
    expect(() => perplexity([[[0, Number.NaN]]], [[0]])).toThrow(
      "perplexity: `preds` must be finite, got NaN at index 1",
    );
  });

  it("is NaN with no scored position, as torchmetrics", () => {
    expect(perplexity([[[0, 0]]], [[-100]], { ignoreIndex: -100 })).toBeNaN();
  });
});
