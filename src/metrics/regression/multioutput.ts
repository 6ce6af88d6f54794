import { exactMeanOf, exactSumOf } from "../../core/exact-sum.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";

/** How a metric over k outputs (matrix input) is reduced: sklearn's `multioutput` vocabulary. */
export type Multioutput = "uniform_average" | "raw_values";

/** The result type for options `O`: `number[]` (one per output) for `raw_values`, else a number. */
export type MultioutputResult<O> = O extends { multioutput: "raw_values" } ? number[] : number;

/** Options shared by the metrics that accept matrix (multioutput) input. */
export interface MultioutputOptions {
  /** `"uniform_average"` (default): mean over outputs; `"raw_values"`: one value per output. */
  readonly multioutput?: Multioutput;
}

/** The declared option names of {@link MultioutputOptions}. */
export const MULTIOUTPUT_OPTIONS = optionNames<MultioutputOptions>()("multioutput");

/** Validates a `multioutput` option (default `"uniform_average"`). */
export function readMultioutput(value: unknown, fn: string): Multioutput {
  return optOneOf(fn, "multioutput", value, ["uniform_average", "raw_values"] as const, "uniform_average");
}

/** Reads options that hold only `multioutput` (strictly: any other key is `invalid_option`). */
export function readMultioutputOptions(fn: string, options: unknown): Multioutput {
  return readMultioutput(readOptions<MultioutputOptions>(fn, options, MULTIOUTPUT_OPTIONS).multioutput, fn);
}

/**
 * Reduces per-row or per-image values as torchmetrics' `reduction` says: `"none"` gives them all,
 * `"sum"` and `"mean"` are rounded once from the exact sum, so they do not depend on the order the
 * values were gathered in (merge order).
 */
export function reduceValues(values: Float64Array, reduction: "sum" | "mean" | "none"): number | number[] {
  if (reduction === "none") return Array.from(values);
  return reduction === "sum" ? exactSumOf(values) : exactMeanOf(values);
}

/** Reduces per-output values as `multioutput` says. */
export function reduceOutputs(values: readonly number[], multioutput: string): number | number[] {
  if (multioutput === "raw_values") return [...values];
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
