import type { MetricDef, MetricMeta } from "../../metric.js";
import { type LabelRankingOptions, type RankingArgs, rankingDef } from "./label-ranking.js";
import type { MeanState } from "./mean-metric.js";
import type { NdInput } from "./ndarray.js";
import { runOneShot } from "./one-shot.js";

export const coverageErrorMeta: MetricMeta = {
  id: "classification/coverage_error",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};

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
    () => (s, rel) => {
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
  preds: NdInput,
  target: NdInput,
  options: LabelRankingOptions,
): number;
export function multilabelCoverageError(
  preds: NdInput,
  target: NdInput,
  sampleWeight: NdInput | undefined,
  options: LabelRankingOptions,
): number;
export function multilabelCoverageError(
  preds: NdInput,
  target: NdInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runOneShot(multilabelCoverageErrorDef, preds, target, third, fourth);
}
