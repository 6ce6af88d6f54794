import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareClose } from "../../core/close.js";
import { type AnyMetricDef, createMetric } from "../../metric.js";
import * as C from "./index.js";

/**
 * Properties every classification metric must have, checked with fast-check over random data:
 * batch split + merge equals one update; sample order does not matter; a state survives
 * toJSON/JSON.stringify/fromJSON mid-stream; numeric results lie in the catalog's documented range.
 */

type Kind = "binary" | "multiclass" | "multilabel" | "binaryWeighted";
interface Entry {
  name: string;
  kind: Kind;
  def: () => AnyMetricDef;
}

const K = 3;
const entries: Entry[] = [
  // binary stat scores
  { name: "binaryStatScores", kind: "binary", def: () => C.binaryStatScoresDef() },
  { name: "binaryAccuracy", kind: "binary", def: () => C.binaryAccuracyDef() },
  { name: "binaryPrecision", kind: "binary", def: () => C.binaryPrecisionDef() },
  { name: "binaryRecall", kind: "binaryWeighted", def: () => C.binaryRecallDef() },
  { name: "binaryF1", kind: "binary", def: () => C.binaryF1Def({ threshold: 0.4 }) },
  { name: "binaryFBeta", kind: "binary", def: () => C.binaryFBetaDef({ beta: 0.5 }) },
  { name: "binarySpecificity", kind: "binary", def: () => C.binarySpecificityDef() },
  { name: "binaryNegativePredictiveValue", kind: "binary", def: () => C.binaryNegativePredictiveValueDef() },
  { name: "binaryFalsePositiveRate", kind: "binary", def: () => C.binaryFalsePositiveRateDef() },
  { name: "binaryFalseDiscoveryRate", kind: "binary", def: () => C.binaryFalseDiscoveryRateDef() },
  { name: "binaryBalancedAccuracy", kind: "binaryWeighted", def: () => C.binaryBalancedAccuracyDef() },
  { name: "binaryMatthewsCorrcoef", kind: "binary", def: () => C.binaryMatthewsCorrcoefDef() },
  { name: "binaryCohenKappa", kind: "binary", def: () => C.binaryCohenKappaDef() },
  { name: "binaryJaccardIndex", kind: "binary", def: () => C.binaryJaccardIndexDef() },
  { name: "binaryHammingDistance", kind: "binary", def: () => C.binaryHammingDistanceDef() },
  {
    name: "binaryConfusionMatrix",
    kind: "binary",
    def: () => C.binaryConfusionMatrixDef({ normalize: "true" }),
  },
  // binary curves and probabilistic
  { name: "binaryAuroc", kind: "binary", def: () => C.binaryAurocDef() },
  { name: "binaryAuroc weighted", kind: "binaryWeighted", def: () => C.binaryAurocDef() },
  { name: "binaryAuroc binned", kind: "binary", def: () => C.binaryAurocDef({ thresholds: 11 }) },
  { name: "binaryAuroc maxFpr", kind: "binary", def: () => C.binaryAurocDef({ maxFpr: 0.5 }) },
  { name: "binaryAveragePrecision", kind: "binary", def: () => C.binaryAveragePrecisionDef() },
  {
    name: "binaryAveragePrecision binned",
    kind: "binary",
    def: () => C.binaryAveragePrecisionDef({ thresholds: [0.1, 0.35, 0.6, 0.9] }),
  },
  { name: "binaryRocCurve", kind: "binary", def: () => C.binaryRocCurveDef() },
  {
    name: "binaryRocCurve sklearn",
    kind: "binary",
    def: () => C.binaryRocCurveDef({ convention: "sklearn" }),
  },
  { name: "binaryPrecisionRecallCurve", kind: "binary", def: () => C.binaryPrecisionRecallCurveDef() },
  { name: "binaryLogLoss", kind: "binaryWeighted", def: () => C.binaryLogLossDef() },
  { name: "binaryBrierScore", kind: "binary", def: () => C.binaryBrierScoreDef() },
  { name: "binaryHingeLoss", kind: "binary", def: () => C.binaryHingeLossDef({ squared: true }) },
  { name: "binaryCalibrationError", kind: "binary", def: () => C.binaryCalibrationErrorDef({ nBins: 5 }) },
  {
    name: "binaryRecallAtFixedPrecision",
    kind: "binary",
    def: () => C.binaryRecallAtFixedPrecisionDef({ minPrecision: 0.5 }),
  },
  {
    name: "binaryPrecisionAtFixedRecall",
    kind: "binary",
    def: () => C.binaryPrecisionAtFixedRecallDef({ minRecall: 0.5 }),
  },
  {
    name: "binarySpecificityAtSensitivity",
    kind: "binary",
    def: () => C.binarySpecificityAtSensitivityDef({ minSensitivity: 0.5 }),
  },
  {
    name: "binarySensitivityAtSpecificity",
    kind: "binary",
    def: () => C.binarySensitivityAtSpecificityDef({ minSpecificity: 0.5 }),
  },
  { name: "binaryEqualErrorRate", kind: "binary", def: () => C.binaryEqualErrorRateDef() },
  // multiclass
  { name: "multiclassAccuracy", kind: "multiclass", def: () => C.multiclassAccuracyDef({ numClasses: K }) },
  {
    name: "multiclassAccuracy top2",
    kind: "multiclass",
    def: () => C.multiclassAccuracyDef({ numClasses: K, topK: 2, average: "micro" }),
  },
  {
    name: "multiclassPrecision",
    kind: "multiclass",
    def: () => C.multiclassPrecisionDef({ numClasses: K, average: "weighted" }),
  },
  {
    name: "multiclassRecall",
    kind: "multiclass",
    def: () => C.multiclassRecallDef({ numClasses: K, average: "none" }),
  },
  { name: "multiclassF1", kind: "multiclass", def: () => C.multiclassF1Def({ numClasses: K }) },
  {
    name: "multiclassSpecificity",
    kind: "multiclass",
    def: () => C.multiclassSpecificityDef({ numClasses: K }),
  },
  {
    name: "multiclassJaccardIndex",
    kind: "multiclass",
    def: () => C.multiclassJaccardIndexDef({ numClasses: K, average: "micro" }),
  },
  {
    name: "multiclassHammingDistance",
    kind: "multiclass",
    def: () => C.multiclassHammingDistanceDef({ numClasses: K }),
  },
  {
    name: "multiclassMatthewsCorrcoef",
    kind: "multiclass",
    def: () => C.multiclassMatthewsCorrcoefDef({ numClasses: K }),
  },
  {
    name: "multiclassCohenKappa",
    kind: "multiclass",
    def: () => C.multiclassCohenKappaDef({ numClasses: K, weights: "quadratic" }),
  },
  {
    name: "multiclassBalancedAccuracy",
    kind: "multiclass",
    def: () => C.multiclassBalancedAccuracyDef({ numClasses: K }),
  },
  {
    name: "multiclassConfusionMatrix",
    kind: "multiclass",
    def: () => C.multiclassConfusionMatrixDef({ numClasses: K, normalize: "all" }),
  },
  {
    name: "multiclassStatScores",
    kind: "multiclass",
    def: () => C.multiclassStatScoresDef({ numClasses: K }),
  },
  { name: "multiclassAuroc", kind: "multiclass", def: () => C.multiclassAurocDef({ numClasses: K }) },
  {
    name: "multiclassAuroc ovo",
    kind: "multiclass",
    def: () => C.multiclassAurocDef({ numClasses: K, multiClass: "ovo", average: "weighted" }),
  },
  {
    name: "multiclassAuroc binned",
    kind: "multiclass",
    def: () => C.multiclassAurocDef({ numClasses: K, thresholds: 5 }),
  },
  {
    name: "multiclassAveragePrecision",
    kind: "multiclass",
    def: () => C.multiclassAveragePrecisionDef({ numClasses: K }),
  },
  { name: "multiclassRocCurve", kind: "multiclass", def: () => C.multiclassRocCurveDef({ numClasses: K }) },
  { name: "multiclassLogLoss", kind: "multiclass", def: () => C.multiclassLogLossDef({ numClasses: K }) },
  {
    name: "multiclassBrierScore",
    kind: "multiclass",
    def: () => C.multiclassBrierScoreDef({ numClasses: K }),
  },
  { name: "multiclassHingeLoss", kind: "multiclass", def: () => C.multiclassHingeLossDef({ numClasses: K }) },
  {
    name: "multiclassCalibrationError",
    kind: "multiclass",
    def: () => C.multiclassCalibrationErrorDef({ numClasses: K, norm: "l2" }),
  },
  // multilabel
  { name: "multilabelAccuracy", kind: "multilabel", def: () => C.multilabelAccuracyDef({ numLabels: K }) },
  {
    name: "multilabelPrecision samples",
    kind: "multilabel",
    def: () => C.multilabelPrecisionDef({ numLabels: K, average: "samples" }),
  },
  {
    name: "multilabelF1",
    kind: "multilabel",
    def: () => C.multilabelF1Def({ numLabels: K, average: "micro" }),
  },
  {
    name: "multilabelJaccardIndex",
    kind: "multilabel",
    def: () => C.multilabelJaccardIndexDef({ numLabels: K }),
  },
  {
    name: "multilabelExactMatch",
    kind: "multilabel",
    def: () => C.multilabelExactMatchDef({ numLabels: K }),
  },
  {
    name: "multilabelHammingDistance",
    kind: "multilabel",
    def: () => C.multilabelHammingDistanceDef({ numLabels: K }),
  },
  {
    name: "multilabelMatthewsCorrcoef",
    kind: "multilabel",
    def: () => C.multilabelMatthewsCorrcoefDef({ numLabels: K }),
  },
  {
    name: "multilabelConfusionMatrix",
    kind: "multilabel",
    def: () => C.multilabelConfusionMatrixDef({ numLabels: K }),
  },
  {
    name: "multilabelAuroc",
    kind: "multilabel",
    def: () => C.multilabelAurocDef({ numLabels: K, average: "micro" }),
  },
  {
    name: "multilabelAveragePrecision",
    kind: "multilabel",
    def: () => C.multilabelAveragePrecisionDef({ numLabels: K }),
  },
  {
    name: "multilabelRankingAveragePrecision",
    kind: "multilabel",
    def: () => C.multilabelRankingAveragePrecisionDef({ numLabels: K }),
  },
  {
    name: "multilabelRankingLoss",
    kind: "multilabel",
    def: () => C.multilabelRankingLossDef({ numLabels: K }),
  },
  {
    name: "multilabelCoverageError",
    kind: "multilabel",
    def: () => C.multilabelCoverageErrorDef({ numLabels: K }),
  },
];

/** One sample of each kind: scores on a coarse grid so ties happen. */
const grid = fc.integer({ min: 0, max: 10 }).map((v) => v / 10);
const sample = {
  binary: fc.tuple(grid, fc.integer({ min: 0, max: 1 })),
  binaryWeighted: fc.tuple(
    grid,
    fc.integer({ min: 0, max: 1 }),
    fc.integer({ min: 1, max: 4 }).map((w) => w / 2),
  ),
  multiclass: fc.tuple(
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: K, maxLength: K }),
    fc.integer({ min: 0, max: K - 1 }),
  ),
  multilabel: fc.tuple(
    fc.array(grid, { minLength: K, maxLength: K }),
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: K, maxLength: K }),
  ),
};

type Row = [unknown, unknown, unknown?];

function toArgs(kind: Kind, rows: Row[]): unknown[] {
  if (kind === "multiclass") {
    // Normalise integer weights into probability rows (exact enough; every metric sees the same rows).
    const preds = rows.map(([w]) => {
      const v = w as number[];
      const s = v.reduce((a, b) => a + b, 0);
      return v.map((x) => x / s);
    });
    return [preds, rows.map((r) => r[1] as number)];
  }
  if (kind === "multilabel") return [rows.map((r) => r[0]), rows.map((r) => r[1])];
  const args: unknown[] = [rows.map((r) => r[0] as number), rows.map((r) => r[1] as number)];
  if (kind === "binaryWeighted") args.push(rows.map((r) => r[2] as number));
  return args;
}

function run(def: AnyMetricDef, kind: Kind, batches: Row[][]) {
  const metric = createMetric(def);
  for (const b of batches) metric.update(...toArgs(kind, b));
  return metric;
}

function closeOrBothThrow(a: () => unknown, b: () => unknown, rtol = 1e-9) {
  let ra: unknown;
  let rb: unknown;
  let ea: unknown;
  let eb: unknown;
  try {
    ra = a();
  } catch (e) {
    ea = e;
  }
  try {
    rb = b();
  } catch (e) {
    eb = e;
  }
  if (ea || eb) {
    expect((ea as Error)?.message).toBe((eb as Error)?.message);
    return;
  }
  const verdict = compareClose(
    rb,
    JSON.parse(JSON.stringify(ra, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))),
    rtol,
    1e-12,
  );
  expect(verdict.ok, verdict.detail).toBe(true);
}

function splits(length: number) {
  return fc
    .array(fc.integer({ min: 0, max: length }), { maxLength: 4 })
    .map((cuts) => [...cuts].sort((x, y) => x - y));
}

function cut<T>(rows: T[], points: number[]): T[][] {
  const out: T[][] = [];
  let prev = 0;
  for (const p of [...points, rows.length]) {
    out.push(rows.slice(prev, p));
    prev = p;
  }
  return out;
}

describe("classification metric properties", () => {
  for (const entry of entries) {
    const rows = fc.array(sample[entry.kind] as fc.Arbitrary<Row>, { minLength: 1, maxLength: 40 });
    it(`${entry.name}: batch split + merge equals one update`, () => {
      fc.assert(
        fc.property(
          rows.chain((r) => fc.tuple(fc.constant(r), splits(r.length))),
          ([data, points]) => {
            const def = entry.def();
            const whole = run(def, entry.kind, [data]);
            const merged = createMetric(def);
            for (const part of cut(data, points)) merged.merge(run(def, entry.kind, [part]));
            closeOrBothThrow(
              () => whole.compute(),
              () => merged.compute(),
            );
          },
        ),
        { numRuns: 40 },
      );
    });
    it(`${entry.name}: sample order does not change the result`, () => {
      fc.assert(
        fc.property(
          rows.chain((r) =>
            fc.tuple(fc.constant(r), fc.shuffledSubarray(r, { minLength: r.length, maxLength: r.length })),
          ),
          ([data, shuffled]) => {
            const def = entry.def();
            closeOrBothThrow(
              () => run(def, entry.kind, [data]).compute(),
              () => run(def, entry.kind, [shuffled]).compute(),
            );
          },
        ),
        { numRuns: 40 },
      );
    });
    it(`${entry.name}: toJSON/fromJSON mid-stream round trip`, () => {
      fc.assert(
        fc.property(rows, rows, (first, second) => {
          const def = entry.def();
          const a = run(def, entry.kind, [first]);
          const text = JSON.stringify(a.toJSON());
          const b = createMetric(def).fromJSON(text);
          a.update(...toArgs(entry.kind, second));
          b.update(...toArgs(entry.kind, second));
          closeOrBothThrow(
            () => a.compute(),
            () => b.compute(),
            0,
          );
        }),
        { numRuns: 25 },
      );
    });
    it(`${entry.name}: numeric results lie in the documented range`, () => {
      const [lo, hi] = entry.def().meta.range;
      fc.assert(
        fc.property(rows, (data) => {
          const value = run(entry.def(), entry.kind, [data]).compute();
          const numbers: number[] = [];
          const collect = (v: unknown) => {
            if (typeof v === "number") numbers.push(v);
            else if (Array.isArray(v)) v.forEach(collect);
          };
          if (typeof value === "number" || Array.isArray(value)) collect(value);
          for (const v of numbers)
            if (!Number.isNaN(v) && Number.isFinite(v))
              expect(v >= lo - 1e-12 && v <= hi + 1e-12, `${v} in [${lo}, ${hi}]`).toBe(true);
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe("AUROC and average precision are rank statistics", () => {
  // Scores on grids no strictly increasing map below rounds together (exp keeps a relative gap of
  // at least 2^-16): a coarse grid for many ties, a fine one for many distinct scores. Arbitrary
  // doubles near 0 collapse under exp (exp(1e-300) === exp(0)), so at 60 rows nearly every draw
  // was skipped by the precondition.
  const score = fc.oneof(
    fc.integer({ min: -20, max: 20 }).map((k) => k / 4),
    fc.integer({ min: -5 * 2 ** 16, max: 5 * 2 ** 16 }).map((k) => k / 2 ** 16),
  );
  const data = fc.array(fc.tuple(score, fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 });
  const transforms: [string, (x: number) => number][] = [
    ["exp", Math.exp],
    ["3x + 7", (x) => 3 * x + 7],
    ["x^3", (x) => x * x * x],
  ];
  for (const [name, f] of transforms) {
    it(`binaryAuroc and binaryAveragePrecision are unchanged under the strictly increasing map ${name}`, () => {
      fc.assert(
        fc.property(data, (rows) => {
          const s = rows.map((r) => r[0]);
          const t = rows.map((r) => r[1]);
          const g = s.map(f);
          // Strictly increasing maps can still merge two close doubles after rounding; skip those draws.
          const distinctBefore = new Set(s).size;
          fc.pre(new Set(g).size === distinctBefore);
          // Scores as they are: under "auto", values outside [0, 1] would be squashed (and a
          // sigmoid can merge far-apart logits once it rounds to 1).
          const o = { predsKind: "scores" } as const;
          expect(C.binaryAuroc(g, t, o)).toBeCloseTo(C.binaryAuroc(s, t, o), 12);
          expect(C.binaryAveragePrecision(g, t, o)).toBeCloseTo(C.binaryAveragePrecision(s, t, o), 12);
        }),
        { numRuns: 100 },
      );
    });
  }
  it("exact AUROC equals the Mann-Whitney probability P(s+ > s-) + P(s+ = s-)/2", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(grid, fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 50 }),
        (rows) => {
          const pos = rows.filter((r) => r[1] === 1).map((r) => r[0]);
          const neg = rows.filter((r) => r[1] === 0).map((r) => r[0]);
          fc.pre(pos.length > 0 && neg.length > 0);
          let u = 0;
          for (const p of pos) for (const n of neg) u += p > n ? 1 : p === n ? 0.5 : 0;
          expect(
            C.binaryAuroc(
              rows.map((r) => r[0]),
              rows.map((r) => r[1]),
            ),
          ).toBeCloseTo(u / (pos.length * neg.length), 12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
