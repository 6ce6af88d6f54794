/**
 * Exact curves in bounded memory (Node only): AUROC and average precision over more scores than
 * memory holds, from sorted runs spilled to disk and merged (src/core/spill.ts). The values equal
 * `binaryAuroc` and `binaryAveragePrecision` on the same data bit for bit. See docs/scale.md.
 */
import type { NumericArray } from "../core/coerce.js";
import { fail } from "../core/errors.js";
import { optionNames, optOneOf, readOptions } from "../core/options.js";
import { SpilledBinaryCurve } from "../core/spill.js";
import { aurocOf, averagePrecisionOf, type CurveSource } from "../metrics/classification/curve-state.js";

export { MIN_MEMORY_BUDGET } from "../core/spill.js";

export interface SpilledCurveOptions {
  /** Bytes of memory for buffered scores and read buffers (at least 1 MiB). */
  readonly memoryBudget: number;
  /** Directory for the sorted runs (default: the system's temporary directory). */
  readonly dir?: string;
}
const SPILLED_CURVE_OPTIONS = optionNames<SpilledCurveOptions>()("memoryBudget", "dir");

export interface SpilledAurocOptions {
  /** One class missing gives 0 (torchmetrics, default) or NaN (sklearn). */
  readonly convention?: "torchmetrics" | "sklearn";
}
const AUROC_OPTIONS = optionNames<SpilledAurocOptions>()("convention");

/** An exact binary curve whose scores spill to disk past a memory budget. */
export interface SpilledCurve {
  /** Folds in scores (finite numbers) and targets (0/1). */
  update(preds: NumericArray, target: NumericArray): SpilledCurve;
  /** Exact AUROC (ties count half), as `binaryAuroc(preds, target, options)`. */
  auroc(options?: SpilledAurocOptions): number;
  /** Exact average precision, as `binaryAveragePrecision(preds, target)`. */
  averagePrecision(): number;
  /** Samples folded in so far. */
  readonly samples: number;
  /** Sorted runs written to disk so far. */
  readonly spilledRuns: number;
  /** Deletes the runs (call when done; the curve cannot be used afterwards). */
  close(): void;
}

/**
 * An exact binary curve in bounded memory: scores beyond `memoryBudget` bytes (24 bytes each
 * while buffered) are sorted and written to temporary files, merged when a value is asked for.
 *
 * @example
 * const curve = createSpilledCurve({ memoryBudget: 256 * 2 ** 20 });
 * for await (const batch of batches) curve.update(batch.scores, batch.labels);
 * curve.auroc(); // equals binaryAuroc over every batch
 * curve.close();
 */
export function createSpilledCurve(options: SpilledCurveOptions): SpilledCurve {
  const fn = "createSpilledCurve";
  const read = readOptions<SpilledCurveOptions>(fn, options, SPILLED_CURVE_OPTIONS);
  const curve = new SpilledBinaryCurve({ memoryBudget: read.memoryBudget as number, dir: read.dir });
  const source = (): CurveSource => {
    if (curve.P + curve.N === 0) fail("empty_input", `${fn}: no samples have been folded in`);
    return { kind: "exact", P: curve.P, N: curve.N, walk: (visit) => curve.walk(visit) };
  };
  const api: SpilledCurve = {
    update(preds, target) {
      curve.update(preds as ArrayLike<number>, target as ArrayLike<number>);
      return api;
    },
    auroc(aurocOptions) {
      const convention = optOneOf(
        "auroc",
        "convention",
        readOptions<SpilledAurocOptions>("auroc", aurocOptions, AUROC_OPTIONS).convention,
        ["torchmetrics", "sklearn"],
        "torchmetrics",
      );
      return aurocOf(source(), undefined, convention === "sklearn" ? Number.NaN : 0);
    },
    averagePrecision: () => averagePrecisionOf(source(), 0),
    get samples() {
      return curve.P + curve.N;
    },
    get spilledRuns() {
      return curve.spilledRuns;
    },
    close: () => curve.close(),
  };
  return api;
}
