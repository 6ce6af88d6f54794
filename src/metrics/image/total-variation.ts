import { optionNames, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import {
  type ImageReduction,
  type ImageResult,
  type PerImageState,
  perImageDef,
  readReduction,
} from "./per-image.js";
import { type TensorInput, toImageBatch } from "./tensor.js";

export const totalVariationMeta: MetricMeta = {
  id: "image/total_variation",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link totalVariation}. */
export interface TotalVariationOptions {
  /** Over images; default `"sum"` (torchmetrics 1.9.0). */
  readonly reduction?: ImageReduction;
}

const TV_OPTIONS = optionNames<TotalVariationOptions>()("reduction");

/**
 * Anisotropic total variation per image, `sum |vertical differences| + sum |horizontal differences|`
 * over channels, reduced over images. Matches torchmetrics 1.9.0 `total_variation`. State O(images).
 */
export function totalVariationDef<O extends TotalVariationOptions>(
  options: O = {} as O,
): MetricDef<PerImageState, [img: TensorInput], ImageResult<O>> {
  const fn = "totalVariation";
  const o = readOptions<TotalVariationOptions>(fn, options, TV_OPTIONS);
  const reduction = readReduction(o.reduction, fn, "sum");
  return perImageDef(totalVariationMeta, fn, {}, reduction, (img: TensorInput) => {
    const b = toImageBatch(img, fn, "img");
    const out = new Float64Array(b.n);
    const plane = b.h * b.w;
    for (let n = 0; n < b.n; n++) {
      let s = 0;
      for (let c = 0; c < b.c; c++) {
        const o = (n * b.c + c) * plane;
        for (let r = 0; r < b.h; r++) {
          for (let q = 0; q < b.w; q++) {
            const v = b.data[o + r * b.w + q]!;
            if (r + 1 < b.h) s += Math.abs(b.data[o + (r + 1) * b.w + q]! - v);
            if (q + 1 < b.w) s += Math.abs(b.data[o + r * b.w + q + 1]! - v);
          }
        }
      }
      out[n] = s;
    }
    return out;
  });
}

/**
 * Total variation of an image batch.
 * @example totalVariation([[0, 1], [1, 1]]) // |1-0| + |1-1| (down) + |1-0| + |1-1| (right) = 2
 */
export function totalVariation<O extends TotalVariationOptions>(
  img: TensorInput,
  options: O = {} as O,
): ImageResult<O> {
  return runOnce(totalVariationDef(options), img);
}
