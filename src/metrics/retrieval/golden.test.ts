import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCase } from "../../conformance/runner.js";
import type { ConformanceFile } from "../../conformance/types.js";

// Golden cases through the same adapters as the conformance suite:
// - scripts/golden/retrieval_torchmetrics.py: torchmetrics 1.9.0 and scikit-learn ndcg_score;
// - scripts/golden/retrieval_sklearn_dcg.py: scikit-learn 1.2.1 dcg_score and ndcg_score.
for (const [name, reference] of [
  ["retrieval_torchmetrics", "torchmetrics 1.9.0, scikit-learn"],
  ["retrieval_sklearn_dcg", "scikit-learn 1.2.1 dcg_score, ndcg_score"],
] as const) {
  const file = JSON.parse(
    readFileSync(new URL(`../../../test/data/golden/${name}.json`, import.meta.url), "utf8"),
  ) as ConformanceFile;

  describe(`retrieval golden cases (${reference})`, () => {
    for (const testCase of file.cases) {
      it(`${testCase.id} ${testCase.metric} ${JSON.stringify(testCase.options)} matches ${testCase.ref}`, async () => {
        const result = await runCase(file, testCase, { backend: "cpu" });
        expect(result.status, result.detail).toBe("pass");
      });
    }
  });
}
