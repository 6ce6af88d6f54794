import { availableParallelism } from "node:os";
import { describeValue, fail } from "../core/errors.js";
import { optBoolean, optInteger, optionNames, readOptions } from "../core/options.js";
import type { MetricDef } from "../metric.js";
import { MAX_WORKERS } from "./max-workers.js";
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

/** The thread count of `workers` (default: the machine's parallelism), checked. */
export function workerCount(fn: string, workers: unknown, fallback = availableParallelism()): number {
  return optInteger(fn, "workers", workers, fallback, { min: 1, max: MAX_WORKERS });
}

/**
 * `def` must be a metric definition from a task module's `*Def` factory; else `invalid_value`
 * (`what` names the argument in the message).
 */
export function checkDef(fn: string, def: unknown, what = "`def`"): void {
  const d = def as Partial<MetricDef<unknown, unknown[], unknown>> | null;
  const ok =
    typeof d === "object" &&
    d !== null &&
    typeof d.id === "string" &&
    typeof d.init === "function" &&
    typeof d.merge === "function" &&
    typeof d.compute === "function";
  if (!ok)
    fail(
      "invalid_value",
      `${fn}: ${what} must be a metric definition from a \`*Def\` factory (e.g. binaryAurocDef()), got ${describeValue(def)}`,
    );
}

/**
 * `batches` must be an array whose every element is an argument list (an array), checked before
 * anything reaches a worker; else `invalid_value` naming the first offending index.
 */
function checkBatches(fn: string, batches: unknown): void {
  if (!Array.isArray(batches))
    fail(
      "invalid_value",
      `${fn}: \`batches\` must be an array of argument lists (e.g. [[preds, target], ...]), got ${describeValue(batches)}`,
    );
  const bad = batches.findIndex((batch) => !Array.isArray(batch));
  if (bad >= 0)
    fail(
      "invalid_value",
      `${fn}: \`batches[${bad}]\` must be an argument list (an array such as [preds, target]), got ${describeValue(batches[bad])}`,
    );
}

/**
 * Evaluates a metric over many batches on the persistent pool of worker threads (started by the
 * first call, reused by later ones, never keeping the process alive): batches are split into
 * `workers` contiguous shards, each folded into its own state (the Metric contract's `update`),
 * moved back without encoding, and merged here in shard order before `compute`. The result equals `runOnce`
 * over all batches in order (the merge invariant every metric's tests check). `def` must come
 * from a task module's `*Def` factory, so a worker can rebuild it from its id and options.
 * Batches are copied to the workers (structured clone) unless `transfer` moves them. A `def`
 * that is not a metric definition, or `batches` that is not an array of argument lists, is
 * refused with `invalid_value` before any worker starts.
 */
export async function evaluateInWorkers<State, Args extends unknown[], Result>(
  def: MetricDef<State, Args, Result>,
  batches: readonly Args[],
  options: WorkerOptions = {},
): Promise<Result> {
  const fn = "evaluateInWorkers";
  checkDef(fn, def);
  checkBatches(fn, batches);
  const read = readOptions<WorkerOptions>(fn, options, WORKER_OPTIONS);
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
