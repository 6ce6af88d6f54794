import { describe, expect, it } from "vitest";
import { redisTarget } from "../../src/distributed/connection.js";
import type { ShardJobResult } from "../../src/distributed/jobs.js";
import { mergeShardResults } from "../../src/distributed/worker.js";
import { createMetric } from "../../src/metric.js";
import { binaryAuroc, binaryAurocDef, binaryF1Def } from "../../src/metrics/classification/index.js";

function shard(label: string, preds: number[], target: number[]): ShardJobResult {
  const metrics = [createMetric(binaryAurocDef()), createMetric(binaryF1Def())].map((m) =>
    m.update(preds, target),
  );
  return { label, rows: preds.length, snapshots: metrics.map((m) => m.snapshot({ label })) };
}

describe("the merge job", () => {
  const a = shard("s.csv:bytes 4-20", [0.1, 0.8, 0.4], [0, 1, 1]);
  const b = shard("s.csv:bytes 20-40", [0.3, 0.9, 0.2], [1, 1, 0]);

  it("merges the children's snapshots in label order into one snapshot per metric, every shard listed", async () => {
    const merged = await mergeShardResults("test", [b, a], 2);
    expect(merged.rows).toBe(6);
    const auroc = createMetric(binaryAurocDef()).fromJSON(merged.snapshots[0]);
    expect(auroc.compute()).toBe(binaryAuroc([0.1, 0.8, 0.4, 0.3, 0.9, 0.2], [0, 1, 1, 1, 1, 0]));
    expect(auroc.shards.map((s) => s.label)).toEqual(["s.csv:bytes 4-20", "s.csv:bytes 20-40"]);
  });

  it("refuses a shard seen twice (never counts it twice) and a result count that is not the flow's", async () => {
    await expect(mergeShardResults("test", [a, a], 2)).rejects.toMatchObject({
      code: "invalid_state",
      message: expect.stringMatching(/shard s\.csv:bytes 4-20 \(sha256 [0-9a-f]{12}…\) is already merged/),
    });
    await expect(mergeShardResults("test", [a], 2)).rejects.toMatchObject({
      code: "invalid_state",
      message: "test: the merge job found 1 shard results, expected 2",
    });
  });
});

describe("redisTarget", () => {
  it("reads host, port, credentials, database and TLS; names the server without credentials", () => {
    const t = redisTarget("fn", "rediss://me:p%40ss@cache.internal:6380/2", false);
    expect(t.connection).toMatchObject({
      host: "cache.internal",
      port: 6380,
      username: "me",
      password: "p@ss",
      db: 2,
      tls: {},
    });
    expect(t.where).toBe("cache.internal:6380");
    expect(redisTarget("fn", "redis://127.0.0.1", true).connection.retryStrategy!(6)).toBe(null);
  });

  it("refuses what is not a redis URL, hiding credentials", () => {
    expect(() => redisTarget("fn", "localhost:6379", false)).toThrow(/--redis must be a URL/);
    expect(() => redisTarget("fn", "redis://u:secret@h/x", false)).toThrow(
      '--redis database must be a number after the slash, got "/x"',
    );
    expect(() => redisTarget("fn", "https://u:secret@h", false)).toThrow('got "https://***@h"');
  });
});
