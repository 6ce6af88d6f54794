/**
 * Issue 13 §3: every retrieval metric's merged result is bit-identical (Object.is) for any split
 * of the data into shards and any merge order and tree. Random documents (distinct scores, so no
 * tie order is involved; a query's documents may land in several shards) and random score
 * matrices with weights from 1e-20 to 1e21 (signed relevance for DCG) are cut at random points, each shard updates its own
 * state, and the states merge in a random order as a random tree; the result must equal one
 * metric updated with the shards in order. Every `*Def` export is covered.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitDifference, splitAndMerge } from "../../../test/support/merge-tree.js";
import type { AnyMetricDef } from "../../metric.js";
import * as retrieval from "./index.js";

/** One unit of data: a document of a grouped query, or a row of a score matrix. */
interface Unit {
  score: number;
  grade: number;
  query: number;
  row: number[];
  relevance: number[];
  weight: number;
}

const units = fc
  .array(
    fc.record({
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      grade: fc.integer({ min: 0, max: 3 }),
      query: fc.integer({ min: 0, max: 4 }),
      row: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      relevance: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
      weight: fc
        .integer({ min: -20, max: 20 })
        .chain((e) => fc.double({ min: 1, max: 10, noNaN: true }).map((m) => m * 10 ** e)),
    }),
    { minLength: 3, maxLength: 30 },
  )
  // Distinct scores: with ties, "torchmetrics" ranks in input order by definition.
  .map((list) => list.map((u, i) => ({ ...u, score: u.score + i * 1e-3 })));

type Args = (shard: readonly Unit[]) => unknown[];
const binary: Args = (s) => [
  s.map((u) => u.score),
  s.map((u) => (u.grade > 1 ? 1 : 0)),
  s.map((u) => u.query),
];
const graded: Args = (s) => [s.map((u) => u.score), s.map((u) => u.grade), s.map((u) => u.query)];
/** Rows with signed relevance (DCG) and their absolute values (nDCG refuses negative relevance). */
const matrix: Args = (s) => [s.map((u) => u.row), s.map((u) => u.relevance), s.map((u) => u.weight)];
const nonNegative: Args = (s) => [
  s.map((u) => u.row),
  s.map((u) => u.relevance.map(Math.abs)),
  s.map((u) => u.weight),
];

const defs: [string, AnyMetricDef, Args][] = [
  ["retrievalMap", retrieval.retrievalMapDef({ topK: 3 }), binary],
  ["retrievalMrr", retrieval.retrievalMrrDef(), binary],
  ["retrievalNdcg", retrieval.retrievalNdcgDef({ gain: "exponential" }), graded],
  ["retrievalPrecision", retrieval.retrievalPrecisionDef({ topK: 2 }), binary],
  ["retrievalRecall", retrieval.retrievalRecallDef({ topK: 2 }), binary],
  ["retrievalHitRate", retrieval.retrievalHitRateDef({ topK: 1 }), binary],
  ["retrievalRPrecision", retrieval.retrievalRPrecisionDef(), binary],
  ["retrievalFallOut", retrieval.retrievalFallOutDef({ topK: 2 }), binary],
  ["retrievalAuroc", retrieval.retrievalAurocDef(), binary],
  ["ndcgScore", retrieval.ndcgScoreDef({ k: 3 }), nonNegative],
  ["dcgScore", retrieval.dcgScoreDef(), matrix],
  [
    "retrievalSuite",
    retrieval.retrievalSuiteDef({
      metrics: ["map", "mrr", "ndcg@3", "p@2", "recall@2", "hit_rate@1", "rprec"],
    }),
    binary,
  ],
];

describe("retrieval: merged results are bit-identical for any split and merge order", () => {
  it("covers every *Def export of plumbline/retrieval", () => {
    const factories = Object.keys(retrieval).filter((name) => name.endsWith("Def"));
    expect(factories.sort()).toEqual(defs.map(([name]) => `${name}Def`).sort());
  });

  it.each(defs)(
    "%s",
    (_, def, args) => {
      fc.assert(
        fc.property(
          units,
          fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 7 }),
          (data, cuts, order) => {
            const { sequential, merged } = splitAndMerge(def, args, data, cuts, order);
            expect(bitDifference(merged, sequential)).toBeUndefined();
          },
        ),
        { numRuns: Number(process.env.MERGE_RUNS ?? 100) },
      );
    },
    60_000,
  );
});
