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
import { readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import type { ImagePairArgs } from "./per-image.js";
import { readImagePair, type TensorInput } from "./tensor.js";

export const samMeta: MetricMeta = {
  id: "image/sam",
  range: [0, Math.PI],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** State: the exact sum of per-pixel angles in radians (core/exact-sum.ts) and the pixel count. */
export interface SamState {
  sum: Float64Array;
  count: number;
}

/**
 * Spectral angle per pixel, `acos(clamp(<p, t> / (|p| |t|), -1, 1))` over the channel axis,
 * averaged over every pixel of every image (radians). Matches torchmetrics 1.9.0
 * `spectral_angle_mapper` (which needs at least two channels). State O(1).
 */
export function spectralAngleMapperDef(
  options?: Record<string, never>,
): MetricDef<SamState, ImagePairArgs, number> {
  const fn = "spectralAngleMapper";
  readOptions(fn, options, []);
  return {
    id: samMeta.id,
    meta: samMeta,
    options: {},
    init: () => ({ sum: exactSums(1), count: 0 }),
    update(state, preds, target) {
      const [p, t] = readImagePair(fn, preds, target);
      if (p.c < 2) fail("shape_mismatch", `${fn}: \`preds\` must have at least 2 channels, got ${p.c}`);
      const plane = p.h * p.w;
      const total = state.sum.slice();
      const sum = new ExactSum(total);
      const angles = new Float64Array(plane);
      for (let n = 0; n < p.n; n++) {
        for (let i = 0; i < plane; i++) {
          let dot = 0;
          let pp = 0;
          let tt = 0;
          for (let c = 0; c < p.c; c++) {
            const k = (n * p.c + c) * plane + i;
            dot += p.data[k]! * t.data[k]!;
            pp += p.data[k]! * p.data[k]!;
            tt += t.data[k]! * t.data[k]!;
          }
          angles[i] = Math.acos(Math.min(1, Math.max(-1, dot / (Math.sqrt(pp) * Math.sqrt(tt)))));
        }
        sum.addRun(angles, 0, plane);
      }
      sum.finish();
      state.sum = total;
      state.count += p.n * plane;
    },
    merge: (a, b) => ({ sum: addExactSums(a.sum, b.sum), count: a.count + b.count }),
    validateState(state: unknown): asserts state is SamState {
      checkState(samMeta.id, state, { sum: exactSumsShape(1), count: field.count() });
    },
    compute(state) {
      if (state.count === 0) fail("empty_input", `${fn}: no pixels were evaluated, got 0 images`);
      return bigRatioToNumber(exactBigInt(state.sum), BigInt(state.count), EXACT_BASE);
    },
  };
}

/**
 * Mean spectral angle between `preds` and `target` (NCHW, C >= 2).
 * @example spectralAngleMapper([[[[1]], [[0]]]], [[[[0]], [[1]]]]) // pi / 2
 */
export function spectralAngleMapper(
  preds: TensorInput,
  target: TensorInput,
  options?: Record<string, never>,
): number {
  return runOnce(spectralAngleMapperDef(options), preds, target);
}
