import type { MatrixInput } from "../../core/coerce.js";
import { toMatrix } from "../../core/coerce.js";
import { fail } from "../../core/errors.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  assertFiniteValues,
  assertSameRows,
  optIgnoreIndex,
  optNumClasses,
  readBinaryTarget,
} from "./input.js";
import { type MeanState, meanDef } from "./log-loss.js";
import { classificationEntry } from "./meta.js";

/** Catalog entry of label ranking average precision. */
export const labelRankingAveragePrecisionMeta = classificationEntry({
  id: "classification/label_ranking_average_precision",
  title: "Label ranking average precision (LRAP)",
  formula:
    "\\frac{1}{N}\\sum_n \\frac{1}{|Y_n|}\\sum_{j\\in Y_n}\\frac{|\\{k\\in Y_n: s_k\\ge s_j\\}|}{|\\{k: s_k\\ge s_j\\}|}",
  range: [0, 1],
  direction: "higher",
  exports: ["multilabelRankingAveragePrecision"],
  implementation:
    "torchmetrics 1.9.0 multilabel_ranking_average_precision; scikit-learn 1.9.1 label_ranking_average_precision_score",
  traits: ["ranking"],
});
/** Catalog entry of label ranking loss. */
export const labelRankingLossMeta = classificationEntry({
  id: "classification/label_ranking_loss",
  title: "Label ranking loss",
  formula:
    "\\frac{1}{N}\\sum_n \\frac{|\\{(j,k)\\in Y_n\\times\\bar Y_n: s_k \\ge s_j\\}|}{|Y_n||\\bar Y_n|}",
  range: [0, 1],
  direction: "lower",
  exports: ["multilabelRankingLoss"],
  implementation: "torchmetrics 1.9.0 multilabel_ranking_loss; scikit-learn 1.9.1 label_ranking_loss",
  traits: ["ranking"],
});
/** Catalog entry of coverage error. */
export const coverageErrorMeta = classificationEntry({
  id: "classification/coverage_error",
  title: "Coverage error",
  formula: "\\frac{1}{N}\\sum_n |\\{k: s_{n,k} \\ge \\min_{j\\in Y_n} s_{n,j}\\}|",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  exports: ["multilabelCoverageError"],
  implementation: "torchmetrics 1.9.0 multilabel_coverage_error; scikit-learn 1.9.1 coverage_error",
  traits: ["ranking"],
});

export interface LabelRankingOptions {
  numLabels: number;
  /** Target entries equal to this value are treated as irrelevant labels. */
  ignoreIndex?: number;
}

type RankingArgs = [preds: MatrixInput, target: MatrixInput, sampleWeight?: never];

function rankingDef(
  id: string,
  fn: string,
  meta: MetricDef<MeanState, RankingArgs, number>["meta"],
  options: LabelRankingOptions,
  perRow: (scores: Float64Array, relevant: Uint8Array) => number,
): MetricDef<MeanState, RankingArgs, number> {
  const L = optNumClasses(options.numLabels, fn, "numLabels");
  const ignoreIndex = optIgnoreIndex(options.ignoreIndex, fn);
  return meanDef<RankingArgs>({
    id,
    fn,
    meta,
    options: { ...options },
    perSample(preds, target, sampleWeight) {
      if (sampleWeight !== undefined) fail("unsupported", `${fn}: \`sampleWeight\` is not supported`);
      const p = toMatrix(preds, fn, "preds");
      const t = toMatrix(target, fn, "target");
      assertSameRows(p.rows, t.rows, fn);
      if (p.rows > 0 && (p.cols !== L || t.cols !== L))
        fail(
          "shape_mismatch",
          `${fn}: \`preds\` and \`target\` must have ${L} columns, got ${p.cols} and ${t.cols}`,
        );
      assertFiniteValues(p.data, fn, "preds");
      readBinaryTarget(t.data, fn, ignoreIndex);
      const values = new Float64Array(p.rows);
      const relevant = new Uint8Array(L);
      for (let r = 0; r < p.rows; r++) {
        for (let l = 0; l < L; l++) relevant[l] = t.data[r * L + l] === 1 ? 1 : 0;
        values[r] = perRow(p.data.subarray(r * L, r * L + L), relevant);
      }
      return { values, weights: undefined };
    },
  });
}

/**
 * Multilabel ranking average precision: per sample, the mean over relevant labels j of
 * (relevant labels scored >= s_j) / (labels scored >= s_j); 1 for samples with no or only
 * relevant labels. Matches torchmetrics 1.9.0 `multilabel_ranking_average_precision` and
 * sklearn 1.9.1 `label_ranking_average_precision_score`. O(N L^2).
 */
export function multilabelRankingAveragePrecisionDef(
  options: LabelRankingOptions,
): MetricDef<MeanState, RankingArgs, number> {
  return rankingDef(
    "classification/multilabel_ranking_average_precision",
    "multilabelRankingAveragePrecision",
    labelRankingAveragePrecisionMeta,
    options,
    (s, rel) => {
      const L = s.length;
      let nRel = 0;
      for (let j = 0; j < L; j++) nRel += rel[j]!;
      if (nRel === 0 || nRel === L) return 1;
      let sum = 0;
      for (let j = 0; j < L; j++) {
        if (!rel[j]) continue;
        let all = 0;
        let relAbove = 0;
        for (let k = 0; k < L; k++) {
          if (s[k]! >= s[j]!) {
            all++;
            relAbove += rel[k]!;
          }
        }
        sum += relAbove / all;
      }
      return sum / nRel;
    },
  );
}
/** One-shot {@link multilabelRankingAveragePrecisionDef}. */
export function multilabelRankingAveragePrecision(
  preds: MatrixInput,
  target: MatrixInput,
  options: LabelRankingOptions,
): number {
  return runOnce(multilabelRankingAveragePrecisionDef(options), preds, target);
}

/**
 * Multilabel ranking loss: per sample, the fraction of (relevant, irrelevant) label pairs where
 * the irrelevant label is ranked above the relevant one; samples with no or only relevant labels
 * score 0. Ties are broken by label index as a stable ascending sort does (torchmetrics 1.9.0
 * `multilabel_ranking_loss`: the later label ranks higher). O(N L^2).
 */
export function multilabelRankingLossDef(
  options: LabelRankingOptions,
): MetricDef<MeanState, RankingArgs, number> {
  return rankingDef(
    "classification/multilabel_ranking_loss",
    "multilabelRankingLoss",
    labelRankingLossMeta,
    options,
    (s, rel) => {
      const L = s.length;
      let nRel = 0;
      for (let j = 0; j < L; j++) nRel += rel[j]!;
      if (nRel === 0 || nRel === L) return 0;
      let wrong = 0;
      for (let j = 0; j < L; j++) {
        if (!rel[j]) continue;
        for (let k = 0; k < L; k++) {
          if (rel[k]) continue;
          if (s[k]! > s[j]! || (s[k] === s[j] && k > j)) wrong++;
        }
      }
      return wrong / (nRel * (L - nRel));
    },
  );
}
/** One-shot {@link multilabelRankingLossDef}. */
export function multilabelRankingLoss(
  preds: MatrixInput,
  target: MatrixInput,
  options: LabelRankingOptions,
): number {
  return runOnce(multilabelRankingLossDef(options), preds, target);
}

/**
 * Multilabel coverage error: per sample, how many labels score at least as high as the lowest
 * scored relevant label (0 when no label is relevant). Matches torchmetrics 1.9.0
 * `multilabel_coverage_error` and sklearn 1.9.1 `coverage_error`. O(N L).
 */
export function multilabelCoverageErrorDef(
  options: LabelRankingOptions,
): MetricDef<MeanState, RankingArgs, number> {
  return rankingDef(
    "classification/multilabel_coverage_error",
    "multilabelCoverageError",
    coverageErrorMeta,
    options,
    (s, rel) => {
      let min = Number.POSITIVE_INFINITY;
      for (let j = 0; j < s.length; j++) if (rel[j] && s[j]! < min) min = s[j]!;
      if (min === Number.POSITIVE_INFINITY) return 0;
      let count = 0;
      for (let k = 0; k < s.length; k++) if (s[k]! >= min) count++;
      return count;
    },
  );
}
/** One-shot {@link multilabelCoverageErrorDef}. */
export function multilabelCoverageError(
  preds: MatrixInput,
  target: MatrixInput,
  options: LabelRankingOptions,
): number {
  return runOnce(multilabelCoverageErrorDef(options), preds, target);
}
