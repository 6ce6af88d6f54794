import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agree, mergedResult, ranges, resumedResult } from "../../../test/support/regression.js";
import { encodeState } from "../../core/codec.js";
import { isPlumblineError } from "../../core/errors.js";
import { type AnyMetricDef, createMetric } from "../../metric.js";
import {
  concordanceCorrelationDef,
  cosineSimilarityDef,
  d2AbsoluteErrorDef,
  explainedVarianceDef,
  jsDivergenceDef,
  kendallTauDef,
  klDivergenceDef,
  logCoshErrorDef,
  maxErrorDef,
  meanAbsoluteErrorDef,
  meanAbsolutePercentageErrorDef,
  meanPinballLossDef,
  meanSquaredErrorDef,
  meanSquaredLogErrorDef,
  medianAbsoluteErrorDef,
  minkowskiDistanceDef,
  normalizedRootMeanSquaredErrorDef,
  pearsonCorrelationDef,
  r2ScoreDef,
  regressionSuiteDef,
  relativeSquaredErrorDef,
  rootMeanSquaredErrorDef,
  rootMeanSquaredLogErrorDef,
  spearmanCorrelationDef,
  symmetricMeanAbsolutePercentageErrorDef,
  tweedieDevianceDef,
  weightedMeanAbsolutePercentageErrorDef,
} from "./index.js";

/** Values on a 1/8 grid: exact in binary, with ties. */
const anyValue = fc.integer({ min: -800, max: 800 }).map((v) => v / 8);
const positiveValue = fc.integer({ min: 1, max: 800 }).map((v) => v / 8);

interface Case {
  name: string;
  def: AnyMetricDef;
  positive?: boolean;
}

const cases: Case[] = [
  { name: "meanSquaredError", def: meanSquaredErrorDef() },
  { name: "rootMeanSquaredError", def: rootMeanSquaredErrorDef() },
  { name: "meanAbsoluteError", def: meanAbsoluteErrorDef() },
  { name: "meanAbsolutePercentageError", def: meanAbsolutePercentageErrorDef() },
  { name: "symmetricMeanAbsolutePercentageError", def: symmetricMeanAbsolutePercentageErrorDef() },
  { name: "weightedMeanAbsolutePercentageError", def: weightedMeanAbsolutePercentageErrorDef() },
  { name: "meanSquaredLogError", def: meanSquaredLogErrorDef(), positive: true },
  { name: "rootMeanSquaredLogError", def: rootMeanSquaredLogErrorDef(), positive: true },
  { name: "medianAbsoluteError", def: medianAbsoluteErrorDef() },
  { name: "maxError", def: maxErrorDef() },
  { name: "r2Score", def: r2ScoreDef() },
  { name: "r2Score adjusted", def: r2ScoreDef({ adjusted: 1 }) },
  { name: "explainedVariance", def: explainedVarianceDef() },
  { name: "meanPinballLoss", def: meanPinballLossDef({ alpha: 0.9 }) },
  { name: "tweedieDeviance power 0", def: tweedieDevianceDef({ power: 0 }) },
  { name: "tweedieDeviance power 1.5", def: tweedieDevianceDef({ power: 1.5 }), positive: true },
  { name: "tweedieDeviance power 3", def: tweedieDevianceDef({ power: 3 }), positive: true },
  { name: "d2AbsoluteError", def: d2AbsoluteErrorDef() },
  { name: "logCoshError", def: logCoshErrorDef() },
  {
    name: "normalizedRootMeanSquaredError std",
    def: normalizedRootMeanSquaredErrorDef({ normalization: "std" }),
  },
  {
    name: "normalizedRootMeanSquaredError range",
    def: normalizedRootMeanSquaredErrorDef({ normalization: "range" }),
  },
  { name: "relativeSquaredError", def: relativeSquaredErrorDef() },
  { name: "minkowskiDistance", def: minkowskiDistanceDef({ p: 3 }) },
  { name: "pearsonCorrelation", def: pearsonCorrelationDef() },
  { name: "spearmanCorrelation", def: spearmanCorrelationDef() },
  { name: "kendallTau", def: kendallTauDef() },
  { name: "concordanceCorrelation", def: concordanceCorrelationDef() },
  { name: "cosineSimilarity", def: cosineSimilarityDef() },
  { name: "regressionSuite", def: regressionSuiteDef() },
];

function pairs(positive = false, minLength = 2) {
  const value = positive ? positiveValue : anyValue;
  return fc
    .array(fc.tuple(value, value), { minLength, maxLength: 60 })
    .map((rows) => ({ preds: rows.map((r) => r[0]), target: rows.map((r) => r[1]) }));
}

function oneShot(def: AnyMetricDef, preds: number[], target: number[]): unknown {
  const state = def.init();
  def.update(state, preds, target);
  return def.compute(state);
}

describe.each(cases)("$name streaming properties", ({ def, positive }) => {
  it("gives the one-update result for any split into merged batches", () => {
    fc.assert(
      fc.property(pairs(positive), fc.array(fc.nat(60), { maxLength: 5 }), ({ preds, target }, cuts) => {
        const batches = ranges(preds.length, cuts).map(([a, b]) => [preds.slice(a, b), target.slice(a, b)]);
        expect(agree(mergedResult(def, batches), oneShot(def, preds, target))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same result after a toJSON/fromJSON round trip mid-stream", () => {
    fc.assert(
      fc.property(pairs(positive, 4), fc.nat(100), ({ preds, target }, cut) => {
        const k = 1 + (cut % (preds.length - 1));
        const resumed = resumedResult(
          def,
          [preds.slice(0, k), target.slice(0, k)],
          [preds.slice(k), target.slice(k)],
        );
        expect(agree(resumed, oneShot(def, preds, target))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("is invariant to permuting the (pred, target) pairs", () => {
    fc.assert(
      fc.property(pairs(positive), fc.nat(), ({ preds, target }, seed) => {
        const order = preds.map((_, i) => i);
        let s = seed;
        for (let i = order.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const permuted = oneShot(
          def,
          order.map((i) => preds[i]!),
          order.map((i) => target[i]!),
        );
        expect(agree(permuted, oneShot(def, preds, target))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("stays inside its documented range", () => {
    const [lo, hi] = def.meta.range;
    fc.assert(
      fc.property(pairs(positive), ({ preds, target }) => {
        const result = oneShot(def, preds, target);
        const values = typeof result === "number" ? [result] : typeof result === "object" ? [] : [];
        for (const v of values) if (!Number.isNaN(v)) expect(v >= lo - 1e-9 && v <= hi + 1e-9).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("leaves the state untouched when a batch is rejected (NaN at the end)", () => {
    const metric = createMetric(def);
    metric.update(positive ? [1, 2, 3] : [1, -2, 3], positive ? [2, 2, 1] : [2, 2, -1]);
    const before = JSON.stringify(metric.toJSON());
    let error: unknown;
    try {
      metric.update([1, 2], [1, Number.NaN]);
    } catch (e) {
      error = e;
    }
    expect(isPlumblineError(error, "invalid_value")).toBe(true);
    expect(JSON.stringify(metric.toJSON())).toBe(before);
  });

  it("rejects an empty computation and mismatched lengths", () => {
    expect(() => def.compute(def.init())).toThrow(expect.objectContaining({ code: "empty_input" }));
    expect(() => def.update(def.init(), [1, 2, 3], [1, 2])).toThrow(
      expect.objectContaining({ code: "shape_mismatch" }),
    );
  });
});

describe("matrix (multioutput and row-wise) inputs stream like vectors", () => {
  const matrixCases: Case[] = [
    { name: "meanSquaredError raw_values", def: meanSquaredErrorDef({ multioutput: "raw_values" }) },
    { name: "meanAbsoluteError", def: meanAbsoluteErrorDef() },
    { name: "r2Score raw_values", def: r2ScoreDef({ multioutput: "raw_values" }) },
    { name: "r2Score variance_weighted", def: r2ScoreDef({ multioutput: "variance_weighted" }) },
    { name: "explainedVariance raw_values", def: explainedVarianceDef({ multioutput: "raw_values" }) },
    { name: "pearsonCorrelation raw_values", def: pearsonCorrelationDef({ multioutput: "raw_values" }) },
    {
      name: "normalizedRootMeanSquaredError l2",
      def: normalizedRootMeanSquaredErrorDef({ normalization: "l2", multioutput: "raw_values" }),
    },
    { name: "cosineSimilarity rows", def: cosineSimilarityDef({ reduction: "none" }) },
    { name: "medianAbsoluteError raw_values", def: medianAbsoluteErrorDef({ multioutput: "raw_values" }) },
    { name: "spearmanCorrelation raw_values", def: spearmanCorrelationDef({ multioutput: "raw_values" }) },
    { name: "kendallTau", def: kendallTauDef() },
    { name: "d2AbsoluteError raw_values", def: d2AbsoluteErrorDef({ multioutput: "raw_values" }) },
    { name: "klDivergence rows", def: klDivergenceDef({ reduction: "none" }), positive: true },
    { name: "jsDivergence rows", def: jsDivergenceDef(), positive: true },
  ];
  const matrices = (positive = false) => {
    const value = positive ? positiveValue : anyValue;
    return fc
      .array(fc.tuple(fc.tuple(value, value, value), fc.tuple(value, value, value)), {
        minLength: 2,
        maxLength: 30,
      })
      .map((rows) => ({ preds: rows.map((r) => [...r[0]]), target: rows.map((r) => [...r[1]]) }));
  };

  it.each(matrixCases)(
    "$name: any split of the rows, merged, and a JSON round trip equal one update",
    ({ def, positive }) => {
      fc.assert(
        fc.property(matrices(positive), fc.array(fc.nat(30), { maxLength: 4 }), ({ preds, target }, cuts) => {
          const whole = oneShot(def, preds as never, target as never);
          const batches = ranges(preds.length, cuts).map(([a, b]) => [preds.slice(a, b), target.slice(a, b)]);
          expect(agree(mergedResult(def, batches), whole)).toBe(true);
          const k = Math.floor(preds.length / 2);
          expect(
            agree(
              resumedResult(def, [preds.slice(0, k), target.slice(0, k)], [preds.slice(k), target.slice(k)]),
              whole,
            ),
          ).toBe(true);
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe("fromJSON rejects malformed states", () => {
  it.each([
    [
      "a sum state with the wrong number of sums",
      meanSquaredErrorDef(),
      { cols: 2, count: 3, sums: new Float64Array(1) },
      "state.sums must be a Float64Array of 284 limbs (2 exact sums), got 1 values",
    ],
    [
      "a moment state with a fractional count",
      r2ScoreDef(),
      {
        cols: 0,
        count: 1.5,
        sums: new Float64Array(0),
        minT: new Float64Array(0),
        maxT: new Float64Array(0),
      },
      "state.count must hold non-negative integers, got 1.5",
    ],
    [
      "a buffer state whose length exceeds its capacity",
      spearmanCorrelationDef(),
      {
        cols: 1,
        preds: { data: new Float64Array(1), length: 3 },
        target: { data: new Float64Array(4), length: 3 },
      },
      "state.preds.length says 3 but state.preds.data holds 1 elements",
    ],
  ])("%s", (_, def, state, message) => {
    const metric = createMetric(def as AnyMetricDef);
    const json = { id: metric.id, options: metric.toJSON().options, state: encodeState(state) };
    expect(() => metric.fromJSON(json)).toThrow(
      expect.objectContaining({ code: "invalid_state", message: expect.stringContaining(message) }),
    );
  });
});
