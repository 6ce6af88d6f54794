/**
 * Small shared pieces of the classification metrics (internal): sample weights, guarded
 * division and the "no samples" check. Batches themselves are read by batch.ts.
 */
import { readNdArray } from "../../core/coerce.js";
import { describeValue, emptyInput, invalidState, invalidValue } from "../../core/errors.js";
import { assertSameLength } from "../../core/validate.js";

/**
 * Non-negative finite weights, one per sample (`n`; undefined means all ones): a list, typed
 * array, tensor or `{ data, shape }` holding `n` values, read in row-major order (so a column
 * [n, 1] reads as [n], as a tensor's `dataSync()` always has).
 */
export function readWeights(value: unknown, n: number, fn: string): Float64Array | undefined {
  if (value === undefined) return undefined;
  const { data } = readNdArray(value, fn, "sampleWeight");
  const w = data instanceof Float64Array ? data : Float64Array.from(data);
  assertSameLength(w.length, n, fn, "sampleWeight", "target");
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!(Number.isFinite(v) && v >= 0))
      invalidValue(
        `${fn}: \`sampleWeight\` must be finite and non-negative, got ${describeValue(v)} at index ${i}`,
      );
  }
  return w;
}

/** `num / den`, or `zeroDivision` when `den` is 0. */
export function safeDivide(num: number, den: number, zeroDivision = 0): number {
  return den !== 0 ? num / den : zeroDivision;
}

/**
 * Throws `empty_input` when a metric is computed before any sample was seen, and
 * `invalid_state` when the state's total is not a finite count (a corrupt state, never "no samples").
 */
export function assertSeen(total: number, fn: string): void {
  // Infinity: finite weights whose sum passes the largest double (an input too large to add up);
  // NaN or a negative total can only come from a corrupt state.
  if (total === Infinity) invalidValue(`${fn}: \`sampleWeight\` sums to Infinity; scale the weights down`);
  if (!(total >= 0)) invalidState(`${fn}: the state's sample total is ${describeValue(total)}, not a count`);
  if (total === 0) emptyInput(`${fn}: \`preds\` must hold at least one sample, got 0`);
}
