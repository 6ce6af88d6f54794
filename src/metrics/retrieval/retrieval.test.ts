import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric, type MetricDef } from "../../metric.js";
import {
  averagePrecisionKernel,
  retrievalMap,
  retrievalMapDef,
  retrievalMapMeta,
} from "./average-precision.js";
import { dcgScore, ndcgScore } from "./dcg-score.js";
import { retrievalFallOut, retrievalFallOutDef } from "./fall-out.js";
import {
  RETRIEVAL_OPTIONS,
  type RetrievalArgs,
  type RetrievalState,
  readRetrievalOptions,
  retrievalDef,
  type TieHandling,
} from "./grouped.js";
import { retrievalHitRate, retrievalHitRateDef } from "./hit-rate.js";
import { ndcgKernel, retrievalNdcg, retrievalNdcgDef, retrievalNdcgMeta } from "./ndcg.js";
import { retrievalPrecision, retrievalPrecisionDef } from "./precision-at-k.js";
import { retrievalRPrecision, retrievalRPrecisionDef } from "./r-precision.js";
import { retrievalRecall, retrievalRecallDef } from "./recall-at-k.js";
import { retrievalMrr, retrievalMrrDef } from "./reciprocal-rank.js";
import { retrievalAuroc, retrievalAurocDef } from "./retrieval-auroc.js";

type Def = MetricDef<RetrievalState, RetrievalArgs, number>;
type Factory = (options: {
  topK?: number | null;
  ties?: TieHandling;
  emptyTargetAction?: "neg" | "pos" | "skip";
}) => Def;

const factories: Record<string, Factory> = {
  map: (o) => retrievalMapDef(o),
  mrr: (o) => retrievalMrrDef(o),
  ndcg: (o) => retrievalNdcgDef(o),
  precision: (o) => retrievalPrecisionDef(o),
  recall: (o) => retrievalRecallDef(o),
  hitRate: (o) => retrievalHitRateDef(o),
  fallOut: (o) => retrievalFallOutDef(o),
  rPrecision: ({ topK: _k, ...o }) => retrievalRPrecisionDef(o),
  auroc: (o) => retrievalAurocDef(o),
};

const run = (def: Def, i: number[], p: number[], t: number[]) => {
  const s = def.init();
  def.update(s, p, t, i);
  return def.compute(s);
};

describe("hand-worked values", () => {
  // q0: scores .9 .8 .7 .6, relevance 1 0 1 0; q1: scores .5 .4, relevance 0 1.
  const indexes = [0, 0, 0, 0, 1, 1];
  const preds = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
  const target = [1, 0, 1, 0, 0, 1];

  it("retrievalMap: AP q0 = (1/1 + 2/3)/2, q1 = 1/2", () => {
    expect(retrievalMap(preds, target, indexes)).toBeCloseTo(((1 + 2 / 3) / 2 + 0.5) / 2, 15);
  });
  it("retrievalMrr: q0 1/1, q1 1/2", () => {
    expect(retrievalMrr(preds, target, indexes)).toBe(0.75);
  });
  it("retrievalPrecision@2: q0 1/2, q1 1/2; recall@2: q0 1/2, q1 1", () => {
    expect(retrievalPrecision(preds, target, indexes, { topK: 2 })).toBe(0.5);
    expect(retrievalRecall(preds, target, indexes, { topK: 2 })).toBe(0.75);
  });
  it("retrievalPrecision divides by topK even past the list (torchmetrics), or by the list with adaptiveK", () => {
    // q1 at k=4: 1 relevant / 4; adaptive: 1 / 2
    expect(retrievalPrecision([0.5, 0.4], [0, 1], [1, 1], { topK: 4 })).toBe(0.25);
    expect(retrievalPrecision([0.5, 0.4], [0, 1], [1, 1], { topK: 4, adaptiveK: true })).toBe(0.5);
  });
  it("retrievalHitRate@1: q0 hit, q1 miss", () => {
    expect(retrievalHitRate(preds, target, indexes, { topK: 1 })).toBe(0.5);
  });
  it("retrievalFallOut@1: q0 0 of 2 non-relevant, q1 1 of 1", () => {
    expect(retrievalFallOut(preds, target, indexes, { topK: 1 })).toBe(0.5);
  });
  it("retrievalRPrecision: q0 R=2, 1 in top 2; q1 R=1, 0 in top 1", () => {
    expect(retrievalRPrecision(preds, target, indexes)).toBe(0.25);
  });
  it("retrievalAuroc: q0 3 of 4 pairs ordered; q1 0 of 1", () => {
    expect(retrievalAuroc(preds, target, indexes)).toBe(0.375);
  });
  it("retrievalNdcg with graded relevance, linear and exponential gain", () => {
    // ranking by score: rel 2, 0, 1, 3. DCG = 2 + 0 + 1/2 + 3/log2(5); IDCG = 3 + 2/log2(3) + 1/2.
    const i = [7, 7, 7, 7];
    const p = [0.1, 0.4, 0.3, 0.2];
    const t = [3, 2, 0, 1];
    expect(retrievalNdcg(p, t, i)).toBeCloseTo(
      (2 + 0.5 + 3 / Math.log2(5)) / (3 + 2 / Math.log2(3) + 0.5),
      15,
    );
    // gains 2^rel - 1: 3, 0, 1, 7 in ranked order; ideal 7, 3, 1.
    expect(retrievalNdcg(p, t, i, { gain: "exponential" })).toBeCloseTo(
      (3 + 0.5 + 7 / Math.log2(5)) / (7 + 3 / Math.log2(3) + 0.5),
      15,
    );
    // top 2: DCG 2 + 0; IDCG 3 + 2/log2(3)
    expect(retrievalNdcg(p, t, i, { topK: 2 })).toBeCloseTo(2 / (3 + 2 / Math.log2(3)), 15);
  });
  it("ndcgScore (sklearn form) averages tied scores", () => {
    // row: scores [1, 1, 0], relevance [0, 1, 0]: the tie group holds gain 1 over positions 1-2:
    // DCG = (1/2)(1 + 1/log2(3)); IDCG = 1.
    expect(ndcgScore([[1, 1, 0]], [[0, 1, 0]])).toBeCloseTo(0.5 * (1 + 1 / Math.log2(3)), 15);
    expect(ndcgScore([[1, 1, 0]], [[0, 1, 0]], { ignoreTies: true })).toBeCloseTo(1 / Math.log2(3), 15);
    // an all-zero row scores 0 and counts
    expect(
      ndcgScore(
        [
          [1, 0],
          [1, 0],
        ],
        [
          [1, 0],
          [0, 0],
        ],
      ),
    ).toBe(0.5);
  });
});

describe("tie handling", () => {
  it("MAP of a two-way tie: average 3/4 (orders give 1 and 1/2), optimistic 1, pessimistic 1/2, torchmetrics input order", () => {
    expect(retrievalMap([0.5, 0.5], [1, 0], [0, 0], { ties: "average" })).toBe(0.75);
    expect(retrievalMap([0.5, 0.5], [0, 1], [0, 0], { ties: "optimistic" })).toBe(1);
    expect(retrievalMap([0.5, 0.5], [1, 0], [0, 0], { ties: "pessimistic" })).toBe(0.5);
    expect(retrievalMap([0.5, 0.5], [1, 0], [0, 0])).toBe(1);
    expect(retrievalMap([0.5, 0.5], [0, 1], [0, 0])).toBe(0.5);
  });
  it("MAP@2 with a tie group straddling the cut-off: the relevant one is inside with probability 1/3, AP@2 = 1/2 then", () => {
    expect(
      retrievalMap([0.9, 0.5, 0.5, 0.5], [0, 1, 0, 0], [0, 0, 0, 0], { topK: 2, ties: "average" }),
    ).toBeCloseTo(1 / 6, 15);
  });
  it("MRR of a three-way tie with one relevant: (1 + 1/2 + 1/3)/3", () => {
    expect(retrievalMrr([0.5, 0.5, 0.5], [0, 0, 1], [0, 0, 0], { ties: "average" })).toBeCloseTo(11 / 18, 15);
  });
  it("hit rate@1 and precision@2 with a three-way tie holding one relevant", () => {
    expect(
      retrievalHitRate([0.5, 0.5, 0.5, 0.1], [1, 0, 0, 0], [0, 0, 0, 0], { topK: 1, ties: "average" }),
    ).toBeCloseTo(1 / 3, 15);
    expect(
      retrievalPrecision([0.5, 0.5, 0.5, 0.1], [1, 0, 0, 0], [0, 0, 0, 0], { topK: 2, ties: "average" }),
    ).toBeCloseTo(1 / 3, 15);
  });
  it("AUROC ties earn 1/2, 1 or 0", () => {
    expect(retrievalAuroc([0.5, 0.5], [1, 0], [0, 0])).toBe(0.5);
    expect(retrievalAuroc([0.5, 0.5], [1, 0], [0, 0], { ties: "optimistic" })).toBe(1);
    expect(retrievalAuroc([0.5, 0.5], [1, 0], [0, 0], { ties: "pessimistic" })).toBe(0);
  });

  function permutations(n: number): number[][] {
    if (n === 1) return [[0]];
    return permutations(n - 1).flatMap((p) =>
      Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
    );
  }

  it("ties: 'average' equals the mean over every input order of the input-order rule (McSherry & Najork)", () => {
    const names = ["map", "mrr", "precision", "recall", "hitRate", "fallOut", "rPrecision", "auroc"];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...names),
        (docs, topK, name) => {
          const target = docs.map((d) => d[1]);
          if (!target.includes(1) || !target.includes(0)) return;
          const preds = docs.map((d) => 1 + d[0]);
          const indexes = docs.map(() => 0);
          const perms = permutations(docs.length);
          let sum = 0;
          for (const p of perms) {
            sum += run(
              factories[name]!({ topK }),
              indexes,
              p.map((j) => preds[j]!),
              p.map((j) => target[j]!),
            );
          }
          expect(run(factories[name]!({ topK, ties: "average" }), indexes, preds, target)).toBeCloseTo(
            sum / perms.length,
            12,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("conventions", () => {
  it("a relevant document with score <= 0 counts as non-relevant for MAP (torchmetrics), unless `keep`", () => {
    expect(retrievalMap([0.5, -0.1], [0, 1], [0, 0])).toBe(0);
    expect(retrievalMap([0.5, -0.1], [0, 1], [0, 0], { nonPositiveScores: "keep" })).toBe(0.5);
  });
  it("a query without relevant documents scores per emptyTargetAction", () => {
    const i = [0, 0, 1, 1];
    const p = [0.9, 0.1, 0.8, 0.2];
    const t = [1, 0, 0, 0];
    expect(retrievalMap(p, t, i)).toBe(0.5);
    expect(retrievalMap(p, t, i, { emptyTargetAction: "pos" })).toBe(1);
    expect(retrievalMap(p, t, i, { emptyTargetAction: "skip" })).toBe(1);
    expect(() => retrievalMap(p, t, i, { emptyTargetAction: "error" })).toThrow(
      'retrievalMap: query 1 has no relevant document (emptyTargetAction "error")',
    );
    // all skipped: 0, as torchmetrics
    expect(retrievalMap([0.5], [0], [0], { emptyTargetAction: "skip" })).toBe(0);
  });
  it("fall-out's empty queries are those without non-relevant documents; default 'pos'", () => {
    expect(retrievalFallOut([0.9, 0.1], [1, 1], [0, 0])).toBe(1);
    expect(retrievalFallOut([0.9, 0.1], [1, 1], [0, 0], { emptyTargetAction: "neg" })).toBe(0);
  });
  it("ignoreIndex drops documents, aggregation takes min/max/median", () => {
    expect(retrievalMap([0.9, 0.8, 0.7], [-1, 0, 1], [0, 0, 0], { ignoreIndex: -1 })).toBe(0.5);
    const i = [0, 0, 1, 1, 2, 2];
    const p = [0.9, 0.1, 0.9, 0.1, 0.9, 0.1];
    const t = [1, 0, 0, 1, 1, 0];
    expect(retrievalMrr(p, t, i, { aggregation: "min" })).toBe(0.5);
    expect(retrievalMrr(p, t, i, { aggregation: "max" })).toBe(1);
    expect(retrievalMrr(p, t, i, { aggregation: "median" })).toBe(1);
  });
  it("aggregation over 150,000 queries (min and max without spreading the values)", () => {
    const queries = 150_000;
    const indexes = new Float64Array(2 * queries);
    const preds = new Float64Array(2 * queries);
    const target = new Float64Array(2 * queries);
    for (let q = 0; q < queries; q++) {
      indexes.fill(q, 2 * q, 2 * q + 2);
      preds.set([0.9, 0.1], 2 * q);
      // every third query has its relevant document first (RR 1), the others second (RR 0.5)
      target.set(q % 3 === 0 ? [1, 0] : [0, 1], 2 * q);
    }
    expect(retrievalMrr(preds, target, indexes, { aggregation: "min" })).toBe(0.5);
    expect(retrievalMrr(preds, target, indexes, { aggregation: "max" })).toBe(1);
    expect(retrievalMrr(preds, target, indexes, { aggregation: "median" })).toBe(0.5);
    expect(retrievalMrr(preds, target, indexes)).toBeCloseTo(2 / 3, 15);
  });
});

describe("errors", () => {
  it("pins codes and messages", () => {
    expectError(
      () => retrievalMap([0.5, 0.2], [1, 0], [0]),
      "shape_mismatch",
      "retrievalMap: `preds`, `target` and `indexes` must have the same length, got 2, 2 and 1",
    );
    expectError(
      () => retrievalMap([0.5, 0.2], [1, 2], [0, 0]),
      "invalid_value",
      "retrievalMap: `target` must contain only 0 and 1, got 2 at index 1 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
    expectError(
      () => retrievalMap([Number.NaN, 0.2], [1, 0], [0, 0]),
      "invalid_value",
      "retrievalMap: `preds` must be finite, got NaN at index 0",
    );
    expectError(
      () => retrievalMap([0.2], [1], [0.5]),
      "invalid_value",
      "retrievalMap: `indexes` must contain integer query ids, got 0.5 at index 0 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
    expectError(
      () => retrievalNdcg([0.2], [-1], [0]),
      "invalid_value",
      "retrievalNdcg: `target` must contain non-negative integer relevance grades, got -1 at index 0 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
    expectError(
      () => retrievalMap([0.2], [1], [0], { topK: 0 }),
      "invalid_option",
      "retrievalMap: option `topK` must be an integer in [1, 2147483647], got 0",
    );
    expectError(
      () => retrievalMap([0.2], [1], [0], { ties: "random" as never }),
      "invalid_option",
      'retrievalMap: option `ties` must be one of "torchmetrics", "average", "optimistic", "pessimistic", got "random"',
    );
    expectError(
      () => retrievalMap([], [], []),
      "empty_input",
      "retrievalMap: no documents were given (call update first)",
    );
    expectError(
      () => ndcgScore([[1]], [[1]]),
      "invalid_value",
      "ndcgScore: `target` must have at least 2 documents per row (sklearn's multilabel or multioutput formats), got 1",
    );
  });
  it("a rejected batch leaves the state untouched", () => {
    const m = createMetric(retrievalMapDef());
    m.update([0.9, 0.1], [1, 0], [0, 0]);
    expect(() => m.update([0.9, 0.1], [1, 5], [1, 1])).toThrow();
    expect(m.state.preds.length).toBe(2);
    expect(m.compute()).toBe(1);
  });
});

describe("streaming properties of every grouped metric", () => {
  const dataset = fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 1 }),
      ),
      { minLength: 1, maxLength: 40 },
    )
    .map((docs) => ({
      indexes: docs.map((d) => d[0]),
      preds: docs.map((d) => d[1] / 5),
      target: docs.map((d) => d[2]),
    }));

  for (const name of Object.keys(factories)) {
    for (const ties of ["torchmetrics", "average", "optimistic", "pessimistic"] as const) {
      it(`${name} (${ties}): any batch split merged equals one update; JSON round trip; result in [0, 1]`, () => {
        fc.assert(
          fc.property(
            dataset,
            fc.array(fc.nat(), { maxLength: 4 }),
            fc.integer({ min: 1, max: 5 }),
            (d, cuts, topK) => {
              const def = factories[name]!({ topK, ties, emptyTargetAction: "skip" });
              const whole = run(def, d.indexes, d.preds, d.target);
              expect(whole).toBeGreaterThanOrEqual(0);
              expect(whole).toBeLessThanOrEqual(1 + 1e-12);
              const points = [...new Set(cuts.map((c) => c % (d.preds.length + 1)))].sort((a, b) => a - b);
              const bounds = [0, ...points, d.preds.length];
              let merged = def.init();
              for (let b = 0; b + 1 < bounds.length; b++) {
                const part = def.init();
                def.update(
                  part,
                  d.preds.slice(bounds[b], bounds[b + 1]),
                  d.target.slice(bounds[b], bounds[b + 1]),
                  d.indexes.slice(bounds[b], bounds[b + 1]),
                );
                merged = def.merge(merged, part);
              }
              expect(def.compute(merged)).toBeCloseTo(whole, 12);
              const metric = createMetric(def).update(d.preds, d.target, d.indexes);
              const restored = createMetric(def).fromJSON(JSON.parse(JSON.stringify(metric.toJSON())));
              expect(restored.compute()).toBe(whole);
            },
          ),
          { numRuns: 40 },
        );
      });
    }
  }

  it("the float32 fast ranking path and the general path agree (scores k vs k/3, same order and ties)", () => {
    fc.assert(
      fc.property(
        dataset,
        fc.constantFrom("torchmetrics", "average", "optimistic", "pessimistic") as fc.Arbitrary<TieHandling>,
        fc.constantFrom(...Object.keys(factories)),
        (d, ties, name) => {
          const def = factories[name]!({ topK: 3, ties, emptyTargetAction: "skip" });
          const integers = d.preds.map((p) => Math.round(p * 5) + 1); // float32-exact: fast path
          const thirds = integers.map((k) => k / 3); // mostly not float32: general path
          expect(run(def, d.indexes, thirds, d.target)).toBeCloseTo(
            run(def, d.indexes, integers, d.target),
            12,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("under 'average', 'optimistic' and 'pessimistic' the input order of documents does not matter", () => {
    fc.assert(
      fc.property(
        dataset,
        fc.constantFrom("average", "optimistic", "pessimistic") as fc.Arbitrary<TieHandling>,
        fc.constantFrom(...Object.keys(factories)),
        (d, ties, name) => {
          const def = factories[name]!({ topK: 3, ties, emptyTargetAction: "skip" });
          const order = d.preds.map((_, i) => i).reverse();
          const a = run(def, d.indexes, d.preds, d.target);
          const b = run(
            def,
            order.map((i) => d.indexes[i]!),
            order.map((i) => d.preds[i]!),
            order.map((i) => d.target[i]!),
          );
          expect(b).toBeCloseTo(a, 12);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("sklearn dcg_score and ndcg_score", () => {
  it("dcgScore reproduces sklearn's doctest: 9.49..., 5.63... at k=2, 7.5 with a tie at k=1", () => {
    // ranked gains 5, 1, 0, 0, 10: 5 + 1/log2(3) + 10/log2(6)
    const p = [[0.1, 0.2, 0.3, 4, 70]];
    const t = [[10, 0, 0, 1, 5]];
    expect(dcgScore(p, t)).toBeCloseTo(5 + 1 / Math.log2(3) + 10 / Math.log2(6), 14);
    expect(dcgScore(p, t, { k: 2 })).toBeCloseTo(5 + 1 / Math.log2(3), 14);
    // scores [1, 0, 0, 0, 1]: the tie of gains 10 and 5 shares rank 1 at k = 1 → (10 + 5) / 2
    expect(dcgScore([[1, 0, 0, 0, 1]], t, { k: 1 })).toBe(7.5);
    expect(dcgScore([[1, 0, 0, 0, 1]], t, { k: 1, ignoreTies: true })).toBe(10);
    // base 10: discounts 1/log10(rank + 1), rank 1 included: 5/log10(2) + 1/log10(3) + 10/log10(6)
    expect(dcgScore(p, t, { logBase: 10 })).toBeCloseTo(
      5 / Math.log10(2) + 1 / Math.log10(3) + 10 / Math.log10(6),
      13,
    );
  });

  it("weights rows as numpy's average, through the (preds, target, sampleWeight, options) overload", () => {
    const p = [
      [0.9, 0.1],
      [0.1, 0.9],
    ];
    const t = [
      [1, 0],
      [1, 0],
    ];
    // row nDCG 1 and 1/log2(3); weights 3 and 1
    expect(ndcgScore(p, t, [3, 1])).toBeCloseTo((3 + 1 / Math.log2(3)) / 4, 15);
    expect(ndcgScore(p, t, [3, 1], { k: 1 })).toBe(0.75);
    expect(ndcgScore(p, t, { k: 1 })).toBe(0.5);
    expectError(
      () => ndcgScore(p, t, [0, 0]),
      "invalid_value",
      "ndcgScore: `sampleWeight` sums to zero, so the weighted mean is undefined (numpy raises)",
    );
    expectError(
      () => dcgScore(p, t, [1]),
      "shape_mismatch",
      "dcgScore: `sampleWeight` must have one weight per row (2), got 1",
    );
  });

  it("pins option and value errors", () => {
    expectError(
      () => dcgScore([[1, 0]], [[1, 0]], { logBase: 1 }),
      "invalid_option",
      "dcgScore: option `logBase` must not be 1 (log 1 = 0 divides by zero), got 1",
    );
    expectError(
      () => ndcgScore([[1, 0]], [[-1, 0]]),
      "invalid_value",
      "ndcgScore: `target` must contain finite non-negative relevance values, got -1 at index 0",
    );
    // dcg_score takes negative relevance, as sklearn: -1 at rank 2 → -1/log2(3)
    expect(dcgScore([[1, 0]], [[0, -1]])).toBeCloseTo(-1 / Math.log2(3), 15);
    expectError(
      () => ndcgScore([[1, 0]], [[1, 0]], { log_base: 2 } as never),
      "invalid_option",
      "ndcgScore: unknown option `log_base`; known: `k`, `ignoreTies`",
    );
  });
});

describe("argument order (preds, target, indexes) and swapped arrays", () => {
  // q0: scores .9 .2 .6, relevance 1 0 1
  const preds = [0.9, 0.2, 0.6];
  const target = [1, 0, 1];
  const indexes = [0, 0, 0];

  it("the torchmetrics order gives the value; the old (indexes, preds, target) order fails loudly", () => {
    expect(retrievalMap(preds, target, indexes)).toBe(1);
    expectError(
      () => retrievalMap(indexes, preds, target),
      "invalid_value",
      "retrievalMap: `target` must contain only 0 and 1, got 0.9 at index 0 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
    expectError(
      () => retrievalNdcg(indexes, preds, [3, 0, 1]),
      "invalid_value",
      "retrievalNdcg: `target` must contain non-negative integer relevance grades, got 0.9 at index 0 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
    // scores passed as query ids
    expectError(
      () => retrievalMrr(target, indexes, preds),
      "invalid_value",
      "retrievalMrr: `indexes` must contain integer query ids, got 0.9 at index 0 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
  });

  it("grades must be integers: a fractional grade is a swapped score, not a gain", () => {
    expectError(
      () => retrievalNdcg([0.5, 0.2], [0.5, 1], [0, 0]),
      "invalid_value",
      "retrievalNdcg: `target` must contain non-negative integer relevance grades, got 0.5 at index 0 (the arguments are (preds, target, indexes), as torchmetrics)",
    );
  });
});

describe("strict options and untrusted states", () => {
  it("every retrieval function refuses unknown options and names the camelCase one for snake_case", () => {
    expectError(
      () => retrievalMap(preds3, target3, indexes3, { top_k: 2 } as never),
      "invalid_option",
      "retrievalMap: unknown option `top_k` (the reference's snake_case name; plumbline calls it `topK`); known: `topK`, `emptyTargetAction`, `ties`, `ignoreIndex`, `aggregation`, `nonPositiveScores`",
    );
    expectError(
      () => retrievalRPrecisionDef({ topK: 3 } as never),
      "invalid_option",
      "retrievalRPrecision: unknown option `topK`; known: `emptyTargetAction`, `ties`, `ignoreIndex`, `aggregation`",
    );
    expectError(
      () => retrievalAurocDef({ max_fpr: 0.1 } as never),
      "invalid_option",
      "retrievalAuroc: unknown option `max_fpr` (the reference's snake_case name; plumbline calls it `maxFpr`); known: `topK`, `emptyTargetAction`, `ties`, `ignoreIndex`, `aggregation`, `maxFpr`",
    );
    expectError(
      () => retrievalPrecisionDef({ adaptiveK: "yes" } as never),
      "invalid_option",
      'retrievalPrecision: option `adaptiveK` must be true or false, got "yes"',
    );
  });

  it("a decoded state is checked: lengths, runs of query ids, 0/1 targets, grades, ignored values", () => {
    const def = retrievalMapDef({ ignoreIndex: -1 });
    const snapshot = createMetric(def).update(preds3, target3, indexes3).toJSON();
    type Buffer = { data: Float64Array | Float32Array; length: number };
    const check = (mutate: (s: Record<string, Buffer>) => void) => {
      const state = structuredClone(createMetric(def).fromJSON(snapshot).state) as unknown as Record<
        string,
        Buffer
      >;
      mutate(state);
      return () => def.validateState!(state);
    };
    expectError(
      check((s) => {
        s.target!.data[1] = 7;
      }),
      "invalid_state",
      "retrieval/map: state.target.data must hold only 0 and 1, got 7 at index 1",
    );
    expectError(
      check((s) => {
        s.runIds!.data[0] = 0.5;
      }),
      "invalid_state",
      "retrieval/map: state.runIds.data must hold integer query ids, got 0.5 at index 0",
    );
    expectError(
      check((s) => {
        s.runLengths!.data[0] = 2;
      }),
      "invalid_state",
      "retrieval/map: state.runLengths must add up to the 3 documents, got 2",
    );
    expectError(
      check((s) => {
        s.preds = { data: new Float64Array(2), length: 2 };
      }),
      "invalid_state",
      "retrieval/map: state.preds and state.target must have the same length, got 2 and 3",
    );
    expectError(
      check((s) => {
        s.target!.data[0] = -1;
      }),
      "invalid_state",
      "retrieval/map: state.target.data must hold only 0 and 1, got -1 at index 0",
    );
    expect(() =>
      retrievalNdcgDef().validateState!({
        preds: { data: new Float64Array([0.5]), length: 1 },
        target: { data: new Float32Array([2.5]), length: 1 },
        runIds: { data: new Float64Array([0]), length: 1 },
        runLengths: { data: new Float64Array([1]), length: 1 },
      }),
    ).toThrow(
      "retrieval/ndcg: state.target.data must hold integer grades in [0, 16777216], got 2.5 at index 0",
    );
  });

  it("query ids are kept as runs: one per query when documents arrive grouped", () => {
    const m = createMetric(retrievalMapDef()).update([0.9, 0.1, 0.5, 0.4], [1, 0, 0, 1], [7, 7, 3, 3]);
    expect(Array.from(m.state.runIds.data.subarray(0, m.state.runIds.length))).toEqual([7, 3]);
    expect(Array.from(m.state.runLengths.data.subarray(0, m.state.runLengths.length))).toEqual([2, 2]);
    // a query split over batches and interleaved with another is gathered back in arrival order
    m.update([0.8], [1], [7]);
    // q7: scores .9 (1), .1 (0), .8 (1): AP = (1/1 + 2/2) / 2 = 1; q3: .5 (0), .4 (1): AP 1/2
    expect(m.compute()).toBe(0.75);
  });

  it("scores stay float32 while they are exactly float32, and widen to float64 for good at the first that is not", () => {
    const m = createMetric(retrievalMapDef()).update([0.5, 0.25], [1, 0], [1, 1]);
    expect(m.state.preds.data).toBeInstanceOf(Float32Array);
    m.update([0.1, 0.3], [0, 1], [2, 2]); // 0.1 is not a float32
    expect(m.state.preds.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.state.preds.data.subarray(0, 4))).toEqual([0.5, 0.25, 0.1, 0.3]);
    // q1: AP 1; q2: .3 relevant first → 1
    expect(m.compute()).toBe(1);
    // a float32 state merged with a float64 one widens; the result equals one update over both
    const a = createMetric(retrievalMapDef()).update([0.5, 0.25], [1, 0], [1, 1]);
    const b = createMetric(retrievalMapDef()).update([0.1, 0.3], [0, 1], [2, 2]);
    const merged = createMetric(retrievalMapDef()).merge(a).merge(b);
    expect(merged.state.preds.data).toBeInstanceOf(Float64Array);
    expect(merged.compute()).toBe(m.compute());
    // and both kinds survive a JSON round trip
    expect(
      createMetric(retrievalMapDef())
        .fromJSON(JSON.parse(JSON.stringify(a.toJSON())))
        .compute(),
    ).toBe(a.compute());
    expect(
      createMetric(retrievalMapDef())
        .fromJSON(JSON.parse(JSON.stringify(m.toJSON())))
        .compute(),
    ).toBe(1);
  });

  it("a batch rejected past its first chunk of 2^16 documents leaves the state as it was", () => {
    const m = createMetric(retrievalMapDef()).update([0.9, 0.4], [1, 0], [4, 4]);
    const n = 100_000;
    const preds = new Float64Array(n).fill(0.5);
    const target = new Float64Array(n);
    const indexes = new Float64Array(n).fill(4); // continues the state's last run
    indexes.fill(5, 50_000);
    target[n - 1] = 2;
    expect(() => m.update(preds, target, indexes)).toThrow(
      /`target` must contain only 0 and 1, got 2 at index 99999/,
    );
    expect(m.state.preds.length).toBe(2);
    expect(m.state.runIds.length).toBe(1);
    expect(m.state.runLengths.data[0]).toBe(2);
    expect(m.compute()).toBe(1);
    // the same batch, valid, extends the run and adds one
    target[n - 1] = 1;
    m.update(preds, target, indexes);
    expect(Array.from(m.state.runLengths.data.subarray(0, 2))).toEqual([50_002, 50_000]);
  });

  it("a rejected batch does not extend the last run", () => {
    const m = createMetric(retrievalMapDef()).update([0.9], [1], [4]);
    expect(() => m.update([0.5, 0.2], [0, 3], [4, 4])).toThrow(/`target` must contain only 0 and 1, got 3/);
    expect(m.state.runLengths.data[0]).toBe(1);
    expect(m.compute()).toBe(1);
  });
});

const preds3 = [0.9, 0.2, 0.6];
const target3 = [1, 0, 1];
const indexes3 = [0, 0, 0];

/** MAP through its direct kernel (`retrievalMap`) and through the ranked kernel, empty queries skipped. */
function mapDirectAndRanked(
  preds: number[],
  binary: number[],
  indexes: number[],
  topK: number | null,
  nonPositiveScores: "irrelevant" | "keep",
): { direct: number; ranked: number } {
  const options = { topK, nonPositiveScores, emptyTargetAction: "skip" as const };
  const { resolved } = readRetrievalOptions("t", options, [...RETRIEVAL_OPTIONS, "nonPositiveScores"]);
  const def = retrievalDef(retrievalMapMeta, "t", resolved, (q, k) =>
    averagePrecisionKernel(q, k, nonPositiveScores),
  );
  const state = def.init();
  def.update(state, preds, binary, indexes);
  return { direct: retrievalMap(preds, binary, indexes, options), ranked: def.compute(state) };
}

describe("direct kernels equal ranking the query", () => {
  // Scores drawn from 13 or 4097 values, graded targets, queries of 1 to 60 documents, split
  // into runs; topK small and large.
  // Scores from 13 values (ties everywhere) or from 4097 (ties now and then).
  const data = fc
    .constantFrom(12, 4096)
    .chain((values) =>
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: 0, max: values }),
          fc.integer({ min: 0, max: 3 }),
        ),
        // size "max": lengths up to 200 (fast-check's default size stops near 10)
        { minLength: 1, maxLength: 200, size: "max" },
      ),
    )
    .chain((docs) =>
      // scores in float32 (eighths) or not (thirds): both storage kinds
      fc.constantFrom(8, 3).map((scale) => ({
        indexes: docs.map((d) => d[0]),
        preds: docs.map((d) => d[1] / scale - 0.5),
        grades: docs.map((d) => d[2]),
      })),
    );

  it("MAP: the bucketed ranks of the relevant documents equal the ranked kernel", () => {
    fc.assert(
      fc.property(
        data,
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        fc.constantFrom("irrelevant", "keep") as fc.Arbitrary<"irrelevant" | "keep">,
        (d, topK, nonPositiveScores) => {
          const binary = d.grades.map((g) => (g >= 2 ? 1 : 0));
          const { direct, ranked } = mapDirectAndRanked(d.preds, binary, d.indexes, topK, nonPositiveScores);
          expect(direct).toBeCloseTo(ranked, 14);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("MAP: queries with many relevant documents (shared buckets, ranked past 32 in one bucket) equal the ranked kernel", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 30,
          maxLength: 400,
          size: "max",
        }),
        // distinct-ish scores (2^20 values) or heavy ties (scores rounded to 4 or 64 values)
        fc.constantFrom(1, 2 ** 14, 2 ** 18),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
        // float32 or float64 scores (both state kinds)
        fc.constantFrom(2 ** -20, 2 ** -20 / 3),
        (docs, round, topK, unit) => {
          const preds = docs.map((d) => Math.floor(d[0] / round) * round * unit);
          const { direct, ranked } = mapDirectAndRanked(
            preds,
            docs.map((d) => d[1]),
            docs.map(() => 0),
            topK,
            "keep",
          );
          expect(direct).toBe(ranked);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("MAP: extreme score ranges (overflowing, subnormal, signed zeros) equal the ranked kernel", () => {
    const extreme = fc.constantFrom(1.7e308, -1.7e308, 5e-324, -5e-324, 0, -0, 1e-310, 2e-310, 1, 0.5);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(extreme, fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 80,
          size: "max",
        }),
        fc.constantFrom("irrelevant", "keep") as fc.Arbitrary<"irrelevant" | "keep">,
        (docs, nonPositiveScores) => {
          const preds = docs.map((d) => d[0]);
          const { direct, ranked } = mapDirectAndRanked(
            preds,
            docs.map((d) => d[1]),
            docs.map(() => 0),
            null,
            nonPositiveScores,
          );
          expect(direct).toBe(ranked);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("MRR, precision@k, recall@k, hit rate: the relevant ranks equal the definition (stable sort by score)", () => {
    fc.assert(
      fc.property(
        data,
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        fc.constantFrom("irrelevant", "keep") as fc.Arbitrary<"irrelevant" | "keep">,
        fc.boolean(),
        (d, topK, nonPositiveScores, adaptiveK) => {
          const binary = d.grades.map((g) => (g >= 2 ? 1 : 0));
          const queries = new Map<number, { s: number; t: number }[]>();
          d.indexes.forEach((q, i) => {
            queries.set(q, [...(queries.get(q) ?? []), { s: d.preds[i]!, t: binary[i]! }]);
          });
          const expected = {
            mrr: [] as number[],
            precision: [] as number[],
            recall: [] as number[],
            hit: [] as number[],
          };
          for (const docs of queries.values()) {
            if (!docs.some((x) => x.t > 0)) continue; // skipped (emptyTargetAction "skip")
            const n = docs.length;
            const ranked = [...docs].sort((a, b) => b.s - a.s); // stable: ties in input order
            const relevant = ranked.map((x) => x.t === 1 && (nonPositiveScores === "keep" || x.s > 0));
            const cut = Math.min(topK ?? n, n);
            const first = relevant.indexOf(true);
            expected.mrr.push(first >= 0 && first < cut ? 1 / (first + 1) : 0);
            const k = topK === null || (adaptiveK && topK > n) ? n : topK;
            expected.precision.push(relevant.slice(0, Math.min(k, n)).filter(Boolean).length / k);
            const all = docs.filter((x) => x.t === 1).length;
            expected.recall.push(relevant.slice(0, cut).filter(Boolean).length / all);
            const hit = ranked.findIndex((x) => x.t === 1);
            expected.hit.push(hit >= 0 && hit < cut ? 1 : 0);
          }
          const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
          const options = { topK, emptyTargetAction: "skip" as const };
          const binaryOptions = { ...options, nonPositiveScores };
          expect(retrievalMrr(d.preds, binary, d.indexes, binaryOptions)).toBeCloseTo(mean(expected.mrr), 14);
          expect(retrievalPrecision(d.preds, binary, d.indexes, { ...binaryOptions, adaptiveK })).toBeCloseTo(
            mean(expected.precision),
            14,
          );
          expect(retrievalRecall(d.preds, binary, d.indexes, binaryOptions)).toBeCloseTo(
            mean(expected.recall),
            14,
          );
          expect(retrievalHitRate(d.preds, binary, d.indexes, options)).toBeCloseTo(mean(expected.hit), 14);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("nDCG@k: the top-k selection equals the ranked kernel (tie-averaged)", () => {
    fc.assert(
      fc.property(
        data,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("linear", "exponential") as fc.Arbitrary<"linear" | "exponential">,
        fc.constantFrom("torchmetrics", "average") as fc.Arbitrary<TieHandling>,
        (d, topK, gain, ties) => {
          const options = { topK, ties, emptyTargetAction: "skip" as const };
          const { resolved } = readRetrievalOptions("t", options, RETRIEVAL_OPTIONS);
          const ranked = retrievalDef(retrievalNdcgMeta, "t", resolved, (q, k) => ndcgKernel(q, k, gain), {
            graded: true,
            groupTies: true,
          });
          const s = ranked.init();
          ranked.update(s, d.preds, d.grades, d.indexes);
          expect(retrievalNdcg(d.preds, d.grades, d.indexes, { ...options, gain })).toBeCloseTo(
            ranked.compute(s),
            14,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
