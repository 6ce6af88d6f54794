import { optionNames, optNumber, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { LabelMapInput } from "./label-maps.js";
import { type PerImageState, perImageDef } from "./per-image-def.js";
import { any, pointsOf, readMaskPair, squaredDistanceTransform } from "./surface.js";

/** Options of {@link boundaryF1Def}. */
export interface BoundaryF1Options {
  /** Distance tolerance in pixels; default 0.75% of the image diagonal (Csurka et al., MATLAB bfscore). */
  readonly tolerance?: number;
  /** "mean" (default) over images, or "none" for one value per image. */
  readonly reduction?: "mean" | "none";
}

export const boundaryF1Meta: MetricMeta = {
  id: "segmentation/boundary_f1",
  range: [0, 1],
  direction: "higher",
  conventions: ["MATLAB"],
};

const FN = "boundaryF1";
const BOUNDARY_F1_OPTIONS = optionNames<BoundaryF1Options>()("tolerance", "reduction");

/**
 * Boundary F1 per image: boundaries are the masks' surface pixels; precision is the share of
 * predicted boundary pixels within `tolerance` (Euclidean) of the target boundary, recall the
 * share of target boundary pixels within `tolerance` of the predicted one; F1 = 2PR/(P+R), 0 when
 * P + R = 0. Both boundaries empty → 1, exactly one empty → 0. O(pixels) per image.
 * @example boundaryF1([[1, 0, 0]], [[0, 0, 1]], { tolerance: 2 }) // distance 2 <= 2 → 1
 */
export function boundaryF1Def(
  options: BoundaryF1Options = {},
): MetricDef<PerImageState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<BoundaryF1Options>(FN, options, BOUNDARY_F1_OPTIONS);
  const tol = optNumber(FN, "tolerance", o.tolerance, undefined, { min: 0 });
  const reduction = optOneOf(FN, "reduction", o.reduction, ["mean", "none"] as const, "mean");
  const json = { ...(tol !== undefined ? { tolerance: tol } : {}), reduction };
  return perImageDef(
    boundaryF1Meta,
    json,
    reduction,
    { test: (v) => v >= 0 && v <= 1, words: "F1 scores in [0, 1]" },
    (preds, target) => {
      const [p, t] = readMaskPair(preds, target, FN);
      const h = p.height;
      const w = p.width;
      const theta = tol ?? 0.0075 * Math.sqrt(h * h + w * w);
      const out: number[] = [];
      for (let i = 0; i < p.images; i++) {
        const a = pointsOf(p, i, "surface");
        const b = pointsOf(t, i, "surface");
        const ea = any(a);
        const eb = any(b);
        if (!ea && !eb) {
          out.push(1);
          continue;
        }
        if (!ea || !eb) {
          out.push(0);
          continue;
        }
        const within = (from: Uint8Array, to: Uint8Array): number => {
          const dt = squaredDistanceTransform(to, h, w, [1, 1]);
          let n = 0;
          let k = 0;
          for (let j = 0; j < from.length; j++) {
            if (!from[j]) continue;
            n++;
            if (Math.sqrt(dt[j]!) <= theta) k++;
          }
          return k / n;
        };
        const precision = within(a, b);
        const recall = within(b, a);
        out.push(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
      }
      return out;
    },
  );
}

/** One-shot form: `runOnce(boundaryF1Def(options), preds, target)`. */
export function boundaryF1(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: BoundaryF1Options = {},
): number | number[] {
  return runOnce(boundaryF1Def(options), preds, target);
}
