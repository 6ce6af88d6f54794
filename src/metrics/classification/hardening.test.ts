/**
 * The reproductions of issue 9 that concern classification, each pinned: hostile states, option
 * sizes, coercion, strict options and messages. The classes as a whole are covered by the
 * robustness suite (test/robustness: state fuzz, unknown options, one coercion path).
 */
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { encodeState } from "../../core/codec.js";
import { type AnyMetricDef, createMetric } from "../../metric.js";
import * as C from "./index.js";

const p = [0.1, 0.8, 0.4, 0.65, 0.3, 0.9];
const t = [0, 1, 0, 1, 1, 0];

/** A snapshot of `def` after one batch, with `edit` applied to its decoded state, as JSON text. */
function tampered<S>(
  def: Parameters<typeof createMetric>[0],
  args: unknown[],
  edit: (state: S) => void,
): string {
  const metric = createMetric(def).update(...(args as never[]));
  const snapshot = metric.snapshot();
  const state = structuredClone(metric.state) as S;
  edit(state);
  return JSON.stringify({ ...snapshot, state: encodeState(state) });
}

describe("hostile states are refused with invalid_state (issue 9 §1)", () => {
  it("a NaN in a binary AUROC score buffer (merge used to spin forever, AP to hang, the ROC curve to abort V8)", () => {
    const text = tampered<{ scores: { data: Float32Array } }>(C.binaryAurocDef(), [p, t], (s) => {
      s.scores.data[2] = Number.NaN;
    });
    for (const def of [
      C.binaryAurocDef(),
      C.binaryAveragePrecisionDef(),
      C.binaryRocCurveDef(),
    ] as AnyMetricDef[]) {
      const json = JSON.parse(text);
      json.id = def.id;
      expectError(
        () => createMetric(def).fromJSON(json),
        "invalid_state",
        `${def.id}: state.scores.data must hold finite numbers, got NaN at index 2`,
      );
    }
    const state = createMetric(C.binaryAurocDef()).update(p, t).state as { scores: { data: Float32Array } };
    state.scores.data[0] = Number.NaN;
    expectError(() => createMetric(C.binaryAurocDef()).merge(state as never), "invalid_state");
  });

  it("a target of 7 in a curve state, and lengths that disagree", () => {
    const seven = tampered<{ target: { data: Uint8Array } }>(C.binaryAurocDef(), [p, t], (s) => {
      s.target.data[1] = 7;
    });
    expectError(
      () => createMetric(C.binaryAurocDef()).fromJSON(seven),
      "invalid_state",
      "classification/binary_auroc: state.target.data must hold only 0 and 1, got 7 at index 1",
    );
    const short = tampered<{ target: { data: Uint8Array; length: number } }>(
      C.binaryAurocDef(),
      [p, t],
      (s) => {
        s.target = { data: s.target.data.slice(0, 4), length: 4 };
      },
    );
    expectError(
      () => createMetric(C.binaryAurocDef()).fromJSON(short),
      "invalid_state",
      "classification/binary_auroc: state.scores, state.target and state.weights must hold as many samples, got 6, 4 and none",
    );
    const mc = tampered<{ target: { data: Int32Array } }>(
      C.multiclassAurocDef({ numClasses: 2 }),
      [[[0.3, 0.7]], [1]],
      (s) => {
        s.target.data[0] = 5;
      },
    );
    expectError(
      () => createMetric(C.multiclassAurocDef({ numClasses: 2 })).fromJSON(mc),
      "invalid_state",
      "classification/multiclass_auroc: state.target.data must hold class labels in [0, 2), got 5 at index 0",
    );
  });

  it("negative counts (tn = -9 used to compute)", () => {
    const text = tampered<{ matrix: Float64Array }>(C.binaryAccuracyDef(), [p, t], (s) => {
      s.matrix[0] = -9;
    });
    expectError(
      () => createMetric(C.binaryAccuracyDef()).fromJSON(text),
      "invalid_state",
      "classification/binary_accuracy: state.matrix must hold integer counts in [0, 2^53), got -9 at index 0",
    );
  });

  it("multilabel totals that disagree", () => {
    const text = tampered<{ counts: Float64Array }>(
      C.multilabelF1Def({ numLabels: 2 }),
      [
        [
          [0.9, 0.2],
          [0.3, 0.7],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ],
      (s) => {
        s.counts[9] = 5;
      },
    );
    expectError(
      () => createMetric(C.multilabelF1Def({ numLabels: 2 })).fromJSON(text),
      "invalid_state",
      "classification/multilabel_f1: the exact rows (5) exceed the rows (2)",
    );
  });
});

describe("size-like options go through the allocation budget (issue 9 §2)", () => {
  it("thresholds, nBins, numClasses and numLabels of 1e9 name the option and the memory", () => {
    expectError(
      () => C.binaryRocCurve(p, t, { thresholds: 1e9 }),
      "invalid_option",
      "binaryRocCurve: option `thresholds` = 1000000000 would need 22.4 GiB, above the 1 GiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
    );
    expectError(
      () => C.binaryCalibrationError(p, t, { nBins: 1e9 }),
      "invalid_option",
      "binaryCalibrationError: option `nBins` = 1000000000 would need 1.06 TiB, above the 1 GiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
    );
    expectError(
      () => C.multiclassF1Def({ numClasses: 1e9 }),
      "invalid_option",
      "multiclassF1: option `numClasses` = 1000000000 would need 7105 PiB, above the 1 GiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
    );
    // C x C matrices: 30000 classes are 6.7 GiB of counts.
    expectError(() => C.multiclassAccuracyDef({ numClasses: 30000 }), "invalid_option");
    expectError(() => C.multiclassAurocDef({ numClasses: 1e6, thresholds: 200 }), "invalid_option");
    expectError(() => C.multilabelF1Def({ numLabels: 1e9 }), "invalid_option");
  });
});

describe("one coercion path (issue 9 §4)", () => {
  it("the binary fast path refuses what the general path refuses", () => {
    expectError(
      () => C.binaryAccuracy(["0.7", "0.2"] as never, [1, 0]),
      "invalid_value",
      'binaryAccuracy: `preds` must contain only numbers, got "0.7" at index 0',
    );
    for (const bad of [null, true, "", [0.7]]) {
      expectError(() => C.binaryAccuracy([0.1, bad] as never, [1, 0]), "invalid_value");
      expectError(() => C.binaryAuroc([0.1, bad] as never, [1, 0]), "invalid_value");
    }
    // A nested [0.7] as a whole batch is a second dimension that `target` lacks.
    expectError(() => C.binaryAccuracy([[0.7]] as never, [1]), "shape_mismatch");
  });
});

describe("strict options and one-line errors (issue 9 §7, §8)", () => {
  it("multiclassAccuracy([0], [0]) without options or with null options", () => {
    const message = "multiclassAccuracy: option `numClasses` is required";
    expectError(
      () => (C.multiclassAccuracy as (...a: unknown[]) => unknown)([0], [0]),
      "invalid_option",
      message,
    );
    expectError(() => C.multiclassAccuracy([0], [0], null as never), "invalid_option", message);
  });

  it("a misspelt option and a reference's snake_case name", () => {
    expectError(
      () => C.binaryF1(p, t, { treshold: 0.2 } as never),
      "invalid_option",
      "binaryF1: unknown option `treshold` (did you mean `threshold`?); known: `threshold`, `ignoreIndex`, `predsKind`, `multidimAverage`, `posLabel`, `zeroDivision`",
    );
    expectError(
      () => C.binaryAuroc(p, t, { max_fpr: 0.1 } as never),
      "invalid_option",
      "binaryAuroc: unknown option `max_fpr` (the reference's snake_case name; plumbline calls it `maxFpr`); known: `thresholds`, `ignoreIndex`, `predsKind`, `posLabel`, `maxFpr`, `convention`",
    );
    expectError(() => C.binaryF1(p, t, { beta: 2 } as never), "invalid_option");
  });

  it("merging metrics built with other options is refused", () => {
    const a = createMetric(C.multiclassF1Def({ numClasses: 3 })).update([0, 1], [0, 1]);
    const b = createMetric(C.multiclassF1Def({ numClasses: 4 })).update([0, 1], [0, 1]);
    expectError(() => a.merge(b as never), "invalid_state");
  });
});

describe("messages point at the real problem (issue 9 §10)", () => {
  it("a single score column evaluated as multiclass", () => {
    expectError(
      () => C.multiclassF1([0.2, 0.9], [0, 1], { numClasses: 2 }),
      "invalid_value",
      'multiclassF1: `preds` holds the score 0.2 at index 0, but a single column must hold integer class labels; scores of one class are a binary problem (binaryF1, or task: "binary"), multiclass scores need a matrix with one column per class (N x 2)',
    );
  });

  it("a NaN total is a corrupt state, not 'no samples'", () => {
    const def = C.binaryAccuracyDef();
    expectError(
      () =>
        def.compute({
          matrix: new Float64Array([Number.NaN, 0, 0, 0]),
          weighted: { lo: 0, limbs: new Float64Array(0) },
        }),
      "invalid_state",
      "binaryAccuracy: the state's sample total is NaN, not a count",
    );
    expect(() => def.compute(def.init())).toThrow("must hold at least one sample");
  });

  it("finite weights whose sum passes the largest double are the input's fault, not a corrupt state", () => {
    for (const run of [
      () => C.multiclassF1([0, 1], [0, 1], [1e308, 1e308], { numClasses: 2 }),
      () => C.binaryAuroc([0.1, 0.9], [0, 1], [1e308, 1e308], { thresholds: 5 }),
      () => C.binaryAuroc([0.1, 0.9], [0, 1], [1e308, 1e308]),
      () => createMetric(C.binaryAveragePrecisionDef()).update([0.1, 0.9], [0, 1], [1e308, 1e308]).compute(),
    ])
      expectError(run, "invalid_value");
    // A zero total weight holds no sample, one-shot and state alike (a state used to give 0).
    expectError(() => C.binaryAuroc([0.1, 0.9], [0, 1], [0, 0]), "empty_input");
    expectError(
      () => createMetric(C.binaryAurocDef()).update([0.1, 0.9], [0, 1], [0, 0]).compute(),
      "empty_input",
    );
    expectError(
      () => C.binaryAccuracy([0.1, 0.9], [0, 1], [1e308, 1e308]),
      "invalid_value",
      "binaryAccuracy: `sampleWeight` sums to Infinity; scale the weights down",
    );
  });
});
