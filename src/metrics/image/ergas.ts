import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import {
  type ImagePairArgs,
  type ImageReduction,
  type ImageResult,
  type PerImageState,
  perImageDef,
  readReduction,
} from "./per-image.js";
import { readImagePair, type TensorInput } from "./tensor.js";

export const ergasMeta: MetricMeta = {
  id: "image/ergas",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link ergas}. */
export interface ErgasOptions {
  /** Ratio of high to low resolution; default 4 (torchmetrics 1.9.0). */
  readonly ratio?: number;
  readonly reduction?: ImageReduction;
}

const ERGAS_OPTIONS = optionNames<ErgasOptions>()("ratio", "reduction");

/**
 * ERGAS per image, `100 / ratio * sqrt(mean_c (RMSE_c / mean(target_c))^2)`, reduced over images.
 * Matches torchmetrics 1.9.0 `error_relative_global_dimensionless_synthesis`. State O(images).
 */
export function ergasDef<O extends ErgasOptions>(
  options: O = {} as O,
): MetricDef<PerImageState, ImagePairArgs, ImageResult<O>> {
  const fn = "ergas";
  const o = readOptions<ErgasOptions>(fn, options, ERGAS_OPTIONS);
  const ratio = optNumber(fn, "ratio", o.ratio, 4, { min: 0, minExclusive: true });
  const reduction = readReduction(o.reduction, fn);
  return perImageDef(ergasMeta, fn, { ratio }, reduction, (preds: TensorInput, target: TensorInput) => {
    const [p, t] = readImagePair(fn, preds, target);
    const plane = p.h * p.w;
    const out = new Float64Array(p.n);
    for (let n = 0; n < p.n; n++) {
      let s = 0;
      for (let c = 0; c < p.c; c++) {
        const o = (n * p.c + c) * plane;
        let se = 0;
        let st = 0;
        for (let i = o; i < o + plane; i++) {
          const d = p.data[i]! - t.data[i]!;
          se += d * d;
          st += t.data[i]!;
        }
        const rmse = Math.sqrt(se / plane);
        const mean = st / plane;
        s += (rmse / mean) ** 2;
      }
      out[n] = (100 / ratio) * Math.sqrt(s / p.c);
    }
    return out;
  });
}

/**
 * ERGAS of `preds` against `target` (NCHW).
 * @example ergas([[[[2, 2]]]], [[[[1, 1]]]], { ratio: 4 }) // 25 * sqrt((1 / 1)^2) = 25
 */
export function ergas<O extends ErgasOptions>(
  preds: TensorInput,
  target: TensorInput,
  options: O = {} as O,
): ImageResult<O> {
  return runOnce(ergasDef(options), preds, target);
}
