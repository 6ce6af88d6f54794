/**
 * The producer of a distributed evaluation: splits the input into shards (src/parallel/shards.ts),
 * adds one BullMQ flow (a `merge` parent with a `shard` child per shard) and waits for the
 * parent's merged snapshots. The flow's jobs are removed afterwards; every connection is closed.
 */
import { FlowProducer, Job, Queue, QueueEvents } from "bullmq";
import { fail, PlumblineError, type PlumblineErrorCode } from "../core/errors.js";
import type { MetricSnapshot } from "../metric.js";
import { planShards, type ShardedInput } from "../parallel/shards.js";
import { redisTarget } from "./connection.js";
import { DEFAULT_QUEUE, type MergeJobData, type MergeJobResult, REASON, type ShardJobData } from "./jobs.js";

/** Options of {@link evaluateOnQueue}. */
export interface QueueRunOptions {
  /** Prefix of messages (`eval classification`). */
  readonly fn: string;
  /** `redis://host:port[/db]`. */
  readonly redis: string;
  /** Queue name (default `plumbline`). */
  readonly queue?: string | undefined;
  /** Shards wanted (fewer when the input has fewer lines or row groups). */
  readonly shards: number;
  /** The suite each shard evaluates (src/parallel/runners.ts) and its configuration. */
  readonly runner: string;
  readonly config: unknown;
  readonly input: ShardedInput;
  /** Attempts per shard job when its worker fails for a reason other than the data (default 3). */
  readonly attempts?: number;
}

/** Turns a failed job's reason back into the PlumblineError it was. */
function reasonError(fn: string, label: string, reason: string): PlumblineError {
  const match = REASON.exec(reason);
  if (match) return new PlumblineError(match[1] as PlumblineErrorCode, match[2]!);
  return new PlumblineError("io_error", `${fn}: shard ${label} failed on its worker (${reason})`);
}

/**
 * Evaluates `runner` over `input` through BullMQ: any number of `plumbline worker` processes on
 * any machines take the shard jobs; the flow's parent merges their snapshots once per shard
 * identity. Resolves with the rows read and the merged snapshots, in the suite's metric order.
 */
export async function evaluateOnQueue(
  options: QueueRunOptions,
): Promise<{ rows: number; snapshots: MetricSnapshot[] }> {
  const { fn } = options;
  const target = redisTarget(fn, options.redis, true);
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const plan = await planShards(options.input, { fn, count: options.shards });
  if (plan === undefined)
    fail(
      "invalid_option",
      `${fn}: --redis needs an input that can be split (CSV, TSV or JSON Lines without a quoted header, or Parquet), got ${options.input.format}`,
    );
  const connection = target.connection;
  let connectionError: Error | undefined;
  const onError = (error: Error) => {
    connectionError ??= error;
  };
  // One connection first: when Redis is not there, only it has to give up (and it has settled
  // before it is closed: BullMQ reports a connection closed while connecting as an unhandled error).
  const queue = new Queue(queueName, { connection });
  queue.on("error", onError);
  const reached = await queue.waitUntilReady().then(
    () => true,
    () => false,
  );
  if (!reached) {
    await queue.close().catch(() => undefined);
    fail(
      "io_error",
      `${fn}: cannot reach Redis at ${target.where} (${connectionError?.message ?? "connection closed"})`,
    );
  }
  const events = new QueueEvents(queueName, { connection });
  const flows = new FlowProducer({ connection });
  events.on("error", onError);
  flows.on("error", onError);
  let parent: Job | undefined;
  try {
    await Promise.all([events.waitUntilReady(), flows.waitUntilReady()]);
    const node = await flows.add({
      name: "merge",
      queueName,
      data: { fn, shards: plan.shards.length } satisfies MergeJobData,
      opts: { removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 24 * 3600 } },
      children: plan.shards.map((shard) => ({
        name: "shard",
        queueName,
        data: {
          fn,
          runner: options.runner,
          config: options.config,
          input: plan.input,
          shard,
        } satisfies ShardJobData,
        opts: {
          attempts: options.attempts ?? 3,
          backoff: { type: "fixed", delay: 1000 },
          failParentOnFailure: true,
          removeOnComplete: true,
        },
      })),
    });
    parent = node.job;
    try {
      const result = (await parent.waitUntilFinished(events)) as MergeJobResult;
      return { rows: result.rows, snapshots: [...result.snapshots] };
    } catch (error) {
      // The first shard that failed says why; else the merge job's own reason.
      for (const child of node.children ?? []) {
        const job = await Job.fromId(queue, child.job.id!);
        if (job?.failedReason)
          throw reasonError(fn, (job.data as ShardJobData).shard.label, job.failedReason);
      }
      const reason = (error as Error).message;
      const match = REASON.exec(reason);
      if (match) throw new PlumblineError(match[1] as PlumblineErrorCode, match[2]!);
      return fail("io_error", `${fn}: the merge job failed (${reason})`);
    }
  } finally {
    await parent?.remove().catch(() => undefined);
    await Promise.allSettled([flows.close(), events.close(), queue.close()]);
  }
}
