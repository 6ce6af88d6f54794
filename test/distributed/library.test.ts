import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateFileOnQueue, type QueueWorker, startQueueWorker } from "../../src/distributed/index.js";
import {
  binaryAuroc,
  binaryAurocDef,
  binaryF1,
  binaryF1Def,
} from "../../src/metrics/classification/index.js";
import { startRedis } from "./redis.js";

let redis: Awaited<ReturnType<typeof startRedis>>;
let workers: QueueWorker[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // Two workers in this process (a queue worker needs no threads): enough for the library's contract.
  workers = [
    startQueueWorker({ redis: redis.url, queue: "library" }),
    startQueueWorker({ redis: redis.url, queue: "library" }),
  ];
  await Promise.all(workers.map((w) => w.ready));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await redis?.stop();
});

describe("plumbline/distributed", () => {
  it("evaluateFileOnQueue equals the one-shot metrics, the file split into shards on a named queue", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-queue-library-"));
    const scores = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 997) / 997);
    const labels = scores.map((s, i) => ((i * 13) % 10 < s * 10 ? 1 : 0));
    const path = join(dir, "rows.jsonl");
    writeFileSync(path, `${scores.map((s, i) => JSON.stringify({ s, y: labels[i] })).join("\n")}\n`);
    const result = await evaluateFileOnQueue(
      { auroc: binaryAurocDef(), f1: binaryF1Def() },
      { path, preds: ["s"], target: ["y"] },
      { redis: redis.url, shards: 5, queue: "library" },
    );
    expect(result).toEqual({ auroc: binaryAuroc(scores, labels), f1: binaryF1(scores, labels) });
  });

  it("refuses a missing redis option and unknown options before any work", async () => {
    const input = { path: "nope.csv", preds: ["s"], target: ["y"] };
    await expect(evaluateFileOnQueue({ a: binaryAurocDef() }, input, {} as never)).rejects.toMatchObject({
      code: "invalid_option",
      message: "evaluateFileOnQueue: option `redis` must be a redis:// URL, got undefined",
    });
    await expect(
      evaluateFileOnQueue({ a: binaryAurocDef() }, input, { redis: redis.url, shard: 2 } as never),
    ).rejects.toMatchObject({
      code: "invalid_option",
      message: expect.stringMatching(/unknown option `shard`/),
    });
  });
});
