/**
 * The sample axis of a metric's arguments, so that resampling tests can pick samples out of any
 * metric's inputs: `"rows"` when the first dimension indexes samples (arrays, typed arrays,
 * `{ data, rows, cols }` matrices: predictions, targets, hypotheses, per-hypothesis references),
 * `"streams"` when the second does (sacrebleu's reference streams `refs[k][i]`), `"whole"` for an
 * argument that is not per sample (passed unchanged).
 */
import { describeValue, fail } from "../core/errors.js";

export type SampleAxis = "rows" | "streams" | "whole";

type Matrix = { readonly data: ArrayLike<number>; readonly rows: number; readonly cols: number };

function isMatrix(value: unknown): value is Matrix {
  const m = value as Partial<Matrix> | null;
  return (
    m !== null &&
    typeof m === "object" &&
    !Array.isArray(m) &&
    typeof m.rows === "number" &&
    typeof m.cols === "number" &&
    m.data !== undefined &&
    typeof (m.data as ArrayLike<number>).length === "number"
  );
}

function rowCount(value: unknown, fn: string, which: string): number {
  if (isMatrix(value)) return value.rows;
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)))
    return (value as ArrayLike<unknown>).length;
  return fail(
    "invalid_value",
    `${fn}: ${which} must be an array, a typed array or { data, rows, cols }, got ${describeValue(value)}`,
  );
}

/** The number of samples in `args` along their axes; `shape_mismatch` when arguments disagree. */
export function sampleCount(fn: string, args: readonly unknown[], axes: readonly SampleAxis[]): number {
  let n: number | undefined;
  args.forEach((arg, i) => {
    const axis = axes[i] ?? "rows";
    if (axis === "whole") return;
    const counts =
      axis === "rows"
        ? [rowCount(arg, fn, `argument ${i}`)]
        : Array.isArray(arg)
          ? arg.map((stream, k) => rowCount(stream, fn, `argument ${i} stream ${k}`))
          : [rowCount(arg, fn, `argument ${i} (reference streams)`)];
    for (const c of counts) {
      if (n === undefined) n = c;
      else if (c !== n)
        fail("shape_mismatch", `${fn}: argument ${i} has ${c} samples where another has ${n}`);
    }
  });
  if (n === undefined) fail("invalid_value", `${fn}: no argument is per sample (every axis is "whole")`);
  return n;
}

function takeRows(value: unknown, indices: ArrayLike<number>): unknown {
  if (isMatrix(value)) {
    const { cols } = value;
    const data = new Float64Array(indices.length * cols);
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i]!;
      for (let c = 0; c < cols; c++) data[i * cols + c] = value.data[r * cols + c]!;
    }
    return { data, rows: indices.length, cols };
  }
  if (ArrayBuffer.isView(value)) {
    const source = value as unknown as ArrayLike<number> & { constructor: new (n: number) => Float64Array };
    const out = new source.constructor(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = source[indices[i]!]!;
    return out;
  }
  const list = value as readonly unknown[];
  return Array.from(indices, (i) => list[i]);
}

/** The arguments restricted to the samples at `indices` (repeats allowed), axis by axis. */
export function takeSamples(
  args: readonly unknown[],
  axes: readonly SampleAxis[],
  indices: ArrayLike<number>,
): unknown[] {
  return args.map((arg, i) => {
    const axis = axes[i] ?? "rows";
    if (axis === "whole") return arg;
    if (axis === "rows") return takeRows(arg, indices);
    return Array.isArray(arg) ? arg.map((stream) => takeRows(stream, indices)) : takeRows(arg, indices);
  });
}

function concatRows(a: unknown, b: unknown, fn: string): unknown {
  if (isMatrix(a) && isMatrix(b)) {
    if (a.cols !== b.cols) fail("shape_mismatch", `${fn}: matrices of ${a.cols} and ${b.cols} columns`);
    const data = new Float64Array((a.rows + b.rows) * a.cols);
    for (let i = 0; i < a.rows * a.cols; i++) data[i] = a.data[i]!;
    for (let i = 0; i < b.rows * b.cols; i++) data[a.rows * a.cols + i] = b.data[i]!;
    return { data, rows: a.rows + b.rows, cols: a.cols };
  }
  return [...Array.from(a as ArrayLike<unknown>), ...Array.from(b as ArrayLike<unknown>)];
}

/** A's samples followed by B's, argument by argument ("whole" arguments are A's). */
export function concatSamples(
  argsA: readonly unknown[],
  argsB: readonly unknown[],
  axes: readonly SampleAxis[],
): unknown[] {
  const fn = "concatSamples";
  return argsA.map((a, i) => {
    const axis = axes[i] ?? "rows";
    const b = argsB[i];
    if (axis === "whole") return a;
    if (axis === "rows") return concatRows(a, b, fn);
    const streamsA = a as readonly unknown[];
    const streamsB = b as readonly unknown[];
    if (!Array.isArray(streamsB) || streamsA.length !== streamsB.length)
      fail(
        "shape_mismatch",
        `${fn}: argument ${i} has ${streamsA.length} reference streams in A and ${describeValue(b)} in B`,
      );
    return streamsA.map((stream, k) => concatRows(stream, streamsB[k], fn));
  });
}
