/**
 * The binned state of the calibration metrics (internal): per bin a count, a confidence sum and
 * an accuracy sum, filled from each sample's confidence (binary: the probability of class 1;
 * multiclass: the top probability) and accuracy; the calibration error and the reliability
 * curve reduce it.
 */
import { fail } from "../../core/errors.js";
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

/** Per bin: count, sum of confidences, sum of accuracies (nBins + 1 bins: the last holds confidence 1.0). */
export interface CalibrationState {
  bins: Float64Array;
}

/** `nBins`: nBins + 1 bins of 3 float64 sums and nBins + 1 boundaries, through the allocation budget. */
export function binsOption(value: unknown, fn: string, fallback: number): number {
  return optSize(fn, "nBins", value, fallback, { min: 1, bytesFor: (n) => 32 * (n + 1) }) as number;
}

/**
 * Checks a decoded calibration state: non-negative finite sums, and per bin a confidence sum
 * and an accuracy sum of at most the bin's count (confidences and accuracies lie in [0, 1]).
 */
function checkCalibrationState(id: string, size: number, state: unknown): asserts state is CalibrationState {
  checkState(id, state, { bins: field.typed(Float64Array, { length: size, values: "nonNegative" }) });
  const bins = (state as CalibrationState).bins;
  for (let b = 0; b < size; b += 3) {
    const limit = bins[b]! * (1 + 1e-9);
    stateInvariant(
      id,
      bins[b + 1]! <= limit && bins[b + 2]! <= limit,
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
    init: () => ({ bins: new Float64Array(size) }),
    update(state, ...args) {
      const { confidence, accuracy } = read(...args);
      for (let i = 0; i < confidence.length; i++) {
        const c = confidence[i]!;
        if (Number.isNaN(accuracy[i]!)) continue;
        const b = binning.index(c);
        state.bins[3 * b] += 1;
        state.bins[3 * b + 1] += c;
        state.bins[3 * b + 2] += accuracy[i]!;
      }
    },
    merge: (a, b) => ({ bins: a.bins.map((v, i) => v + b.bins[i]!) }),
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
