import { describeValue, fail } from "../core/errors.js";
import { optInteger, optionNames, readOptions } from "../core/options.js";
import { type AnyMetricDef, createMetric, type Metric } from "../metric.js";
import { type FileInput, fileInput, metricsConfig } from "../parallel/evaluate-file.js";
import { evaluateOnQueue } from "./producer.js";

export interface QueueFileOptions {
  /** `redis://host:port[/db]` of the queue's Redis. */
  readonly redis: string;
  /** Shards (jobs) to split the file into (default 4). */
  readonly shards?: number;
  /** Queue name (default `plumbline`). */
  readonly queue?: string;
}
const QUEUE_FILE_OPTIONS = optionNames<QueueFileOptions>()("redis", "shards", "queue");

/**
 * Evaluates named metric definitions over the columns of one file through BullMQ: the file is
 * split into `shards` jobs that `plumbline worker --redis URL` processes evaluate (each worker
 * must see the file at the same path), merged once per shard identity by the flow's parent, and
 * computed here. Equals one update over the whole file.
 *
 * @example
 * await evaluateFileOnQueue(
 *   { auroc: binaryAurocDef() },
 *   { path: "/shared/scores.csv", preds: ["score"], target: ["label"] },
 *   { redis: "redis://queue-host:6379", shards: 16 },
 * ); // { auroc: 0.83... }
 */
export async function evaluateFileOnQueue(
  defs: Readonly<Record<string, AnyMetricDef>>,
  input: FileInput,
  options: QueueFileOptions,
): Promise<Record<string, unknown>> {
  const fn = "evaluateFileOnQueue";
  const read = readOptions<QueueFileOptions>(fn, options, QUEUE_FILE_OPTIONS);
  if (typeof read.redis !== "string")
    fail(
      "invalid_option",
      `${fn}: option \`redis\` must be a redis:// URL, got ${describeValue(read.redis)}`,
    );
  const names = Object.keys(defs ?? {});
  if (names.length === 0) fail("invalid_option", `${fn}: defs must name at least one metric definition`);
  const metrics = names.map((n) => createMetric(defs[n]!) as Metric<unknown, unknown[], unknown>);
  const result = await evaluateOnQueue({
    fn,
    redis: read.redis,
    queue: read.queue,
    shards: optInteger(fn, "shards", read.shards, 4, { min: 1, max: 100_000 }),
    runner: "metrics",
    config: metricsConfig(metrics.map((m) => m.def)),
    input: fileInput(fn, input),
  });
  if (result.rows === 0) fail("empty_input", `${fn}: ${input.path} holds no rows`);
  metrics.forEach((metric, k) => {
    metric.fromJSON(result.snapshots[k]);
  });
  return Object.fromEntries(names.map((n, k) => [n, metrics[k]!.compute()]));
}
