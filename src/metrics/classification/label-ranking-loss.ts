import type { MatrixInput } from "../../core/coerce.js";
import { type MetricDef, runOnce } from "../../metric.js";
import { type LabelRankingOptions, type RankingArgs, rankingDef } from "./label-ranking.js";
import type { MeanState } from "./mean-metric.js";
import { classificationEntry } from "./meta.js";

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
