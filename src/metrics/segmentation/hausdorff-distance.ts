import { optBoolean, optionNames, optNumber, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { LabelMapInput } from "./label-maps.js";
import { distanceDomain, type PerImageState, perImageDef, readEmptyValue } from "./per-image-def.js";
import {
  any,
  directedDistancesNd,
  percentile,
  pointsOf,
  readMaskPair,
  readSpacing,
  readSpatialDims,
} from "./surface.js";

/** Options of {@link hausdorffDistanceDef}. */
export interface HausdorffDistanceOptions {
  /** Percentile of the directed distances: 100 (default) is the Hausdorff distance, 95 gives HD95. */
  readonly percentile?: number;
  /** Only prediction → target (default false: the max of both directions). */
  readonly directed?: boolean;
  /** One spacing per spatial axis ([row, column], or [depth, row, column] for volumes), default all 1. */
  readonly spacing?: readonly number[];
  /** 2 (default): masks [N, H, W]; 3: volumes [N, D, H, W]. */
  readonly spatialDims?: 2 | 3;
  /** "surface" (default, MONAI/torchmetrics: boundary pixels) or "all" foreground pixels (scikit-image). */
  readonly points?: "surface" | "all";
  /** Value for an image where a mask is empty: "nan" (default), "inf", or a number (e.g. the diagonal). */
  readonly emptyValue?: "nan" | "inf" | number;
  /** "mean" (default) over images, or "none" for one value per image. */
  readonly reduction?: "mean" | "none";
}

export const hausdorffDistanceMeta: MetricMeta = {
  id: "segmentation/hausdorff_distance",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["MONAI", "scikit-image-0.26"],
};

const FN = "hausdorffDistance";
const HAUSDORFF_OPTIONS = optionNames<HausdorffDistanceOptions>()(
  "percentile",
  "directed",
  "spacing",
  "spatialDims",
  "points",
  "emptyValue",
  "reduction",
);

/**
 * Hausdorff distance between predicted and target binary masks, per image: distances from each
 * prediction surface pixel to the nearest target surface pixel (exact Euclidean distance
 * transform with spacing) and back; the `percentile` of each direction (numpy linear), the
 * larger of the two unless `directed`. Both masks empty or one empty → `emptyValue` (NaN by
 * default, as MONAI). Masks: [N, H, W] or [H, W], nonzero = foreground. O(pixels) per image.
 * @example hausdorffDistance([[1, 0, 0]], [[0, 0, 1]]) // the single pixels are 2 apart → 2
 */
export function hausdorffDistanceDef(
  options: HausdorffDistanceOptions = {},
): MetricDef<PerImageState, [preds: LabelMapInput, target: LabelMapInput], number | number[]> {
  const o = readOptions<HausdorffDistanceOptions>(FN, options, HAUSDORFF_OPTIONS);
  const q = optNumber(FN, "percentile", o.percentile, 100, { min: 0, max: 100 });
  const directed = optBoolean(FN, "directed", o.directed, false);
  const spatialDims = readSpatialDims(o.spatialDims, FN);
  const spacing = readSpacing(o.spacing, FN, spatialDims);
  const points = optOneOf(FN, "points", o.points, ["surface", "all"] as const, "surface");
  const empty = readEmptyValue(FN, o.emptyValue);
  const reduction = optOneOf(FN, "reduction", o.reduction, ["mean", "none"] as const, "mean");
  const json = {
    percentile: q,
    directed,
    spacing,
    spatialDims,
    points,
    emptyValue: o.emptyValue ?? "nan",
    reduction,
  };
  return perImageDef(hausdorffDistanceMeta, json, reduction, distanceDomain(empty), (preds, target) => {
    const [p, t] = readMaskPair(preds, target, FN, spatialDims);
    const out: number[] = [];
    for (let i = 0; i < p.images; i++) {
      const a = pointsOf(p, i, points);
      const b = pointsOf(t, i, points);
      if (!any(a) || !any(b)) {
        out.push(empty);
        continue;
      }
      const forward = percentile(directedDistancesNd(a, b, p.dims, spacing), q);
      out.push(
        directed ? forward : Math.max(forward, percentile(directedDistancesNd(b, a, p.dims, spacing), q)),
      );
    }
    return out;
  });
}

/** One-shot form: `runOnce(hausdorffDistanceDef(options), preds, target)`. */
export function hausdorffDistance(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: HausdorffDistanceOptions = {},
): number | number[] {
  return runOnce(hausdorffDistanceDef(options), preds, target);
}
