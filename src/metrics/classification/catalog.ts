import { metaFields } from "../../catalog/meta-fields.js";
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
import { classificationEntry } from "./meta.js";
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

/** Catalog entry of the stat scores (tp, fp, tn, fn, support). */
const statScoresEntry = classificationEntry({
  ...metaFields(statScoresMeta),
  title: "Stat scores (TP, FP, TN, FN, support)",
  formula: "TP=\\sum [\\hat y=1][y=1],\\ FP=\\sum [\\hat y=1][y=0],\\ TN, FN",
  exports: ["binaryStatScores", "multiclassStatScores", "multilabelStatScores", "statScores"],
  implementation: "torchmetrics 1.9.0 binary/multiclass/multilabel_stat_scores",
});

/** Catalog entry of the confusion matrix. */
const confusionMatrixEntry = classificationEntry({
  ...metaFields(confusionMatrixMeta),
  title: "Confusion matrix",
  formula: "C_{ij}=\\sum_n [y_n=i][\\hat y_n=j]",
  exports: [
    "binaryConfusionMatrix",
    "multiclassConfusionMatrix",
    "multilabelConfusionMatrix",
    "confusionMatrix",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_confusion_matrix; scikit-learn 1.9.1 confusion_matrix",
});

/** Catalog entry of accuracy. */
const accuracyEntry = classificationEntry({
  ...metaFields(accuracyMeta),
  title: "Accuracy",
  formula: "\\frac{TP+TN}{TP+FP+TN+FN}",
  exports: ["binaryAccuracy", "multiclassAccuracy", "multilabelAccuracy", "accuracy"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_accuracy (top_k); scikit-learn 1.9.1 accuracy_score; scikit-learn 1.9.1 accuracy_score (average='samples')",
  robustness: ["misleading under class imbalance (a majority-class predictor scores the prevalence)"],
  traits: ["imbalanced"],
});

/** Catalog entry of precision (positive predictive value). */
const precisionEntry = classificationEntry({
  ...metaFields(precisionMeta),
  title: "Precision (positive predictive value)",
  formula: "\\frac{TP}{TP+FP}",
  exports: ["binaryPrecision", "multiclassPrecision", "multilabelPrecision", "precision"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_precision; scikit-learn 1.9.1 precision_score (average='samples')",
  robustness: ["ignores true negatives; unstable when few positives are predicted"],
  traits: ["imbalanced"],
});

/** Catalog entry of recall (sensitivity, true positive rate). */
const recallEntry = classificationEntry({
  ...metaFields(recallMeta),
  title: "Recall (sensitivity, true positive rate)",
  formula: "\\frac{TP}{TP+FN}",
  exports: ["binaryRecall", "multiclassRecall", "multilabelRecall", "recall"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_recall; scikit-learn 1.9.1 recall_score (average='samples'); scikit-learn 1.9.1 recall_score (average='samples')",
  robustness: ["ignores false positives; unstable when the positive class is rare"],
  traits: ["imbalanced"],
});

/** Catalog entry of the F-beta score. */
const fBetaEntry = classificationEntry({
  ...metaFields(fBetaMeta),
  title: "F-beta score",
  formula: "F_\\beta=\\frac{(1+\\beta^2)TP}{(1+\\beta^2)TP+\\beta^2 FN+FP}",
  exports: [
    "binaryFBeta",
    "multiclassFBeta",
    "multilabelFBeta",
    "fBeta",
    "binaryF1",
    "multiclassF1",
    "multilabelF1",
    "f1",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_fbeta_score and f1_score; scikit-learn 1.9.1 fbeta_score / f1_score (average='samples')",
  robustness: ["ignores true negatives; beta > 1 favours recall, beta < 1 precision"],
  traits: ["imbalanced"],
});

/** Catalog entry of specificity (true negative rate). */
const specificityEntry = classificationEntry({
  ...metaFields(specificityMeta),
  title: "Specificity (true negative rate)",
  formula: "\\frac{TN}{TN+FP}",
  exports: ["binarySpecificity", "multiclassSpecificity", "multilabelSpecificity", "specificity"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_specificity; scikit-learn 1.9.1 specificity (average='samples')",
  robustness: ["ignores the positive class"],
  traits: ["imbalanced"],
});

/** Catalog entry of the negative predictive value. */
const negativePredictiveValueEntry = classificationEntry({
  ...metaFields(negativePredictiveValueMeta),
  title: "Negative predictive value",
  formula: "\\frac{TN}{TN+FN}",
  exports: [
    "binaryNegativePredictiveValue",
    "multiclassNegativePredictiveValue",
    "multilabelNegativePredictiveValue",
    "negativePredictiveValue",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_negative_predictive_value; scikit-learn 1.9.1 npv (average='samples')",
  robustness: ["depends on prevalence"],
  traits: ["imbalanced"],
});

/** Catalog entry of the false positive rate. */
const falsePositiveRateEntry = classificationEntry({
  ...metaFields(falsePositiveRateMeta),
  title: "False positive rate (fall-out)",
  formula: "\\frac{FP}{FP+TN}",
  exports: [
    "binaryFalsePositiveRate",
    "multiclassFalsePositiveRate",
    "multilabelFalsePositiveRate",
    "falsePositiveRate",
  ],
  implementation:
    "1 - specificity on torchmetrics 1.9.0 stat scores (FP / (FP + TN)); scikit-learn 1.9.1 confusion_matrix; scikit-learn 1.9.1 fpr (average='samples')",
  robustness: ["ignores the positive class"],
  traits: ["imbalanced"],
});

/** Catalog entry of the false discovery rate. */
const falseDiscoveryRateEntry = classificationEntry({
  ...metaFields(falseDiscoveryRateMeta),
  title: "False discovery rate",
  formula: "\\frac{FP}{FP+TP}",
  exports: [
    "binaryFalseDiscoveryRate",
    "multiclassFalseDiscoveryRate",
    "multilabelFalseDiscoveryRate",
    "falseDiscoveryRate",
  ],
  implementation:
    "1 - precision on torchmetrics 1.9.0 stat scores (FP / (FP + TP)); scikit-learn 1.9.1 confusion_matrix; scikit-learn 1.9.1 fdr (average='samples')",
  robustness: ["unstable when few positives are predicted"],
  traits: ["imbalanced"],
});

/** Catalog entry of balanced accuracy. */
const balancedAccuracyEntry = classificationEntry({
  ...metaFields(balancedAccuracyMeta),
  title: "Balanced accuracy",
  formula: "\\frac{1}{|K|}\\sum_{k\\in K}\\frac{TP_k}{TP_k+FN_k}",
  exports: [
    "binaryBalancedAccuracy",
    "multiclassBalancedAccuracy",
    "balancedAccuracy",
    "balancedAccuracyFromConfusion",
  ],
  implementation: "scikit-learn 1.9.1 balanced_accuracy_score",
  paper: "Brodersen et al. 2010",
  robustness: ["robust to class imbalance: each class present in the target weighs the same"],
  traits: ["imbalanced"],
});

/** Catalog entry of the Matthews correlation coefficient. */
const matthewsCorrcoefEntry = classificationEntry({
  ...metaFields(matthewsCorrcoefMeta),
  title: "Matthews correlation coefficient",
  formula: "\\frac{c\\,s-\\sum_k p_k t_k}{\\sqrt{(s^2-\\sum_k p_k^2)(s^2-\\sum_k t_k^2)}}",
  exports: [
    "binaryMatthewsCorrcoef",
    "multiclassMatthewsCorrcoef",
    "multilabelMatthewsCorrcoef",
    "matthewsCorrcoef",
    "mccFromConfusion",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_matthews_corrcoef; scikit-learn 1.9.1 matthews_corrcoef",
  paper: "Matthews 1975; Gorodkin 2004 (multiclass)",
  robustness: ["balanced under class imbalance: uses all four cells of the confusion matrix"],
  traits: ["imbalanced"],
});

/** Catalog entry of Cohen's kappa. */
const cohenKappaEntry = classificationEntry({
  ...metaFields(cohenKappaMeta),
  title: "Cohen's kappa",
  formula: "\\kappa = 1-\\frac{\\sum_{ij} w_{ij} O_{ij}}{\\sum_{ij} w_{ij} E_{ij}}",
  exports: ["binaryCohenKappa", "multiclassCohenKappa", "cohenKappa", "kappaFromConfusion"],
  implementation: "torchmetrics 1.9.0 binary/multiclass_cohen_kappa; scikit-learn 1.9.1 cohen_kappa_score",
  paper: "Cohen 1960; Cohen 1968 (weighted)",
  robustness: ["corrects accuracy for chance agreement; quadratic weights suit ordinal classes"],
  traits: ["imbalanced", "ordinal"],
});

/** Catalog entry of the Jaccard index. */
const jaccardIndexEntry = classificationEntry({
  ...metaFields(jaccardIndexMeta),
  title: "Jaccard index (intersection over union)",
  formula: "\\frac{TP}{TP+FP+FN}",
  exports: ["binaryJaccardIndex", "multiclassJaccardIndex", "multilabelJaccardIndex", "jaccardIndex"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_jaccard_index; scikit-learn 1.9.1 jaccard_score (average='samples'); scikit-learn 1.9.1 jaccard_score (average='samples')",
  robustness: ["ignores true negatives"],
  traits: ["imbalanced"],
});

/** Catalog entry of the Hamming distance. */
const hammingDistanceEntry = classificationEntry({
  ...metaFields(hammingDistanceMeta),
  title: "Hamming distance (fraction of wrong labels)",
  formula: "1-\\frac{TP+TN}{TP+FP+TN+FN}",
  exports: [
    "binaryHammingDistance",
    "multiclassHammingDistance",
    "multilabelHammingDistance",
    "hammingDistance",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_hamming_distance; scikit-learn 1.9.1 hamming_loss; scikit-learn 1.9.1 hamming_loss (average='samples')",
  robustness: ["treats every label equally; dominated by the majority label value"],
  traits: ["imbalanced"],
});

/** Catalog entry of exact match (subset accuracy). */
const exactMatchEntry = classificationEntry({
  ...metaFields(exactMatchMeta),
  title: "Exact match (subset accuracy)",
  formula: "\\frac{1}{N}\\sum_n [\\hat{\\mathbf y}_n=\\mathbf y_n]",
  exports: ["multiclassExactMatch", "multilabelExactMatch", "exactMatch"],
  implementation:
    "torchmetrics 1.9.0 multiclass/multilabel_exact_match; scikit-learn 1.9.1 accuracy_score (multilabel)",
  robustness: ["harsh with many labels: one wrong label fails the sample"],
});

/** Catalog entry of the hinge loss (as an evaluation metric). */
const hingeLossEntry = classificationEntry({
  ...metaFields(hingeLossMeta),
  title: "Hinge loss",
  formula:
    "\\frac{1}{N}\\sum_n \\max(0, 1 - m_n)^{(2)},\\ m_n = y_n s_n \\text{ or } s_{n,y_n}-\\max_{k\\ne y_n} s_{n,k}",
  exports: ["binaryHingeLoss", "multiclassHingeLoss", "hingeLoss"],
  implementation:
    "torchmetrics 1.9.0 binary_hinge_loss, multiclass_hinge_loss (crammer-singer, one-vs-all); scikit-learn 1.9.1 hinge_loss (Crammer-Singer for multiclass)",
  paper: "Crammer & Singer 2001",
  robustness: ["margin-based; linear in the violation, so less outlier-sensitive than squared losses"],
});

/** Catalog entry of the log loss. */
const logLossEntry = classificationEntry({
  ...metaFields(logLossMeta),
  title: "Log loss (cross-entropy of predicted probabilities)",
  formula: "-\\frac{1}{N}\\sum_n \\log \\hat p_{n,y_n}",
  exports: ["binaryLogLoss", "multiclassLogLoss", "logLoss"],
  implementation: "scikit-learn 1.9.1 log_loss (probabilities clipped to [eps, 1 - eps], eps = 2^-52)",
  robustness: [
    "unbounded: one confident wrong prediction dominates",
    "a proper scoring rule: rewards calibrated probabilities",
  ],
  traits: ["probabilistic"],
});

/** Catalog entry of the Brier score. */
const brierScoreEntry = classificationEntry({
  ...metaFields(brierScoreMeta),
  title: "Brier score",
  formula: "\\frac{1}{N}\\sum_n \\sum_k (\\hat p_{n,k}-[y_n=k])^2",
  exports: ["binaryBrierScore", "multiclassBrierScore", "brierScore"],
  implementation: "scikit-learn 1.9.1 brier_score_loss",
  paper: "Brier 1950",
  robustness: ["a bounded proper scoring rule: less dominated by confident mistakes than log loss"],
  traits: ["probabilistic", "calibration"],
});

/** Catalog entry of the calibration error. */
const calibrationErrorEntry = classificationEntry({
  ...metaFields(calibrationErrorMeta),
  title: "Expected / maximum calibration error (ECE, MCE)",
  formula: "ECE=\\sum_b \\frac{|B_b|}{N}\\,|\\mathrm{acc}(B_b)-\\mathrm{conf}(B_b)|",
  exports: ["binaryCalibrationError", "multiclassCalibrationError", "calibrationError"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass_calibration_error (equal-width bins, confidence 1.0 in its own last bin)",
  paper: "Naeini et al. 2015; Guo et al. 2017",
  robustness: ["depends on the number of bins; equal-width bins can be nearly empty"],
  traits: ["probabilistic", "calibration"],
});

/** Catalog entry of the ROC curve. */
const rocCurveEntry = classificationEntry({
  ...metaFields(rocCurveMeta),
  title: "Receiver operating characteristic (ROC) curve",
  formula: "(FPR(t), TPR(t)) = \\left(\\frac{FP(t)}{N}, \\frac{TP(t)}{P}\\right)",
  exports: ["binaryRocCurve", "multiclassRocCurve", "multilabelRocCurve", "rocCurve"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_roc; scikit-learn 1.9.1 roc_curve (drop_intermediate)",
});

/** Catalog entry of the precision-recall curve. */
const precisionRecallCurveEntry = classificationEntry({
  ...metaFields(precisionRecallCurveMeta),
  title: "Precision-recall curve",
  formula: "(R(t), P(t)) = \\left(\\frac{TP(t)}{P}, \\frac{TP(t)}{TP(t)+FP(t)}\\right)",
  exports: [
    "binaryPrecisionRecallCurve",
    "multiclassPrecisionRecallCurve",
    "multilabelPrecisionRecallCurve",
    "precisionRecallCurve",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_precision_recall_curve; scikit-learn 1.9.1 precision_recall_curve",
});

/** Catalog entry of the area under the ROC curve. */
const aurocEntry = classificationEntry({
  ...metaFields(aurocMeta),
  title: "Area under the ROC curve (AUROC)",
  formula: "\\int_0^1 TPR\\,d(FPR) = P(s^+ > s^-) + \\tfrac12 P(s^+ = s^-)",
  exports: ["binaryAuroc", "multiclassAuroc", "multilabelAuroc", "auroc"],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_auroc; scikit-learn 1.9.1 roc_auc_score (max_fpr, multi_class='ovr'|'ovo')",
  paper: "Hanley & McNeil 1982; McClish 1989 (partial AUC); Hand & Till 2001 (one-vs-one)",
  robustness: [
    "threshold-free and insensitive to class prior; optimistic under heavy imbalance (prefer average precision)",
  ],
  traits: ["ranking", "imbalanced", "probabilistic"],
});

/** Catalog entry of {@link auc}. */
const aucEntry = classificationEntry({
  ...metaFields(aucMeta),
  title: "Area under a curve (trapezoidal rule)",
  formula: "\\sum_{i=1}^{n-1} (x_{i+1} - x_i)\\,\\frac{y_{i+1} + y_i}{2}",
  exports: ["auc"],
  implementation: "scikit-learn 1.2 sklearn.metrics.auc (torchmetrics' reorder as an option)",
  robustness: [
    "any curve given as points: the area of a ROC curve's (FPR, TPR) points is the AUROC",
    "linear interpolation between points: optimistic for precision-recall curves (use average precision)",
  ],
});

/** Catalog entry of average precision. */
const averagePrecisionEntry = classificationEntry({
  ...metaFields(averagePrecisionMeta),
  title: "Average precision (area under the precision-recall curve, step-wise)",
  formula: "AP=\\sum_k (R_k-R_{k-1})P_k",
  exports: [
    "binaryAveragePrecision",
    "multiclassAveragePrecision",
    "multilabelAveragePrecision",
    "averagePrecision",
  ],
  implementation:
    "torchmetrics 1.9.0 binary/multiclass/multilabel_average_precision; scikit-learn 1.9.1 average_precision_score",
  robustness: [
    "focuses on the positive class: informative under heavy imbalance, where AUROC looks optimistic",
  ],
  traits: ["ranking", "imbalanced", "probabilistic"],
});

/** Catalog entry of label ranking average precision. */
const labelRankingAveragePrecisionEntry = classificationEntry({
  ...metaFields(labelRankingAveragePrecisionMeta),
  title: "Label ranking average precision (LRAP)",
  formula:
    "\\frac{1}{N}\\sum_n \\frac{1}{|Y_n|}\\sum_{j\\in Y_n}\\frac{|\\{k\\in Y_n: s_k\\ge s_j\\}|}{|\\{k: s_k\\ge s_j\\}|}",
  exports: ["multilabelRankingAveragePrecision"],
  implementation:
    "torchmetrics 1.9.0 multilabel_ranking_average_precision; scikit-learn 1.9.1 label_ranking_average_precision_score",
  traits: ["ranking"],
});

/** Catalog entry of label ranking loss. */
const labelRankingLossEntry = classificationEntry({
  ...metaFields(labelRankingLossMeta),
  title: "Label ranking loss",
  formula:
    "\\frac{1}{N}\\sum_n \\frac{|\\{(j,k)\\in Y_n\\times\\bar Y_n: s_k \\ge s_j\\}|}{|Y_n||\\bar Y_n|}",
  exports: ["multilabelRankingLoss"],
  implementation: "torchmetrics 1.9.0 multilabel_ranking_loss; scikit-learn 1.9.1 label_ranking_loss",
  traits: ["ranking"],
});

/** Catalog entry of coverage error. */
const coverageErrorEntry = classificationEntry({
  ...metaFields(coverageErrorMeta),
  title: "Coverage error",
  formula: "\\frac{1}{N}\\sum_n |\\{k: s_{n,k} \\ge \\min_{j\\in Y_n} s_{n,j}\\}|",
  exports: ["multilabelCoverageError"],
  implementation: "torchmetrics 1.9.0 multilabel_coverage_error; scikit-learn 1.9.1 coverage_error",
  traits: ["ranking"],
});

/** Catalog entry of recall at fixed precision. */
const recallAtFixedPrecisionEntry = classificationEntry({
  ...metaFields(recallAtFixedPrecisionMeta),
  title: "Recall at fixed precision",
  formula: "\\max_t \\{R(t) : P(t) \\ge p_{min}\\}",
  exports: [
    "binaryRecallAtFixedPrecision",
    "multiclassRecallAtFixedPrecision",
    "multilabelRecallAtFixedPrecision",
    "recallAtFixedPrecision",
  ],
  implementation: "torchmetrics 1.9.0 binary_recall_at_fixed_precision",
  traits: ["operating-point"],
});

/** Catalog entry of precision at fixed recall. */
const precisionAtFixedRecallEntry = classificationEntry({
  ...metaFields(precisionAtFixedRecallMeta),
  title: "Precision at fixed recall",
  formula: "\\max_t \\{P(t) : R(t) \\ge r_{min}\\}",
  exports: [
    "binaryPrecisionAtFixedRecall",
    "multiclassPrecisionAtFixedRecall",
    "multilabelPrecisionAtFixedRecall",
    "precisionAtFixedRecall",
  ],
  implementation: "torchmetrics 1.9.0 binary_precision_at_fixed_recall",
  traits: ["operating-point"],
});

/** Catalog entry of specificity at sensitivity. */
const specificityAtSensitivityEntry = classificationEntry({
  ...metaFields(specificityAtSensitivityMeta),
  title: "Specificity at sensitivity",
  formula: "\\max_t \\{1-FPR(t) : TPR(t) \\ge s_{min}\\}",
  exports: [
    "binarySpecificityAtSensitivity",
    "multiclassSpecificityAtSensitivity",
    "multilabelSpecificityAtSensitivity",
    "specificityAtSensitivity",
  ],
  implementation: "torchmetrics 1.9.0 binary_specificity_at_sensitivity",
  traits: ["operating-point"],
});

/** Catalog entry of sensitivity at specificity. */
const sensitivityAtSpecificityEntry = classificationEntry({
  ...metaFields(sensitivityAtSpecificityMeta),
  title: "Sensitivity at specificity",
  formula: "\\max_t \\{TPR(t) : 1-FPR(t) \\ge s_{min}\\}",
  exports: [
    "binarySensitivityAtSpecificity",
    "multiclassSensitivityAtSpecificity",
    "multilabelSensitivityAtSpecificity",
    "sensitivityAtSpecificity",
  ],
  implementation: "torchmetrics 1.9.0 binary_sensitivity_at_specificity",
  traits: ["operating-point"],
});

/** Catalog entry of the equal error rate. */
const equalErrorRateEntry = classificationEntry({
  ...metaFields(equalErrorRateMeta),
  title: "Equal error rate (EER)",
  formula: "\\tfrac12 (FPR(t^*) + FNR(t^*)),\\ t^* = \\arg\\min_t |FPR(t) - FNR(t)|",
  exports: ["binaryEqualErrorRate", "multiclassEqualErrorRate", "multilabelEqualErrorRate", "equalErrorRate"],
  implementation: "torchmetrics 1.9.0 binary/multiclass/multilabel_eer",
  robustness: ["used in verification (face, speaker); a single operating point"],
  traits: ["operating-point", "verification"],
});

/** Catalog entry of the log AUC. */
const logAucEntry = classificationEntry({
  ...metaFields(logAucMeta),
  title: "Log AUC (area under the ROC curve over log-scaled FPR)",
  formula: "\\frac{1}{\\log_{10} b - \\log_{10} a}\\int_{\\log_{10} a}^{\\log_{10} b} TPR\\; d\\log_{10} FPR",
  exports: ["binaryLogAuc", "multiclassLogAuc", "multilabelLogAuc", "logAuc"],
  implementation: "torchmetrics 1.9.0 binary/multiclass/multilabel_logauc",
  paper: "Mysinger & Shoichet 2010 (log-scaled ROC enrichment)",
  robustness: ["focuses on the low false-positive range: virtual screening, imbalanced detection"],
  traits: ["ranking", "imbalanced"],
});

/** Catalog entry of the class likelihood ratios. */
const classLikelihoodRatiosEntry = classificationEntry({
  ...metaFields(classLikelihoodRatiosMeta),
  title: "Positive and negative likelihood ratios (LR+, LR-)",
  formula: "LR_+=\\frac{TPR}{FPR},\\ LR_-=\\frac{FNR}{TNR}",
  exports: ["binaryClassLikelihoodRatios"],
  implementation: "scikit-learn 1.2.1 class_likelihood_ratios",
  paper: "Brenner & Gefeller 1997",
  robustness: ["independent of prevalence: the post-test odds are the pre-test odds times LR"],
  traits: ["imbalanced"],
});

/** Catalog entry of the critical success index. */
const criticalSuccessIndexEntry = classificationEntry({
  ...metaFields(criticalSuccessIndexMeta),
  title: "Critical success index (threat score)",
  formula: "CSI=\\frac{hits}{hits+misses+false\\ alarms}",
  exports: ["criticalSuccessIndex"],
  implementation: "torchmetrics 1.9.0 critical_success_index",
  paper: "Donaldson, Dyer & Kraus 1975 (threat score); Schaefer 1990",
  robustness: ["ignores correct negatives: suited to rare events (precipitation nowcasting)"],
  traits: ["imbalanced"],
});

/** Catalog entry of the group fairness metrics. */
const groupFairnessEntry = classificationEntry({
  ...metaFields(groupFairnessMeta),
  title: "Group fairness: demographic parity, equal opportunity, per-group rates",
  formula:
    "DP=\\frac{\\min_g P(\\hat y=1\\mid g)}{\\max_g P(\\hat y=1\\mid g)},\\ EO=\\frac{\\min_g TPR_g}{\\max_g TPR_g}",
  exports: ["binaryGroupStatRates", "demographicParity", "equalOpportunity", "binaryFairness"],
  implementation:
    "torchmetrics 1.9.0 binary_groups_stat_rates, demographic_parity, equal_opportunity, binary_fairness",
  paper: "Hardt, Price & Srebro 2016 (equal opportunity); Calders & Verwer 2010 (demographic parity)",
  robustness: ["a ratio of the extreme groups: a small group with few samples can dominate"],
  traits: ["fairness"],
});

/** Catalog entry of the reliability curve. */
const reliabilityCurveEntry = classificationEntry({
  ...metaFields(reliabilityCurveMeta),
  title: "Reliability curve (calibration diagram data)",
  formula: "(\\mathrm{conf}(B_b), \\mathrm{acc}(B_b), |B_b|)_b",
  exports: ["binaryReliabilityCurve", "multiclassReliabilityCurve", "reliabilityCurve"],
  implementation:
    "scikit-learn 1.2.1 calibration_curve (strategy='uniform'); torchmetrics 1.9.0 calibration error bins (_binning_bucketize)",
  paper: "DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana 2005",
  traits: ["probabilistic", "calibration"],
});

/** Catalog entries of the classification metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  statScoresEntry,
  confusionMatrixEntry,
  accuracyEntry,
  precisionEntry,
  recallEntry,
  fBetaEntry,
  specificityEntry,
  negativePredictiveValueEntry,
  falsePositiveRateEntry,
  falseDiscoveryRateEntry,
  balancedAccuracyEntry,
  matthewsCorrcoefEntry,
  cohenKappaEntry,
  jaccardIndexEntry,
  hammingDistanceEntry,
  exactMatchEntry,
  hingeLossEntry,
  logLossEntry,
  brierScoreEntry,
  calibrationErrorEntry,
  rocCurveEntry,
  precisionRecallCurveEntry,
  aurocEntry,
  aucEntry,
  averagePrecisionEntry,
  labelRankingAveragePrecisionEntry,
  labelRankingLossEntry,
  coverageErrorEntry,
  recallAtFixedPrecisionEntry,
  precisionAtFixedRecallEntry,
  specificityAtSensitivityEntry,
  sensitivityAtSpecificityEntry,
  equalErrorRateEntry,
  logAucEntry,
  classLikelihoodRatiosEntry,
  criticalSuccessIndexEntry,
  groupFairnessEntry,
  reliabilityCurveEntry,
];
