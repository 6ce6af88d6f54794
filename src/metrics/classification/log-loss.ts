import type { MatrixInput, NumericArray } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import {
  accumulatorValue,
  addToAccumulator,
  type CompensatedAccumulator,
  mergeAccumulators,
  newAccumulator,
} from "../../core/sum.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  assertProbabilityValues,
  assertSameRows,
  assertSeen,
  cleanOptions,
  optIgnoreIndex,
  optNumClasses,
  readBinaryTarget,
  readLabels,
  readProbabilities,
  readScoreMatrix,
  readWeights,
} from "./input.js";
import { classificationEntry } from "./meta.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-scores.js";

/** Catalog entry of the log loss. */
export const logLossMeta = classificationEntry({
  id: "classification/log_loss",
  title: "Log loss (cross-entropy of predicted probabilities)",
  formula: "-\\frac{1}{N}\\sum_n \\log \\hat p_{n,y_n}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  exports: ["binaryLogLoss", "multiclassLogLoss"],
  implementation: "scikit-learn 1.9.1 log_loss (probabilities clipped to [eps, 1 - eps], eps = 2^-52)",
  robustness: [
    "unbounded: one confident wrong prediction dominates",
    "a proper scoring rule: rewards calibrated probabilities",
  ],
  traits: ["probabilistic"],
});

/** Running weighted sum of per-sample losses (shared by log loss, Brier score and hinge loss). */
export interface MeanState {
  sum: CompensatedAccumulator;
  weight: number;
}

/** A def whose state is a weighted mean of per-sample values computed by `perSample` (internal). */
export function meanDef<Args extends unknown[]>(spec: {
  id: string;
  fn: string;
  meta: MetricDef<MeanState, Args, number>["meta"];
  options: Record<string, unknown>;
  /** Validates a batch and returns per-sample values and weights (undefined: ones), mutating nothing. */
  perSample(...args: Args): { values: Float64Array; weights: Float64Array | undefined };
}): MetricDef<MeanState, Args, number> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: cleanOptions(spec.options),
    init: () => ({ sum: newAccumulator(), weight: 0 }),
    update(state, ...args) {
      const { values, weights } = spec.perSample(...args);
      for (let i = 0; i < values.length; i++) {
        const w = weights ? weights[i]! : 1;
        addToAccumulator(state.sum, w * values[i]!);
        state.weight += w;
      }
    },
    merge: (a, b) => ({ sum: mergeAccumulators(a.sum, b.sum), weight: a.weight + b.weight }),
    compute: (state) => {
      assertSeen(state.weight, spec.fn);
      return accumulatorValue(state.sum) / state.weight;
    },
    validateState(state): asserts state is MeanState {
      const s = state as MeanState | null;
      if (typeof s?.weight !== "number" || typeof s.sum?.sum !== "number")
        fail("invalid_state", `${spec.id}: fromJSON expects { sum, weight }`);
    },
  };
}

const EPS = 2.220446049250313e-16;
const clip = (p: number) => (p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p);

export interface LogLossOptions {
  /** Samples whose target equals this value are left out. */
  ignoreIndex?: number;
}

/**
 * Binary log loss -mean(y log p + (1 - y) log(1 - p)) with p the probability of class 1,
 * clipped to [eps, 1 - eps] (eps = 2^-52) as sklearn 1.9.1 `log_loss`; optional `sampleWeight`.
 * NaN for no samples. O(n), O(1) state.
 */
export function binaryLogLossDef(options: LogLossOptions = {}): MetricDef<MeanState, BinaryArgs, number> {
  const fn = "binaryLogLoss";
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, fn);
  return meanDef({
    id: "classification/binary_log_loss",
    fn,
    meta: logLossMeta,
    options: { ...options },
    perSample(preds, target, sampleWeight) {
      const p = readProbabilities(preds, fn);
      const t = readBinaryTarget(target, fn, ignoreIndex);
      assertSameRows(p.length, t.length, fn);
      const w = readWeights(sampleWeight, t.length, fn) ?? new Float64Array(t.length).fill(1);
      const values = new Float64Array(t.length);
      for (let i = 0; i < t.length; i++) {
        if (t[i] === ignoreIndex) w[i] = 0;
        else values[i] = t[i] === 1 ? -Math.log(clip(p[i]!)) : -Math.log(clip(1 - p[i]!));
      }
      return { values, weights: w };
    },
  });
}
/** One-shot {@link binaryLogLossDef}. */
export function binaryLogLoss(
  preds: NumericArray,
  target: NumericArray,
  options: LogLossOptions = {},
): number {
  return runOnce(binaryLogLossDef(options), preds, target);
}

export interface MulticlassLogLossOptions extends LogLossOptions {
  numClasses: number;
}

/**
 * Multiclass log loss -mean(log p[n, y_n]) over an N x C probability matrix, entries clipped to
 * [eps, 1 - eps] as sklearn 1.9.1 `log_loss` (rows are not renormalised). O(n C).
 */
export function multiclassLogLossDef(
  options: MulticlassLogLossOptions,
): MetricDef<MeanState, MulticlassArgs, number> {
  const fn = "multiclassLogLoss";
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, fn);
  const C = optNumClasses(options.numClasses, fn);
  return meanDef({
    id: "classification/multiclass_log_loss",
    fn,
    meta: logLossMeta,
    options: { ...options },
    perSample(preds, target, sampleWeight) {
      const m = readScoreMatrix(preds, fn, C);
      assertProbabilityValues(m.data, fn, "preds");
      const t = readLabels(target, fn, C, ignoreIndex);
      assertSameRows(m.rows, t.length, fn);
      const w = readWeights(sampleWeight, t.length, fn) ?? new Float64Array(t.length).fill(1);
      const values = new Float64Array(t.length);
      for (let i = 0; i < t.length; i++) {
        if (t[i] === ignoreIndex) w[i] = 0;
        else values[i] = -Math.log(clip(m.data[i * C + t[i]!]!));
      }
      return { values, weights: w };
    },
  });
}
/** One-shot {@link multiclassLogLossDef}. */
export function multiclassLogLoss(
  preds: MatrixInput,
  target: NumericArray,
  options: MulticlassLogLossOptions,
): number {
  return runOnce(multiclassLogLossDef(options), preds, target);
}
