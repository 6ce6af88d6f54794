import { append, concatGrowable, filled, type GrowableFloat64, growableFloat64 } from "../../core/buffer.js";
import { fail } from "../../core/errors.js";
import { optBoolean, optionNames, optSize, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { checkDimension, type FeatureInput, featureDimShape, readFeatures } from "./features.js";

export const inceptionScoreMeta: MetricMeta = {
  id: "generative/inception_score",
  range: [1, Number.POSITIVE_INFINITY],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

/** Options of {@link inceptionScore}. */
export interface InceptionScoreOptions {
  /** Number of consecutive splits (torch.chunk sizes); default 10 (torchmetrics 1.9.0). */
  readonly splits?: number;
  /** Inputs are logits (softmaxed per row) instead of probabilities; default false. */
  readonly logits?: boolean;
}

const IS_OPTIONS = optionNames<InceptionScoreOptions>()("splits", "logits");

/** IS result: mean and sample (n - 1) standard deviation over splits (NaN for one split, as torch.std). */
export interface InceptionScoreResult {
  mean: number;
  std: number;
}

/** State: every row of class probabilities (O(N C)), since splits need the order. */
export interface InceptionScoreState {
  classes: number;
  probs: GrowableFloat64;
}

/**
 * Inception Score from class probabilities p(y|x) (N x C): the rows are cut into `splits` consecutive
 * chunks of `ceil(N / splits)` rows (torch.chunk), and each chunk scores `exp(mean_x sum_y p log(p / p_chunk(y)))`.
 * Matches torchmetrics 1.9.0 `InceptionScore` except that it does not shuffle the rows first
 * (torchmetrics applies a random permutation; shuffle yourself to reproduce that). State O(N C).
 */
export function inceptionScoreDef(
  options: InceptionScoreOptions = {},
): MetricDef<InceptionScoreState, [probs: FeatureInput], InceptionScoreResult> {
  const fn = "inceptionScore";
  const o = readOptions<InceptionScoreOptions>(fn, options, IS_OPTIONS);
  const splits = optSize(fn, "splits", o.splits, 10, { min: 1, bytesPerUnit: 8 })!;
  const logits = optBoolean(fn, "logits", o.logits, false);
  return {
    id: inceptionScoreMeta.id,
    meta: inceptionScoreMeta,
    options: { splits, logits },
    init: () => ({ classes: 0, probs: growableFloat64() }),
    update(state, probs) {
      const m = readFeatures(probs, fn, "probs");
      if (m.rows === 0) return;
      checkDimension(state.classes, m, fn, "probs");
      let rows = m.data;
      if (logits) {
        rows = new Float64Array(m.data.length);
        for (let r = 0; r < m.rows; r++) {
          let max = Number.NEGATIVE_INFINITY;
          for (let c = 0; c < m.cols; c++) max = Math.max(max, m.data[r * m.cols + c]!);
          let s = 0;
          for (let c = 0; c < m.cols; c++) s += Math.exp(m.data[r * m.cols + c]! - max);
          for (let c = 0; c < m.cols; c++) rows[r * m.cols + c] = Math.exp(m.data[r * m.cols + c]! - max) / s;
        }
      } else {
        for (let i = 0; i < rows.length; i++) {
          const v = rows[i]!;
          if (!(v >= 0 && v <= 1)) {
            fail(
              "invalid_value",
              `${fn}: \`probs\` must contain probabilities in [0, 1], got ${v} at [${Math.floor(i / m.cols)}][${i % m.cols}]`,
            );
          }
        }
      }
      append(state.probs, rows);
      state.classes = m.cols;
    },
    merge(a, b) {
      if (a.classes !== 0 && b.classes !== 0 && a.classes !== b.classes)
        fail("shape_mismatch", `${fn}: cannot merge states of ${a.classes} and ${b.classes} classes`);
      return { classes: a.classes || b.classes, probs: concatGrowable(a.probs, b.probs) };
    },
    validateState(state: unknown): asserts state is InceptionScoreState {
      const id = inceptionScoreMeta.id;
      checkState(id, state, {
        classes: featureDimShape,
        probs: field.growable(Float64Array, {
          test: (v) => v >= 0 && v <= 1,
          words: "probabilities in [0, 1]",
        }),
      });
      const s = state as InceptionScoreState;
      stateInvariant(
        id,
        s.classes === 0 ? s.probs.length === 0 : s.probs.length % s.classes === 0,
        `state.probs must hold whole rows of ${s.classes} classes, got ${s.probs.length} values`,
      );
    },
    compute(state) {
      const c = state.classes;
      const n = c === 0 ? 0 : state.probs.length / c;
      if (n === 0) fail("empty_input", `${fn}: \`probs\` must not be empty, got 0 rows`);
      const p = filled(state.probs);
      const chunk = Math.ceil(n / splits);
      const scores: number[] = [];
      for (let start = 0; start < n; start += chunk) {
        const end = Math.min(n, start + chunk);
        const marginal = new Float64Array(c);
        for (let r = start; r < end; r++) for (let j = 0; j < c; j++) marginal[j]! += p[r * c + j]!;
        for (let j = 0; j < c; j++) marginal[j]! /= end - start;
        let kl = 0;
        for (let r = start; r < end; r++) {
          for (let j = 0; j < c; j++) {
            const q = p[r * c + j]!;
            if (q > 0) kl += q * (Math.log(q) - Math.log(marginal[j]!));
          }
        }
        scores.push(Math.exp(kl / (end - start)));
      }
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      const std =
        scores.length < 2
          ? Number.NaN
          : Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1));
      return { mean, std };
    },
  };
}

/**
 * Inception Score of class probabilities (one row per generated sample).
 * @example inceptionScore([[1, 0], [0, 1]], { splits: 1 }).mean // exp(log 2) = 2
 */
export function inceptionScore(
  probs: FeatureInput,
  options: InceptionScoreOptions = {},
): InceptionScoreResult {
  return runOnce(inceptionScoreDef(options), probs);
}
