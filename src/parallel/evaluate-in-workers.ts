import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { decodeState } from "../core/codec.js";
import { fail, PlumblineError, type PlumblineErrorCode } from "../core/errors.js";
import { assertIntegerOption } from "../core/validate.js";
import type { MetricDef } from "../metric.js";
import type { ShardReply, ShardRequest } from "./worker.js";

export interface WorkerOptions {
  /** Number of worker threads (default: the machine's available parallelism, at most the batch count). */
  readonly workers?: number;
}

/**
 * Evaluates a metric over many batches on worker threads: batches are split into `workers`
 * contiguous shards, each folds its share into its own state (the Metric contract's `update`),
 * sends it back through the state codec, and the states are merged here before `compute`.
 * The result equals `runOnce` over all batches in order (the merge invariant every metric's
 * tests check). `def` must come from a task module's `*Def` factory, so a worker can rebuild it
 * from its id and options. Batches are copied to the workers (structured clone).
 */
export async function evaluateInWorkers<State, Args extends unknown[], Result>(
  def: MetricDef<State, Args, Result>,
  batches: readonly Args[],
  options: WorkerOptions = {},
): Promise<Result> {
  const workers = Math.min(
    assertIntegerOption(options.workers ?? availableParallelism(), 1, "evaluateInWorkers", "workers"),
    Math.max(1, batches.length),
  );
  // Contiguous shards, merged in order: order-dependent conventions (stable ties) are kept.
  const size = Math.ceil(batches.length / workers);
  const shards: Args[][] = Array.from({ length: workers }, (_, w) => batches.slice(w * size, (w + 1) * size));
  const states = await Promise.all(
    shards.map((shard) =>
      runShard({ id: def.id, options: def.options ?? {}, batches: shard as unknown as unknown[][] }),
    ),
  );
  let merged = def.init();
  for (const state of states) merged = def.merge(merged, decodeState(state) as State);
  return def.compute(merged);
}

function runShard(request: ShardRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.js", import.meta.url));
    worker.once("message", (reply: ShardReply) => {
      void worker.terminate();
      if ("state" in reply) resolve(reply.state);
      else
        reject(
          new PlumblineError(
            (reply.error.code as PlumblineErrorCode) ?? "invalid_state",
            reply.error.message,
          ),
        );
    });
    worker.once("error", (error) => {
      void worker.terminate();
      reject(error);
    });
    worker.postMessage(request);
  }).catch((error: unknown) => {
    if (error instanceof PlumblineError) throw error;
    return fail("invalid_state", `evaluateInWorkers: a worker failed (${(error as Error).message})`);
  });
}
