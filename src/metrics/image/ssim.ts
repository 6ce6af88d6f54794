import { fail } from "../../core/errors.js";
import {
  type OptionRecord,
  optBoolean,
  optionNames,
  optNumber,
  optOneOf,
  readOptions,
} from "../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { filterValid, gaussianKernel, multiply, reflectPad, uniformKernel } from "./filters.js";
import { gaussianTaps, readDataRange, readKernelSize } from "./options.js";
import {
  type ImagePairArgs,
  type ImageReduction,
  type ImageResult,
  type PerImageState,
  perImageDef,
  readReduction,
} from "./per-image.js";
import { type ImageBatch, readImagePair, type TensorInput } from "./tensor.js";

export const ssimMeta: MetricMeta = {
  id: "image/ssim",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-image-0.26.0"],
};

/** Whose SSIM to reproduce. */
export type SsimConvention = "torchmetrics" | "skimage";

/** Options of {@link ssim}. */
export interface SsimOptions {
  /**
   * `"torchmetrics"` (default): reflect-pad, filter, and average the SSIM map over the whole
   * (padded-size) image, population covariance. `"skimage"`: filter and average only the interior
   * where the window fits, covariance normalised by NP/(NP-1) unless `sampleCovariance: false`.
   */
  readonly convention?: SsimConvention;
  /**
   * Value range: a number, or `[min, max]` (inputs are clamped to it, as torchmetrics does).
   * Undefined: torchmetrics infers `max(preds range, target range)` per batch (so results depend
   * on batch composition); the skimage convention requires it.
   */
  readonly dataRange?: number | readonly [number, number];
  /** Gaussian (default for torchmetrics) or uniform window (default for skimage). */
  readonly kernel?: "gaussian" | "uniform";
  /** Gaussian sigma, default 1.5. The Gaussian window has `2 * floor(3.5 sigma + 0.5) + 1` taps in both conventions. */
  readonly sigma?: number;
  /** Uniform window size (odd); default 11 (torchmetrics) or 7 (skimage). */
  readonly kernelSize?: number;
  /** skimage only: normalise covariances by NP/(NP-1) (default true, as scikit-image). */
  readonly sampleCovariance?: boolean;
  readonly k1?: number;
  readonly k2?: number;
  /** Over images; default `"mean"`. */
  readonly reduction?: ImageReduction;
}

/** Settings of one SSIM evaluation, resolved from {@link SsimOptions}. */
export interface SsimSettings {
  readonly convention: SsimConvention;
  readonly dataRange: number | readonly [number, number] | undefined;
  readonly kernel: Float64Array;
  readonly k1: number;
  readonly k2: number;
  readonly covarianceNorm: number;
}

/** The SSIM options that MS-SSIM shares (it has no `convention` nor `sampleCovariance`). */
export type SsimWindowOptions = Omit<SsimOptions, "convention" | "sampleCovariance" | "reduction">;

/** The declared option names of {@link SsimOptions}. */
export const SSIM_OPTIONS = optionNames<SsimOptions>()(
  "convention",
  "dataRange",
  "kernel",
  "sigma",
  "kernelSize",
  "sampleCovariance",
  "k1",
  "k2",
  "reduction",
);

/**
 * Resolves SSIM options already read by `readOptions` into the kernel, constants and convention
 * (plus their JSON form). Window sizes go through the allocation budget.
 */
export function resolveSsim(
  options: OptionRecord<SsimOptions>,
  fn: string,
): SsimSettings & { json: Record<string, unknown> } {
  const convention = optOneOf(
    fn,
    "convention",
    options.convention,
    ["torchmetrics", "skimage"] as const,
    "torchmetrics",
  );
  const kernelKind = optOneOf(
    fn,
    "kernel",
    options.kernel,
    ["gaussian", "uniform"] as const,
    convention === "torchmetrics" ? "gaussian" : "uniform",
  );
  const sigma = optNumber(fn, "sigma", options.sigma, 1.5, { min: 0, minExclusive: true });
  const kernelSize = readKernelSize(fn, options.kernelSize, convention === "torchmetrics" ? 11 : 7);
  const dataRange = readDataRange(fn, options.dataRange);
  if (dataRange === undefined && convention === "skimage") {
    fail(
      "invalid_option",
      `${fn}: option \`dataRange\` is required with convention "skimage" (as scikit-image requires it for float images), got undefined`,
    );
  }
  const sampleCovariance = optBoolean(fn, "sampleCovariance", options.sampleCovariance, true);
  const kernel =
    kernelKind === "gaussian" ? gaussianKernel(gaussianTaps(fn, sigma), sigma) : uniformKernel(kernelSize);
  const np = kernel.length * kernel.length;
  const covarianceNorm = convention === "skimage" && sampleCovariance ? np / (np - 1) : 1;
  const k1 = optNumber(fn, "k1", options.k1, 0.01, { min: 0 });
  const k2 = optNumber(fn, "k2", options.k2, 0.03, { min: 0 });
  return {
    convention,
    dataRange,
    kernel,
    k1,
    k2,
    covarianceNorm,
    json: {
      convention,
      dataRange: dataRange ?? null,
      kernel: kernelKind,
      sigma,
      kernelSize,
      sampleCovariance,
      k1,
      k2,
    },
  };
}

/** Applies a data range: clamps to [min, max] when given as a pair, infers it when undefined. */
export function applyDataRange(
  p: ImageBatch,
  t: ImageBatch,
  dataRange: SsimSettings["dataRange"],
): { p: Float64Array; t: Float64Array; range: number } {
  if (typeof dataRange === "number") return { p: p.data, t: t.data, range: dataRange };
  if (dataRange !== undefined) {
    const [lo, hi] = dataRange;
    const clamp = (d: Float64Array) => d.map((v) => Math.min(hi, Math.max(lo, v)));
    return { p: clamp(p.data), t: clamp(t.data), range: hi - lo };
  }
  let pl = Number.POSITIVE_INFINITY;
  let ph = Number.NEGATIVE_INFINITY;
  let tl = Number.POSITIVE_INFINITY;
  let th = Number.NEGATIVE_INFINITY;
  for (const v of p.data) {
    if (v < pl) pl = v;
    if (v > ph) ph = v;
  }
  for (const v of t.data) {
    if (v < tl) tl = v;
    if (v > th) th = v;
  }
  return { p: p.data, t: t.data, range: Math.max(ph - pl, th - tl) };
}

/**
 * SSIM of one plane pair: the mean of the SSIM map and of the contrast-sensitivity map
 * `(2 s_xy + C2) / (s_x^2 + s_y^2 + C2)`. torchmetrics: SSIM averaged over the full reflect-padded
 * output, CS over the interior; skimage: both over the interior.
 */
export function ssimPlane(
  x: Float64Array,
  y: Float64Array,
  h: number,
  w: number,
  range: number,
  s: SsimSettings,
): { ssim: number; cs: number } {
  const k = s.kernel.length;
  const pad = (k - 1) / 2;
  const c1 = (s.k1 * range) ** 2;
  const c2 = (s.k2 * range) ** 2;
  let xs = x;
  let ys = y;
  let fh = h;
  let fw = w;
  if (s.convention === "torchmetrics") {
    if (pad >= h || pad >= w)
      fail(
        "shape_mismatch",
        `ssim: images must be larger than the window's half-width ${pad}, got ${h} x ${w}`,
      );
    xs = reflectPad(x, h, w, pad);
    ys = reflectPad(y, h, w, pad);
    fh = h + 2 * pad;
    fw = w + 2 * pad;
  } else if (h < k || w < k) {
    fail("shape_mismatch", `ssim: images must be at least ${k} x ${k} for the window, got ${h} x ${w}`);
  }
  const mx = filterValid(xs, fh, fw, s.kernel);
  const my = filterValid(ys, fh, fw, s.kernel);
  const mxx = filterValid(multiply(xs, xs), fh, fw, s.kernel);
  const myy = filterValid(multiply(ys, ys), fh, fw, s.kernel);
  const mxy = filterValid(multiply(xs, ys), fh, fw, s.kernel);
  const oh = fh - k + 1;
  const ow = fw - k + 1;
  const torch = s.convention === "torchmetrics";
  let ssimSum = 0;
  let csSum = 0;
  let csCount = 0;
  for (let r = 0; r < oh; r++) {
    const interior = !torch || (r >= pad && r < oh - pad);
    for (let c = 0; c < ow; c++) {
      const i = r * ow + c;
      const ux = mx[i]!;
      const uy = my[i]!;
      let vx = mxx[i]! - ux * ux;
      let vy = myy[i]! - uy * uy;
      let vxy = mxy[i]! - ux * uy;
      if (torch) {
        vx = Math.max(vx, 0);
        vy = Math.max(vy, 0);
      } else {
        vx *= s.covarianceNorm;
        vy *= s.covarianceNorm;
        vxy *= s.covarianceNorm;
      }
      const upper = 2 * vxy + c2;
      const lower = vx + vy + c2;
      ssimSum += ((2 * ux * uy + c1) * upper) / ((ux * ux + uy * uy + c1) * lower);
      if (interior && (!torch || (c >= pad && c < ow - pad))) {
        csSum += upper / lower;
        csCount++;
      }
    }
  }
  return { ssim: ssimSum / (oh * ow), cs: csSum / csCount };
}

/** Per-image SSIM of an image pair batch (mean over channels and positions). */
export function ssimScores(fn: string, preds: unknown, target: unknown, s: SsimSettings): Float64Array {
  const [pb, tb] = readImagePair(fn, preds, target);
  const { p, t, range } = applyDataRange(pb, tb, s.dataRange);
  const plane = pb.h * pb.w;
  const out = new Float64Array(pb.n);
  for (let n = 0; n < pb.n; n++) {
    let sum = 0;
    for (let c = 0; c < pb.c; c++) {
      const o = (n * pb.c + c) * plane;
      sum += ssimPlane(p.subarray(o, o + plane), t.subarray(o, o + plane), pb.h, pb.w, range, s).ssim;
    }
    out[n] = sum / pb.c;
  }
  return out;
}

/**
 * SSIM per image (mean over channels and window positions), reduced over images.
 *
 * Default convention matches torchmetrics 1.9.0 `structural_similarity_index_measure`
 * (Gaussian window of 11 taps for sigma 1.5, reflect padding, SSIM map averaged over the full image,
 * variances clamped at 0, `C1 = (0.01 R)^2`, `C2 = (0.03 R)^2`). `convention: "skimage"` matches
 * scikit-image 0.26.0 `structural_similarity` (7x7 uniform window and sample covariance by default;
 * `kernel: "gaussian", sampleCovariance: false` is Wang et al.'s setting), per channel then averaged.
 * State O(images). Cost O(N C H W k).
 */
export function ssimDef<O extends SsimOptions>(
  options: O = {} as O,
): MetricDef<PerImageState, ImagePairArgs, ImageResult<O>> {
  const fn = "ssim";
  const o = readOptions<SsimOptions>(fn, options, SSIM_OPTIONS);
  const settings = resolveSsim(o, fn);
  const reduction = readReduction(o.reduction, fn);
  return perImageDef(ssimMeta, fn, settings.json, reduction, (preds: TensorInput, target: TensorInput) =>
    ssimScores(fn, preds, target, settings),
  );
}

/**
 * SSIM between `preds` and `target` images (NCHW, CHW or HW).
 * @example ssim(img, img, { dataRange: 1 }) // 1
 */
export function ssim<O extends SsimOptions>(
  preds: TensorInput,
  target: TensorInput,
  options: O = {} as O,
): ImageResult<O> {
  return runOnce(ssimDef(options), preds, target);
}
