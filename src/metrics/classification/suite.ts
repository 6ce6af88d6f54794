/**
 * The standard evaluation suite of each classification task as one public collection (the one
 * `plumbline eval classification` prints): one update for all, compute groups shared, one
 * snapshot, mergeable. Logits are squashed and rounded probability rows renormalised by each
 * member's `predsKind: "auto"` (see preds-kind.ts).
 */

import type { CollectionState } from "../../collection/metric-collection.js";
import { metricCollection } from "../../collection/metric-collection.js";
import { fail } from "../../core/errors.js";
import { optBoolean, optionNames, readOptions, required } from "../../core/options.js";
import type { AnyMetricDef, MetricDef } from "../../metric.js";
import { runOnce } from "../../metric.js";
import { binaryAccuracyDef, multiclassAccuracyDef, multilabelAccuracyDef } from "./accuracy.js";
import { binaryAurocDef, multiclassAurocDef, multilabelAurocDef } from "./auroc.js";
import {
  binaryAveragePrecisionDef,
  multiclassAveragePrecisionDef,
  multilabelAveragePrecisionDef,
} from "./average-precision.js";
import { binaryBalancedAccuracyDef, multiclassBalancedAccuracyDef } from "./balanced-accuracy.js";
import { binaryBrierScoreDef, multiclassBrierScoreDef } from "./brier-score.js";
import { binaryCalibrationErrorDef, multiclassCalibrationErrorDef } from "./calibration-error.js";
import { binaryCohenKappaDef, multiclassCohenKappaDef } from "./cohen-kappa.js";
import { multilabelCoverageErrorDef } from "./coverage-error.js";
import { multilabelExactMatchDef } from "./exact-match.js";
import { binaryF1Def, multiclassF1Def, multilabelF1Def } from "./f-beta.js";
import { multilabelHammingDistanceDef } from "./hamming-distance.js";
import { multilabelRankingAveragePrecisionDef } from "./label-ranking-average-precision.js";
import { multilabelRankingLossDef } from "./label-ranking-loss.js";
import { binaryLogLossDef, multiclassLogLossDef } from "./log-loss.js";
import {
  binaryMatthewsCorrcoefDef,
  multiclassMatthewsCorrcoefDef,
  multilabelMatthewsCorrcoefDef,
} from "./matthews-corrcoef.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { oneShotArgs } from "./one-shot.js";
import { optOneOf } from "./options.js";
import { binaryPrecisionDef, multiclassPrecisionDef, multilabelPrecisionDef } from "./precision.js";
import { binaryRecallDef, multiclassRecallDef, multilabelRecallDef } from "./recall.js";
import { binarySpecificityDef } from "./specificity.js";
import { binaryStatScoresDef } from "./stat-scores.js";

export interface ClassificationSuiteOptions {
  task: "binary" | "multiclass" | "multilabel";
  /** Multiclass: the number of classes. */
  numClasses?: number;
  /** Multilabel: the number of labels. */
  numLabels?: number;
  /**
   * Multiclass: whether `preds` are scores (N x C; default true), which adds top-k accuracy,
   * AUROC, average precision, log loss, Brier score and calibration error to the label metrics.
   */
  scores?: boolean;
}
const SUITE_OPTIONS = /* @__PURE__ */ optionNames<ClassificationSuiteOptions>()(
  "task",
  "numClasses",
  "numLabels",
  "scores",
);

/** The suite's members by report name (what {@link classificationSuiteDef} collects). */
export function classificationSuiteMembers(
  options: ClassificationSuiteOptions,
): Record<string, AnyMetricDef> {
  const fn = "classificationSuite";
  const o = readOptions<ClassificationSuiteOptions>(fn, options, SUITE_OPTIONS);
  const task = required(fn, "task", optOneOf(fn, "task", o.task, ["binary", "multiclass", "multilabel"]));
  const other = task === "multilabel" ? "numClasses" : "numLabels";
  if (o[other] !== undefined)
    fail("invalid_option", `${fn}: option \`${other}\` does not apply to task "${task}"`);
  if (task === "binary") {
    return {
      stat_scores: binaryStatScoresDef(),
      accuracy: binaryAccuracyDef(),
      precision: binaryPrecisionDef(),
      recall: binaryRecallDef(),
      f1: binaryF1Def(),
      specificity: binarySpecificityDef(),
      balanced_accuracy: binaryBalancedAccuracyDef(),
      mcc: binaryMatthewsCorrcoefDef(),
      cohen_kappa: binaryCohenKappaDef(),
      auroc: binaryAurocDef(),
      average_precision: binaryAveragePrecisionDef(),
      log_loss: binaryLogLossDef(),
      brier_score: binaryBrierScoreDef(),
      ece: binaryCalibrationErrorDef(),
    };
  }
  if (task === "multiclass") {
    const numClasses = required(fn, "numClasses", o.numClasses);
    const c = { numClasses };
    const members: Record<string, AnyMetricDef> = {
      accuracy: multiclassAccuracyDef({ ...c, average: "micro" }),
      precision_macro: multiclassPrecisionDef(c),
      recall_macro: multiclassRecallDef(c),
      f1_macro: multiclassF1Def(c),
      f1_weighted: multiclassF1Def({ ...c, average: "weighted" }),
      balanced_accuracy: multiclassBalancedAccuracyDef(c),
      mcc: multiclassMatthewsCorrcoefDef(c),
      cohen_kappa: multiclassCohenKappaDef(c),
    };
    if (!optBoolean(fn, "scores", o.scores, true)) return members;
    const k = Math.min(5, numClasses - 1);
    if (k >= 2) members[`top_${k}_accuracy`] = multiclassAccuracyDef({ ...c, average: "micro", topK: k });
    return {
      ...members,
      auroc_macro: multiclassAurocDef(c),
      average_precision_macro: multiclassAveragePrecisionDef(c),
      log_loss: multiclassLogLossDef(c),
      brier_score: multiclassBrierScoreDef(c),
      ece: multiclassCalibrationErrorDef(c),
    };
  }
  const l = { numLabels: required(fn, "numLabels", o.numLabels) };
  return {
    exact_match: multilabelExactMatchDef(l),
    hamming_distance: multilabelHammingDistanceDef(l),
    accuracy_macro: multilabelAccuracyDef(l),
    precision_macro: multilabelPrecisionDef(l),
    recall_macro: multilabelRecallDef(l),
    f1_macro: multilabelF1Def(l),
    f1_micro: multilabelF1Def({ ...l, average: "micro" }),
    f1_samples: multilabelF1Def({ ...l, average: "samples" }),
    mcc: multilabelMatthewsCorrcoefDef(l),
    auroc_macro: multilabelAurocDef(l),
    average_precision_macro: multilabelAveragePrecisionDef(l),
    label_ranking_average_precision: multilabelRankingAveragePrecisionDef(l),
    label_ranking_loss: multilabelRankingLossDef(l),
    coverage_error: multilabelCoverageErrorDef(l),
  };
}

/**
 * The task's standard suite as one collection: binary — stat scores, accuracy, precision,
 * recall, F1, specificity, balanced accuracy, MCC, Cohen's kappa, AUROC, average precision, log
 * loss, Brier score, ECE; multiclass — micro accuracy, macro precision/recall/F1, weighted F1,
 * balanced accuracy, MCC, kappa, and with scores top-k accuracy, macro AUROC and AP, log loss,
 * Brier score, ECE; multilabel — exact match, Hamming distance, macro accuracy/precision/recall/F1,
 * micro and samples F1, MCC, macro AUROC and AP, and the three label-ranking metrics. The stat
 * scores family and the curve family each update once (compute groups).
 */
export function classificationSuiteDef(
  options: ClassificationSuiteOptions,
): MetricDef<CollectionState, [LabelInput, LabelInput, NdInput?], Record<string, unknown>> {
  return metricCollection(classificationSuiteMembers(options)) as never;
}

/** One-shot {@link classificationSuiteDef}: every member's result by name. */
export function classificationSuite(
  preds: LabelInput,
  target: LabelInput,
  third: NdInput | ClassificationSuiteOptions | undefined,
  fourth?: ClassificationSuiteOptions,
): Record<string, unknown> {
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  const def = classificationSuiteDef(options as ClassificationSuiteOptions);
  return sampleWeight === undefined
    ? runOnce(def, preds, target)
    : runOnce(def, preds, target, sampleWeight as NdInput);
}
