import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_CLI, plumbline } from "../parallel/built-cli.js";
import { exited, startRedis, waitForLine } from "./redis.js";

// The workers and the producer are the built CLI (`npm test` builds first), in their own processes.
const cli = BUILT_CLI;
const stallReads = join(import.meta.dirname, "support/stall-reads.mjs");
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "plumbline-bullmq-"));

let redis: Awaited<ReturnType<typeof startRedis>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(children.map(exited));
  await redis?.stop();
});

function worker(extra: string[] = []): ChildProcess {
  const child = spawn(
    process.execPath,
    [...extra, cli, "worker", "--redis", redis.url, "--lock-duration", "1000"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  children.push(child);
  return child;
}

let seed = 11;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const rows = Array.from({ length: 120_000 }, () => {
  const score = Math.round(rand() * 1e6) / 1e6;
  return `${score},${rand() < score ? 1 : 0}`;
});
const data = join(dir, "scores.csv");
writeFileSync(data, `score,label\n${rows.join("\n")}\n`);

// Metrics whose merge is exact whatever the split (counts, exact curves): the distributed result
// must equal the single-process one bit for bit.
const METRICS =
  "auroc,average_precision,accuracy,precision,recall,f1,specificity,balanced_accuracy,mcc,cohen_kappa,stat_scores";
const evalArgs = [
  "eval",
  "classification",
  "--task",
  "binary",
  "--preds-kind",
  "probabilities",
  "--metrics",
  METRICS,
];

describe("eval --redis (BullMQ)", () => {
  it("three workers, one killed mid-shard: the result equals a single-process run bit for bit, each shard merged once", async () => {
    // Worker A alone first, so it takes a shard; its reads stall after the first chunk.
    const a = worker(["--import", stallReads]);
    await waitForLine(a, "stderr", /taking jobs from queue plumbline/, "worker A");
    const states = join(dir, "states.json");
    const producer = plumbline([
      ...evalArgs,
      ...["--preds", data, "--target", data, "--redis", redis.url, "--shards", "6", "--format", "json"],
      ...["--emit-state", states],
    ]);
    await waitForLine(a, "stderr", /stalled mid-shard/, "worker A");
    a.kill("SIGKILL");
    expect(await exited(a)).toBe(null);
    // B and C take the other shards, and the killed one once its lock has expired.
    const b = worker();
    const c = worker();
    const distributed = await producer;
    expect(distributed.err).toBe("");
    expect(distributed.code).toBe(0);
    const single = await plumbline([...evalArgs, "--preds", data, "--target", data, "--format", "json"]);
    expect(JSON.parse(distributed.out)).toEqual(JSON.parse(single.out));
    expect(JSON.parse(single.out).samples).toBe(120_000);
    // Every snapshot holds the six shards once each, labelled by file and byte range.
    const file = JSON.parse(readFileSync(states, "utf8")) as { snapshots: { shards: { label: string }[] }[] };
    for (const snapshot of file.snapshots) {
      const labels = snapshot.shards.map((s) => s.label);
      expect(labels).toHaveLength(6);
      expect(new Set(labels).size).toBe(6);
      for (const label of labels) expect(label).toMatch(/^scores\.csv:bytes \d+-\d+$/);
    }
    // The flow's jobs are gone; the workers stop cleanly on SIGTERM.
    const { stdout: keys } = await run("/usr/bin/redis-cli", [
      "-p",
      String(redis.port),
      "--raw",
      "keys",
      "*",
    ]);
    const left = keys.split("\n").filter((k) => k !== "" && k !== "bull:plumbline:stalled-check"); // a lock with a TTL
    expect(left.sort()).toEqual(["bull:plumbline:events", "bull:plumbline:id", "bull:plumbline:meta"]);
    b.kill("SIGTERM");
    c.kill("SIGTERM");
    expect(await exited(b)).toBe(0);
    expect(await exited(c)).toBe(0);
  });

  it("a data error in a shard fails the run at once with the shard's one-line message (exit 2, no retries)", async () => {
    const bad = join(dir, "bad.csv");
    // Past the first MiB, which the producer parses to learn the columns.
    writeFileSync(
      bad,
      `score,label\n${rows.slice(0, 110_000).join("\n")}\n0.5,x\n${rows.slice(110_000).join("\n")}\n`,
    );
    const w = worker();
    let log = "";
    w.stderr!.on("data", (d: Buffer) => {
      log += d.toString();
    });
    const result = await plumbline([
      ...evalArgs,
      "--preds",
      bad,
      "--target",
      bad,
      "--redis",
      redis.url,
      "--shards",
      "3",
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^plumbline: eval classification: bad\.csv \[bytes \d+-\d+\] line \d+, column 2 \("label"\): expected a number, got "x"\n$/,
    );
    w.kill("SIGTERM");
    expect(await exited(w)).toBe(0);
    expect(log.match(/shard failed: invalid_value/g)).toHaveLength(1);
  });

  it("an unreachable Redis or a bad URL is one line and exit 2", async () => {
    const unreachable = await plumbline([
      ...evalArgs,
      "--preds",
      data,
      "--target",
      data,
      "--redis",
      "redis://127.0.0.1:1",
    ]);
    expect(unreachable).toEqual({
      out: "",
      err: "plumbline: eval classification: cannot reach Redis at 127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)\n",
      code: 2,
    });
    const url = await plumbline([
      ...evalArgs,
      "--preds",
      data,
      "--target",
      data,
      "--redis",
      "http://user:secret@host",
    ]);
    expect(url.code).toBe(2);
    expect(url.err).toBe(
      'plumbline: eval classification: --redis must be a URL redis://[user:password@]host[:port][/db] (rediss:// for TLS), got "http://***@host"\n',
    );
  });

  it("a worker whose Redis went away stops on a second signal (the first waits for a graceful close)", async () => {
    const other = await startRedis();
    const child = spawn(process.execPath, [cli, "worker", "--redis", other.url], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    await waitForLine(child, "stderr", /taking jobs/, "worker");
    await other.stop();
    child.kill("SIGTERM");
    await waitForLine(child, "stderr", /stopping after the running jobs/, "worker");
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(1);
  });
});
