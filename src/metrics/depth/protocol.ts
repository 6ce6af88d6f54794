/**
 * The evaluation protocol of monocular depth papers, applied per image before any metric:
 *
 * 1. valid pixels: ground truth inside (minDepth, maxDepth) when caps are set (KITTI's 1e-3 and
 *    80 m), positive and finite otherwise (or an error, unless `ignoreInvalidTarget`);
 * 2. a crop: Garg et al.'s (rows 0.40810811–0.99189189 and columns 0.03594771–0.96405229 of the
 *    image, Monodepth2's `evaluate_depth.py` for the Eigen split) or Eigen et al.'s (rows
 *    0.3324324–0.91351351, columns 0.0359477–0.96405229, as BTS and AdaBins evaluate it);
 * 3. an alignment of the predictions to the ground truth on those pixels: median scaling
 *    (`pred *= median(gt) / median(pred)`, Monodepth2 for self-supervised monocular models) or the
 *    least-squares scale and shift of MiDaS (`argmin_{s,t} Σ (s pred + t - gt)²`; MiDaS aligns
 *    disparities: pass disparities to align in that space);
 * 4. predictions clamped to [minDepth, maxDepth] when caps are set (Monodepth2).
 *
 * Images are the last two dimensions of the input (rank 1: one row).
 */

import { describeValue, fail } from "../../core/errors.js";
import { bigRatioToNumber, ExactSum, exactBigInt, exactSums } from "../../core/exact-sum.js";
import { type OptionRecord, optBoolean, optNumber, optOneOf } from "../../core/options.js";
import type { Tensor } from "../image/tensor.js";
import { addExactProducts, centred } from "../regression/moments.js";
import { quantileLinear } from "../regression/pair-buffer.js";

/** Options of the evaluation protocol, shared by every depth metric. */
export interface DepthOptions {
  /**
   * Skip pixels whose target is not a positive finite number (missing ground truth, as in KITTI's
   * sparse depth, where 0 means "no measurement"). Default false: such a pixel is an error
   * (with `minDepth` or `maxDepth`, targets outside the caps are skipped anyway).
   */
  readonly ignoreInvalidTarget?: boolean;
  /** Evaluate only targets above it, and clamp predictions below it up to it (KITTI: 1e-3). */
  readonly minDepth?: number;
  /** Evaluate only targets below it, and clamp predictions above it down to it (KITTI: 80). */
  readonly maxDepth?: number;
  /** Evaluate only inside Garg's or Eigen's crop of each image (rank >= 2 input). */
  readonly crop?: "garg" | "eigen";
  /** Align predictions to the ground truth per image: none (default), median scaling, or least-squares scale and shift. */
  readonly alignment?: "none" | "median" | "least-squares";
  /** Pool every pixel (default, as the KITTI devkit) or average per-image values (Monodepth2). */
  readonly average?: "pixels" | "images";
}

/** The parsed protocol. */
export interface DepthProtocol {
  readonly ignoreInvalidTarget: boolean;
  readonly minDepth: number | undefined;
  readonly maxDepth: number | undefined;
  readonly crop: "garg" | "eigen" | undefined;
  readonly alignment: "none" | "median" | "least-squares";
  readonly average: "pixels" | "images";
}

/** Parses the protocol options (already read by `readOptions`). */
export function readProtocol(fn: string, o: OptionRecord<DepthOptions>): DepthProtocol {
  const minDepth = optNumber(fn, "minDepth", o.minDepth, undefined, { min: 0 });
  const maxDepth = optNumber(fn, "maxDepth", o.maxDepth, undefined, { min: 0, minExclusive: true });
  if (minDepth !== undefined && maxDepth !== undefined && !(minDepth < maxDepth))
    fail(
      "invalid_option",
      `${fn}: option \`minDepth\` must be below \`maxDepth\`, got ${minDepth} and ${maxDepth}`,
    );
  return {
    ignoreInvalidTarget: optBoolean(fn, "ignoreInvalidTarget", o.ignoreInvalidTarget, false),
    minDepth,
    maxDepth,
    crop: optOneOf(fn, "crop", o.crop, ["garg", "eigen"] as const),
    alignment: optOneOf(fn, "alignment", o.alignment, ["none", "median", "least-squares"] as const, "none"),
    average: optOneOf(fn, "average", o.average, ["pixels", "images"] as const, "pixels"),
  };
}

/** The protocol's options as stored in a def (JSON-safe, undefined as null). */
export function protocolOptions(p: DepthProtocol): Record<string, unknown> {
  // Absent caps and crops stay absent, so the factory rebuilds the def from these options.
  return {
    ignoreInvalidTarget: p.ignoreInvalidTarget,
    ...(p.minDepth !== undefined ? { minDepth: p.minDepth } : {}),
    ...(p.maxDepth !== undefined ? { maxDepth: p.maxDepth } : {}),
    ...(p.crop !== undefined ? { crop: p.crop } : {}),
    alignment: p.alignment,
    average: p.average,
  };
}

/** Crop fractions [top, bottom, left, right] of each image. */
const CROPS = {
  garg: [0.40810811, 0.99189189, 0.03594771, 0.96405229],
  eigen: [0.3324324, 0.91351351, 0.0359477, 0.96405229],
} as const;

/** The evaluated pixels of one image: their predictions (aligned and clamped) and targets. */
export interface ImagePixels {
  readonly preds: Float64Array;
  readonly target: Float64Array;
}

/**
 * Applies the protocol to every image of a batch: returns the evaluated pixels of each image, in
 * order. Throws `invalid_value` (naming the flat index) for a NaN or infinite prediction, a
 * prediction that is not positive (without caps to clamp it), or an invalid target (unless it is
 * skipped), and `shape_mismatch` for a crop of rank-1 input.
 */
export function protocolImages(fn: string, p: Tensor, t: Tensor, protocol: DepthProtocol): ImagePixels[] {
  const shape = p.shape;
  const h = shape.length >= 2 ? shape[shape.length - 2]! : 1;
  const w = shape.length >= 1 ? shape[shape.length - 1]! : 1;
  if (protocol.crop && shape.length < 2)
    fail(
      "shape_mismatch",
      `${fn}: option \`crop\` needs depth maps of rank >= 2 (H x W), got shape [${shape.join(", ")}]`,
    );
  const plane = h * w;
  const images = plane === 0 ? 0 : p.data.length / plane;
  const [top, bottom, left, right] = protocol.crop
    ? CROPS[protocol.crop].map((f, i) => Math.trunc(f * (i < 2 ? h : w)))
    : [0, h, 0, w];
  const { minDepth, maxDepth } = protocol;
  const capped = minDepth !== undefined || maxDepth !== undefined;
  const out: ImagePixels[] = [];
  for (let image = 0; image < images; image++) {
    const preds: number[] = [];
    const target: number[] = [];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const i = image * plane + r * w + c;
        const tv = t.data[i]!;
        const pv = p.data[i]!;
        if (Number.isNaN(pv) || !Number.isFinite(pv))
          fail(
            "invalid_value",
            `${fn}: \`preds\` must be finite, got ${describeValue(pv)} at flat index ${i}`,
          );
        if (!Number.isFinite(tv)) {
          if (protocol.ignoreInvalidTarget) continue;
          fail(
            "invalid_value",
            `${fn}: \`target\` must be positive and finite, got ${describeValue(tv)} at flat index ${i}`,
          );
        }
        if (capped) {
          if (!(tv > (minDepth ?? 0) && tv < (maxDepth ?? Number.POSITIVE_INFINITY))) continue;
        } else if (!(tv > 0)) {
          if (protocol.ignoreInvalidTarget) continue;
          fail(
            "invalid_value",
            `${fn}: \`target\` must be positive and finite, got ${describeValue(tv)} at flat index ${i}`,
          );
        }
        if (r < top || r >= bottom || c < left || c >= right) continue;
        preds.push(pv);
        target.push(tv);
      }
    }
    if (target.length === 0) continue;
    const pixels = { preds: Float64Array.from(preds), target: Float64Array.from(target) };
    align(fn, pixels, protocol.alignment);
    for (let k = 0; k < pixels.preds.length; k++) {
      let v = pixels.preds[k]!;
      if (minDepth !== undefined && v < minDepth) v = minDepth;
      if (maxDepth !== undefined && v > maxDepth) v = maxDepth;
      if (!(v > 0 && v < Number.POSITIVE_INFINITY))
        fail(
          "invalid_value",
          `${fn}: \`preds\` must be positive and finite${protocol.alignment === "none" ? "" : " after alignment"}, got ${describeValue(v)} in image ${image}`,
        );
      pixels.preds[k] = v;
    }
    out.push(pixels);
  }
  return out;
}

/** Aligns an image's predictions to its targets in place (see the module comment). */
function align(fn: string, { preds, target }: ImagePixels, alignment: DepthProtocol["alignment"]): void {
  if (alignment === "none") return;
  if (alignment === "median") {
    // np.median: the mean of the two middle values for an even count.
    const ratio = quantileLinear(target, 0.5) / quantileLinear(preds, 0.5);
    if (!Number.isFinite(ratio))
      fail(
        "invalid_value",
        `${fn}: median scaling needs a non-zero median prediction in every image, got ratio ${ratio}`,
      );
    for (let k = 0; k < preds.length; k++) preds[k] = preds[k]! * ratio;
    return;
  }
  // Least squares: [Σp² Σp; Σp n] [s; t] = [Σpg; Σg], solved exactly (MiDaS compute_scale_and_shift).
  const limbs = exactSums(4);
  const sums = [0, 1, 2, 3].map((k) => new ExactSum(limbs, k));
  sums[0]!.addRun(preds, 0, preds.length);
  sums[1]!.addRun(target, 0, target.length);
  addExactProducts(sums[2]!, preds, preds, 0, preds.length);
  addExactProducts(sums[3]!, preds, target, 0, preds.length);
  for (const sum of sums) sum.finish();
  const [sp, sg, spp, spg] = [0, 1, 2, 3].map((k) => exactBigInt(limbs, k)) as [
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const n = BigInt(preds.length);
  const det = centred(n, spp, sp, sp);
  if (det === 0n)
    fail(
      "invalid_value",
      `${fn}: least-squares alignment needs predictions that are not all equal in an image`,
    );
  // s = (n Σpg - Σp Σg) / det and t = (Σpp Σg - Σp Σpg) / det, every term in units of 2^(2 EXACT_BASE).
  const scale = bigRatioToNumber(centred(n, spg, sp, sg), det);
  const shift = bigRatioToNumber(spp * sg - sp * spg, det);
  for (let k = 0; k < preds.length; k++) preds[k] = scale * preds[k]! + shift;
}
