import { describe, expect, it } from "vitest";
// Worker threads run compiled JavaScript, so this test uses the build (`npm test` builds first).
import { identificationRank, identificationRankDef } from "../dist/metrics/face/index.js";
import { evaluateInWorkers } from "../dist/parallel/index.js";

describe("evaluateInWorkers", () => {
  it("equals one update over all batches", async () => {
    const gallery = [0, 1, 2];
    const batches: [number[][], number[], number[]][] = [];
    const allScores: number[][] = [];
    const allLabels: number[] = [];
    for (let b = 0; b < 5; b++) {
      const scores = [
        [(b * 7) % 5, 1, 2],
        [3, (b * 3) % 4, 1],
      ];
      const labels = [b % 3, (b + 1) % 3];
      batches.push([scores, labels, gallery]);
      allScores.push(...scores);
      allLabels.push(...labels);
    }
    const def = identificationRankDef({ ranks: [1, 2] });
    const parallel = await evaluateInWorkers(def, batches, { workers: 2 });
    expect(parallel).toEqual(identificationRank(allScores, allLabels, gallery, { ranks: [1, 2] }));
  });

  it("passes a worker's PlumblineError through with its code", async () => {
    const def = identificationRankDef();
    await expect(evaluateInWorkers(def, [[[[0.1]], [9], [1]]], { workers: 1 })).rejects.toMatchObject({
      code: "invalid_value",
      message: "identificationRank: probe 0 has identity 9, which the gallery does not hold",
    });
  });
});
