/**
 * Bounded-memory options of the numeric `eval` commands (docs/scale.md "Bounded state"):
 * `eval classification --memory-budget SIZE` keeps the binary task's exact AUROC and average
 * precision in sorted runs on disk past SIZE bytes (core/spill.ts; same values bit for bit), and
 * `eval regression --median-sketch K` computes the median absolute error from a mergeable
 * quantile sketch (core/quantile-sketch.ts; rank error <= (floor(log2(n / K)) + 3) / K).
 */
import type { Command } from "commander";
import { describeValue, fail } from "../../core/errors.js";
import { MAX_SKETCH_K } from "../../core/quantile-sketch.js";
import { MIN_MEMORY_BUDGET, SpilledBinaryCurve } from "../../core/spill.js";
import type { Metric } from "../../metric.js";
import { aurocOf, averagePrecisionOf } from "../../metrics/classification/curve-state.js";
import { parseNumberFlag } from "../grammar.js";
import type { RunningSuite } from "./classification.js";

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
};

/** `512MiB`, `2GB`, `100000000` → bytes; anything else is `invalid_option`. */
export function parseByteSize(fn: string, flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase() || "b";
  if (!match || !Object.hasOwn(UNITS, unit))
    fail(
      "invalid_option",
      `${fn}: ${flag} must be a size such as 512MiB, 2GB or 100000000 (bytes), got ${describeValue(text)}`,
    );
  return Math.floor(Number(match[1]) * UNITS[unit]!);
}

/** Adds `--memory-budget SIZE`. */
export function addMemoryBudgetOption(command: Command): Command {
  return command.option(
    "--memory-budget <size>",
    "binary task: keep the exact AUROC and AP curve in sorted runs on disk past this much memory (e.g. 256MiB)",
  );
}

/**
 * With `--memory-budget`, the binary suite's exact `auroc` and `average_precision` are computed
 * from one spilled curve (same values bit for bit); their states then live on disk, so
 * `--emit-state`, `--workers` and `--redis` are refused with it. The run files are removed when
 * the process exits.
 */
export function spillExactCurves(
  fn: string,
  flags: { memoryBudget?: string; emitState?: string; report?: string; workers?: string; redis?: string },
  suite: RunningSuite,
): void {
  if (flags.memoryBudget === undefined) return;
  const budget = parseByteSize(fn, "--memory-budget", flags.memoryBudget);
  if (budget < MIN_MEMORY_BUDGET)
    fail("invalid_option", `${fn}: --memory-budget must be at least 1MiB, got ${flags.memoryBudget}`);
  if (suite.plan.task !== "binary")
    fail(
      "invalid_option",
      `${fn}: --memory-budget spills the binary task's exact curves; this is a ${suite.plan.task} task`,
    );
  if (
    flags.emitState !== undefined ||
    flags.report !== undefined ||
    flags.workers !== undefined ||
    flags.redis !== undefined
  )
    fail(
      "invalid_option",
      `${fn}: --memory-budget keeps the exact curves on disk, which cannot go into --emit-state, --report, --workers or --redis (use them without it)`,
    );
  const curve = new SpilledBinaryCurve({ memoryBudget: budget });
  process.once("exit", () => curve.close());
  const source = () => ({ kind: "exact" as const, P: curve.P, N: curve.N, walk: curve.walk.bind(curve) });
  let fed = false;
  suite.entries.forEach((entry, k) => {
    const compute =
      entry.name === "auroc"
        ? () => aurocOf(source(), undefined, 0)
        : entry.name === "average_precision"
          ? () => averagePrecisionOf(source(), 0)
          : undefined;
    if (compute === undefined) return;
    const first = !fed;
    fed = true;
    (suite.metrics as Metric<unknown, unknown[], unknown>[])[k] = spilledMetric(
      suite.metrics[k]!,
      fn,
      (preds, target) => {
        // AUROC and AP read the same (raw) scores: the curve is fed once.
        if (first) curve.update(preds as ArrayLike<number>, target as ArrayLike<number>);
      },
      compute,
    );
  });
}

/** A suite metric whose state is a spilled curve: update and compute only. */
function spilledMetric(
  original: Metric<unknown, unknown[], unknown>,
  fn: string,
  update: (preds: unknown, target: unknown) => void,
  compute: () => number,
): Metric<unknown, unknown[], unknown> {
  const refuse = (): never =>
    fail(
      "unsupported",
      `${fn}: ${original.id} is kept on disk (--memory-budget); its state cannot be merged or written`,
    );
  const metric = {
    id: original.id,
    def: original.def,
    get state(): never {
      return refuse();
    },
    shards: [],
    update(...args: unknown[]) {
      update(args[0], args[1]);
      return metric;
    },
    compute,
    reset: refuse,
    merge: refuse,
    toJSON: refuse,
    snapshot: refuse,
    fromJSON: refuse,
  };
  return metric as unknown as Metric<unknown, unknown[], unknown>;
}

/** Adds `--median-sketch K`. */
export function addMedianSketchOption(command: Command): Command {
  return command.option(
    "--median-sketch <k>",
    "median absolute error from a quantile sketch of level capacity k (bounded memory; rank error <= (log2(n/k)+3)/k)",
  );
}

/** The sketch capacity of `--median-sketch`, or undefined for the exact median. */
export function parseMedianSketch(fn: string, flags: { medianSketch?: string }): number | undefined {
  if (flags.medianSketch === undefined) return undefined;
  const k = parseNumberFlag(fn, "--median-sketch", flags.medianSketch, {
    min: 8,
    max: MAX_SKETCH_K,
    integer: true,
  });
  if (k % 2 !== 0) fail("invalid_option", `${fn}: --median-sketch must be even, got ${k}`);
  return k;
}
