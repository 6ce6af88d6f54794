/**
 * What float predictions are (issue 10 §1, issue 9 §4): torchmetrics' "auto" rule, and the
 * refinements that keep probabilities from being turned into logits silently.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { classificationSuite as cliSuite } from "../../cli/eval/classification.js";
import * as C from "./index.js";
import { elementwise, probabilityRows, ROW_SUM_TOLERANCE, softmaxRows } from "./preds-kind.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe("predsKind", () => {
  it('"auto": values outside [0, 1] are logits (sigmoid), values inside are probabilities', () => {
    expect(Array.from(elementwise([-2, 0.5, 3], "auto", "f"))).toEqual([
      sigmoid(-2),
      sigmoid(0.5),
      sigmoid(3),
    ]);
    expect(Array.from(elementwise([0, 0.5, 1], "auto", "f"))).toEqual([0, 0.5, 1]);
    // Float noise just outside [0, 1] is still probability, clipped (torchmetrics would squash it all).
    expect(Array.from(elementwise([1 + 1e-9, 0.3, -1e-9], "auto", "f"))).toEqual([1, 0.3, 0]);
    expect(C.binaryF1([1.0000000002, 0.2], [1, 0])).toBe(1);
  });

  it('"probabilities" refuses values outside [0, 1]; "logits" always squashes; "scores" takes them as they are', () => {
    expectError(
      () => C.binaryF1([0.2, 1.5], [0, 1], { predsKind: "probabilities" }),
      "invalid_value",
      "binaryF1: `preds` must contain probabilities in [0, 1], got 1.5 at index 1",
    );
    expect(C.binaryAccuracy([0.2, 0.8], [1, 1], { predsKind: "logits" })).toBe(1);
    const roc = C.binaryRocCurve([-3, 2, 5], [0, 1, 1], { predsKind: "scores" });
    expect(roc.thresholds).toEqual([Number.POSITIVE_INFINITY, 5, 2, -3]);
    // The sklearn convention reads scores as they are (decision values) by default.
    expect(C.binaryRocCurve([-3, 2, 5], [0, 1, 1], { convention: "sklearn" }).thresholds[1]).toBe(5);
    expect(C.binaryRocCurve([-3, 2, 5], [0, 1, 1]).thresholds[1]).toBe(sigmoid(5));
    expectError(() => C.binaryF1([0.5], [1], { predsKind: "scores" } as never), "invalid_option");
  });

  it("multiclass rows: softmax for logits, renormalised probabilities within the tolerance, an error otherwise", () => {
    expect(Array.from(probabilityRows([1, 2, 3], 3, "auto", "f"))).toEqual(
      Array.from(softmaxRows([1, 2, 3], 3)),
    );
    const rounded = probabilityRows([0.333333, 0.333333, 0.333333], 3, "auto", "f");
    expect(rounded[0]).toBeCloseTo(1 / 3, 15);
    expect(ROW_SUM_TOLERANCE).toBe(1e-3);
    expectError(
      () => C.multiclassLogLoss([[0.2, 0.3, 0.1]], [0], { numClasses: 3 }),
      "invalid_value",
      'multiclassLogLoss: row 0 of `preds` sums to 0.6: probabilities must sum to 1 (within 0.001); rows of logits need values outside [0, 1] or option predsKind: "logits"',
    );
    expect(C.multiclassLogLoss([[0.2, 0.3, 0.1]], [0], { numClasses: 3, predsKind: "logits" })).toBeCloseTo(
      -Math.log(softmaxRows([0.2, 0.3, 0.1], 3)[0]!),
      14,
    );
  });
});

describe("issue 9 §4: probabilities rounded to 6 decimals (digits, logistic regression) stay probabilities", () => {
  const path = fileURLToPath(
    new URL("../../../test/data/golden/classification_digits.json", import.meta.url),
  );
  const golden = JSON.parse(readFileSync(path, "utf8")) as {
    reference: Record<string, string>;
    preds: number[][];
    target: number[];
    expected: { logLoss: number; brierScore: number; calibrationError: number; auroc: number };
  };
  const options = { numClasses: 10 };

  it(`log loss, Brier score, ECE and AUROC match sklearn ${golden.reference.sklearn} and torchmetrics ${golden.reference.torchmetrics}`, () => {
    const { preds, target, expected } = golden;
    expect(C.multiclassLogLoss(preds, target, options)).toBeCloseTo(expected.logLoss, 12);
    expect(C.multiclassBrierScore(preds, target, options)).toBeCloseTo(expected.brierScore, 12);
    expect(C.multiclassCalibrationError(preds, target, options)).toBeCloseTo(expected.calibrationError, 5);
    expect(C.multiclassAuroc(preds, target, options)).toBeCloseTo(expected.auroc, 6);
  });

  it("the CLI's suite gives the same numbers, with no logits note", () => {
    const rows = golden.preds.length;
    const result = cliSuite({
      task: "multiclass",
      numClasses: 10,
      preds: { data: Float64Array.from(golden.preds.flat()), rows, cols: 10 },
      target: { data: Float64Array.from(golden.target), rows, cols: 1 },
    });
    const get = (name: string) => result.rows.find((r) => r.metric === name)?.value;
    expect(get("log_loss")).toBeCloseTo(golden.expected.logLoss, 12);
    expect(get("brier_score")).toBeCloseTo(golden.expected.brierScore, 12);
    expect(result.notes).toEqual([]);
  });
});
