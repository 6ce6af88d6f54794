import { optionNames, optNumber, optOneOf, readOptions, required } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { numpySum } from "../detection/coco-eval.js";
import type { LabelMapInput } from "./label-maps.js";
import { type PerImageState, perImageDef } from "./per-image-def.js";
import { readMaskPair, readSpacing, squaredDistanceTransform } from "./surface.js";

/** Options of {@link normalizedSurfaceDiceDef}. */
export interface NormalizedSurfaceDiceOptions {
  /** Distance (in spacing units, e.g. mm) within which a boundary element counts as overlapping. Required. */
  readonly tolerance: number;
  /** [rowSpacing, columnSpacing], default [1, 1] (DeepMind's `spacing_mm`). */
  readonly spacing?: readonly number[];
  /** "mean" (default) over images, or "none" for one value per image. */
  readonly reduction?: "mean" | "none";
}

export const normalizedSurfaceDiceMeta: MetricMeta = {
  id: "segmentation/normalized_surface_dice",
  range: [0, 1],
  direction: "higher",
};

const FN = "normalizedSurfaceDice";
const NSD_OPTIONS = optionNames<NormalizedSurfaceDiceOptions>()("tolerance", "spacing", "reduction");

/**
 * Contour length of each 2x2 neighbourhood code (marching squares; bits top-left 8, top-right 4,
 * bottom-left 2, bottom-right 1): one corner in or out cuts a corner (half the cell diagonal),
 * two adjacent corners a straight edge (the row or column spacing), two opposite corners two
 * corners; 0 and 15 are no contour.
 */
function contourLengths(spacing: readonly number[]): Float64Array {
  const vertical = spacing[0]!;
  const horizontal = spacing[1]!;
  const diag = 0.5 * Math.sqrt(spacing[0]! ** 2 + spacing[1]! ** 2);
  const out = new Float64Array(16);
  for (const code of [1, 2, 4, 7, 8, 11, 13, 14]) out[code] = diag;
  out[3] = horizontal;
  out[12] = horizontal;
  out[5] = vertical;
  out[10] = vertical;
  out[6] = 2 * diag;
  out[9] = 2 * diag;
  return out;
}

/**
 * Border elements of a mask cropped to [y0, y0 + ch - 1] x [x0, x0 + cw - 1] and padded with one
 * row and column of zeros after it: code(i, j) of the 2x2 block whose bottom-right corner is
 * (i, j) (scipy `correlate` with [[8, 4], [2, 1]], zeros outside); borders have a code other
 * than 0 and 15.
 */
function neighbourCodes(
  mask: Uint8Array,
  offset: number,
  width: number,
  y0: number,
  x0: number,
  ch: number,
  cw: number,
): Uint8Array {
  const H = ch + 1;
  const W = cw + 1;
  const at = (i: number, j: number) =>
    i >= 0 && j >= 0 && i < ch && j < cw ? mask[offset + (y0 + i) * width + x0 + j]! : 0;
  const codes = new Uint8Array(H * W);
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++)
      codes[i * W + j] = 8 * at(i - 1, j - 1) + 4 * at(i - 1, j) + 2 * at(i, j - 1) + at(i, j);
  return codes;
}

/** Overlapping and total contour length of `from`'s border elements, by distance to `distances`' border. */
function overlap(
  codes: Uint8Array,
  distances: Float64Array | undefined,
  lengths: Float64Array,
  tolerance: number,
): { within: number; total: number } {
  const pairs: [number, number][] = [];
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k]!;
    if (c === 0 || c === 15) continue;
    pairs.push([distances ? Math.sqrt(distances[k]!) : Number.POSITIVE_INFINITY, lengths[c]!]);
  }
  // As the reference: border elements sorted by (distance, length), then numpy sums.
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const all = Float64Array.from(pairs, (p) => p[1]);
  const near = Float64Array.from(
    pairs.filter((p) => p[0] <= tolerance),
    (p) => p[1],
  );
  return { within: numpySum(near), total: numpySum(all) };
}

/**
 * Normalized surface Dice of one pair of 2-D masks, DeepMind surface-distance's
 * `compute_surface_dice_at_tolerance(compute_surface_distances(gt, pred, spacing), tolerance)`:
 * NaN when both masks are empty, 0 when exactly one is.
 */
function surfaceDice(
  pred: Uint8Array,
  target: Uint8Array,
  offset: number,
  h: number,
  w: number,
  spacing: readonly number[],
  lengths: Float64Array,
  tolerance: number,
): number {
  let y0 = h;
  let y1 = -1;
  let x0 = w;
  let x1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!pred[offset + y * w + x] && !target[offset + y * w + x]) continue;
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
    }
  if (y1 < 0) return Number.NaN;
  const ch = y1 - y0 + 1;
  const cw = x1 - x0 + 1;
  const codesP = neighbourCodes(pred, offset, w, y0, x0, ch, cw);
  const codesT = neighbourCodes(target, offset, w, y0, x0, ch, cw);
  const borderOf = (codes: Uint8Array) => {
    const out = new Uint8Array(codes.length);
    let any = false;
    for (let k = 0; k < codes.length; k++)
      if (codes[k] !== 0 && codes[k] !== 15) {
        out[k] = 1;
        any = true;
      }
    return any ? out : undefined;
  };
  const borderP = borderOf(codesP);
  const borderT = borderOf(codesT);
  const distP = borderP && squaredDistanceTransform(borderP, ch + 1, cw + 1, spacing);
  const distT = borderT && squaredDistanceTransform(borderT, ch + 1, cw + 1, spacing);
  const gt = overlap(codesT, distP, lengths, tolerance);
  const pr = overlap(codesP, distT, lengths, tolerance);
  return (gt.within + pr.within) / (gt.total + pr.total);
}

/**
 * Normalized surface Dice at a tolerance (Nikolov et al. 2021) per image of 2-D masks [N, H, W]
 * or [H, W] (nonzero = foreground): the boundary elements of each mask (marching-squares cells of
 * the zero-padded mask, weighted by their contour length) that lie within `tolerance` of the other
 * mask's boundary, over all boundary length. Matches DeepMind surface-distance
 * `compute_surface_dice_at_tolerance` (spacing in the same units as the tolerance); 3-D volumes
 * are not supported. O(pixels) per image plus a sort of the boundary.
 * @example normalizedSurfaceDice([[0, 1, 1, 0]], [[0, 1, 1, 0]], { tolerance: 0 }) // 1
 */
export function normalizedSurfaceDiceDef(
  options: NormalizedSurfaceDiceOptions,
): MetricDef<PerImageState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<NormalizedSurfaceDiceOptions>(FN, options, NSD_OPTIONS);
  const tolerance = optNumber(FN, "tolerance", required(FN, "tolerance", o.tolerance), 0, { min: 0 });
  const spacing = readSpacing(o.spacing, FN, 2);
  const reduction = optOneOf(FN, "reduction", o.reduction, ["mean", "none"] as const, "mean");
  const lengths = contourLengths(spacing);
  const domain = {
    test: (v: number) => Number.isNaN(v) || (v >= 0 && v <= 1),
    words: "scores in [0, 1] or NaN",
  };
  return perImageDef(
    normalizedSurfaceDiceMeta,
    { tolerance, spacing, reduction },
    reduction,
    domain,
    (preds, target) => {
      const [p, t] = readMaskPair(preds, target, FN, 2);
      const size = p.height * p.width;
      const out: number[] = [];
      for (let i = 0; i < p.images; i++)
        out.push(surfaceDice(p.data, t.data, i * size, p.height, p.width, spacing, lengths, tolerance));
      return out;
    },
  );
}

/** One-shot form: `runOnce(normalizedSurfaceDiceDef(options), preds, target)`. */
export function normalizedSurfaceDice(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: NormalizedSurfaceDiceOptions,
): number | number[] {
  return runOnce(normalizedSurfaceDiceDef(options), preds, target);
}
