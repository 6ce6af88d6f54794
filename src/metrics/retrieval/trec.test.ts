import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { evaluateRunGrouped, evaluateTrec, parseTrecQrels, parseTrecRun } from "./trec.js";

const run = parseTrecRun(
  [
    "q1 Q0 d1 1 0.9 t",
    "q1 Q0 d2 2 0.8 t",
    "q1 Q0 d3 3 0.8 t",
    "q1 Q0 d4 4 0.1 t",
    "q2 Q0 x 1 1 t",
    "q3 Q0 y 1 1 t",
  ].join("\n"),
);
const qrels = parseTrecQrels(["q1 0 d1 0", "q1 0 d3 2", "q1 0 d4 1", "q1 0 d9 1", "q2 0 x 0"].join("\n"));

describe("evaluateTrec (trec_eval conventions)", () => {
  it("ranks ties by docno descending and divides by every judged relevant document", () => {
    // q1 ranking: d1 (0.9), then the 0.8 tie by docno descending: d3, d2; then d4.
    // relevance: 0, 2, 0, 1; judged relevant: d3, d4, d9 → R = 3.
    // AP = (1/2 + 2/4) / 3 = 1/3; RR = 1/2; P@2 = 1/2; recall@4 = 2/3; Rprec = (1 relevant in top 3)/3.
    // nDCG@4: DCG = 2/log2(3) + 1/log2(5); IDCG = 2 + 1/log2(3) + 1/log2(4).
    // q2 has no relevant document: every metric 0. q3 is not in the qrels: left out.
    const r = evaluateTrec(run, qrels, ["map", "mrr", "p@2", "recall@4", "rprec", "ndcg@4", "hit_rate@1"]);
    expect(r.queries).toEqual(["q1", "q2"]);
    const q1 = r.perQuery.q1!;
    expect(q1.map).toBeCloseTo(1 / 3, 15);
    expect(q1.mrr).toBe(0.5);
    expect(q1["p@2"]).toBe(0.5);
    expect(q1["recall@4"]).toBeCloseTo(2 / 3, 15);
    expect(q1.rprec).toBeCloseTo(1 / 3, 15);
    expect(q1["ndcg@4"]).toBeCloseTo(
      (2 / Math.log2(3) + 1 / Math.log2(5)) / (2 + 1 / Math.log2(3) + 0.5),
      15,
    );
    expect(q1["hit_rate@1"]).toBe(0);
    expect(r.means.map).toBeCloseTo(1 / 6, 15);
  });

  it("pins parse and option errors", () => {
    expect(() => parseTrecRun("q1 Q0 d1 1 0.9")).toThrow(
      "parseTrecRun: run line 1: run lines must have 6 columns (qid Q0 docno rank score tag), got 5",
    );
    expect(() => parseTrecQrels("q1 0 d1 x", "eval retrieval", "qrels.txt")).toThrow(
      'eval retrieval: qrels.txt line 1: the relevance must be an integer, got "x"',
    );
    expect(() => evaluateTrec(run, qrels, ["p"])).toThrow(
      'evaluateTrec: option `metrics` p needs a cut-off (p@k), got "p"',
    );
    expect(() => evaluateTrec(run, qrels, ["bleu"])).toThrow(/option `metrics` must name/);
  });
});

describe("duplicate documents (issue 9: each copy used to count)", () => {
  it("a run listing a docno twice for one query is refused with the file and both lines, as trec_eval", () => {
    const text = ["q1 Q0 d1 1 0.9 t", "q1 Q0 d2 2 0.8 t", "q2 Q0 d1 1 0.9 t", "q1 Q0 d1 3 0.7 t"].join("\n");
    expectError(
      () => parseTrecRun(text, "eval retrieval", "runs/bm25.txt"),
      "invalid_value",
      'eval retrieval: runs/bm25.txt line 4: the run lists document "d1" for query "q1" twice (first at line 1); trec_eval refuses duplicate documents',
    );
    // The same docno under another query is fine (line 3 above alone parses).
    expect(parseTrecRun(text.split("\n").slice(0, 3).join("\n")).get("q2")).toEqual([
      { docno: "d1", score: 0.9 },
    ]);
  });

  it("qrels judging a docno twice for one query are refused too", () => {
    expectError(
      () => parseTrecQrels("q1 0 d1 1\nq1 0 d1 0", "eval retrieval", "qrels.txt"),
      "invalid_value",
      'eval retrieval: qrels.txt line 2: the qrels lists document "d1" for query "q1" twice (first at line 1); trec_eval refuses duplicate documents',
    );
  });

  it("the issue's reproduction: 1 of 3 relevant retrieved three times no longer scores recall@3 = 1", () => {
    const qrels3 = parseTrecQrels("q 0 a 1\nq 0 b 1\nq 0 c 1");
    const dup = "q Q0 a 1 3 t\nq Q0 a 2 2 t\nq Q0 a 3 1 t";
    expect(() => parseTrecRun(dup)).toThrow(/twice/);
    const clean = parseTrecRun("q Q0 a 1 3 t");
    // one relevant retrieved of three judged relevant: recall@3 = 1/3, AP = 1/3
    expect(evaluateTrec(clean, qrels3, ["recall@3", "map"]).means).toEqual({ "recall@3": 1 / 3, map: 1 / 3 });
  });
});

describe("evaluateRunGrouped (torchmetrics conventions with a tie rule)", () => {
  it("counts only retrieved documents and applies the tie rule", () => {
    // q1 in run order: d1 0.9 (0), d2 0.8 (unjudged: 0), d3 0.8 (grade 2 → 1), d4 0.1 (1); q2: x (0); q3 not judged.
    // input order: AP q1 = (1/3 + 2/4)/2 = 5/12; q2 has no relevant document → 0 ("neg"): mean 5/24.
    expect(evaluateRunGrouped(run, qrels, ["map"]).map).toBeCloseTo(5 / 24, 15);
    // average: the d2/d3 tie at ranks 2-3 holding one relevant: (1/2)(1/2 + 1/3) = 5/12, then d4 at rank 4: 2/4;
    // AP q1 = (5/12 + 1/2)/2 = 11/24; mean with q2 = 11/48, or 11/24 when q2 is skipped.
    expect(evaluateRunGrouped(run, qrels, ["map"], { ties: "average" }).map).toBeCloseTo(11 / 48, 15);
    expect(
      evaluateRunGrouped(run, qrels, ["map"], { ties: "average", emptyTargetAction: "skip" }).map,
    ).toBeCloseTo(11 / 24, 15);
  });
});
