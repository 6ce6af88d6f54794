import { describeValue, fail } from "../../core/errors.js";
import { optionNames, optOneOf, readOptions } from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { avgPool2 } from "./filters.js";
import {
  type ImagePairArgs,
  type ImageReduction,
  type ImageResult,
  type PerImageState,
  perImageDef,
  readReduction,
} from "./per-image.js";
import { applyDataRange, resolveSsim, ssimPlane } from "./ssim.js";
import { readImagePair, type TensorInput } from "./tensor.js";

export const msSsimMeta: MetricMeta = {
  id: "image/ms_ssim",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link msSsim}. */
export interface MsSsimOptions {
  /** As in SSIM; undefined infers the range per scale from the (pooled) batch, as torchmetrics does. */
  readonly dataRange?: number | readonly [number, number];
  readonly kernel?: "gaussian" | "uniform";
  readonly sigma?: number;
  readonly kernelSize?: number;
  readonly k1?: number;
  readonly k2?: number;
  /** Scale weights; default [0.0448, 0.2856, 0.3001, 0.2363, 0.1333] (Wang et al. 2003). */
  readonly betas?: readonly number[];
  /** `"relu"` (default, torchmetrics 1.9.0 functional) clamps negative SSIM/CS at 0; `"simple"` maps x to (x + 1)/2; `"none"`. */
  readonly normalize?: "relu" | "simple" | "none";
  readonly reduction?: ImageReduction;
}

const DEFAULT_BETAS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333];

/** Most scales MS-SSIM accepts: images must have sides of at least 2^scales. */
const MAX_SCALES = 16;

const MS_SSIM_OPTIONS = optionNames<MsSsimOptions>()(
  "dataRange",
  "kernel",
  "sigma",
  "kernelSize",
  "k1",
  "k2",
  "betas",
  "normalize",
  "reduction",
);

/**
 * MS-SSIM per image: at each of `betas.length` scales (2x2 average pooling between scales) the
 * mean contrast-sensitivity (interior) is taken, and at the last scale the mean SSIM (torchmetrics
 * convention: full padded image); the result is `prod value_j ^ beta_j`, reduced over images.
 * Matches torchmetrics 1.9.0 `multiscale_structural_similarity_index_measure`, including its size
 * checks (side >= 2^scales and side / (scales-1)^2 > window - 1). State O(images).
 */
export function msSsimDef<O extends MsSsimOptions>(
  options: O = {} as O,
): MetricDef<PerImageState, ImagePairArgs, ImageResult<O>> {
  const fn = "msSsim";
  const o = readOptions<MsSsimOptions>(fn, options, MS_SSIM_OPTIONS);
  const { betas: betasOption, normalize: normalizeOption, reduction: reductionOption, ...window } = o;
  const settings = resolveSsim({ ...window, convention: "torchmetrics" }, fn);
  const reduction = readReduction(reductionOption, fn);
  const betas = betasOption ?? DEFAULT_BETAS;
  if (
    !Array.isArray(betas) ||
    betas.length === 0 ||
    betas.length > MAX_SCALES ||
    !betas.every((b) => typeof b === "number" && Number.isFinite(b))
  ) {
    fail(
      "invalid_option",
      `${fn}: option \`betas\` must be an array of 1 to ${MAX_SCALES} finite numbers, got ${describeValue(betas)}`,
    );
  }
  const normalize = optOneOf(fn, "normalize", normalizeOption, ["relu", "simple", "none"] as const, "relu");
  const scores = (preds: TensorInput, target: TensorInput): Float64Array => {
    const [pb, tb] = readImagePair(fn, preds, target);
    const minSide = 2 ** betas.length;
    const div = Math.max(1, betas.length - 1) ** 2;
    const k = settings.kernel.length;
    if (
      pb.h < minSide ||
      pb.w < minSide ||
      Math.floor(pb.h / div) <= k - 1 ||
      Math.floor(pb.w / div) <= k - 1
    ) {
      fail(
        "shape_mismatch",
        `${fn}: images must be larger than ${(k - 1) * div} x ${(k - 1) * div} for ${betas.length} scales and a ${k}-tap window, got ${pb.h} x ${pb.w}`,
      );
    }
    const plane = pb.h * pb.w;
    const out = new Float64Array(pb.n);
    // Per scale, the whole batch (the data range is inferred per scale from the batch, as in torchmetrics).
    let ps: Float64Array[] = [];
    let ts: Float64Array[] = [];
    for (let i = 0; i < pb.n * pb.c; i++) {
      ps.push(pb.data.subarray(i * plane, (i + 1) * plane));
      ts.push(tb.data.subarray(i * plane, (i + 1) * plane));
    }
    let h = pb.h;
    let w = pb.w;
    const values: number[][] = Array.from({ length: pb.n }, () => []);
    for (let scale = 0; scale < betas.length; scale++) {
      const flatP = concat(ps);
      const flatT = concat(ts);
      const { p, t, range } = applyDataRange(
        { data: flatP, n: pb.n, c: pb.c, h, w },
        { data: flatT, n: pb.n, c: pb.c, h, w },
        settings.dataRange,
      );
      const size = h * w;
      for (let n = 0; n < pb.n; n++) {
        let s = 0;
        let cs = 0;
        for (let c = 0; c < pb.c; c++) {
          const o = (n * pb.c + c) * size;
          const r = ssimPlane(p.subarray(o, o + size), t.subarray(o, o + size), h, w, range, settings);
          s += r.ssim;
          cs += r.cs;
        }
        values[n]!.push(scale === betas.length - 1 ? s / pb.c : cs / pb.c);
      }
      if (scale < betas.length - 1) {
        const pooledP = ps.map((x) => avgPool2(x, h, w));
        const pooledT = ts.map((x) => avgPool2(x, h, w));
        ps = pooledP.map((x) => x.plane);
        ts = pooledT.map((x) => x.plane);
        h = pooledP[0]!.h;
        w = pooledP[0]!.w;
      }
    }
    for (let n = 0; n < pb.n; n++) {
      let prod = 1;
      values[n]!.forEach((v, j) => {
        const x = normalize === "relu" ? Math.max(0, v) : normalize === "simple" ? (v + 1) / 2 : v;
        prod *= x ** betas[j]!;
      });
      out[n] = prod;
    }
    return out;
  };
  // Only the options msSsim itself takes are stored, so its factory rebuilds it from them.
  const { convention: _convention, sampleCovariance: _sampleCovariance, ...window_ } = settings.json;
  return perImageDef(msSsimMeta, fn, { ...window_, betas: [...betas], normalize }, reduction, scores);
}

function concat(planes: Float64Array[]): Float64Array {
  const size = planes[0]?.length ?? 0;
  const out = new Float64Array(size * planes.length);
  for (let i = 0; i < planes.length; i++) out.set(planes[i]!, i * size);
  return out;
}

/**
 * MS-SSIM between `preds` and `target` (NCHW; at least 161 x 161 with the defaults).
 * @example msSsim(img, img, { dataRange: 1 }) // 1
 */
export function msSsim<O extends MsSsimOptions>(
  preds: TensorInput,
  target: TensorInput,
  options: O = {} as O,
): ImageResult<O> {
  return runOnce(msSsimDef(options), preds, target);
}
