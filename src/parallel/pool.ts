/**
 * The persistent pool of worker threads (piscina): started once, reused by every parallel call
 * of the process, idle threads unreferenced so they never keep the process alive. A call asking
 * for another thread count replaces it.
 */
import { Piscina } from "piscina";

let shared: { pool: Piscina; threads: number } | undefined;

/** The pool of `threads` worker threads running worker.js (started now if it is not running). */
export function workerPool(threads: number): Piscina {
  if (shared?.threads === threads) return shared.pool;
  if (shared !== undefined) void shared.pool.destroy();
  const pool = new Piscina({
    filename: new URL("./worker.js", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  shared = { pool, threads };
  return pool;
}

/** The running pool, if any (for work that needs a thread, not a given number of them). */
export function runningPool(): Piscina | undefined {
  return shared?.pool;
}

/** Stops the pool's threads (the next parallel call starts a new pool). */
export async function closeWorkerPool(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.pool.destroy();
}
