import { assertOneOf } from "../../core/validate.js";

/** How a metric over k outputs (matrix input) is reduced: sklearn's `multioutput` vocabulary. */
export type Multioutput = "uniform_average" | "raw_values";

/** The result type for options `O`: `number[]` (one per output) for `raw_values`, else a number. */
export type MultioutputResult<O> = O extends { multioutput: "raw_values" } ? number[] : number;

/** Options shared by the metrics that accept matrix (multioutput) input. */
export interface MultioutputOptions {
  /** `"uniform_average"` (default): mean over outputs; `"raw_values"`: one value per output. */
  readonly multioutput?: Multioutput;
}

/** Validates a `multioutput` option (default `"uniform_average"`). */
export function readMultioutput(value: unknown, fn: string): Multioutput {
  return value === undefined
    ? "uniform_average"
    : assertOneOf(value, ["uniform_average", "raw_values"] as const, fn, "multioutput");
}

/** Reduces per-output values as `multioutput` says. */
export function reduceOutputs(values: readonly number[], multioutput: string): number | number[] {
  if (multioutput === "raw_values") return [...values];
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
