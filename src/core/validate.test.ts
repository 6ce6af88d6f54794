import { describe, expect, it } from "vitest";
import { messageOf } from "../../test/support/expect-error.js";
import {
  assertBinary,
  assertFinite,
  assertLabels,
  assertNonEmpty,
  assertOneOf,
  assertProbabilities,
  assertSameLength,
} from "./validate.js";

describe("validation helpers", () => {
  it("pin their codes and messages", () => {
    expect(messageOf(() => assertNonEmpty(0, "mse", "preds"))).toBe(
      "empty_input: mse: `preds` must not be empty, got 0 elements",
    );
    expect(messageOf(() => assertSameLength(3, 4, "mse", "preds", "target"))).toBe(
      "shape_mismatch: mse: `preds` and `target` must have the same length, got 3 and 4",
    );
    expect(messageOf(() => assertFinite([0, Number.NaN], "mse", "preds"))).toBe(
      "invalid_value: mse: `preds` must be finite, got NaN at index 1",
    );
    expect(messageOf(() => assertBinary([0, 1, 2], "binaryAuroc", "target"))).toBe(
      "invalid_value: binaryAuroc: `target` must contain only 0 and 1, got 2 at index 2",
    );
    expect(messageOf(() => assertLabels([0, 1.5], 3, "f1", "target"))).toBe(
      "invalid_value: f1: `target` must contain integer class labels, got 1.5 at index 1",
    );
    expect(messageOf(() => assertLabels([0, 3], 3, "f1", "target"))).toBe(
      "invalid_value: f1: `target` must contain labels in [0, 3), got 3 at index 1",
    );
    expect(messageOf(() => assertProbabilities([0.5, 1.2], "logLoss", "preds"))).toBe(
      "invalid_value: logLoss: `preds` must contain probabilities in [0, 1], got 1.2 at index 1",
    );
    expect(messageOf(() => assertOneOf("mid", ["micro", "macro"], "f1", "average"))).toBe(
      'invalid_option: f1: option `average` must be one of "micro", "macro", got "mid"',
    );
  });

  it("assertLabels lets the ignore index through", () => {
    expect(() => assertLabels([0, -100, 2], 3, "f1", "target", -100)).not.toThrow();
  });
});
