/**
 * The module piscina loads in each pool thread: the task handler of worker.ts, after the
 * runners the pool was started for (pool.ts `preload`) have loaded. Piscina awaits this module
 * before the thread takes tasks, so a preloaded thread's first task starts at once. (worker.ts
 * cannot await them itself: a runner's modules import it, and awaiting them while it evaluates
 * would wait on itself.)
 */
import { workerData } from "piscina";
import { loadRunner } from "./runners.js";
import handle from "./worker.js";

for (const runner of (workerData as { preload?: readonly string[] } | undefined)?.preload ?? []) {
  // A runner that fails to load is the first task needing it to report.
  await loadRunner(runner).catch(() => undefined);
}

export default handle;
