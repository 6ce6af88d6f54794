/**
 * Sharded runs of the numeric `eval` commands: `--workers N` (worker threads of this machine)
 * and `--redis URL --shards N` (BullMQ workers on any machine, `plumbline worker`). Both split one
 * input file into shards the workers read themselves (src/parallel/shards.ts) and evaluate the
 * command's suite on each with the runners below; the states come back and merge into the
 * command's own metrics, so the table, `--emit-state` and every check after the pass are the
 * serial run's. Inputs that cannot be split (stdin, two files, JSON arrays, Arrow) run on worker
 * threads from batches read here; `--redis` refuses them.
 */
import type { Command } from "commander";
import { fail } from "../../core/errors.js";
import { redisTarget } from "../../distributed/connection.js";
import { formatOfPath } from "../../io/table.js";
import type { Metric } from "../../metric.js";
import { MAX_WORKERS } from "../../parallel/max-workers.js";
import type { GatheredStates } from "../../parallel/run-tasks.js";
import type { ShardedInput } from "../../parallel/shards.js";
import { parseNumberFlag } from "../grammar.js";
import { type InputFlags, type PairedInput, readingOptions } from "./read-table.js";

/** The scale flags of an `eval` command. */
export interface ScaleFlags {
  workers?: string;
  redis?: string;
  shards?: string;
  queue?: string;
}

/** Adds `--workers`, `--redis`, `--shards` and `--queue` (docs/scale.md). */
export function addScaleOptions(command: Command): Command {
  return command
    .option("--workers <n>", "evaluate on n worker threads, each reading its own shard of the input")
    .option(
      "--redis <url>",
      "evaluate through BullMQ on this Redis: `plumbline worker --redis URL` processes",
      undefined,
    )
    .option("--shards <n>", "with --redis: split the input into n shards (default 4)")
    .option("--queue <name>", "with --redis: the BullMQ queue (default plumbline)");
}

/**
 * True when the flags ask for a sharded run. Their values and the flags that go together are
 * checked here, before any file is read (exit 2 otherwise).
 */
export function isScaled(fn: string, flags: ScaleFlags): boolean {
  if (flags.workers !== undefined) parseWorkers(fn, flags);
  if (flags.redis !== undefined) redisTarget(fn, flags.redis, true);
  if (flags.shards !== undefined) parseShards(fn, flags);
  if (flags.queue !== undefined && flags.queue.trim() === "")
    fail("invalid_option", `${fn}: --queue must be a queue name, got ""`);
  if (flags.workers !== undefined && flags.redis !== undefined)
    fail("invalid_option", `${fn}: --workers and --redis are two ways to run; choose one`);
  if (flags.redis === undefined && (flags.shards !== undefined || flags.queue !== undefined))
    fail("invalid_option", `${fn}: --shards and --queue go with --redis URL`);
  return flags.workers !== undefined || flags.redis !== undefined;
}

/** `--workers`: an integer in [1, MAX_WORKERS]. */
function parseWorkers(fn: string, flags: ScaleFlags): number {
  return parseNumberFlag(fn, "--workers", flags.workers, { min: 1, max: MAX_WORKERS, integer: true });
}

/** `--shards`: an integer in [1, 100000]. */
function parseShards(fn: string, flags: ScaleFlags): number {
  return parseNumberFlag(fn, "--shards", flags.shards, { min: 1, max: 100_000, integer: true });
}

/** Smallest byte range worth a worker thread of its own. */
const MIN_SHARD_BYTES = 256 * 1024;

/** The one file holding both columns, as shard jobs read it; undefined for other inputs. */
function shardedInput(fn: string, flags: InputFlags, input: PairedInput): ShardedInput | undefined {
  if (flags.preds !== flags.target || flags.preds === "-") return undefined;
  const options = readingOptions(fn, flags);
  return {
    path: flags.preds,
    format: options.format ?? formatOfPath(flags.preds),
    header: options.header ?? "auto",
    comment: options.comment,
    columns: [...input.predsNames, ...input.targetNames],
    predsColumns: input.predsNames.length,
  };
}

/** Where the gathered states come from: shards the threads read, or batches read here. */
export async function gatherScaled(
  fn: string,
  flags: InputFlags & ScaleFlags,
  runner: string,
  config: unknown,
  input: PairedInput,
  keys?: readonly number[],
): Promise<GatheredStates> {
  const threads = parseWorkers(fn, flags);
  const sharded = shardedInput(fn, flags, input);
  // The thread pool's modules load only for a sharded run.
  const [{ gatherFromFile }, { evaluateBatches }] = await Promise.all([
    import("../../parallel/evaluate-file.js"),
    import("../../parallel/run-tasks.js"),
  ]);
  return sharded !== undefined
    ? await gatherFromFile({ fn, threads, runner, config, input: sharded, minBytes: MIN_SHARD_BYTES, keys })
    : await evaluateBatches({ threads: Math.max(1, threads - 1), runner, config, batches: input.batches() });
}

/**
 * Evaluates `runner` (configured by `config`) over `input` as the scale flags ask, merging the
 * shards' states into `metrics` (fresh metrics of the same suite). Returns the rows read. With
 * `--workers` and `statesRead` false, an exact binary AUROC metric is computed on every thread
 * instead and replaced by a metric without state that gives its value (src/parallel/run-tasks.ts
 * `settleGathered`).
 */
export async function runScaled(
  fn: string,
  flags: InputFlags & ScaleFlags,
  runner: "eval classification" | "eval regression",
  config: unknown,
  input: PairedInput,
  metrics: Metric<unknown, unknown[], unknown>[],
  statesRead = true,
): Promise<number> {
  const sharded = shardedInput(fn, flags, input);
  if (flags.redis !== undefined) {
    if (sharded === undefined)
      fail(
        "invalid_option",
        `${fn}: --redis needs one input file holding predictions and targets (--preds FILE --target FILE, the same CSV, TSV, JSONL or Parquet file) that every worker can read`,
      );
    const shards = flags.shards === undefined ? 4 : parseShards(fn, flags);
    const { evaluateOnQueue } = await import("../../distributed/producer.js");
    const result = await evaluateOnQueue({
      fn,
      redis: flags.redis,
      queue: flags.queue,
      shards,
      runner,
      config,
      input: sharded,
    });
    metrics.forEach((metric, k) => {
      metric.fromJSON(result.snapshots[k]);
    });
    return result.rows;
  }
  const { keyedMetrics, settleGathered } = await import("../../parallel/run-tasks.js");
  const threads = parseWorkers(fn, flags);
  const keys = statesRead ? [] : keyedMetrics(metrics, threads);
  const gathered = await gatherScaled(fn, flags, runner, config, input, keys);
  await settleGathered(metrics, gathered, threads);
  return gathered.rows;
}
