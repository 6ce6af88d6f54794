import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
// Worker threads run compiled JavaScript, so these tests use the build (`npm test` builds first).
import {
  binaryAuroc,
  binaryAurocDef,
  binaryF1,
  binaryF1Def,
  multiclassAccuracy,
  multiclassAccuracyDef,
} from "../../dist/metrics/classification/index.js";
import { closeWorkerPool, evaluateFileInWorkers } from "../../dist/parallel/index.js";

afterAll(() => closeWorkerPool());

const dir = mkdtempSync(join(tmpdir(), "plumbline-evaluate-file-"));
const n = 40_000;
const scores = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
const labels = scores.map((s, i) => ((i * 31) % 100 < s * 100 ? 1 : 0));

describe("evaluateFileInWorkers", () => {
  it("equals the one-shot metrics on a CSV (shards read by the threads) and on a JSON array (batches moved)", async () => {
    const csv = join(dir, "scores.csv");
    writeFileSync(csv, `score,label\n${scores.map((s, i) => `${s},${labels[i]}`).join("\n")}\n`);
    const json = join(dir, "scores.json");
    writeFileSync(json, JSON.stringify(scores.map((s, i) => ({ score: s, label: labels[i] }))));
    const expected = { auroc: binaryAuroc(scores, labels), f1: binaryF1(scores, labels) };
    for (const path of [csv, json])
      expect(
        await evaluateFileInWorkers(
          { auroc: binaryAurocDef(), f1: binaryF1Def() },
          { path, preds: ["score"], target: ["label"] },
          { workers: 3 },
        ),
      ).toEqual(expected);
  });

  it("computes exact AUROC by ranges of scores on the threads: the serial value bit for bit, one class included", async () => {
    // Decimals (float64 scores with rests), ties, float32 values, negatives and zeros of both signs.
    const values = Array.from(
      { length: n },
      (_, i) => [((i * 7919) % 1000) / 1000, ((i * 13) % 64) / 8 - 4, i % 97 === 0 ? "-0" : "0.25"][i % 3]!,
    );
    const wide = join(dir, "wide.csv");
    writeFileSync(wide, `score,label\n${values.map((s, i) => `${s},${labels[i]}`).join("\n")}\n`);
    const positives = join(dir, "positives.csv");
    writeFileSync(positives, `score,label\n${scores.map((s) => `${s},1`).join("\n")}\n`);
    const defs = {
      auroc: binaryAurocDef(),
      sklearn: binaryAurocDef({ convention: "sklearn" }),
      partial: binaryAurocDef({ maxFpr: 0.3 }),
    };
    for (const path of [wide, positives]) {
      const input = { path, preds: ["score"], target: ["label"] };
      const serial = await evaluateFileInWorkers(defs, input, { workers: 1 });
      for (const workers of [2, 3])
        for (const [name, value] of Object.entries(await evaluateFileInWorkers(defs, input, { workers })))
          expect(Object.is(value, serial[name]), `${path} ${name} workers ${workers}`).toBe(true);
    }
    expect(
      (
        await evaluateFileInWorkers(
          defs,
          { path: positives, preds: ["score"], target: ["label"] },
          { workers: 2 },
        )
      ).sklearn,
    ).toBeNaN();
  });

  it("reads several prediction columns as a row-major matrix (Parquet, row groups as shards)", async () => {
    const probs = scores.map((s) => [1 - s, s]);
    const path = join(dir, "probs.parquet");
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "p0", data: Float64Array.from(probs, (p) => p[0]!), type: "DOUBLE" },
        { name: "p1", data: Float64Array.from(probs, (p) => p[1]!), type: "DOUBLE" },
        { name: "y", data: Int32Array.from(labels), type: "INT32" },
      ],
      rowGroupSize: 5000,
    });
    writeFileSync(path, Buffer.from(bytes));
    const result = await evaluateFileInWorkers(
      { accuracy: multiclassAccuracyDef({ numClasses: 2, average: "micro" }) },
      { path, preds: ["p0", "p1"], target: ["y"] },
      { workers: 2 },
    );
    expect(result).toEqual({
      accuracy: multiclassAccuracy(probs, labels, { numClasses: 2, average: "micro" }),
    });
  });

  it("refuses unknown options, empty column lists and no definitions", async () => {
    const input = { path: join(dir, "scores.csv"), preds: ["score"], target: ["label"] };
    await expect(
      evaluateFileInWorkers({ a: binaryAurocDef() }, input, { threads: 2 } as never),
    ).rejects.toMatchObject({
      code: "invalid_option",
      message: expect.stringMatching(/^evaluateFileInWorkers: unknown option `threads`/),
    });
    await expect(
      evaluateFileInWorkers({ a: binaryAurocDef() }, { ...input, preds: [] }),
    ).rejects.toMatchObject({
      code: "invalid_option",
      message:
        "evaluateFileInWorkers: input.preds must be a non-empty list of column names or positions, got an array of length 0",
    });
    await expect(evaluateFileInWorkers({}, input)).rejects.toMatchObject({
      message: "evaluateFileInWorkers: defs must name at least one metric definition",
    });
  });

  it("names a bad `defs` before reading its input (one line, no worker started)", async () => {
    await expect(evaluateFileInWorkers(null as never, null as never)).rejects.toMatchObject({
      code: "invalid_value",
      message:
        "evaluateFileInWorkers: `defs` must be an object of named metric definitions ({ auroc: binaryAurocDef() }), got null",
    });
    await expect(evaluateFileInWorkers({ a: null } as never, null as never)).rejects.toMatchObject({
      code: "invalid_value",
      message:
        "evaluateFileInWorkers: `defs.a` must be a metric definition from a `*Def` factory (e.g. binaryAurocDef()), got null",
    });
  });
});
