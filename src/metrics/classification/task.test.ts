/**
 * Task dispatch (issue 10 §1): the wrappers forward to the explicit functions with torchmetrics'
 * wrapper defaults, drop the cross-task options as torchmetrics does, refuse everything else, and
 * their result types follow the literal `task` (checked by `tsc -p tsconfig.test.json`).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import * as C from "./index.js";

const mcPreds = [0, 2, 1, 3, 2, 1];
const mcTarget = [0, 1, 2, 3, 2, 1];

describe("task-dispatching functions", () => {
  it("forward to the explicit function, with the wrappers' micro default", () => {
    expect(C.precision(mcPreds, mcTarget, { task: "multiclass", numClasses: 4 })).toBe(
      C.multiclassPrecision(mcPreds, mcTarget, { numClasses: 4, average: "micro" }),
    );
    // The explicit multiclass function averages macro: the trap the wrappers' users know.
    expect(C.multiclassPrecision(mcPreds, mcTarget, { numClasses: 4 })).toBe(
      C.precision(mcPreds, mcTarget, { task: "multiclass", numClasses: 4, average: "macro" }),
    );
    expect(C.jaccardIndex(mcPreds, mcTarget, { task: "multiclass", numClasses: 4 })).toBe(
      C.multiclassJaccardIndex(mcPreds, mcTarget, { numClasses: 4 }),
    );
  });

  it("defs carry the explicit variant's id and options, so the registry rebuilds them", () => {
    const def = C.f1Def({ task: "multiclass", numClasses: 4 });
    expect(def.id).toBe("classification/multiclass_f1");
    expect(def.options).toEqual({ average: "micro", numClasses: 4 });
    expect(C.aurocDef({ task: "binary", maxFpr: 0.5 }).id).toBe("classification/binary_auroc");
  });

  it("drop the options that do not apply to the task (torchmetrics' wrappers accept them all)", () => {
    const options = { task: "binary", numClasses: 4, numLabels: 3, topK: 2 } as const;
    expect(C.accuracy([0.2, 0.7], [0, 1], options)).toBe(1);
    expect(C.accuracy(mcPreds, mcTarget, { task: "multiclass", numClasses: 4, threshold: 0.3 })).toBeCloseTo(
      4 / 6,
      12,
    );
  });

  it("take a positional sampleWeight", () => {
    expect(C.accuracy([0.9, 0.1, 0.8], [1, 1, 0], [1, 2, 3], { task: "binary" })).toBeCloseTo(1 / 6, 12);
  });

  it("refuse a missing or unknown task and unknown options", () => {
    expectError(
      () => C.accuracy([0], [0], {} as never),
      "invalid_option",
      "accuracy: option `task` is required",
    );
    expectError(() => C.accuracy([0], [0], undefined as never), "invalid_option");
    expectError(
      () => C.auroc([0.5], [1], { task: "multilabels" } as never),
      "invalid_option",
      'auroc: option `task` must be one of "binary", "multiclass", "multilabel", got "multilabels" (did you mean `multilabel`?)',
    );
    expectError(
      () => C.cohenKappa([0], [0], { task: "multilabel", numLabels: 2 } as never),
      "invalid_option",
    );
    expectError(
      () => C.accuracy([0.5], [1], { task: "binary", treshold: 0.2 } as never),
      "invalid_option",
      "binaryAccuracy: unknown option `treshold` (did you mean `threshold`?); known: `threshold`, `ignoreIndex`, `predsKind`, `multidimAverage`, `posLabel`, `normalize`",
    );
  });

  it("result types follow the literal task", () => {
    expectTypeOf(C.accuracy([0.1], [0], { task: "binary" })).toEqualTypeOf<number>();
    expectTypeOf(C.accuracy([0.1], [0], { task: "binary", multidimAverage: "samplewise" })).toEqualTypeOf<
      number[]
    >();
    expectTypeOf(C.f1([0], [0], { task: "multiclass", numClasses: 2, average: "none" })).toEqualTypeOf<
      number[]
    >();
    expectTypeOf(
      C.f1([0], [0], { task: "multiclass", numClasses: 2, average: "none", classNames: ["a", "b"] as const }),
    ).toEqualTypeOf<Record<"a" | "b", number>>();
    expectTypeOf(
      C.recall([[0.2, 0.3]], [[1, 0]], { task: "multilabel", numLabels: 2 }),
    ).toEqualTypeOf<number>();
    expectTypeOf(C.auroc([[0.2, 0.8]], [1], { task: "multiclass", numClasses: 2 })).toEqualTypeOf<number>();
    expectTypeOf(C.rocCurve([0.2], [1], { task: "binary" })).toEqualTypeOf<C.RocCurve>();
    expectTypeOf(C.rocCurve([[0.2, 0.8]], [1], { task: "multiclass", numClasses: 2 })).toEqualTypeOf<
      C.RocCurve[]
    >();
  });
});
