import { describe, expect, it } from "vitest";
// The README's examples, run as written (against the build, as a user would import them).
import { createMetric } from "../dist/index.js";
import { binaryAuroc, binaryAurocDef, multiclassF1 } from "../dist/metrics/classification/index.js";
import { evaluateInWorkers } from "../dist/parallel/index.js";
import { bootstrapInterval } from "../dist/stats/index.js";

describe("README examples", () => {
  it("one call: binaryAuroc equals scikit-learn's documented roc_auc_score example", () => {
    // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75 (its docstring)
    expect(binaryAuroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // sklearn f1_score([2,0,1,1],[2,0,2,1] as y_pred), average="macro": per class F1 = 1, 2/3, 2/3.
    expect(multiclassF1([2, 0, 2, 1], [2, 0, 1, 1], { numClasses: 3, average: "macro" })).toBeCloseTo(
      7 / 9,
      15,
    );
  });

  it("streaming and merging through JSON give the one-call result", async () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.65, 0.2];
    const labels = [0, 0, 1, 1, 1, 0];
    const auroc = createMetric(binaryAurocDef());
    auroc.update(scores.slice(0, 3), labels.slice(0, 3)).update(scores.slice(3), labels.slice(3));
    expect(auroc.compute()).toBe(binaryAuroc(scores, labels));

    const shard = createMetric(binaryAurocDef()).update(scores.slice(0, 2), labels.slice(0, 2));
    const json = JSON.stringify(shard.toJSON());
    const total = createMetric(binaryAurocDef())
      .update(scores.slice(2), labels.slice(2))
      .merge(createMetric(binaryAurocDef()).fromJSON(json));
    expect(total.compute()).toBe(binaryAuroc(scores, labels));

    const parallel = await evaluateInWorkers(binaryAurocDef(), [
      [scores.slice(0, 3), labels.slice(0, 3)],
      [scores.slice(3), labels.slice(3)],
    ]);
    expect(parallel).toBe(binaryAuroc(scores, labels));
  });

  it("a bootstrap interval around AUROC contains the estimate", () => {
    const scores = Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 100);
    const labels = scores.map((s, i) => (s + ((i * 13) % 7) / 10 > 0.7 ? 1 : 0));
    const ci = bootstrapInterval(
      scores.length,
      (idx) =>
        binaryAuroc(
          Array.from(idx, (i) => scores[i]!),
          Array.from(idx, (i) => labels[i]!),
        ),
      { resamples: 200, seed: 1 },
    );
    expect(ci.low).toBeLessThanOrEqual(ci.estimate);
    expect(ci.high).toBeGreaterThanOrEqual(ci.estimate);
  });
});

describe("README catalog tables", () => {
  it("are what scripts/catalog-table.mjs generates from the current catalog", async () => {
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync("node", ["scripts/catalog-table.mjs", "--check"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
