import { toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optBoolean, optionNames, readOptions } from "../../core/options.js";
import { compensatedSum } from "../../core/sum.js";
import { assertSameLength } from "../../core/validate.js";
import type { MetricMeta } from "../../metric.js";
import type { NdInput } from "./ndarray.js";

export const aucMeta: MetricMeta = {
  id: "classification/auc",
  range: [-Infinity, Infinity],
  direction: "none",
  conventions: ["scikit-learn-1.2"],
};

export interface AucOptions {
  /** Sort the points by `x` first (stable, as torchmetrics' `reorder=True`). Default false. */
  reorder?: boolean;
}
const AUC_OPTIONS = /* @__PURE__ */ optionNames<AucOptions>()("reorder");

/** The trapezoidal area under the points (x, y), in their order (negative where x decreases). */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const terms = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) terms[i - 1] = ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return compensatedSum(terms);
}

/**
 * The area under any curve by the trapezoidal rule: sum_i (x_i - x_{i-1}) (y_i + y_{i-1}) / 2,
 * as scikit-learn 1.2 `auc(x, y)`: `x` must be monotonic (increasing, or decreasing for a
 * positive area); with `reorder` the points are sorted by `x` first (torchmetrics' `reorder`).
 * At least 2 points. Compensated summation. O(n).
 *
 * @example auc([0, 0.5, 1], [0, 0.8, 1]) // 0.65
 */
export function auc(x: NdInput, y: NdInput, options?: AucOptions): number {
  const fn = "auc";
  const o = readOptions(fn, options, AUC_OPTIONS);
  const reorder = optBoolean(fn, "reorder", o.reorder, false);
  let xs = toFloat64(x, fn, "x");
  let ys = toFloat64(y, fn, "y");
  assertSameLength(xs.length, ys.length, fn, "x", "y");
  if (xs.length < 2)
    fail("invalid_value", `${fn}: at least 2 points are needed to compute an area, got ${xs.length}`);
  for (let i = 0; i < xs.length; i++)
    if (!Number.isFinite(xs[i]!) || Number.isNaN(ys[i]!))
      fail(
        "invalid_value",
        `${fn}: \`x\` must be finite and \`y\` a number, got ${describeValue(xs[i])}, ${describeValue(ys[i])} at index ${i}`,
      );
  if (reorder) {
    const order = Array.from(xs.keys()).sort((a, b) => xs[a]! - xs[b]! || a - b);
    xs = Float64Array.from(order, (i) => xs[i]!);
    ys = Float64Array.from(order, (i) => ys[i]!);
  }
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < xs.length; i++) {
    if (xs[i]! < xs[i - 1]!) increasing = false;
    if (xs[i]! > xs[i - 1]!) decreasing = false;
  }
  if (!increasing && !decreasing)
    fail(
      "invalid_value",
      `${fn}: \`x\` is neither increasing nor decreasing (sort it, or pass reorder: true)`,
    );
  const area = trapezoid(xs, ys);
  return increasing ? area : -area;
}
