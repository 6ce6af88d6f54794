/**
 * `plumbline eval classification|regression ... --workers N`: the pool's N - 1 threads start
 * before the command's modules load, each loading its own modules and the command's runner
 * meanwhile, so a thread's start-up overlaps this thread's instead of delaying its shard
 * (docs/scale.md). Only a plain `--workers N` (an integer from 2 up) starts it: anything else is
 * left to the command, which checks its flags as usual.
 */

/** The `eval` tasks `--workers` serves, by their shard runner (src/parallel/runners.ts). */
const RUNNERS: Readonly<Record<string, string>> = {
  classification: "eval classification",
  regression: "eval regression",
};

/** The pool's thread count `argv` (the arguments after the program name) asks for, else 0. */
export function earlyPoolThreads(argv: readonly string[]): number {
  if (argv[0] !== "eval" || !Object.hasOwn(RUNNERS, argv[1] ?? "")) return 0;
  if (argv.includes("--redis") || argv.includes("--memory-budget")) return 0;
  const at = argv.indexOf("--workers");
  const value = at >= 0 ? argv[at + 1] : undefined;
  const workers = value !== undefined && /^[0-9]{1,9}$/.test(value) ? Number(value) : 0;
  return workers >= 2 ? workers - 1 : 0;
}

/** Starts the pool `argv` asks for (see the module comment); nothing when it asks for none. */
export async function startPoolEarly(argv: readonly string[]): Promise<void> {
  const threads = earlyPoolThreads(argv);
  if (threads === 0) return;
  const { MAX_WORKERS, workerPool } = await import("../parallel/pool.js");
  if (threads < MAX_WORKERS) workerPool(threads, [RUNNERS[argv[1]!]!]);
}
