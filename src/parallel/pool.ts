/**
 * The persistent pool of worker threads (piscina): started once, reused by every parallel call
 * of the process, idle threads unreferenced so they never keep the process alive. A call asking
 * for another thread count replaces it.
 */
import { Piscina } from "piscina";

export { MAX_WORKERS } from "./max-workers.js";

let shared: { pool: Piscina; threads: number } | undefined;

/**
 * The pool of `threads` worker threads running worker.ts (started now if it is not running).
 * A new pool's threads load the modules of the runners named in `preload` (runners.ts) before
 * their first task (pool-thread.ts), meanwhile the calling thread goes on.
 */
export function workerPool(threads: number, preload: readonly string[] = []): Piscina {
  if (shared?.threads === threads) return shared.pool;
  if (shared !== undefined) void shared.pool.destroy();
  const pool = new Piscina({
    filename: new URL("./pool-thread.js", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    workerData: { preload },
  });
  shared = { pool, threads };
  return pool;
}

/** Stops the pool's threads (the next parallel call starts a new pool). */
export async function closeWorkerPool(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.pool.destroy();
}
