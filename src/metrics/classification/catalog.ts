import type { CatalogEntry } from "../../catalog/types.js";
import { accuracyMeta } from "./accuracy.js";
import { aucMeta } from "./auc.js";
import { aurocMeta } from "./auroc.js";
import { averagePrecisionMeta } from "./average-precision.js";
import { balancedAccuracyMeta } from "./balanced-accuracy.js";
import { brierScoreMeta } from "./brier-score.js";
import { calibrationErrorMeta } from "./calibration-error.js";
import { classLikelihoodRatiosMeta } from "./class-likelihood-ratios.js";
import { cohenKappaMeta } from "./cohen-kappa.js";
import { confusionMatrixMeta } from "./confusion-matrix.js";
import { coverageErrorMeta } from "./coverage-error.js";
import { criticalSuccessIndexMeta } from "./critical-success-index.js";
import { equalErrorRateMeta } from "./equal-error-rate.js";
import { exactMatchMeta } from "./exact-match.js";
import { fBetaMeta } from "./f-beta.js";
import { falseDiscoveryRateMeta } from "./false-discovery-rate.js";
import { falsePositiveRateMeta } from "./false-positive-rate.js";
import { groupFairnessMeta } from "./group-fairness.js";
import { hammingDistanceMeta } from "./hamming-distance.js";
import { hingeLossMeta } from "./hinge-loss.js";
import { jaccardIndexMeta } from "./jaccard-index.js";
import { labelRankingAveragePrecisionMeta } from "./label-ranking-average-precision.js";
import { labelRankingLossMeta } from "./label-ranking-loss.js";
import { logAucMeta } from "./log-auc.js";
import { logLossMeta } from "./log-loss.js";
import { matthewsCorrcoefMeta } from "./matthews-corrcoef.js";
import { negativePredictiveValueMeta } from "./negative-predictive-value.js";
import { precisionMeta } from "./precision.js";
import { precisionAtFixedRecallMeta } from "./precision-at-fixed-recall.js";
import { precisionRecallCurveMeta } from "./precision-recall-curve.js";
import { recallMeta } from "./recall.js";
import { recallAtFixedPrecisionMeta } from "./recall-at-fixed-precision.js";
import { reliabilityCurveMeta } from "./reliability-curve.js";
import { rocCurveMeta } from "./roc-curve.js";
import { sensitivityAtSpecificityMeta } from "./sensitivity-at-specificity.js";
import { specificityMeta } from "./specificity.js";
import { specificityAtSensitivityMeta } from "./specificity-at-sensitivity.js";
import { statScoresMeta } from "./stat-scores.js";

/** Catalog entries of the classification metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  statScoresMeta,
  confusionMatrixMeta,
  accuracyMeta,
  precisionMeta,
  recallMeta,
  fBetaMeta,
  specificityMeta,
  negativePredictiveValueMeta,
  falsePositiveRateMeta,
  falseDiscoveryRateMeta,
  balancedAccuracyMeta,
  matthewsCorrcoefMeta,
  cohenKappaMeta,
  jaccardIndexMeta,
  hammingDistanceMeta,
  exactMatchMeta,
  hingeLossMeta,
  logLossMeta,
  brierScoreMeta,
  calibrationErrorMeta,
  rocCurveMeta,
  precisionRecallCurveMeta,
  aurocMeta,
  aucMeta,
  averagePrecisionMeta,
  labelRankingAveragePrecisionMeta,
  labelRankingLossMeta,
  coverageErrorMeta,
  recallAtFixedPrecisionMeta,
  precisionAtFixedRecallMeta,
  specificityAtSensitivityMeta,
  sensitivityAtSpecificityMeta,
  equalErrorRateMeta,
  logAucMeta,
  classLikelihoodRatiosMeta,
  criticalSuccessIndexMeta,
  groupFairnessMeta,
  reliabilityCurveMeta,
];
