import type { NumericArray } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optionNames, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { binaryCurveDef } from "../classification/curve-defs.js";
import { type BinaryCurveState, exactPoints, totals } from "../classification/curve-state.js";
import type { BinaryArgs } from "../classification/stat-scores.js";

const VERIFICATION_OPTIONS = optionNames<VerificationOptions>()("farTargets");

export interface VerificationOptions {
  /** False accept rates at which to report the true accept rate (default [1e-4, 1e-3, 1e-2, 1e-1]). */
  readonly farTargets?: readonly number[];
}

/** A decision threshold with what it achieves: pairs scoring at or above it are accepted. */
export interface VerificationPoint {
  readonly tar: number;
  readonly far: number;
  readonly threshold: number;
}

export interface VerificationResult {
  /** True accept rate at each target false accept rate (keys are the targets as given). */
  readonly tarAtFar: Readonly<Record<string, VerificationPoint>>;
  /** Equal error rate: mean of FAR and FRR where they are closest. */
  readonly eer: number;
  /** Best accuracy over all thresholds (the optimistic, train-on-test figure), with its threshold. */
  readonly bestAccuracy: { readonly accuracy: number; readonly threshold: number };
  readonly genuinePairs: number;
  readonly impostorPairs: number;
}

export const verificationMeta: MetricMeta = {
  id: "face/verification",
  range: [0, 1],
  direction: "higher",
};

/**
 * Face (or speaker) verification from pair scores (higher means "same identity") and pair
 * labels (1 genuine, 0 impostor): the true accept rate at each target false accept rate (the
 * highest TPR among exact ROC points with FPR <= target, and that point's threshold), the equal
 * error rate, and the best accuracy over thresholds. Built on the classification curve state,
 * so it streams and merges like binaryAuroc (O(n) state, 9 bytes per pair). O(n log n) compute.
 */
export function faceVerificationDef(
  options: VerificationOptions = {},
): MetricDef<BinaryCurveState, BinaryArgs, VerificationResult> {
  const fn = "faceVerification";
  const o = readOptions<VerificationOptions>(fn, options, VERIFICATION_OPTIONS);
  const list = (o.farTargets ?? [1e-4, 1e-3, 1e-2, 1e-1]) as unknown;
  if (!Array.isArray(list) || list.length === 0 || list.length > 1000)
    fail(
      "invalid_option",
      `${fn}: option \`farTargets\` must be a non-empty array of at most 1000 rates in [0, 1], got ${describeValue(list)}`,
    );
  const targets = list.map((f: unknown, i) => {
    if (typeof f !== "number" || !(f >= 0 && f <= 1))
      fail(
        "invalid_option",
        `${fn}: option \`farTargets\` must hold rates in [0, 1], got ${describeValue(f)} at index ${i}`,
      );
    return f;
  });
  const def = binaryCurveDef(
    {
      id: verificationMeta.id,
      meta: verificationMeta,
      fn,
      compute: (source) => {
        const { P, N } = totals(source);
        const { thresholds, tps, fps } = exactPoints(source);
        // The point "accept nothing" (threshold +Infinity) comes first.
        const points = [{ tar: 0, far: 0, threshold: Number.POSITIVE_INFINITY }];
        for (let i = 0; i < thresholds.length; i++) {
          points.push({
            tar: P === 0 ? Number.NaN : tps[i]! / P,
            far: N === 0 ? Number.NaN : fps[i]! / N,
            threshold: thresholds[i]!,
          });
        }
        const tarAtFar: Record<string, VerificationPoint> = {};
        for (const target of targets) {
          let best = points[0]!;
          for (const p of points) if (p.far <= target && p.tar > best.tar) best = p;
          tarAtFar[String(target)] = best;
        }
        let eerPoint = points[0]!;
        for (const p of points)
          if (Math.abs(p.far - (1 - p.tar)) < Math.abs(eerPoint.far - (1 - eerPoint.tar))) eerPoint = p;
        let bestAccuracy = { accuracy: N / (P + N), threshold: Number.POSITIVE_INFINITY };
        for (let i = 0; i < thresholds.length; i++) {
          const accuracy = (tps[i]! + N - fps[i]!) / (P + N);
          if (accuracy > bestAccuracy.accuracy) bestAccuracy = { accuracy, threshold: thresholds[i]! };
        }
        return {
          tarAtFar,
          eer: (eerPoint.far + (1 - eerPoint.tar)) / 2,
          bestAccuracy,
          genuinePairs: P,
          impostorPairs: N,
        };
      },
    },
    { farTargets: targets },
  );
  return { ...def, validateState: validateVerificationState };
}

/**
 * Checks a decoded verification state (the exact binary curve state): scores finite, labels 0
 * or 1, optional non-negative weights, all of one length.
 */
function validateVerificationState(state: unknown): asserts state is BinaryCurveState {
  const id = verificationMeta.id;
  checkState(id, state, {
    kind: field.string(["exact"]),
    scores: field.growable([Float64Array, Float32Array]),
    target: field.growable(Uint8Array, "binary"),
    weights: field.oneOf(field.null(), field.growable(Float64Array, "nonNegative")),
  });
  const s = state as Extract<BinaryCurveState, { kind: "exact" }>;
  stateInvariant(
    id,
    s.target.length === s.scores.length && (s.weights === null || s.weights.length === s.scores.length),
    `state.scores, target and weights must have one length, got ${s.scores.length}, ${s.target.length} and ${s.weights?.length ?? "none"}`,
  );
}

/** One-shot {@link faceVerificationDef}. */
export function faceVerification(
  scores: NumericArray,
  labels: NumericArray,
  options: VerificationOptions = {},
): VerificationResult {
  return runOnce(faceVerificationDef(options), scores, labels);
}
