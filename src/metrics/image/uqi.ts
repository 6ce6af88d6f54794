import { fail } from "../../core/errors.js";
import {
  addExactSums,
  bigRatioToNumber,
  EXACT_BASE,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
} from "../../core/exact-sum.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { filterValid, gaussianKernel, multiply, reflectPad } from "./filters.js";
import { readKernelSize } from "./options.js";
import type { ImagePairArgs } from "./per-image.js";
import { readImagePair, type TensorInput } from "./tensor.js";

export const uqiMeta: MetricMeta = {
  id: "image/uqi",
  range: [-1, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link uqi}. */
export interface UqiOptions {
  /** Gaussian window size (odd); default 11 (torchmetrics 1.9.0). */
  readonly kernelSize?: number;
  /** Gaussian sigma; default 1.5. */
  readonly sigma?: number;
}

/** State: the exact sum of the interior UQI map (core/exact-sum.ts) and its pixel count. */
export interface UqiState {
  sum: Float64Array;
  count: number;
}

/**
 * UQI map `(2 mu_x mu_y)(2 s_xy) / ((mu_x^2 + mu_y^2)(s_x^2 + s_y^2) + eps)` with a Gaussian window,
 * reflect padding, cropped to the interior and averaged over every pixel of every image and
 * channel. Matches torchmetrics 1.9.0 `universal_image_quality_index` (eps = float64 machine epsilon
 * here; torchmetrics uses the input dtype's). State O(1).
 */
const UQI_OPTIONS = optionNames<UqiOptions>()("kernelSize", "sigma");

export function uqiDef(options: UqiOptions = {}): MetricDef<UqiState, ImagePairArgs, number> {
  const fn = "uqi";
  const o = readOptions<UqiOptions>(fn, options, UQI_OPTIONS);
  const size = readKernelSize(fn, o.kernelSize, 11);
  const sigma = optNumber(fn, "sigma", o.sigma, 1.5, { min: 0, minExclusive: true });
  const kernel = gaussianKernel(size, sigma);
  const pad = (size - 1) / 2;
  return {
    id: uqiMeta.id,
    meta: uqiMeta,
    options: { kernelSize: size, sigma },
    init: () => ({ sum: exactSums(1), count: 0 }),
    update(state, preds, target) {
      const [pb, tb] = readImagePair(fn, preds, target);
      if (pad >= pb.h || pad >= pb.w)
        fail("shape_mismatch", `${fn}: images must be larger than ${pad} x ${pad}, got ${pb.h} x ${pb.w}`);
      const { h, w } = pb;
      const plane = h * w;
      const hp = h + 2 * pad;
      const wp = w + 2 * pad;
      const total = state.sum.slice();
      const sum = new ExactSum(total);
      const values = new Float64Array(Math.max(0, (h - 2 * pad) * (w - 2 * pad)));
      let count = 0;
      for (let i = 0; i < pb.n * pb.c; i++) {
        let filled = 0;
        const x = reflectPad(pb.data.subarray(i * plane, (i + 1) * plane), h, w, pad);
        const y = reflectPad(tb.data.subarray(i * plane, (i + 1) * plane), h, w, pad);
        const mx = filterValid(x, hp, wp, kernel);
        const my = filterValid(y, hp, wp, kernel);
        const mxx = filterValid(multiply(x, x), hp, wp, kernel);
        const myy = filterValid(multiply(y, y), hp, wp, kernel);
        const mxy = filterValid(multiply(x, y), hp, wp, kernel);
        for (let r = pad; r < h - pad; r++) {
          for (let c = pad; c < w - pad; c++) {
            const k = r * w + c;
            const ux = mx[k]!;
            const uy = my[k]!;
            const vx = Math.max(0, mxx[k]! - ux * ux);
            const vy = Math.max(0, myy[k]! - uy * uy);
            const vxy = mxy[k]! - ux * uy;
            values[filled++] = (2 * ux * uy * (2 * vxy)) / ((ux * ux + uy * uy) * (vx + vy) + Number.EPSILON);
          }
        }
        sum.addRun(values, 0, filled);
        count += filled;
      }
      sum.finish();
      state.sum = total;
      state.count += count;
    },
    merge: (a, b) => ({ sum: addExactSums(a.sum, b.sum), count: a.count + b.count }),
    validateState(state: unknown): asserts state is UqiState {
      checkState(uqiMeta.id, state, { sum: exactSumsShape(1), count: field.count() });
    },
    compute(state) {
      if (state.count === 0) fail("empty_input", `${fn}: no pixels were evaluated, got 0 images`);
      return bigRatioToNumber(exactBigInt(state.sum), BigInt(state.count), EXACT_BASE);
    },
  };
}

/**
 * UQI between `preds` and `target` images.
 * @example uqi(img, img) // 1 (up to eps)
 */
export function uqi(preds: TensorInput, target: TensorInput, options: UqiOptions = {}): number {
  return runOnce(uqiDef(options), preds, target);
}
