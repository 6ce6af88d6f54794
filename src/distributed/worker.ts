/**
 * A BullMQ worker of distributed evaluations (`plumbline worker --redis URL`): it takes `shard`
 * jobs (read a shard of the input, evaluate the suite, return snapshots sealed with the shard's
 * label) and `merge` jobs (the flow parent: merge the children's snapshots).
 *
 * Exactly once per shard: a retried or stalled shard job (its worker killed mid-shard) runs
 * again from the start on some worker, and BullMQ keeps one return value per child job, so the
 * parent sees each shard once; the merge itself goes through `Metric.merge`, which refuses a
 * shard identity (label + state hash) it already holds, so no shard can count twice. Data errors
 * (a PlumblineError) fail the job at once, without retries.
 */
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { decodeState } from "../core/codec.js";
import { fail, isPlumblineError } from "../core/errors.js";
import { createMetric, type Metric, type MetricSnapshot } from "../metric.js";
import { findDefinition } from "../metrics/registry.js";
import { startRun } from "../parallel/runners.js";
import { readShard } from "../parallel/shard-reader.js";
import { redisTarget } from "./connection.js";
import {
  DEFAULT_QUEUE,
  type MergeJobData,
  type MergeJobResult,
  type ShardJobData,
  type ShardJobResult,
} from "./jobs.js";

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://host:port[/db]`. */
  readonly redis: string;
  /** Queue name (default `plumbline`). */
  readonly queue?: string | undefined;
  /** Jobs run at once by this worker (default 1). */
  readonly concurrency?: number | undefined;
  /**
   * Milliseconds a job's lock lasts without renewal (default 30,000): a worker that dies
   * mid-shard gives its job back after about this long.
   */
  readonly lockDuration?: number | undefined;
  /** Called with one line per job done or failed, and on connection errors. */
  readonly log?: ((line: string) => void) | undefined;
}

/** A running queue worker. */
export interface QueueWorker {
  /** `host:port` of the Redis server. */
  readonly where: string;
  /** Resolves once connected and taking jobs. */
  readonly ready: Promise<void>;
  /** Stops taking jobs, waits for the running ones (unless `force`), and disconnects. */
  close(force?: boolean): Promise<void>;
}

/** Evaluates one shard: the suite's snapshots sealed with the shard's label. */
export async function runShardJob(data: ShardJobData): Promise<ShardJobResult> {
  const run = await startRun(data.runner, data.config);
  let rows = 0;
  for await (const batch of readShard(data.fn, data.input, data.shard)) {
    run.update(batch);
    rows += batch.rows;
  }
  return {
    label: data.shard.label,
    rows,
    snapshots: run.metrics.map((m) => m.snapshot({ label: data.shard.label })),
  };
}

/** Labels in the order of the numbers they hold (`bytes 4-20` before `bytes 20-40`). */
const byPosition = new Intl.Collator("en", { numeric: true });

/**
 * Merges the children's results (in label order, so the merge order does not depend on which
 * worker finished first): metric k of every child into one, by shard identity.
 */
export async function mergeShardResults(
  fn: string,
  results: readonly ShardJobResult[],
  expected: number,
): Promise<MergeJobResult> {
  if (results.length !== expected)
    fail("invalid_state", `${fn}: the merge job found ${results.length} shard results, expected ${expected}`);
  const ordered = [...results].sort((a, b) => byPosition.compare(a.label, b.label));
  const first = ordered[0]!;
  const merged: Metric<unknown, unknown[], unknown>[] = await Promise.all(
    first.snapshots.map(async (snapshot) => {
      const def = await findDefinition(snapshot.id, decodeState(snapshot.options));
      return createMetric(def) as Metric<unknown, unknown[], unknown>;
    }),
  );
  let rows = 0;
  for (const result of ordered) {
    if (result.snapshots.length !== merged.length)
      fail(
        "invalid_state",
        `${fn}: shard ${result.label} returned ${result.snapshots.length} states, expected ${merged.length}`,
      );
    result.snapshots.forEach((snapshot: MetricSnapshot, k) => {
      const metric = merged[k]!;
      metric.merge(createMetric(metric.def).fromJSON(snapshot) as Metric<unknown, unknown[], unknown>);
    });
    rows += result.rows;
  }
  return { rows, snapshots: merged.map((m) => m.snapshot()) };
}

async function processJob(job: Job): Promise<ShardJobResult | MergeJobResult> {
  try {
    if (job.name === "shard") return await runShardJob(job.data as ShardJobData);
    if (job.name === "merge") {
      const data = job.data as MergeJobData;
      const values = Object.values(await job.getChildrenValues<ShardJobResult>());
      return await mergeShardResults(data.fn, values, data.shards);
    }
    return fail("invalid_option", `plumbline worker: unknown job ${JSON.stringify(job.name)}`);
  } catch (error) {
    // Data errors do not go away on retry: fail the job now, its reason carrying the code.
    if (isPlumblineError(error)) throw new UnrecoverableError(`${error.code}: ${error.message}`);
    throw error;
  }
}

/** Starts a worker taking `shard` and `merge` jobs from the queue. */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const fn = "plumbline worker";
  const target = redisTarget(fn, options.redis, false);
  const log = options.log ?? (() => undefined);
  const lockDuration = options.lockDuration ?? 30_000;
  const worker = new Worker(options.queue ?? DEFAULT_QUEUE, processJob, {
    connection: target.connection,
    concurrency: options.concurrency ?? 1,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 2,
    autorun: true,
  });
  let lastError = "";
  worker.on("error", (error) => {
    // Connection trouble repeats while Redis is away: say it once until it changes.
    if (error.message !== lastError) log(`error: ${error.message}`);
    lastError = error.message;
  });
  worker.on("completed", (job) => {
    lastError = "";
    if (job.name === "shard")
      log(
        `shard ${(job.returnvalue as ShardJobResult).label}: ${(job.returnvalue as ShardJobResult).rows} rows`,
      );
    else log(`merged ${(job.data as MergeJobData).shards} shards`);
  });
  worker.on("failed", (job, error) => log(`${job?.name ?? "job"} failed: ${error.message}`));
  return {
    where: target.where,
    ready: worker.waitUntilReady().then(() => undefined),
    close: (force = false) => worker.close(force),
  };
}
