/**
 * The binned state of the calibration metrics (internal): per bin a count, a confidence sum and
 * an accuracy sum, filled from each sample's confidence (binary: the probability of class 1;
 * multiclass: the top probability) and accuracy; the calibration error and the reliability
 * curve reduce it.
 */
import { fail } from "../../core/errors.js";
import {
  addExactSums,
  EXACT_LIMBS,
  ExactSum,
  exactSums,
  exactSumsShape,
  exactToNumber,
} from "../../core/exact-sum.js";
import { optSize } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import type { MetricDef, MetricMeta } from "../../metric.js";
import { readBinaryBatch, readMulticlassBatch } from "./batch.js";
import { reached, torchLinspace01 } from "./curve-state.js";
import { assertSeen } from "./input.js";
import { readClassList } from "./labels.js";
import { optIgnoreIndex } from "./options.js";
import { optPredsKind, probabilityRows } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs } from "./stat-defs.js";

/**
 * Per bin (nBins + 1 bins: the last holds confidence 1.0): `bins` holds the count, the sum of
 * confidences rounded once from `confidence`, and the count of accurate samples; `confidence`
 * holds each bin's exact sum of confidences (`core/exact-sum.ts`). Counts are integers, so every
 * number is exact and a merged state has the same bits for any split and merge order.
 */
export interface CalibrationState {
  bins: Float64Array;
  confidence: Float64Array;
}

/**
 * `nBins`: nBins + 1 bins of 3 float64 numbers and an exact sum each, and nBins + 1 boundaries,
 * through the allocation budget.
 */
export function binsOption(value: unknown, fn: string, fallback: number): number {
  return optSize(fn, "nBins", value, fallback, {
    min: 1,
    bytesFor: (n) => (32 + 8 * EXACT_LIMBS) * (n + 1),
  }) as number;
}

/**
 * Checks a decoded calibration state: non-negative finite sums, and per bin a confidence sum
 * and an accuracy sum of at most the bin's count (confidences and accuracies lie in [0, 1]).
 */
function checkCalibrationState(id: string, size: number, state: unknown): asserts state is CalibrationState {
  checkState(id, state, {
    bins: field.typed(Float64Array, { length: size, values: "nonNegative" }),
    confidence: exactSumsShape(size / 3),
  });
  const { bins, confidence } = state as CalibrationState;
  for (let b = 0; b < size; b += 3) {
    stateInvariant(
      id,
      Number.isInteger(bins[b]!) && Number.isInteger(bins[b + 2]!),
      `bin ${b / 3} must hold integer counts, got ${bins[b]} samples and ${bins[b + 2]} accurate ones`,
    );
    const sum = exactToNumber(confidence, b / 3);
    stateInvariant(
      id,
      Object.is(bins[b + 1], sum),
      `bin ${b / 3}'s confidence sum ${bins[b + 1]} must be its exact sum rounded (${sum})`,
    );
    const limit = bins[b]! * (1 + 1e-9);
    stateInvariant(
      id,
      bins[b + 1]! <= limit && bins[b + 2]! <= bins[b]!,
      `bin ${b / 3} holds ${bins[b]} samples but sums of ${bins[b + 1]} (confidence) and ${bins[b + 2]} (accuracy)`,
    );
  }
}

/** The bins of a calibration state: how many, and which bin a confidence falls in. */
export interface Binning {
  /** Bins used (the state holds nBins + 1, the extra one for torchmetrics' confidence 1.0). */
  nBins: number;
  index(confidence: number): number;
}

/**
 * torchmetrics 1.9.0's bins: bin b holds boundaries[b] <= c < boundaries[b + 1] (torch's float32
 * linspace boundaries), a confidence of exactly 1.0 an extra bin of its own (issue 3510).
 */
export function torchmetricsBinning(nBins: number): Binning {
  const boundaries = torchLinspace01(nBins + 1);
  return { nBins, index: (c) => reached(boundaries, c) - 1 };
}

/**
 * What a calibration def reads from a batch: each sample's confidence and accuracy (NaN:
 * ignored). Validates the whole batch before anything is counted.
 */
export type ConfidenceReader<Args extends unknown[]> = (...args: Args) => {
  confidence: Float64Array;
  accuracy: Float64Array;
};

/** A MetricDef over binned (count, confidence sum, accuracy sum) triples, reduced by `result`. */
export function calibrationDef<Args extends unknown[], R>(
  spec: { id: string; fn: string; meta: MetricMeta; binning: Binning; result(bins: Float64Array): R },
  options: Record<string, unknown>,
  read: ConfidenceReader<Args>,
): MetricDef<CalibrationState, Args, R> {
  const { id, fn, binning } = spec;
  const size = 3 * (binning.nBins + 1);
  return {
    id,
    meta: spec.meta,
    options: { ...options },
    init: () => ({ bins: new Float64Array(size), confidence: exactSums(size / 3) }),
    update(state, ...args) {
      const { confidence, accuracy } = read(...args);
      const n = confidence.length;
      const bins = state.bins.slice();
      // The kept confidences grouped by bin (a counting sort), so each bin's exact sum takes a run.
      const binOf = new Int32Array(n);
      const start = new Int32Array(size / 3 + 1);
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(accuracy[i]!)) {
          binOf[i] = -1;
          continue;
        }
        const b = binning.index(confidence[i]!);
        binOf[i] = b;
        start[b + 1]!++;
        bins[3 * b] += 1;
        bins[3 * b + 2] += accuracy[i]!;
      }
      for (let b = 1; b < start.length; b++) start[b] += start[b - 1]!;
      const grouped = new Float64Array(start[start.length - 1]!);
      const next = start.slice();
      for (let i = 0; i < n; i++) if (binOf[i]! >= 0) grouped[next[binOf[i]!]!++] = confidence[i]!;
      const exact = state.confidence.slice();
      for (let b = 0; b + 1 < start.length; b++) {
        if (start[b] === start[b + 1]) continue;
        const sum = new ExactSum(exact, b);
        sum.addRun(grouped, start[b]!, start[b + 1]!);
        sum.finish();
        bins[3 * b + 1] = exactToNumber(exact, b);
      }
      state.bins = bins;
      state.confidence = exact;
    },
    merge: (a, b) => {
      const confidence = addExactSums(a.confidence, b.confidence);
      const bins = a.bins.map((v, i) => v + b.bins[i]!);
      for (let k = 0; k < size / 3; k++) bins[3 * k + 1] = exactToNumber(confidence, k);
      return { bins, confidence };
    },
    compute: (state) => {
      let total = 0;
      for (let b = 0; b < state.bins.length; b += 3) total += state.bins[b]!;
      assertSeen(total, fn);
      return spec.result(state.bins);
    },
    validateState(state): asserts state is CalibrationState {
      checkCalibrationState(id, size, state);
    },
  };
}

function rejectWeights(sampleWeight: unknown, fn: string): void {
  if (sampleWeight !== undefined) fail("unsupported", `${fn}: \`sampleWeight\` is not supported`);
}

/** Binary confidences: the probability of class 1 (logits squashed), accuracy the target. */
export function binaryConfidence(fn: string, o: Record<string, unknown>): ConfidenceReader<BinaryArgs> {
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const reading = {
    kind: optPredsKind(fn, o.predsKind),
    ignoreIndex,
    posLabel: undefined,
  };
  return (preds, target, sampleWeight) => {
    rejectWeights(sampleWeight, fn);
    const batch = readBinaryBatch(fn, preds, target, undefined, reading);
    const accuracy = Float64Array.from(batch.target, (v) => (v === ignoreIndex ? Number.NaN : v));
    return { confidence: Float64Array.from(batch.preds), accuracy };
  };
}

/**
 * Multiclass (top-label) confidences: the largest probability of each row (logits softmaxed,
 * rounded rows renormalised), accuracy whether its class (first maximum) is the target.
 */
export function multiclassConfidence(
  fn: string,
  o: Record<string, unknown>,
): ConfidenceReader<MulticlassArgs> {
  const ignoreIndex = optIgnoreIndex(fn, o.ignoreIndex);
  const { classes: C, index } = readClassList(fn, o, 8);
  const kind = optPredsKind(fn, o.predsKind);
  const reading = { classes: C, ignoreIndex, index, rest: undefined, needLabels: true, needScores: true };
  return (preds, target, sampleWeight) => {
    rejectWeights(sampleWeight, fn);
    const batch = readMulticlassBatch(fn, preds, target, undefined, reading);
    const rows = probabilityRows(batch.scores ?? [], C, kind, fn);
    const n = batch.target.length;
    const confidence = new Float64Array(n);
    const accuracy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const label = batch.labels![i]!;
      confidence[i] = rows[i * C + label]!;
      accuracy[i] = batch.target[i] === ignoreIndex ? Number.NaN : label === batch.target[i] ? 1 : 0;
    }
    return { confidence, accuracy };
  };
}
