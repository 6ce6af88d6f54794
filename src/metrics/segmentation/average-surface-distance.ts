import { optBoolean, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { LabelMapInput } from "./label-maps.js";
import { distanceDomain, type PerImageState, perImageDef, readEmptyValue } from "./per-image-def.js";
import { any, directedDistancesNd, pointsOf, readMaskPair, readSpacing, readSpatialDims } from "./surface.js";

/** Options of {@link averageSurfaceDistanceDef}. */
export interface AverageSurfaceDistanceOptions {
  /** true (default): mean over both directions' distances pooled; false: prediction → target only. */
  readonly symmetric?: boolean;
  /** One spacing per spatial axis ([row, column], or [depth, row, column] for volumes), default all 1. */
  readonly spacing?: readonly number[];
  /** 2 (default): masks [N, H, W]; 3: volumes [N, D, H, W]. */
  readonly spatialDims?: 2 | 3;
  /** Value for an image where a mask is empty: "nan" (default), "inf" or a number. */
  readonly emptyValue?: "nan" | "inf" | number;
  /** "mean" (default) over images, or "none" for one value per image. */
  readonly reduction?: "mean" | "none";
}

export const averageSurfaceDistanceMeta: MetricMeta = {
  id: "segmentation/average_surface_distance",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["MONAI"],
};

const FN = "averageSurfaceDistance";
const ASD_OPTIONS = optionNames<AverageSurfaceDistanceOptions>()(
  "symmetric",
  "spacing",
  "spatialDims",
  "emptyValue",
  "reduction",
);

/**
 * Average surface distance per image: the mean of the distances from each prediction surface
 * pixel to the target surface and (symmetric) from each target surface pixel to the
 * prediction surface, pooled. An empty mask gives `emptyValue`. O(pixels) per image.
 * @example averageSurfaceDistance([[1, 0, 0]], [[0, 0, 1]]) // both distances are 2 → 2
 */
export function averageSurfaceDistanceDef(
  options: AverageSurfaceDistanceOptions = {},
): MetricDef<PerImageState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<AverageSurfaceDistanceOptions>(FN, options, ASD_OPTIONS);
  const symmetric = optBoolean(FN, "symmetric", o.symmetric, true);
  const spatialDims = readSpatialDims(o.spatialDims, FN);
  const spacing = readSpacing(o.spacing, FN, spatialDims);
  const empty = readEmptyValue(FN, o.emptyValue);
  const reduction = optOneOf(FN, "reduction", o.reduction, ["mean", "none"] as const, "mean");
  const json = { symmetric, spacing, spatialDims, emptyValue: o.emptyValue ?? "nan", reduction };
  return perImageDef(averageSurfaceDistanceMeta, json, reduction, distanceDomain(empty), (preds, target) => {
    const [p, t] = readMaskPair(preds, target, FN, spatialDims);
    const out: number[] = [];
    for (let i = 0; i < p.images; i++) {
      const a = pointsOf(p, i, "surface");
      const b = pointsOf(t, i, "surface");
      if (!any(a) || !any(b)) {
        out.push(empty);
        continue;
      }
      const forward = directedDistancesNd(a, b, p.dims, spacing);
      const backward = symmetric ? directedDistancesNd(b, a, p.dims, spacing) : new Float64Array(0);
      let s = 0;
      for (const d of forward) s += d;
      for (const d of backward) s += d;
      out.push(s / (forward.length + backward.length));
    }
    return out;
  });
}

/** One-shot form: `runOnce(averageSurfaceDistanceDef(options), preds, target)`. */
export function averageSurfaceDistance(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: AverageSurfaceDistanceOptions = {},
): number | number[] {
  return runOnce(averageSurfaceDistanceDef(options), preds, target);
}
