import type { MetricDef, MetricMeta } from "../../metric.js";
import { type LabelRankingOptions, type RankingArgs, rankingDef } from "./label-ranking.js";
import type { MeanState } from "./mean-metric.js";
import type { NdInput } from "./ndarray.js";
import { runOneShot } from "./one-shot.js";
import { optOneOf } from "./options.js";

export const labelRankingLossMeta: MetricMeta = {
  id: "classification/label_ranking_loss",
  range: [0, 1],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0", "scikit-learn-1.9.1"],
};
export interface LabelRankingLossOptions extends LabelRankingOptions {
  /**
   * How tied scores count: "sklearn" (default) counts a tied (relevant, irrelevant) pair as
   * mis-ordered; "torchmetrics" breaks ties by label index (a later label ranks higher).
   */
  convention?: "sklearn" | "torchmetrics";
}

/**
 * Multilabel ranking loss: per sample, the fraction of (relevant, irrelevant) label pairs where
 * the irrelevant label scores at least as high as the relevant one (a tie counts as mis-ordered,
 * as sklearn 1.2 `label_ranking_loss`: [[0.5, 0.5]] vs [[0, 1]] gives 1, whatever the column
 * order); samples with no or only relevant labels score 0. torchmetrics 1.9.0
 * `multilabel_ranking_loss` breaks ties by label index instead (`convention: "torchmetrics"`).
 * Optional `sampleWeight` (sklearn). O(N L^2).
 */
export function multilabelRankingLossDef(
  options: LabelRankingLossOptions,
): MetricDef<MeanState, RankingArgs, number> {
  const fn = "multilabelRankingLoss";
  return rankingDef(
    "classification/multilabel_ranking_loss",
    fn,
    labelRankingLossMeta,
    options,
    (o) => {
      const byIndex =
        optOneOf(fn, "convention", o.convention, ["sklearn", "torchmetrics"], "sklearn") === "torchmetrics";
      return (s, rel) => {
        const L = s.length;
        let nRel = 0;
        for (let j = 0; j < L; j++) nRel += rel[j]!;
        if (nRel === 0 || nRel === L) return 0;
        let wrong = 0;
        for (let j = 0; j < L; j++) {
          if (!rel[j]) continue;
          for (let k = 0; k < L; k++) {
            if (rel[k]) continue;
            if (s[k]! > s[j]! || (s[k] === s[j] && (!byIndex || k > j))) wrong++;
          }
        }
        return wrong / (nRel * (L - nRel));
      };
    },
    ["convention"],
  );
}
/** One-shot {@link multilabelRankingLossDef}. */
export function multilabelRankingLoss(
  preds: NdInput,
  target: NdInput,
  options: LabelRankingLossOptions,
): number;
export function multilabelRankingLoss(
  preds: NdInput,
  target: NdInput,
  sampleWeight: NdInput | undefined,
  options: LabelRankingLossOptions,
): number;
export function multilabelRankingLoss(
  preds: NdInput,
  target: NdInput,
  third?: unknown,
  fourth?: unknown,
): number {
  return runOneShot(multilabelRankingLossDef, preds, target, third, fourth);
}
