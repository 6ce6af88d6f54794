/**
 * Weighted means of per-sample values (internal): the state and MetricDef of log loss, Brier
 * score, hinge loss and the label-ranking means, and the binary and multiclass builders that
 * read and validate a batch (batch.ts) so a metric only states its per-sample value.
 */
import { describeValue, fail } from "../../core/errors.js";
import {
  addExactSums,
  bigRatioToNumber,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
  exactToNumber,
} from "../../core/exact-sum.js";
import { checkState } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { readBinaryBatch, readMulticlassBatch } from "./batch.js";
import { assertSeen } from "./input.js";
import type { ClassIndex, ClassLabel } from "./labels.js";
import type { ScoresKind } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";
import type { MetricSteps } from "./steps.js";

/**
 * Running weighted sum of per-sample losses (shared by log loss, Brier score and hinge loss):
 * two exact sums (`core/exact-sum.ts`), Σ w·v (each product rounded as float64, as the
 * references compute it) and Σ w, so a merged result has the same bits for any split and merge
 * order (issue 13 §3; a compensated sum still depended on the order in its last bit).
 */
export interface MeanState {
  sums: Float64Array;
}

/** Per-sample values and weights of a batch (weights undefined: ones). */
export interface PerSample {
  values: Float64Array;
  weights: Float64Array | undefined;
}

/** What the steps of a per-sample mean need (its def adds id, catalog entry and options). */
export interface MeanReading<Args extends unknown[]> {
  fn: string;
  /** Validates a batch and returns per-sample values and weights, mutating nothing. */
  perSample(...args: Args): PerSample;
  /** sklearn's `normalize: false`: the weighted sum instead of the mean. */
  sum?: boolean | undefined;
}

/** What a def adds to the steps of a per-sample mean. */
export interface MeanIdentity {
  id: string;
  meta: MetricMeta;
  /** The options as read by `readOptions` (echoed as the def's options). */
  options: Record<string, unknown>;
}

/** The steps of a weighted mean of the per-sample values computed by `perSample`. */
export function meanSteps<Args extends unknown[]>(
  spec: MeanReading<Args>,
): MetricSteps<MeanState, Args, number> {
  return {
    init: () => ({ sums: exactSums(2) }),
    update(state, ...args) {
      const { values, weights } = spec.perSample(...args);
      const terms = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const w = weights ? weights[i]! : 1;
        if (w === 0) continue;
        const term = w * values[i]!;
        if (term - term !== 0)
          fail(
            "invalid_value",
            `${spec.fn}: the weighted per-sample value of sample ${i} is not finite (${describeValue(term)}): the inputs or weights are too large for this metric in float64`,
          );
        terms[i] = term;
      }
      // Checked before any change, so a rejected batch leaves the state as it was.
      const work = state.sums.slice();
      const total = new ExactSum(work, 0);
      const weight = new ExactSum(work, 1);
      total.addRun(terms, 0, terms.length);
      if (weights) weight.addRun(weights, 0, weights.length);
      else weight.add(values.length);
      total.finish();
      weight.finish();
      state.sums = work;
    },
    compute: (state) => {
      const weight = exactToNumber(state.sums, 1);
      assertSeen(weight, spec.fn);
      return spec.sum
        ? exactToNumber(state.sums, 0)
        : bigRatioToNumber(exactBigInt(state.sums, 0), exactBigInt(state.sums, 1));
    },
  };
}

/** A def whose state is a weighted mean of per-sample values computed by `perSample` (internal). */
export function meanDef<Args extends unknown[]>(
  spec: MeanReading<Args> & MeanIdentity,
): MetricDef<MeanState, Args, number> {
  return {
    id: spec.id,
    meta: spec.meta,
    options: { ...spec.options },
    ...meanSteps(spec),
    merge: (a, b) => ({ sums: addExactSums(a.sums, b.sums) }),
    validateState(state): asserts state is MeanState {
      checkState(spec.id, state, { sums: exactSumsShape(2) });
    },
  };
}

/** What a binary or multiclass per-sample mean states besides its value (and identity, for its def). */
export interface MeanSpec {
  fn: string;
  /** Samples whose target equals this value weigh 0. */
  ignoreIndex: number | undefined;
  /** What float predictions are (see preds-kind.ts). */
  kind: ScoresKind;
  /** sklearn's `normalize: false`. */
  sum?: boolean;
}

/** Per-sample values of the kept samples; ignored samples get weight 0 (weights default to ones). */
function perSampleValues(
  target: ArrayLike<number>,
  weights: Float64Array | undefined,
  ignoreIndex: number | undefined,
  value: (i: number, y: number) => number,
): PerSample {
  const w = weights ? Float64Array.from(weights) : new Float64Array(target.length).fill(1);
  const values = new Float64Array(target.length);
  for (let i = 0; i < target.length; i++) {
    if (target[i] === ignoreIndex) w[i] = 0;
    else values[i] = value(i, target[i]!);
  }
  return { values, weights: w };
}

/** A binary per-sample mean: see {@link binaryMeanSteps}. */
export type BinaryMeanSpec = MeanSpec & {
  posLabel?: ClassLabel | undefined;
  minusOne?: boolean;
  value(pred: number, target: number): number;
};

/** The per-sample values of a binary mean. */
function binaryPerSample(spec: BinaryMeanSpec): MeanReading<BinaryArgs> {
  const { fn, ignoreIndex } = spec;
  const reading = {
    kind: spec.kind,
    ignoreIndex,
    posLabel: spec.posLabel,
    ...(spec.minusOne ? { minusOne: true } : {}),
  };
  return {
    fn,
    sum: spec.sum,
    perSample(preds, target, sampleWeight) {
      const batch = readBinaryBatch(fn, preds, target, sampleWeight, reading);
      const p = batch.preds;
      return perSampleValues(batch.target, batch.weights, ignoreIndex, (i, y) => spec.value(p[i]!, y));
    },
  };
}

/**
 * The steps of a weighted mean of `value(pred, target)` over binary elements (`(N, ...)` preds
 * and 0/1 targets, `posLabel`-mapped labels, or -1/1 targets with `minusOne`), optional `sampleWeight`.
 */
export function binaryMeanSteps(spec: BinaryMeanSpec): MetricSteps<MeanState, BinaryArgs, number> {
  return meanSteps(binaryPerSample(spec));
}

/** The def of {@link binaryMeanSteps}. */
export function binaryMeanDef(spec: BinaryMeanSpec & MeanIdentity): MetricDef<MeanState, BinaryArgs, number> {
  return meanDef({ ...spec, ...binaryPerSample(spec) });
}

/** A multiclass per-sample mean: see {@link multiclassMeanSteps}. */
export type MulticlassMeanSpec = MeanSpec & {
  numClasses: number;
  index: ClassIndex | undefined;
  rows(scores: ArrayLike<number>, classes: number): ArrayLike<number>;
  value(scores: ArrayLike<number>, row: number, target: number): number;
};

/** The per-sample values of a multiclass mean. */
function multiclassPerSample(spec: MulticlassMeanSpec): MeanReading<MulticlassArgs> {
  const { fn, ignoreIndex, numClasses: C } = spec;
  const reading = {
    classes: C,
    ignoreIndex,
    index: spec.index,
    rest: undefined,
    needLabels: false,
    needScores: true,
  };
  return {
    fn,
    sum: spec.sum,
    perSample(preds, target, sampleWeight) {
      const batch = readMulticlassBatch(fn, preds, target, sampleWeight, reading);
      const rows = spec.rows(batch.scores ?? [], C);
      return perSampleValues(batch.target, batch.weights, ignoreIndex, (i, y) => spec.value(rows, i * C, y));
    },
  };
}

/**
 * The steps of a weighted mean of `value(scores, row, y)` over multiclass rows: `(N, C, ...)`
 * scores turned into rows by `rows` (probabilities, softmax of logits, or scores as they are: see
 * preds-kind.ts), class labels (mapped by `index`), optional `sampleWeight`.
 */
export function multiclassMeanSteps(
  spec: MulticlassMeanSpec,
): MetricSteps<MeanState, MulticlassArgs, number> {
  return meanSteps(multiclassPerSample(spec));
}

/** The def of {@link multiclassMeanSteps}. */
export function multiclassMeanDef(
  spec: MulticlassMeanSpec & MeanIdentity,
): MetricDef<MeanState, MulticlassArgs, number> {
  return meanDef({ ...spec, ...multiclassPerSample(spec) });
}
