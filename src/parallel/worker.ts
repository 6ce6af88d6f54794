/**
 * The worker thread's task handler (each pool thread loads it through pool-thread.ts). A task
 * folds data into fresh metric states and hands them back: `update` batches given in the task
 * (evaluateInWorkers), `batches` paired batches read by the main thread, `shard` a shard the
 * worker reads itself from the file. The states' typed arrays are moved back, never copied or
 * encoded.
 */
import { move, transferableSymbol, valueSymbol } from "piscina";
import { isPlumblineError } from "../core/errors.js";
import { findDefinition } from "../metrics/registry.js";
import { type AurocTask, runAurocTask, shardKeys } from "./auroc-ranges.js";
import { startRun } from "./runners.js";
import { readShard, type ShardBatch } from "./shard-reader.js";
import type { ShardedInput, ShardSpec } from "./shards.js";
import { compactState, transferables } from "./transfer.js";

/** A task for the pool. */
export type WorkerTask =
  | {
      readonly op: "update";
      readonly id: string;
      readonly options: unknown;
      readonly batches: readonly unknown[][];
    }
  | {
      readonly op: "batches";
      readonly runner: string;
      readonly config: unknown;
      readonly batches: readonly ShardBatch[];
    }
  | {
      readonly op: "shard";
      readonly fn: string;
      readonly runner: string;
      readonly config: unknown;
      readonly input: ShardedInput;
      readonly shard: ShardSpec;
      /** Metrics (by index) whose exact binary curve state goes back as keys (auroc-ranges.ts). */
      readonly keys?: readonly number[] | undefined;
    }
  | { readonly op: "auroc"; readonly step: AurocTask };

/**
 * What a task gives back: the rows read, one state per metric, and the run's summary if any (an
 * `auroc` step gives its result as its one state).
 */
export interface TaskResult {
  rows: number;
  states: unknown[];
  summary?: unknown;
}

/** A task's reply: its result, or the error that stopped it. */
export type WorkerReply =
  | TaskResult
  | { readonly error: { readonly code?: string; readonly message: string } };

/** Runs a task here (a pool thread, or the calling thread for its own share of the shards). */
export async function runWorkerTask(task: WorkerTask): Promise<TaskResult> {
  if (task.op === "update") {
    const def = await findDefinition(task.id, task.options);
    const state = def.init();
    for (const batch of task.batches) def.update(state, ...batch);
    return { rows: task.batches.length, states: [compactState(state)] };
  }
  if (task.op === "auroc") return { rows: 0, states: [runAurocTask(task.step)] };
  const run = await startRun(task.runner, task.config);
  let rows = 0;
  const batches = task.op === "batches" ? task.batches : readShard(task.fn, task.input, task.shard);
  for await (const batch of batches) {
    run.update(batch);
    rows += batch.rows;
  }
  // States go as they are (spare capacity included: moving a buffer costs nothing, cutting it copies).
  const states = run.metrics.map((m) => m.state);
  if (task.op === "shard") for (const k of task.keys ?? []) states[k] = shardKeys(states[k]);
  return run.summary === undefined ? { rows, states } : { rows, states, summary: run.summary() };
}

export default async function handle(task: WorkerTask): Promise<unknown> {
  try {
    const reply = await runWorkerTask(task);
    return move({
      get [transferableSymbol]() {
        return transferables(reply.states);
      },
      get [valueSymbol]() {
        return reply;
      },
    });
  } catch (error) {
    return {
      error: isPlumblineError(error)
        ? { code: error.code, message: error.message }
        : { message: String((error as Error)?.stack ?? error) },
    } satisfies WorkerReply;
  }
}
