/**
 * Small shared pieces of the classification metrics (internal): sample weights, guarded
 * division and the "no samples" check. Batches themselves are read by batch.ts.
 */
import { toFloat64 } from "../../core/coerce.js";
import { describeValue, emptyInput, invalidState, invalidValue } from "../../core/errors.js";
import { assertSameLength } from "../../core/validate.js";

/**
 * Non-negative finite weights, one per sample (`n`; undefined means all ones), and whether they
 * are all integers below 2^31 (one bit operation per weight: `v | 0` truncates to 32 bits).
 */
export function readWeights(
  value: unknown,
  n: number,
  fn: string,
): { weights: Float64Array; integers: boolean } | undefined {
  if (value === undefined) return undefined;
  const w = toFloat64(value, fn, "sampleWeight");
  assertSameLength(w.length, n, fn, "sampleWeight", "target");
  let other = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!(Number.isFinite(v) && v >= 0))
      invalidValue(
        `${fn}: \`sampleWeight\` must be finite and non-negative, got ${describeValue(v)} at index ${i}`,
      );
    other |= (v | 0) === v ? 0 : 1;
  }
  return { weights: w, integers: other === 0 };
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
  if (!Number.isFinite(total) || total < 0)
    invalidState(`${fn}: the state's sample total is ${describeValue(total)}, not a count`);
  if (total === 0) emptyInput(`${fn}: \`preds\` must hold at least one sample, got 0`);
}
