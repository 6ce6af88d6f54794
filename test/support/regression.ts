/**
 * Test helpers shared by the regression, image, depth and generative tests (not part of the
 * public API): tolerance comparison that treats NaN as equal to NaN, and stream-vs-one-shot runs.
 */
import { type AnyMetricDef, createMetric } from "../../src/metric.js";

/** True when `a` and `b` agree within `rtol` (relative) and `atol`; NaN equals NaN; arrays element-wise. */
export function agree(a: unknown, b: unknown, rtol = 1e-9, atol = 1e-12): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
    return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => agree(v, b[i], rtol, atol));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    return Object.keys(a).every((k) =>
      agree((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], rtol, atol),
    );
  }
  return Object.is(a, b);
}

/** Result of running `batches` through separate states merged left to right. */
export function mergedResult(def: AnyMetricDef, batches: readonly unknown[][]): unknown {
  let state = def.init();
  for (const args of batches) {
    const part = def.init();
    def.update(part, ...args);
    state = def.merge(state, part);
  }
  return def.compute(state);
}

/** Result after updating a metric with `first`, round-tripping it through JSON, then updating with `second`. */
export function resumedResult(def: AnyMetricDef, first: unknown[], second: unknown[]): unknown {
  const a = createMetric(def);
  a.update(...first);
  const text = JSON.stringify(a.toJSON());
  const b = createMetric(def).fromJSON(JSON.parse(text));
  b.update(...second);
  return b.compute();
}

/** Splits `n` items at the given (unsorted, possibly repeated) cut points into [start, end) ranges. */
export function ranges(n: number, cuts: readonly number[]): [number, number][] {
  const points = [...new Set(cuts.map((c) => Math.min(n, Math.max(0, c))))].sort((x, y) => x - y);
  const out: [number, number][] = [];
  let start = 0;
  for (const p of [...points, n]) {
    out.push([start, p]);
    start = p;
  }
  return out;
}
