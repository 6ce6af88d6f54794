/**
 * The main thread's side of the pool: sends tasks (shards the workers read themselves, or
 * batches read here), gathers the prepared states, and merges them into the caller's metrics.
 */

import { fail, PlumblineError, type PlumblineErrorCode } from "../core/errors.js";
import { type AnyMetricDef, createMetric, type Metric } from "../metric.js";
import {
  type AurocTask,
  isRangedAurocDef,
  isShardKeys,
  type RangeArea,
  rangedAuroc,
  type ShardKeys,
} from "./auroc-ranges.js";
import { workerPool } from "./pool.js";
import type { ShardBatch } from "./shard-reader.js";
import type { ShardedInput, ShardSpec } from "./shards.js";
import { transferables } from "./transfer.js";
import { runWorkerTask, type TaskResult, type WorkerReply, type WorkerTask } from "./worker.js";

/** What the workers sent back: rows read, per task one state per metric, and the tasks' summaries. */
export interface GatheredStates {
  rows: number;
  states: unknown[][];
  summaries: unknown[];
}

/** Runs one task on the pool of `threads`, moving `transfer` with it; a worker's error is rethrown. */
export async function runTask(
  threads: number,
  task: WorkerTask,
  transfer: ArrayBuffer[] = [],
): Promise<TaskResult> {
  let reply: WorkerReply;
  try {
    reply = (await workerPool(threads).run(task, { transferList: transfer })) as WorkerReply;
  } catch (error) {
    return fail("io_error", `a worker thread failed (${(error as Error)?.message ?? String(error)})`);
  }
  if ("error" in reply)
    throw new PlumblineError(
      (reply.error.code as PlumblineErrorCode | undefined) ?? "io_error",
      reply.error.message,
    );
  return reply;
}

/** A step of an exact AUROC run by a thread of the pool of `threads`, moving `transfer` (auroc-ranges.ts). */
export async function runAurocStep(
  threads: number,
  step: AurocTask,
  transfer: ArrayBuffer[],
): Promise<RangeArea | null> {
  return (await runTask(threads, { op: "auroc", step }, transfer)).states[0] as RangeArea | null;
}

/**
 * Each shard read and evaluated by one of `threads` threads: this thread (its modules loaded, its
 * states needing no move) and a pool of `threads - 1` pull shards from one list until it is
 * empty, so a pool thread still starting up takes fewer. States come back in shard order.
 */
export async function evaluateShards(options: {
  fn: string;
  threads: number;
  runner: string;
  config: unknown;
  input: ShardedInput;
  shards: readonly ShardSpec[];
  /** Metrics (by index) whose exact binary curve states come back as keys (auroc-ranges.ts). */
  keys?: readonly number[] | undefined;
}): Promise<GatheredStates> {
  const { fn, runner, config, input, threads, shards, keys } = options;
  const replies: TaskResult[] = new Array(shards.length);
  let next = 0;
  let failed = false;
  const pull = async (run: (task: WorkerTask) => Promise<TaskResult>) => {
    while (!failed && next < shards.length) {
      const at = next++;
      try {
        replies[at] = await run({ op: "shard", fn, runner, config, input, shard: shards[at]!, keys });
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // This thread's loop starts first and takes shard 0; every loop is awaited, so no task is left running.
  const loops = [
    pull(runWorkerTask),
    ...Array.from({ length: Math.max(0, threads - 1) }, () => pull((task) => runTask(threads - 1, task))),
  ];
  const settled = await Promise.allSettled(loops);
  const rejected = settled.find((s) => s.status === "rejected");
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  return gathered(replies);
}

/** The replies of the tasks, in order, gathered. */
function gathered(replies: readonly TaskResult[]): GatheredStates {
  return {
    rows: replies.reduce((sum, r) => sum + r.rows, 0),
    states: replies.map((r) => r.states),
    summaries: replies.map((r) => r.summary),
  };
}

/**
 * Batches read on this thread, sent in groups of about `groupRows` rows (their arrays moved, not
 * copied) to the pool, at most two groups per thread in flight (memory stays bounded).
 */
export async function evaluateBatches(options: {
  threads: number;
  runner: string;
  config: unknown;
  batches: AsyncIterable<ShardBatch>;
  groupRows?: number;
}): Promise<GatheredStates> {
  const { threads, runner, config } = options;
  const groupRows = options.groupRows ?? 1 << 20;
  const pending: Promise<TaskResult>[] = [];
  const done: TaskResult[] = [];
  let group: ShardBatch[] = [];
  let rows = 0;
  const send = async () => {
    if (group.length === 0) return;
    const batches = group;
    group = [];
    rows = 0;
    const task = runTask(threads, { op: "batches", runner, config, batches }, transferables(batches));
    // Handled now (it is awaited in order below), so an early failure is not an unhandled rejection.
    task.catch(() => undefined);
    pending.push(task);
    if (pending.length >= 2 * threads) done.push(await pending.shift()!);
  };
  try {
    for await (const batch of options.batches) {
      group.push(batch);
      rows += batch.rows;
      if (rows >= groupRows) await send();
    }
    await send();
    for (const task of pending.splice(0)) done.push(await task);
  } catch (error) {
    // Every task sent is settled before the error goes up, so none is left running unhandled.
    await Promise.allSettled(pending);
    throw error;
  }
  return gathered(done);
}

/**
 * Folds the gathered states into `metrics` (metric k takes state k of every task): pairwise in
 * task order (((s1 s2) (s3 s4)) ...) down to two, each of which the metric then merges, so an
 * exact curve's scores are copied O(log tasks) times, not once per task. The states come from
 * this process's own threads, which built them from validated input: they are neither decoded
 * nor checked again element by element (see {@link trustedMetric}).
 */
export function mergeGathered(
  metrics: readonly Metric<unknown, unknown[], unknown>[],
  gathered: GatheredStates,
): void {
  metrics.forEach((metric, k) => {
    let level = gathered.states.map((states) => states[k]);
    while (level.length > 2) {
      const up: unknown[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(metric.def.merge(level[i], level[i + 1]));
      if (level.length % 2 === 1) up.push(level[level.length - 1]);
      level = up;
    }
    for (const state of level) metric.merge(trustedMetric(metric.def, state));
  });
}

/**
 * The metrics (by index) whose states the shard tasks can give back as AUROC keys when `threads`
 * threads run (exact binary AUROC, computed by ranges of scores: auroc-ranges.ts).
 */
export function keyedMetrics(
  metrics: readonly Metric<unknown, unknown[], unknown>[],
  threads: number,
): number[] {
  return threads > 1 ? metrics.flatMap((m, k) => (isRangedAurocDef(m.def) ? [k] : [])) : [];
}

/**
 * Folds the gathered states into `metrics` as {@link mergeGathered} does, except that a metric
 * whose states came back as AUROC keys is replaced by one that holds no state (its def's empty
 * one) and computes the value of the keys, found now on `threads` threads (auroc-ranges.ts; an
 * error is thrown by its compute, where the merged metric's would be). For callers that read no
 * state afterwards.
 */
export async function settleGathered(
  metrics: Metric<unknown, unknown[], unknown>[],
  gathered: GatheredStates,
  threads: number,
): Promise<void> {
  const keyed = metrics.map(
    (_, k) => gathered.states.length > 0 && gathered.states.every((states) => isShardKeys(states[k])),
  );
  mergeGathered(
    metrics.filter((_, k) => !keyed[k]),
    { ...gathered, states: gathered.states.map((states) => states.filter((_, k) => !keyed[k])) },
  );
  for (const [k, metric] of metrics.entries()) {
    if (!keyed[k]) continue;
    const keys = gathered.states.map((states) => states[k] as ShardKeys);
    let compute: () => unknown;
    try {
      const value = await rangedAuroc(metric.def, keys, threads, (step, transfer) =>
        runAurocStep(threads - 1, step, transfer),
      );
      compute = () => value;
    } catch (error) {
      compute = () => {
        throw error;
      };
    }
    metrics[k] = createMetric(Object.create(metric.def, { compute: { value: compute } })) as Metric<
      unknown,
      unknown[],
      unknown
    >;
  }
}

/**
 * A metric of `def` holding `state` (not copied: it merges into the fresh state by taking it)
 * whose merge skips the def's `validateState`: for states this process's own threads built
 * (each batch was validated by `update`). Merged into the caller's metric as a metric, its data
 * counts as unsealed, as merging the state would.
 */
function trustedMetric(def: AnyMetricDef, state: unknown): Metric<unknown, unknown[], unknown> {
  const trusted = Object.create(def, {
    validateState: { value: undefined },
    merge: { value: (_empty: unknown, taken: unknown) => taken },
  }) as AnyMetricDef;
  return (createMetric(trusted) as Metric<unknown, unknown[], unknown>).merge(state);
}
