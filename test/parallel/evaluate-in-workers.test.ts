import { afterAll, describe, expect, it } from "vitest";
// Worker threads run compiled JavaScript, so these tests use the build (`npm test` builds first).
import { binaryAuroc, binaryAurocDef } from "../../dist/metrics/classification/index.js";
import { identificationRank, identificationRankDef } from "../../dist/metrics/face/index.js";
import { closeWorkerPool, evaluateInWorkers } from "../../dist/parallel/index.js";
import { workerPool } from "../../dist/parallel/pool.js";

afterAll(() => closeWorkerPool());

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

  it("runs tasks on a pool started to preload runners, known or not (the first task needing one reports it)", async () => {
    const preds = [0.1, 0.4, 0.35, 0.8];
    const target = [0, 0, 1, 1];
    for (const preload of [["eval classification", "eval regression"], ["no such runner"]]) {
      await closeWorkerPool();
      workerPool(3, preload);
      const value = await evaluateInWorkers(binaryAurocDef(), [[preds, target]], { workers: 3 });
      expect(value).toBe(binaryAuroc(preds, target));
    }
  });

  it("passes a worker's PlumblineError through with its code", async () => {
    const def = identificationRankDef();
    await expect(evaluateInWorkers(def, [[[[0.1]], [9], [1]]], { workers: 1 })).rejects.toMatchObject({
      code: "invalid_value",
      message: "identificationRank: probe 0 has identity 9, which the gallery does not hold",
    });
  });

  it("copies the batches by default and moves them with transfer: true; the pool is reused across calls", async () => {
    const preds = Float64Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const target = Float64Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const expected = binaryAuroc(preds, target);
    const batches: [Float64Array, Float64Array][] = [
      [preds.slice(0, 500), target.slice(0, 500)],
      [preds.slice(500), target.slice(500)],
    ];
    expect(await evaluateInWorkers(binaryAurocDef(), batches, { workers: 2 })).toBe(expected);
    expect(batches[0]![0].length).toBe(500);
    expect(await evaluateInWorkers(binaryAurocDef(), batches, { workers: 2, transfer: true })).toBe(expected);
    expect(batches[0]![0].length).toBe(0); // moved: the caller's array is detached
  });

  it("rejects unknown options and thread counts out of range", async () => {
    await expect(evaluateInWorkers(binaryAurocDef(), [], { worker: 2 } as never)).rejects.toMatchObject({
      code: "invalid_option",
      message:
        "evaluateInWorkers: unknown option `worker` (did you mean `workers`?); known: `workers`, `transfer`",
    });
    await expect(evaluateInWorkers(binaryAurocDef(), [], { workers: 0 })).rejects.toMatchObject({
      code: "invalid_option",
      message: "evaluateInWorkers: option `workers` must be an integer in [1, 256], got 0",
    });
  });

  it("refuses a def or batches of the wrong kind with one line that says what was expected", async () => {
    const batchesMessage = (got: string) =>
      `evaluateInWorkers: \`batches\` must be an array of argument lists (e.g. [[preds, target], ...]), got ${got}`;
    const cases: [unknown, unknown, string][] = [
      [binaryAurocDef(), null, batchesMessage("null")],
      [binaryAurocDef(), undefined, batchesMessage("undefined")],
      [binaryAurocDef(), "abc", batchesMessage('"abc"')],
      [binaryAurocDef(), new Float64Array(3), batchesMessage("a Float64Array")],
      [binaryAurocDef(), { 0: [[0.1], [1]] }, batchesMessage("an object (Object)")],
      [
        binaryAurocDef(),
        [[[0.1], [1]], 7],
        "evaluateInWorkers: `batches[1]` must be an argument list (an array such as [preds, target]), got 7",
      ],
      [
        binaryAurocDef(),
        [null],
        "evaluateInWorkers: `batches[0]` must be an argument list (an array such as [preds, target]), got null",
      ],
      [
        null,
        [],
        "evaluateInWorkers: `def` must be a metric definition from a `*Def` factory (e.g. binaryAurocDef()), got null",
      ],
      [
        { id: "classification/binary_auroc" },
        [],
        "evaluateInWorkers: `def` must be a metric definition from a `*Def` factory (e.g. binaryAurocDef()), got an object (Object)",
      ],
    ];
    for (const [def, batches, message] of cases)
      await expect(evaluateInWorkers(def as never, batches as never)).rejects.toMatchObject({
        code: "invalid_value",
        message,
      });
  });
});
