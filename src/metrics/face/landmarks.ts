import {
  append,
  compact,
  concatGrowable,
  filled,
  type GrowableFloat64,
  growableFloat64,
} from "../../core/buffer.js";
import { toMatrix } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, optNumber, optOneOf, readOptions } from "../../core/options.js";
import { checkState, field } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { numpySum } from "../detection/coco-eval.js";

/**
 * Face-alignment metrics over 2-D landmarks: the normalized mean error (NME), the failure rate at
 * a threshold and the area under the cumulative error distribution (CED) up to that threshold,
 * as the face-alignment papers and their evaluation code compute them (HRNet-Facial-Landmark-
 * Detection `compute_nme`, PIPNet / STAR `compute_fr_and_auc`). They pair with the Wing loss.
 */

/** How a sample's mean landmark error is normalised. */
export type LandmarkNormalization = "inter-ocular" | "inter-pupil" | "bbox-diagonal";

/** Options of {@link landmarkErrorDef}. */
export interface LandmarkErrorOptions {
  /**
   * "inter-ocular" (default): distance between the outer eye corners of the ground truth;
   * "inter-pupil": between the eye centres (the mean of each eye's landmarks, or the pupil
   * landmarks of WFLW); "bbox-diagonal": the diagonal of the ground-truth landmarks' bounding box.
   */
  readonly normalization?: LandmarkNormalization;
  /** Outer eye corners [left, right] (0-based). Default for 68 landmarks (300W) [36, 45], for 98 (WFLW) [60, 72]. */
  readonly eyeCorners?: readonly number[];
  /** Landmarks averaged into each eye centre ([left, right]). Default 68: 36-41 and 42-47; 98: [96] and [97]. */
  readonly eyes?: readonly (readonly number[])[];
  /** Failure threshold and the CED's upper limit, default 0.1 (300W, WFLW: FR@0.1, AUC@0.1). */
  readonly threshold?: number;
  /** Step of the CED grid, default 0.0001 (PIPNet's `compute_fr_and_auc`). */
  readonly step?: number;
}

/** The face-alignment result. */
export interface LandmarkErrorResult {
  /** Mean over samples of the per-sample NME. */
  readonly nme: number;
  /** Share of samples whose NME is above `threshold`. */
  readonly failureRate: number;
  /** Area under the CED on [0, threshold], divided by `threshold` (1 = every sample exact). */
  readonly auc: number;
  readonly threshold: number;
  readonly samples: number;
}

/** State: the NME of each sample, in update order. */
export interface LandmarkErrorState {
  errors: GrowableFloat64;
}

export const landmarkErrorMeta: MetricMeta = {
  id: "face/landmark_nme",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
};

const FN = "landmarkError";
const LANDMARK_OPTIONS = optionNames<LandmarkErrorOptions>()(
  "normalization",
  "eyeCorners",
  "eyes",
  "threshold",
  "step",
);

function indexList(value: unknown, option: string, landmarks: number): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > landmarks)
    fail(
      "invalid_option",
      `${FN}: option \`${option}\` must list landmark indices, got ${describeValue(value)}`,
    );
  value.forEach((v: unknown, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= landmarks)
      fail(
        "invalid_option",
        `${FN}: option \`${option}\` must hold landmark indices in [0, ${landmarks}), got ${describeValue(v)} at index ${i}`,
      );
  });
  return value as number[];
}

/** The eye landmarks for `landmarks` points: the options, else the 300W (68) or WFLW (98) convention. */
function eyeIndices(
  o: { eyeCorners?: unknown; eyes?: unknown },
  normalization: LandmarkNormalization,
  landmarks: number,
): [number[], number[]] {
  if (normalization === "inter-ocular") {
    const corners = o.eyeCorners ?? (landmarks === 68 ? [36, 45] : landmarks === 98 ? [60, 72] : undefined);
    if (corners === undefined)
      fail(
        "invalid_option",
        `${FN}: option \`eyeCorners\` is required for ${landmarks} landmarks (defaults exist for 68 and 98)`,
      );
    const list = indexList(corners, "eyeCorners", landmarks);
    if (list.length !== 2) fail("invalid_option", `${FN}: option \`eyeCorners\` must be [left, right]`);
    return [[list[0]!], [list[1]!]];
  }
  const eyes =
    o.eyes ??
    (landmarks === 68
      ? [
          [36, 37, 38, 39, 40, 41],
          [42, 43, 44, 45, 46, 47],
        ]
      : landmarks === 98
        ? [[96], [97]]
        : undefined);
  if (eyes === undefined)
    fail(
      "invalid_option",
      `${FN}: option \`eyes\` is required for ${landmarks} landmarks (defaults exist for 68 and 98)`,
    );
  if (!Array.isArray(eyes) || eyes.length !== 2)
    fail(
      "invalid_option",
      `${FN}: option \`eyes\` must be [left eye indices, right eye indices], got ${describeValue(eyes)}`,
    );
  return [indexList(eyes[0], "eyes[0]", landmarks), indexList(eyes[1], "eyes[1]", landmarks)];
}

/** numpy mean of the x and y of some landmarks (np.mean over axis 0: pairwise sum / count). */
function centre(points: Float64Array, indices: readonly number[]): [number, number] {
  const xs = Float64Array.from(indices, (i) => points[2 * i]!);
  const ys = Float64Array.from(indices, (i) => points[2 * i + 1]!);
  return [numpySum(xs) / indices.length, numpySum(ys) / indices.length];
}

/** The normalizing distance of one ground-truth face. */
function normalizer(
  target: Float64Array,
  normalization: LandmarkNormalization,
  eyes: [number[], number[]] | undefined,
): number {
  if (normalization === "bbox-diagonal") {
    let x0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < target.length; i += 2) {
      x0 = Math.min(x0, target[i]!);
      x1 = Math.max(x1, target[i]!);
      y0 = Math.min(y0, target[i + 1]!);
      y1 = Math.max(y1, target[i + 1]!);
    }
    const w = x1 - x0;
    const h = y1 - y0;
    return Math.sqrt(w * w + h * h);
  }
  const [lx, ly] = centre(target, eyes![0]);
  const [rx, ry] = centre(target, eyes![1]);
  return Math.sqrt((lx - rx) * (lx - rx) + (ly - ry) * (ly - ry));
}

/**
 * The CED grid's failure rate and normalised area, PIPNet's `compute_fr_and_auc`: the grid
 * `np.arange(0, threshold + step, step)`, the CED the share of samples with NME <= each grid
 * value, FR = 1 - CED at the last grid value, AUC = scipy 1.10 `simps(ced, x=grid) / threshold`.
 */
export function cedFailureRateAndAuc(
  errors: ArrayLike<number>,
  threshold: number,
  step: number,
): { failureRate: number; auc: number } {
  const n = errors.length;
  if (n === 0) return { failureRate: Number.NaN, auc: Number.NaN };
  const sorted = Float64Array.from(errors).sort();
  const points = Math.ceil((threshold + step) / step);
  const xs = new Float64Array(points);
  const ys = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const x = i * step;
    xs[i] = x;
    // Count of sorted errors <= x.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    ys[i] = lo / n;
  }
  return { failureRate: 1 - ys[points - 1]!, auc: simpson(ys, xs) / threshold };
}

/** scipy 1.10 `_basic_simpson` with sample points `x` over the pairs of intervals [start, stop). */
function basicSimpson(y: Float64Array, x: Float64Array, start: number, stop: number): number {
  const terms: number[] = [];
  for (let i = start; i < stop; i += 2) {
    const h0 = x[i + 1]! - x[i]!;
    const h1 = x[i + 2]! - x[i + 1]!;
    const hsum = h0 + h1;
    const hprod = h0 * h1;
    const h0divh1 = h1 !== 0 ? h0 / h1 : 0;
    terms.push(
      (hsum / 6.0) *
        (y[i]! * (2.0 - (h0divh1 !== 0 ? 1.0 / h0divh1 : 0)) +
          y[i + 1]! * (hsum * (hprod !== 0 ? hsum / hprod : 0)) +
          y[i + 2]! * (2.0 - h0divh1)),
    );
  }
  return numpySum(terms);
}

/** scipy 1.10 `simpson(y, x=x)` (`even="avg"` for an even number of points). */
function simpson(y: Float64Array, x: Float64Array): number {
  const N = y.length;
  if (N < 2) return 0;
  if (N % 2 === 1) return basicSimpson(y, x, 0, N - 2);
  const last = x[N - 1]! - x[N - 2]!;
  const first = x[1]! - x[0]!;
  let val = 0.5 * last * (y[N - 1]! + y[N - 2]!);
  let result = basicSimpson(y, x, 0, N - 3);
  val += 0.5 * first * (y[1]! + y[0]!);
  result += basicSimpson(y, x, 1, N - 2);
  val /= 2.0;
  result /= 2.0;
  return result + val;
}

/**
 * Streaming face-alignment metrics: `update(state, preds, target)` takes predicted and
 * ground-truth landmarks as [N][L][2] (x, y) and keeps each sample's NME =
 * Σ_l ‖p̂_l − p_l‖ / (d · L), d the sample's normalizing distance from the ground truth (HRNet's
 * `compute_nme`); `compute` gives the mean NME, the failure rate (NME > threshold) and the CED AUC
 * on [0, threshold] (PIPNet's `compute_fr_and_auc`). O(N·L) per update, O(N log N) compute.
 * @example landmarkError([[[0, 0], [10, 1]]], [[[0, 0], [10, 0]]], { eyeCorners: [0, 1] }).nme // 1 / (10 · 2) = 0.05
 */
export function landmarkErrorDef(
  options: LandmarkErrorOptions = {},
): MetricDef<LandmarkErrorState, [preds: unknown, target: unknown], LandmarkErrorResult> {
  const o = readOptions<LandmarkErrorOptions>(FN, options, LANDMARK_OPTIONS);
  const normalization = optOneOf(
    FN,
    "normalization",
    o.normalization,
    ["inter-ocular", "inter-pupil", "bbox-diagonal"] as const,
    "inter-ocular",
  );
  const threshold = optNumber(FN, "threshold", o.threshold, 0.1, { min: 0, minExclusive: true, max: 10 });
  const step = optNumber(FN, "step", o.step, 0.0001, { min: threshold / 1e6, max: threshold });
  return {
    id: landmarkErrorMeta.id,
    meta: landmarkErrorMeta,
    options: structuredClone(o) as Record<string, unknown>,
    init: () => ({ errors: growableFloat64() }),
    update(state, preds, target) {
      if (!Array.isArray(preds) || !Array.isArray(target))
        fail(
          "invalid_value",
          `${FN}: \`preds\` and \`target\` must be arrays of [L][2] landmarks (one per face)`,
        );
      if (preds.length !== target.length)
        fail(
          "shape_mismatch",
          `${FN}: \`preds\` and \`target\` must hold the same number of faces, got ${preds.length} and ${target.length}`,
        );
      const errors = new Float64Array(preds.length);
      let eyes: [number[], number[]] | undefined;
      let landmarks = -1;
      for (let i = 0; i < preds.length; i++) {
        const p = toMatrix(preds[i], FN, `preds[${i}]`);
        const t = toMatrix(target[i], FN, `target[${i}]`);
        if (t.cols !== 2 || t.rows === 0 || p.rows !== t.rows || p.cols !== 2)
          fail(
            "shape_mismatch",
            `${FN}: face ${i}: \`preds\` and \`target\` must be [L][2] with the same L >= 1, got ${p.rows}x${p.cols} and ${t.rows}x${t.cols}`,
          );
        for (const [m, arg] of [
          [p, "preds"],
          [t, "target"],
        ] as const)
          for (let k = 0; k < m.data.length; k++)
            if (!Number.isFinite(m.data[k]!))
              fail(
                "invalid_value",
                `${FN}: \`${arg}[${i}]\` must hold finite coordinates, got ${describeValue(m.data[k])}`,
              );
        if (t.rows !== landmarks) {
          landmarks = t.rows;
          eyes = normalization === "bbox-diagonal" ? undefined : eyeIndices(o, normalization, landmarks);
        }
        const d = normalizer(t.data, normalization, eyes);
        if (!(d > 0))
          fail(
            "invalid_value",
            `${FN}: face ${i}: the ${normalization} distance of the ground truth is ${d}; NME is undefined`,
          );
        const dist = new Float64Array(landmarks);
        for (let l = 0; l < landmarks; l++) {
          const dx = p.data[2 * l]! - t.data[2 * l]!;
          const dy = p.data[2 * l + 1]! - t.data[2 * l + 1]!;
          dist[l] = Math.sqrt(dx * dx + dy * dy);
        }
        errors[i] = numpySum(dist) / (d * landmarks);
      }
      append(state.errors, errors);
    },
    merge: (a, b) => ({ errors: concatGrowable(compact(a.errors), compact(b.errors)) }),
    compute(state) {
      const errors = filled(state.errors);
      const n = errors.length;
      const { failureRate, auc } = cedFailureRateAndAuc(errors, threshold, step);
      return { nme: n ? numpySum(errors) / n : Number.NaN, failureRate, auc, threshold, samples: n };
    },
    validateState(state: unknown): asserts state is LandmarkErrorState {
      checkState(landmarkErrorMeta.id, state, { errors: field.growable(Float64Array, "nonNegative") });
    },
  };
}

/** One-shot form: `runOnce(landmarkErrorDef(options), preds, target)`. */
export function landmarkError(
  preds: unknown,
  target: unknown,
  options: LandmarkErrorOptions = {},
): LandmarkErrorResult {
  return runOnce(landmarkErrorDef(options), preds, target);
}
