/**
 * Weighted means of per-sample values (internal): the state and MetricDef of log loss, Brier
 * score, hinge loss and the label-ranking means, and the binary and multiclass builders that
 * read and validate a batch so a metric only states its per-sample value.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import { checkState, field } from "../../core/state-check.js";
import {
  accumulatorValue,
  addToAccumulator,
  type CompensatedAccumulator,
  mergeAccumulators,
  newAccumulator,
} from "../../core/sum.js";
import type { MetricDef } from "../../metric.js";
import {
  assertProbabilityValues,
  assertSameRows,
  assertSeen,
  readBinaryTarget,
  readLabels,
  readProbabilities,
  readScoreMatrix,
  readScores,
  readWeights,
} from "./input.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-scores.js";

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
  /** The options as read by `readOptions` (echoed as the def's options). */
  options: Record<string, unknown>;
  /** Validates a batch and returns per-sample values and weights (undefined: ones), mutating nothing. */
  perSample(...args: Args): { values: Float64Array; weights: Float64Array | undefined };
}): MetricDef<MeanState, Args, number> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: { ...spec.options },
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
      // A sum that overflowed is a legitimate state (its mean is ±Infinity or NaN); the weight
      // must be a finite total.
      checkState(spec.id, state, {
        sum: field.object({ sum: field.number("any"), compensation: field.number("any") }),
        weight: field.number("nonNegative"),
      });
    },
  };
}

/** What a binary or multiclass per-sample mean states besides its value. */
export interface MeanSpec {
  id: string;
  fn: string;
  meta: CatalogEntry;
  options: Record<string, unknown>;
  /** Samples whose target equals this value weigh 0. */
  ignoreIndex: number | undefined;
  /** `preds` must be probabilities in [0, 1] (otherwise any finite score). */
  probabilities: boolean;
}

/** Per-sample values of the kept samples; ignored samples get weight 0 (weights default to ones). */
function perSampleValues(
  target: Float64Array,
  weights: Float64Array | undefined,
  ignoreIndex: number | undefined,
  value: (i: number, y: number) => number,
): { values: Float64Array; weights: Float64Array } {
  const w = weights ?? new Float64Array(target.length).fill(1);
  const values = new Float64Array(target.length);
  for (let i = 0; i < target.length; i++) {
    if (target[i] === ignoreIndex) w[i] = 0;
    else values[i] = value(i, target[i]!);
  }
  return { values, weights: w };
}

/** A weighted mean of `value(pred, target)` over binary samples (preds N, 0/1 targets, optional `sampleWeight`). */
export function binaryMeanDef(
  spec: MeanSpec & { value(pred: number, target: number): number },
): MetricDef<MeanState, BinaryArgs, number> {
  const { fn, ignoreIndex } = spec;
  return meanDef({
    ...spec,
    perSample(preds, target, sampleWeight) {
      const p = spec.probabilities ? readProbabilities(preds, fn) : readScores(preds, fn);
      const t = readBinaryTarget(target, fn, ignoreIndex);
      assertSameRows(p.length, t.length, fn);
      const w = readWeights(sampleWeight, t.length, fn);
      return perSampleValues(t, w, ignoreIndex, (i, y) => spec.value(p[i]!, y));
    },
  });
}

/**
 * A weighted mean of `value(scores, row, y)` over multiclass samples: an N x C matrix (row `i`
 * starts at `scores[row]`, row = i C), integer labels, optional `sampleWeight`.
 */
export function multiclassMeanDef(
  spec: MeanSpec & { numClasses: number; value(scores: Float64Array, row: number, target: number): number },
): MetricDef<MeanState, MulticlassArgs, number> {
  const { fn, ignoreIndex, numClasses: C } = spec;
  return meanDef({
    ...spec,
    perSample(preds, target, sampleWeight) {
      const m = readScoreMatrix(preds, fn, C);
      if (spec.probabilities) assertProbabilityValues(m.data, fn, "preds");
      const t = readLabels(target, fn, C, ignoreIndex);
      assertSameRows(m.rows, t.length, fn);
      const w = readWeights(sampleWeight, t.length, fn);
      return perSampleValues(t, w, ignoreIndex, (i, y) => spec.value(m.data, i * C, y));
    },
  });
}
