import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import * as C from "./index.js";

function expectError(fn: () => unknown, code: string, message: string) {
  try {
    fn();
  } catch (error) {
    expect({ code: (error as { code?: string }).code, message: (error as Error).message }).toEqual({
      code,
      message,
    });
    return;
  }
  throw new Error("expected a PlumblineError");
}

describe("bad input raises PlumblineError with a pinned code and message", () => {
  it("lengths differ", () => {
    expectError(
      () => C.binaryAccuracy([0.1, 0.2], [1]),
      "shape_mismatch",
      "binaryAccuracy: `preds` and `target` must have the same length, got 2 and 1",
    );
    expectError(
      () => C.binaryAuroc([0.1, 0.2], [1]),
      "shape_mismatch",
      "binaryAuroc: `preds` and `target` must have the same length, got 2 and 1",
    );
  });
  it("labels outside [0, numClasses)", () => {
    expectError(
      () => C.multiclassF1([0, 3], [0, 1], { numClasses: 3 }),
      "invalid_value",
      "multiclassF1: `preds` must contain labels in [0, 3), got 3 at index 1",
    );
    expectError(
      () => C.multiclassAuroc([[0.5, 0.5]], [2], { numClasses: 2 }),
      "invalid_value",
      "multiclassAuroc: `target` must contain labels in [0, 2), got 2 at index 0",
    );
  });
  it("non-integer labels", () => {
    expectError(
      () => C.multiclassF1([0, 1], [0, 1.5], { numClasses: 3 }),
      "invalid_value",
      "multiclassF1: `target` must contain integer class labels, got 1.5 at index 1",
    );
    expectError(
      () => C.binaryRecall([0.3], [0.5]),
      "invalid_value",
      "binaryRecall: `target` must contain only 0 and 1, got 0.5 at index 0",
    );
  });
  it("probabilities outside [0, 1] where the metric needs probabilities", () => {
    expectError(
      () => C.binaryPrecision([1.2], [1], { predsKind: "probabilities" }),
      "invalid_value",
      "binaryPrecision: `preds` must contain probabilities in [0, 1], got 1.2 at index 0",
    );
    expectError(
      () => C.binaryLogLoss([-0.1], [0], { predsKind: "probabilities" }),
      "invalid_value",
      "binaryLogLoss: `preds` must contain probabilities in [0, 1], got -0.1 at index 0",
    );
  });
  it("NaN and Infinity", () => {
    expectError(
      () => C.binaryAuroc([Number.NaN], [1]),
      "invalid_value",
      "binaryAuroc: `preds` must be finite, got NaN at index 0",
    );
    expectError(
      () => C.binaryAveragePrecision([0.1, Number.POSITIVE_INFINITY], [0, 1]),
      "invalid_value",
      "binaryAveragePrecision: `preds` must be finite, got Infinity at index 1",
    );
    expectError(
      () => C.binaryF1([Number.NaN], [1]),
      "invalid_value",
      "binaryF1: `preds` must be finite, got NaN at index 0",
    );
  });
  it("empty input", () => {
    expectError(
      () => C.binaryAuroc([], []),
      "empty_input",
      "binaryAuroc: `preds` must hold at least one sample, got 0",
    );
    expectError(
      () => C.multiclassAccuracy([], [], { numClasses: 3 }),
      "empty_input",
      "multiclassAccuracy: `preds` must hold at least one sample, got 0",
    );
    expectError(
      () => C.binaryBrierScore([], []),
      "empty_input",
      "binaryBrierScore: `preds` must hold at least one sample, got 0",
    );
  });
  it("contradictory or invalid options", () => {
    expectError(
      () => C.multiclassAurocDef({ numClasses: 3, multiClass: "ovo", thresholds: 10 }),
      "invalid_option",
      'multiclassAuroc: option `multiClass: "ovo"` needs exact mode and average "macro" or "weighted"',
    );
    expectError(
      () => C.binaryAurocDef({ ignoreIndex: 1 }),
      "invalid_option",
      "binaryAuroc: option `ignoreIndex` must not be 0 or 1 (a binary target value), got 1",
    );
    expectError(
      () => C.multiclassAccuracyDef({ numClasses: 3, topK: 4 }),
      "invalid_option",
      "multiclassAccuracy: option `topK` must be an integer in [1, 3], got 4",
    );
    expectError(
      () => C.binaryAurocDef({ thresholds: [0.5, 0.2] }),
      "invalid_option",
      "binaryAuroc: option `thresholds` must be strictly increasing, got 0.2 after 0.5 at index 1",
    );
    expectError(
      () => C.binaryAurocDef({ maxFpr: 0 }),
      "invalid_option",
      "binaryAuroc: option `maxFpr` must be a finite number in (0, 1], got 0",
    );
    expectError(
      () => C.binaryFBetaDef({} as never),
      "invalid_option",
      "binaryFBeta: option `beta` is required",
    );
    expectError(
      () => C.multiclassF1Def({ numClasses: 1 }),
      "invalid_option",
      "multiclassF1: option `numClasses` must be an integer in [2, inf), got 1",
    );
    expectError(
      () => C.multiclassF1Def({ numClasses: 3, average: "samples" as never }),
      "invalid_option",
      'multiclassF1: option `average` must be one of "micro", "macro", "weighted", "none", got "samples"',
    );
    expectError(
      () => C.multiclassAccuracy([0, 1], [0, 1], { numClasses: 2, topK: 2 }),
      "invalid_option",
      "multiclassAccuracy: option `topK` > 1 needs scores (N x 2), got labels",
    );
  });
  it("a rejected batch leaves the state untouched", () => {
    for (const def of [
      C.binaryAurocDef(),
      C.binaryF1Def(),
      C.binaryLogLossDef(),
      C.binaryCalibrationErrorDef(),
    ] as const) {
      const m = createMetric(def as ReturnType<typeof C.binaryF1Def>);
      m.update([0.2, 0.7, 0.9], [0, 1, 0]);
      const before = JSON.stringify(m.toJSON());
      expect(() => m.update([0.5, Number.NaN], [1, 0])).toThrow();
      expect(() => m.update([0.5, 0.6], [1, 2])).toThrow();
      expect(JSON.stringify(m.toJSON())).toBe(before);
    }
  });
});
