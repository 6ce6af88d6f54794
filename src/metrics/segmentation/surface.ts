import { describeValue, fail } from "../../core/errors.js";
import { assertSameShape, type LabelMapInput, readLabelMaps } from "./label-maps.js";

/**
 * Shared machinery of the boundary metrics (Hausdorff, average surface distance, boundary F1):
 * surfaces of 2-D binary masks, the exact Euclidean distance transform with pixel spacing
 * (Felzenszwalb & Huttenlocher 2012, separable lower envelope of parabolas, O(pixels)), and
 * numpy's linear percentile.
 */

/** A batch of 2-D (or 3-D) binary masks, read from [N, H, W] / [N, D, H, W] inputs: nonzero = foreground. */
export interface MaskBatch {
  readonly images: number;
  /** Spatial sizes: [H, W] or [D, H, W]. */
  readonly dims: readonly number[];
  readonly height: number;
  readonly width: number;
  readonly data: Uint8Array;
}

/**
 * Reads two mask batches of one shape: [N, H, W] or [H, W] for 2-D masks, [N, D, H, W] or
 * [D, H, W] for volumes (`spatialDims` 3).
 */
export function readMaskPair(
  preds: LabelMapInput,
  target: LabelMapInput,
  fn: string,
  spatialDims = 2,
): [MaskBatch, MaskBatch] {
  const p = readLabelMaps(preds, fn, "preds");
  const t = readLabelMaps(target, fn, "target");
  assertSameShape(p, t, fn);
  let shape = [...p.shape];
  if (spatialDims === 3 && shape.length === 3) shape = [1, ...shape];
  if (shape.length !== spatialDims + 1) {
    const want = spatialDims === 3 ? "[N, D, H, W] or [D, H, W]" : "[N, H, W] or [H, W]";
    fail("shape_mismatch", `${fn}: masks must have shape ${want}, got [${p.shape.join(", ")}]`);
  }
  const dims = shape.slice(1);
  const toMask = (m: typeof p, arg: string): MaskBatch => {
    const data = new Uint8Array(m.data.length);
    for (let i = 0; i < m.data.length; i++) {
      const v = m.data[i]!;
      if (!Number.isFinite(v))
        fail("invalid_value", `${fn}: \`${arg}\` must be finite, got ${describeValue(v)} at index ${i}`);
      data[i] = v !== 0 ? 1 : 0;
    }
    return { images: shape[0]!, dims, height: dims[dims.length - 2]!, width: dims[dims.length - 1]!, data };
  };
  return [toMask(p, "preds"), toMask(t, "target")];
}

/** Reads the `spacing` option: one positive spacing per spatial axis ([row, column] in 2-D), default all 1. */
export function readSpacing(value: unknown, fn: string, spatialDims = 2): number[] {
  if (value === undefined) return new Array<number>(spatialDims).fill(1);
  if (
    !Array.isArray(value) ||
    value.length !== spatialDims ||
    value.some((v) => typeof v !== "number" || !(v > 0) || !Number.isFinite(v))
  ) {
    const names =
      spatialDims === 3 ? "[depthSpacing, rowSpacing, columnSpacing]" : "[rowSpacing, columnSpacing]";
    fail(
      "invalid_option",
      `${fn}: option \`spacing\` must be ${names} with positive finite numbers, got ${describeValue(value)}`,
    );
  }
  return value.slice() as number[];
}

/** Reads the `spatialDims` option (2 or 3). */
export function readSpatialDims(value: unknown, fn: string): 2 | 3 {
  if (value === undefined) return 2;
  if (value !== 2 && value !== 3)
    fail("invalid_option", `${fn}: option \`spatialDims\` must be 2 or 3, got ${describeValue(value)}`);
  return value;
}

/** Surface of an N-D mask: foreground voxels with a face neighbour outside the mask or on the border. */
export function surfaceNd(mask: Uint8Array, offset: number, dims: readonly number[]): Uint8Array {
  const rank = dims.length;
  const size = dims.reduce((a, b) => a * b, 1);
  const strides = dims.map((_, d) => dims.slice(d + 1).reduce((a, b) => a * b, 1));
  const out = new Uint8Array(size);
  const coord = new Array<number>(rank).fill(0);
  for (let i = 0; i < size; i++) {
    if (mask[offset + i]) {
      let edge = false;
      for (let d = 0; d < rank && !edge; d++) {
        const c = coord[d]!;
        if (
          c === 0 ||
          c === dims[d]! - 1 ||
          !mask[offset + i - strides[d]!] ||
          !mask[offset + i + strides[d]!]
        )
          edge = true;
      }
      if (edge) out[i] = 1;
    }
    for (let d = rank - 1; d >= 0; d--) {
      coord[d]!++;
      if (coord[d]! < dims[d]!) break;
      coord[d] = 0;
    }
  }
  return out;
}

/** Squared Euclidean distance transform of an N-D indicator array with per-axis spacing. O(size · rank). */
export function squaredDistanceTransformNd(
  seeds: Uint8Array,
  dims: readonly number[],
  spacing: readonly number[],
): Float64Array {
  const size = dims.reduce((a, b) => a * b, 1);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = seeds[i] ? 0 : Number.POSITIVE_INFINITY;
  const n = Math.max(...dims);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let axis = 0; axis < dims.length; axis++) {
    const len = dims[axis]!;
    const stride = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = size / (len * stride);
    for (let o = 0; o < outer; o++) {
      for (let inner = 0; inner < stride; inner++) {
        const base = o * len * stride + inner;
        for (let k = 0; k < len; k++) f[k] = out[base + k * stride]!;
        edt1d(f, len, spacing[axis]!, d, v, z);
        for (let k = 0; k < len; k++) out[base + k * stride] = d[k]!;
      }
    }
  }
  return out;
}

/** Distances from each point of `from` to the nearest point of `to` (N-D indicator arrays). */
export function directedDistancesNd(
  from: Uint8Array,
  to: Uint8Array,
  dims: readonly number[],
  spacing: readonly number[],
): Float64Array {
  const dt = squaredDistanceTransformNd(to, dims, spacing);
  const out: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i]) out.push(Math.sqrt(dt[i]!));
  return Float64Array.from(out);
}

/**
 * Surface of a mask: foreground pixels with a 4-neighbour outside the mask or on the image
 * border (mask XOR its erosion by a cross, scipy `binary_erosion` with border value 0).
 */
export function surface(mask: Uint8Array, offset: number, h: number, w: number): Uint8Array {
  const out = new Uint8Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!mask[offset + i]) continue;
      const inner =
        y > 0 &&
        y < h - 1 &&
        x > 0 &&
        x < w - 1 &&
        mask[offset + i - w] &&
        mask[offset + i + w] &&
        mask[offset + i - 1] &&
        mask[offset + i + 1];
      if (!inner) out[i] = 1;
    }
  }
  return out;
}

function edt1d(
  f: Float64Array,
  n: number,
  spacing: number,
  d: Float64Array,
  v: Int32Array,
  z: Float64Array,
): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q]!;
    if (fq === Number.POSITIVE_INFINITY) continue;
    const xq = q * spacing;
    let s = 0;
    while (k >= 0) {
      const xv = v[k]! * spacing;
      s = (fq + xq * xq - (f[v[k]!]! + xv * xv)) / (2 * (xq - xv));
      if (s <= z[k]!) k--;
      else break;
    }
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = Number.NEGATIVE_INFINITY;
    } else {
      k++;
      v[k] = q;
      z[k] = s;
    }
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  if (k < 0) {
    for (let p = 0; p < n; p++) d[p] = Number.POSITIVE_INFINITY;
    return;
  }
  let j = 0;
  for (let p = 0; p < n; p++) {
    const xp = p * spacing;
    while (z[j + 1]! < xp) j++;
    const dx = xp - v[j]! * spacing;
    d[p] = dx * dx + f[v[j]!]!;
  }
}

/**
 * Squared Euclidean distance from every pixel to the nearest pixel of `seeds` (nonzero), with
 * row and column spacing; +Infinity everywhere when there is no seed. O(h*w).
 */
export function squaredDistanceTransform(
  seeds: Uint8Array,
  h: number,
  w: number,
  spacing: readonly number[],
): Float64Array {
  const out = new Float64Array(h * w);
  const n = Math.max(h, w);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) f[y] = seeds[y * w + x] ? 0 : Number.POSITIVE_INFINITY;
    edt1d(f, h, spacing[0], d, v, z);
    for (let y = 0; y < h; y++) out[y * w + x] = d[y]!;
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) f[x] = out[y * w + x]!;
    edt1d(f, w, spacing[1], d, v, z);
    for (let x = 0; x < w; x++) out[y * w + x] = d[x]!;
  }
  return out;
}

/** Distances from each point of `from` to the nearest point of `to` (both h*w indicator arrays). */
export function directedDistances(
  from: Uint8Array,
  to: Uint8Array,
  h: number,
  w: number,
  spacing: readonly number[],
): Float64Array {
  const dt = squaredDistanceTransform(to, h, w, spacing);
  const out: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i]) out.push(Math.sqrt(dt[i]!));
  return Float64Array.from(out);
}

/** numpy `percentile(values, q)` with the default linear method (sorts a copy). NaN when empty. */
export function percentile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const a = values.slice().sort();
  const rank = (q / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  const t = rank - lo;
  const x = a[lo]!;
  const y = a[hi]!;
  const diff = y - x;
  // numpy _lerp: a + diff*t, or b - diff*(1-t) when t >= 0.5.
  return t >= 0.5 ? y - diff * (1 - t) : x + diff * t;
}

/** The foreground (all points) or the surface of image `i` of a batch. */
export function pointsOf(batch: MaskBatch, i: number, mode: "surface" | "all"): Uint8Array {
  const size = batch.dims.reduce((a, b) => a * b, 1);
  if (mode === "all") return batch.data.subarray(i * size, (i + 1) * size);
  if (batch.dims.length === 2) return surface(batch.data, i * size, batch.height, batch.width);
  return surfaceNd(batch.data, i * size, batch.dims);
}

/** True if any value is nonzero. */
export function any(values: Uint8Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]) return true;
  return false;
}
