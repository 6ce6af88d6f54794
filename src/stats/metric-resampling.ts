/**
 * Resampling any metric over its samples: the bootstrap interval of one system's score and the
 * paired tests of two systems (paired bootstrap, approximate randomization), for every metric
 * definition, not only those with a per-sample score.
 *
 * A resample is scored one of two ways, chosen per definition:
 * - states of constant size (sums and counts: BLEU, chrF, confusion matrices, MAE...): each
 *   sample's state is computed once and a resample merges the states of its samples, so the
 *   inputs are never re-read (no re-tokenisation);
 * - states that grow with the data (AUROC keeps every score): a resample re-runs `update` on the
 *   resampled rows.
 * Both give exactly `compute` over the resampled samples.
 */
import { encodeState } from "../core/codec.js";
import { describeValue, fail } from "../core/errors.js";
import { optionNames, readOptions } from "../core/options.js";
import type { AnyMetricDef } from "../metric.js";
import {
  bootstrapInterval,
  type Interval,
  type PairedTestResult,
  pairedBootstrapTest,
  permutationTest,
  readConfidence,
  readResamples,
  readSeed,
} from "./bootstrap.js";
import { concatSamples, type SampleAxis, sampleCount, takeSamples } from "./samples.js";

export { MAX_RESAMPLES } from "./bootstrap.js";

export interface MetricResamplingOptions {
  /** The sample axis of each argument (default "rows" for all). */
  readonly axes?: readonly SampleAxis[];
  /** Resamples (default 1000). */
  readonly resamples?: number;
  /** Two-sided confidence level of intervals (default 0.95). */
  readonly confidence?: number;
  /** PRNG seed (default 0): the same seed gives the same result. */
  readonly seed?: number;
  /** The number a result stands for; default: the result itself, or its `score` (BLEU, chrF). */
  readonly value?: (result: unknown) => number;
}

const OPTIONS = optionNames<MetricResamplingOptions>()("axes", "resamples", "confidence", "seed", "value");

interface Read {
  axes: readonly SampleAxis[];
  resamples: number;
  confidence: number;
  seed: number;
  value: (result: unknown) => number;
}

function read(fn: string, options: unknown, argCount: number): Read {
  const o = readOptions<MetricResamplingOptions>(fn, options, OPTIONS);
  const axes = o.axes ?? new Array<SampleAxis>(argCount).fill("rows");
  if (!Array.isArray(axes) || axes.some((a) => !["rows", "streams", "whole"].includes(a)))
    fail(
      "invalid_option",
      `${fn}: option \`axes\` must list "rows", "streams" or "whole" per argument, got ${describeValue(axes)}`,
    );
  if (o.value !== undefined && typeof o.value !== "function")
    fail("invalid_option", `${fn}: option \`value\` must be a function, got ${describeValue(o.value)}`);
  return {
    axes,
    resamples: readResamples(fn, o.resamples),
    confidence: readConfidence(fn, o.confidence),
    seed: readSeed(fn, o.seed),
    value: o.value ?? scalarOf,
  };
}

/** A result as one number: itself, or the `score` of a score object (BLEU, chrF, TER). */
export function scalarOf(result: unknown): number {
  if (typeof result === "number") return result;
  const score = (result as { score?: unknown } | null)?.score;
  if (typeof score === "number") return score;
  return fail(
    "unsupported",
    `the metric's result is ${describeValue(result)}, not a number; pass \`value: (result) => number\` to choose one`,
  );
}

/** The shape of a state (lengths and keys, not values): equal shapes mean a constant-size state. */
function shapeOf(value: unknown): string {
  const encoded = JSON.stringify(encodeState(value), (_k, v: unknown) =>
    typeof v === "number" ? 0 : typeof v === "string" && v.length > 16 ? v.length : v,
  );
  return encoded;
}

/** Scores the samples at given indices of one system's arguments. */
interface Scorer {
  readonly n: number;
  score(indices: ArrayLike<number>): number;
}

function stateOf(def: AnyMetricDef, args: readonly unknown[]): unknown {
  const state = def.init();
  def.update(state, ...args);
  return state;
}

/** Each sample's own state, when the def's states do not grow with the data; undefined otherwise. */
function perSampleStates(
  def: AnyMetricDef,
  args: readonly unknown[],
  axes: readonly SampleAxis[],
  n: number,
) {
  if (n < 3) return undefined;
  const probe = [0, 1, 2].map((i) => stateOf(def, takeSamples(args, axes, [i])));
  const merged = def.merge(def.merge(probe[0], probe[1]), probe[2]);
  if (shapeOf(merged) !== shapeOf(probe[0])) return undefined;
  return Array.from({ length: n }, (_, i) => (i < 3 ? probe[i] : stateOf(def, takeSamples(args, axes, [i]))));
}

function foldStates(def: AnyMetricDef, states: readonly unknown[], indices: ArrayLike<number>): unknown {
  let state = def.init();
  for (let i = 0; i < indices.length; i++) state = def.merge(state, states[indices[i]!]);
  return state;
}

function scorer(def: AnyMetricDef, args: readonly unknown[], r: Read, fn: string): Scorer {
  const n = sampleCount(fn, args, r.axes);
  const states = perSampleStates(def, args, r.axes, n);
  if (states) return { n, score: (indices) => r.value(def.compute(foldStates(def, states, indices))) };
  return { n, score: (indices) => r.value(def.compute(stateOf(def, takeSamples(args, r.axes, indices)))) };
}

/** NaN when the metric is undefined on a resample (one class drawn), as the bootstrap expects. */
function guarded(score: (indices: ArrayLike<number>) => number): (indices: Uint32Array) => number {
  return (indices) => {
    try {
      return score(indices);
    } catch {
      return Number.NaN;
    }
  };
}

/**
 * Percentile bootstrap interval of a metric's score over its samples (Efron & Tibshirani 1993):
 * resample whole samples, score each resample with the metric itself (corpus metrics stay
 * corpus metrics). Resamples on which the metric is undefined are dropped.
 */
export function bootstrapMetric(
  def: AnyMetricDef,
  args: readonly unknown[],
  options: MetricResamplingOptions = {},
): Interval {
  const fn = "bootstrapMetric";
  const r = read(fn, options, args.length);
  const s = scorer(def, args, r, fn);
  return bootstrapInterval(s.n, guarded(s.score), {
    resamples: r.resamples,
    confidence: r.confidence,
    seed: r.seed,
  });
}

/** Scores of both systems on the same resamples: A is `argsA`, B is `argsB`, sample for sample. */
function pairedScorers(
  def: AnyMetricDef,
  argsA: readonly unknown[],
  argsB: readonly unknown[],
  r: Read,
  fn: string,
) {
  if (argsA.length !== argsB.length)
    fail("shape_mismatch", `${fn}: system A has ${argsA.length} arguments and system B ${argsB.length}`);
  const a = scorer(def, argsA, r, fn);
  const b = scorer(def, argsB, r, fn);
  if (a.n !== b.n)
    fail(
      "shape_mismatch",
      `${fn}: system A has ${a.n} samples and system B ${b.n}; a paired test needs the same samples`,
    );
  return { a, b, n: a.n };
}

/**
 * Paired bootstrap test of two systems on the same samples (Koehn 2004): both scored on the same
 * resamples; the difference A − B with its percentile interval and a two-sided p-value.
 */
export function pairedBootstrapMetric(
  def: AnyMetricDef,
  argsA: readonly unknown[],
  argsB: readonly unknown[],
  options: MetricResamplingOptions = {},
): PairedTestResult {
  const fn = "pairedBootstrapMetric";
  const r = read(fn, options, argsA.length);
  const { a, b, n } = pairedScorers(def, argsA, argsB, r, fn);
  return pairedBootstrapTest(n, guarded(a.score), guarded(b.score), {
    resamples: r.resamples,
    confidence: r.confidence,
    seed: r.seed,
  });
}

/**
 * Approximate randomization test of two systems on the same samples (Noreen 1989; Riezler &
 * Maxwell 2005, as sacrebleu's paired AR): each sample's outputs are swapped between the systems
 * with probability 1/2 and both rescored; p = (#{|d_r| ≥ |d|} + 1) / (R + 1).
 */
export function permutationMetric(
  def: AnyMetricDef,
  argsA: readonly unknown[],
  argsB: readonly unknown[],
  options: MetricResamplingOptions = {},
): PairedTestResult {
  const fn = "permutationMetric";
  const r = read(fn, options, argsA.length);
  const { n } = pairedScorers(def, argsA, argsB, r, fn);
  // Samples 0..n-1 are A's, n..2n-1 are B's: a swap picks the other system's copy of a sample.
  const both = scorer(def, concatSamples(argsA, argsB, r.axes), r, fn);
  const idxA = new Uint32Array(n);
  const idxB = new Uint32Array(n);
  return permutationTest(
    n,
    (swapped) => {
      for (let i = 0; i < n; i++) {
        idxA[i] = swapped[i] ? n + i : i;
        idxB[i] = swapped[i] ? i : n + i;
      }
      return [both.score(idxA), both.score(idxB)];
    },
    { resamples: r.resamples, seed: r.seed },
  );
}
