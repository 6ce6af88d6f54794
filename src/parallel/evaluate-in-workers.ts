import { availableParallelism } from "node:os";
import { fail } from "../core/errors.js";
import { optBoolean, optInteger, optionNames, readOptions } from "../core/options.js";
import type { MetricDef } from "../metric.js";
import { runTask } from "./run-tasks.js";
import { transferables } from "./transfer.js";

export interface WorkerOptions {
  /** Number of worker threads (default: the machine's available parallelism, at most the batch count). */
  readonly workers?: number;
  /**
   * Move the batches' typed arrays to the workers instead of copying them (default false). The
   * caller's arrays are then empty (detached) after the call.
   */
  readonly transfer?: boolean;
}
const WORKER_OPTIONS = optionNames<WorkerOptions>()("workers", "transfer");

/** Most threads a call may ask for. */
export const MAX_WORKERS = 256;

/** The thread count of `workers` (default: the machine's parallelism), checked. */
export function workerCount(fn: string, workers: unknown, fallback = availableParallelism()): number {
  return optInteger(fn, "workers", workers, fallback, { min: 1, max: MAX_WORKERS });
}

/**
 * Evaluates a metric over many batches on the persistent pool of worker threads (started by the
 * first call, reused by later ones, never keeping the process alive): batches are split into
 * `workers` contiguous shards, each folded into its own state (the Metric contract's `update`),
 * moved back without encoding, and merged here in shard order before `compute`. The result equals `runOnce`
 * over all batches in order (the merge invariant every metric's tests check). `def` must come
 * from a task module's `*Def` factory, so a worker can rebuild it from its id and options.
 * Batches are copied to the workers (structured clone) unless `transfer` moves them.
 */
export async function evaluateInWorkers<State, Args extends unknown[], Result>(
  def: MetricDef<State, Args, Result>,
  batches: readonly Args[],
  options: WorkerOptions = {},
): Promise<Result> {
  const fn = "evaluateInWorkers";
  const read = readOptions<WorkerOptions>(fn, options, WORKER_OPTIONS);
  if (!Array.isArray(batches))
    fail("invalid_value", `${fn}: batches must be an array of argument lists, got ${typeof batches}`);
  const threads = workerCount(fn, read.workers);
  const transfer = optBoolean(fn, "transfer", read.transfer, false);
  const shards = Math.min(threads, Math.max(1, batches.length));
  // Contiguous shards, merged in order: order-dependent conventions (stable ties) are kept.
  const size = Math.ceil(batches.length / shards);
  const parts = Array.from({ length: shards }, (_, w) => batches.slice(w * size, (w + 1) * size));
  const replies = await Promise.all(
    parts.map((part) =>
      runTask(
        threads,
        { op: "update", id: def.id, options: def.options ?? {}, batches: part as unknown as unknown[][] },
        transfer ? transferables(part) : [],
      ),
    ),
  );
  let merged = def.init();
  for (const reply of replies) merged = def.merge(merged, reply.states[0] as State);
  return def.compute(merged);
}
