import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { optInteger } from "../../core/options.js";

/**
 * Progress reporting of a model run: `true` draws the CLI's progress bar on stderr (only on a
 * TTY, after about a second, in Node), a function is called with `(done, total)` after every
 * batch, `false` (the default) reports nothing.
 */
export type ProgressOption = boolean | ((done: number, total: number) => void);

interface Reporter {
  update(done: number): void;
  stop(): void;
}

/** Checks the `progress` option. */
export function readProgress(fn: string, value: unknown): ProgressOption {
  if (value === undefined) return false;
  if (typeof value !== "boolean" && typeof value !== "function")
    fail(
      "invalid_option",
      `${fn}: option \`progress\` must be true, false or a function, got ${describeValue(value)}`,
    );
  return value as ProgressOption;
}

async function reporter(progress: ProgressOption, label: string, total: number): Promise<Reporter> {
  if (progress === false) return { update() {}, stop() {} };
  if (typeof progress === "function") return { update: (done) => progress(done, total), stop() {} };
  if (typeof (globalThis as { process?: { stderr?: unknown } }).process?.stderr !== "object")
    return { update() {}, stop() {} };
  // The CLI's bar (TTY only, after a second); the path sits in a variable so browser bundles of
  // plumbline/models/web do not pull in the CLI.
  const grammar = "../../cli/grammar.js";
  const { startProgress } = (await import(/* @vite-ignore */ grammar)) as {
    startProgress: (label: string, total: number | undefined) => Reporter;
  };
  return startProgress(label, total);
}

/**
 * Reads the `batchSize` option (default `fallback`) and checks that one batch of `bytesPerItem`
 * bytes fits the allocation budget.
 */
export function readBatchSize(fn: string, value: unknown, fallback: number, bytesPerItem: number): number {
  const batchSize = optInteger(fn, "batchSize", value, fallback, { min: 1, max: 1_000_000 });
  assertAllocation(fn, `option \`batchSize\` = ${batchSize}`, batchSize * bytesPerItem);
  return batchSize;
}

/**
 * Runs `work(start, end)` on consecutive batches of at most `batchSize` items out of `total`, one
 * after another, reporting progress after each; the reporter stops whatever happens.
 */
export async function inBatches(
  total: number,
  batchSize: number,
  progress: ProgressOption,
  label: string,
  work: (start: number, end: number) => Promise<void>,
): Promise<void> {
  const report = await reporter(progress, label, total);
  try {
    for (let start = 0; start < total; start += batchSize) {
      const end = Math.min(total, start + batchSize);
      await work(start, end);
      report.update(end);
    }
  } finally {
    report.stop();
  }
}
