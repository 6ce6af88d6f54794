import { describe, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { expectSuiteEquivalence } from "../../../test/support/suites.js";
import { retrievalMap } from "./average-precision.js";
import { retrievalHitRate } from "./hit-rate.js";
import { retrievalNdcg } from "./ndcg.js";
import { retrievalPrecision } from "./precision-at-k.js";
import { retrievalRPrecision } from "./r-precision.js";
import { retrievalRecall } from "./recall-at-k.js";
import { retrievalMrr } from "./reciprocal-rank.js";
import { retrievalSuiteDef } from "./suite.js";

// Three queries with ties, a query without relevant documents and a non-positive score.
const preds = [0.9, 0.4, 0.4, 0.1, 0.8, 0.3, 0.5, -0.2, 0.7, 0.6, 0.2];
const target = [1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0];
const indexes = [0, 0, 0, 0, 3, 3, 3, 3, 7, 7, 7];

describe("retrievalSuite", () => {
  it("equals each member's one-shot function (torchmetrics conventions)", async () => {
    const cut = (a: number, b: number) => [preds.slice(a, b), target.slice(a, b), indexes.slice(a, b)];
    await expectSuiteEquivalence(retrievalSuiteDef(), [cut(0, 4), cut(4, 11)], [preds, target, indexes], {
      map: () => retrievalMap(preds, target, indexes),
      mrr: () => retrievalMrr(preds, target, indexes),
      "ndcg@10": () => retrievalNdcg(preds, target, indexes, { topK: 10 }),
      "p@10": () => retrievalPrecision(preds, target, indexes, { topK: 10 }),
      "recall@100": () => retrievalRecall(preds, target, indexes, { topK: 100 }),
      rprec: () => retrievalRPrecision(preds, target, indexes),
    });
    const options = {
      metrics: ["map@2", "hit_rate@1"],
      emptyTargetAction: "skip" as const,
      nonPositiveScores: "keep" as const,
    };
    await expectSuiteEquivalence(
      retrievalSuiteDef(options),
      [cut(0, 7), cut(7, 11)],
      [preds, target, indexes],
      {
        "map@2": () =>
          retrievalMap(preds, target, indexes, {
            topK: 2,
            emptyTargetAction: "skip",
            nonPositiveScores: "keep",
          }),
        "hit_rate@1": () => retrievalHitRate(preds, target, indexes, { topK: 1, emptyTargetAction: "skip" }),
      },
    );
  });

  it("refuses names it does not know, and cut-offs that are missing", () => {
    expectError(
      () => retrievalSuiteDef({ metrics: ["mpa"] }),
      "invalid_option",
      'retrievalSuite: option `metrics` must name map, mrr, ndcg, p, precision, recall, rprec, r_precision, hit_rate, success (with @k where useful), got "mpa"',
    );
    expectError(
      () => retrievalSuiteDef({ metrics: ["p"] }),
      "invalid_option",
      'retrievalSuite: option `metrics` p needs a cut-off (p@k), got "p"',
    );
    expectError(() => retrievalSuiteDef({ metrics: [] }), "invalid_option");
    expectError(() => retrievalSuiteDef({ topK: 3 } as never), "invalid_option");
  });
});
