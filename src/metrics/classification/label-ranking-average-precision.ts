import type { MetricDef, MetricMeta } from "../../metric.js";
import { type LabelRankingOptions, type RankingArgs, rankingDef } from "./label-ranking.js";
import type { MeanState } from "./mean-metric.js";
import type { NdInput } from "./ndarray.js";
import { runOneShot } from "./one-shot.js";

export const labelRankingAveragePrecisionMeta: MetricMeta = {
  id: "classification/label_ranking_average_precision",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};
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
    () => (s, rel) => {
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
  preds: NdInput,
  target: NdInput,
  options: LabelRankingOptions,
): number;
export function multilabelRankingAveragePrecision(
  preds: NdInput,
  target: NdInput,
  sampleWeight: NdInput | undefined,
  options: LabelRankingOptions,
): number;
export function multilabelRankingAveragePrecision(
  preds: NdInput,
  target: NdInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runOneShot(multilabelRankingAveragePrecisionDef, preds, target, third, fourth);
}
