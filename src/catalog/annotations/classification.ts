import type { Annotations } from "../annotation.js";

/** Reasons shared by the classification losses for the metrics they are reported with. */
const report = {
  accuracy: "the headline rate of correct decisions (when classes are balanced)",
  fbeta: "precision and recall of the decisions at the chosen threshold",
  auroc: "how well the scores rank positives above negatives, at every threshold",
  balancedAccuracy: "per-class recall averaged, so a majority class cannot hide a failure",
  averagePrecision: "ranking quality focused on the positive class, informative under imbalance",
  logLoss: "the same likelihood measured on held-out data",
  calibration: "whether the predicted probabilities match observed frequencies",
  brier: "a bounded proper score of the probabilities",
} as const;

/** Survey section 3 (classification), 4 (image classification) and 10.3.1–10.3.3 (text classification). */
export const classification: Annotations = {
  "classification/stat_scores": {
    survey: ["3.2.1"],
    flags: ["threshold"],
    usage: "Get the raw TP, FP, TN, FN counts behind every threshold metric.",
    pros: [
      "Every rate (precision, recall, specificity, ...) derives from them.",
      "Exact to merge across shards.",
    ],
    cons: ["Counts, not a score: not comparable across datasets of different size."],
  },
  "classification/confusion_matrix": {
    survey: ["3.2.1", "3.2.2"],
    flags: ["threshold"],
    usage: "Locate which classes are confused with which.",
    pros: [
      "Shows the type of every error, not just how many.",
      "Per-class diagnosis in multi-class problems.",
    ],
    cons: [
      "Not a single number: hard to compare models.",
      "Large and hard to read with many classes (normalise rows).",
    ],
    pairs: {
      "classification/balanced_accuracy": "summarises the diagonal with every class weighted equally",
    },
  },
  "classification/accuracy": {
    survey: ["3.2.3", "4.2", "10.3.1"],
    flags: ["threshold"],
    usage: "The share of correct predictions when classes are balanced and errors cost the same.",
    pros: ["Easy to explain and compute.", "Top-k accuracy suits many similar classes (ImageNet)."],
    cons: [
      "Misleading under imbalance: predicting the majority class scores its share.",
      "Hides which kind of error is made.",
    ],
    pairs: { "classification/confusion_matrix": "shows which errors the accuracy hides" },
  },
  "classification/precision": {
    survey: ["3.2.4", "10.3.2"],
    flags: ["threshold"],
    usage: "How trustworthy positive predictions are, when false alarms are costly.",
    pros: [
      "Directly the share of flagged cases that are real.",
      "Macro and micro averages extend it to many classes.",
    ],
    cons: [
      "Ignores missed positives: predicting one sure positive gives 1.",
      "Unstable when few positives are predicted.",
    ],
    pairs: { "classification/recall": "precision alone can be maximised by predicting almost nothing" },
  },
  "classification/recall": {
    survey: ["3.2.5", "10.3.2"],
    flags: ["threshold"],
    usage: "How many real positives are found, when misses are costly (diagnosis, fraud).",
    pros: ["Directly the share of positives detected."],
    cons: [
      "Ignores false alarms: predicting everything positive gives 1.",
      "Unstable when positives are rare.",
    ],
    pairs: { "classification/precision": "recall alone can be maximised by flagging everything" },
  },
  "classification/fbeta": {
    survey: ["3.2.6", "10.3.2"],
    flags: ["threshold"],
    usage: "Balance precision and recall in one number when positives are rare; β > 1 favours recall.",
    pros: [
      "Harmonic mean punishes neglecting either precision or recall.",
      "Far more informative than accuracy on skewed data.",
    ],
    cons: [
      "Ignores true negatives.",
      "F1 weighs FP and FN equally; pick β when costs differ.",
      "Depends on the threshold.",
    ],
    pairs: { "classification/precision_recall_curve": "shows the trade-off across all thresholds" },
  },
  "classification/specificity": {
    survey: ["3.2.7"],
    flags: ["threshold"],
    usage: "The share of negatives correctly rejected (screening tests, fraud filters).",
    pros: ["Complements recall: the two together describe both error types."],
    cons: ["Ignores the positive class.", "Near 1 for any cautious model when negatives dominate."],
    pairs: { "classification/recall": "sensitivity and specificity are reported together in screening" },
  },
  "classification/negative_predictive_value": {
    survey: ["3.2.9"],
    flags: ["threshold"],
    usage: "How trustworthy a negative prediction is (ruling a condition out).",
    pros: ["Answers the question a patient with a negative test asks."],
    cons: ["Depends strongly on prevalence: high for rare conditions almost regardless of the model."],
    pairs: { "classification/precision": "the positive-side counterpart (PPV)" },
  },
  "classification/false_positive_rate": {
    survey: ["3.2.8"],
    flags: ["threshold"],
    usage: "The share of negatives wrongly flagged (the x-axis of the ROC curve).",
    pros: ["The Type I error rate; directly the cost of false alarms per negative."],
    cons: [
      "Ignores missed positives.",
      "Stays small when negatives are abundant even with many false alarms in absolute terms.",
    ],
    pairs: { "classification/recall": "TPR against FPR is the ROC trade-off" },
  },
  "classification/false_discovery_rate": {
    survey: ["3.2.10"],
    flags: ["threshold"],
    usage: "The share of flagged cases that are false (1 - precision), when false discoveries are costly.",
    pros: ["Directly the rate that multiple-testing procedures control."],
    cons: ["Ignores negatives and misses.", "Unstable when few positives are predicted."],
    pairs: { "classification/recall": "low FDR is cheap if recall is allowed to collapse" },
  },
  "classification/balanced_accuracy": {
    survey: ["3.2.3", "4.2"],
    flags: ["threshold"],
    usage: "Accuracy for imbalanced data: recall averaged over classes.",
    pros: ["Each class counts equally: a majority-class predictor scores 1/K.", "Still easy to explain."],
    cons: [
      "Ignores precision: a model flooding a rare class with false alarms can score well.",
      "Depends on the threshold.",
    ],
    pairs: { "classification/fbeta": "adds the precision that balanced accuracy ignores" },
  },
  "classification/matthews_corrcoef": {
    survey: [],
    beyondSurvey:
      "The correlation between predictions and labels over all four confusion cells; widely recommended for imbalanced binary data (Chicco & Jurman 2020).",
    flags: ["threshold"],
    usage: "A single threshold metric that stays honest under imbalance, using all four confusion cells.",
    pros: ["High only when both classes are predicted well.", "Symmetric in the classes; 0 is chance level."],
    cons: [
      "Undefined (reported as 0) when a row or column of the confusion matrix is empty.",
      "Less intuitive than F1.",
    ],
  },
  "classification/cohen_kappa": {
    survey: [],
    beyondSurvey:
      "Agreement corrected for chance (Cohen 1960); with quadratic weights the standard for ordinal grades.",
    flags: ["threshold"],
    usage: "Agreement beyond chance, especially for ordinal classes with quadratic weights.",
    pros: [
      "Corrects accuracy for agreement expected by chance.",
      "Weighted kappa credits near misses on ordinal scales.",
    ],
    cons: ["Depends on the class marginals (prevalence paradoxes).", "Hard to compare across datasets."],
  },
  "classification/jaccard_index": {
    survey: [],
    beyondSurvey:
      "The IoU of predicted and true label sets (survey 5.1.3 and 6.1.3 use it for boxes and masks).",
    flags: ["threshold"],
    usage: "Overlap of predicted and true positives, ignoring true negatives (multilabel, per-class).",
    pros: ["Unaffected by the number of true negatives.", "Stricter than F1 on partial agreement."],
    cons: ["Ignores true negatives entirely.", "Depends on the threshold."],
  },
  "classification/hamming_distance": {
    survey: [],
    beyondSurvey: "The multilabel error rate (scikit-learn hamming_loss).",
    flags: ["threshold"],
    usage: "The share of wrong labels in multilabel prediction.",
    pros: ["Gives partial credit per label, unlike exact match."],
    cons: ["Dominated by the many easy negative labels: predicting no labels can score well."],
    pairs: { "classification/exact_match": "the strict per-sample counterpart" },
  },
  "classification/exact_match": {
    survey: ["10.3.8"],
    flags: ["threshold"],
    usage: "Multilabel subset accuracy: a sample counts only if every label is right.",
    pros: ["Unambiguous: the whole label set is right or wrong."],
    cons: ["Harsh with many labels: one wrong label fails the sample.", "No partial credit."],
    pairs: { "classification/hamming_distance": "gives the partial credit exact match withholds" },
  },
  "classification/hinge": {
    survey: ["3.1.8"],
    flags: ["convex", "robust"],
    usage: "Report the margin violation of an SVM-style scorer.",
    pros: ["Margin-aware: rewards confident correct scores."],
    cons: ["Not a probability measure; values depend on the score scale."],
  },
  "classification/log_loss": {
    survey: ["3.1.1", "3.1.2"],
    flags: ["convex", "smooth", "probabilities", "differentiable"],
    usage: "Evaluate predicted probabilities: the held-out value of the cross-entropy loss.",
    pros: [
      "A strictly proper scoring rule: rewards calibrated, sharp probabilities.",
      "Uses the whole probability, not a thresholded label.",
    ],
    cons: [
      "Unbounded: one confident wrong prediction can dominate.",
      "Sensitive to clipping conventions near 0 and 1.",
    ],
    pairs: { "classification/calibration_error": "separates calibration from discrimination" },
  },
  "classification/brier_score": {
    survey: [],
    beyondSurvey:
      "The squared error of probabilities (Brier 1950), a bounded proper scoring rule used in forecasting and medicine.",
    flags: ["convex", "smooth", "probabilities", "robust", "differentiable"],
    usage: "Evaluate probabilities with a bounded score that a single confident mistake cannot dominate.",
    pros: ["Proper scoring rule; bounded.", "Decomposes into calibration and refinement."],
    cons: ["Less sensitive than log loss to rare-event probabilities.", "Its scale depends on prevalence."],
    pairs: { "classification/calibration_error": "isolates the calibration part of the score" },
  },
  "classification/calibration_error": {
    survey: [],
    beyondSurvey:
      "Expected calibration error (Naeini et al. 2015, Guo et al. 2017): the standard check that confidences mean what they say.",
    flags: ["probabilities"],
    usage: "Check that confidence matches accuracy (a 0.8 prediction is right 80% of the time).",
    pros: ["Direct reading of over- or under-confidence.", "MCE gives the worst bin."],
    cons: [
      "Depends on the number and placement of bins.",
      "Says nothing about discrimination: a constant prevalence predictor is perfectly calibrated.",
    ],
    pairs: { "classification/auroc": "calibration says nothing about ranking quality" },
  },
  "classification/roc_curve": {
    survey: ["3.2.13", "3.2.14"],
    flags: [],
    usage: "See the trade-off between true and false positive rates at every threshold.",
    pros: [
      "Shows every operating point; threshold-free.",
      "Baseline (chance) is the diagonal, whatever the prevalence.",
    ],
    cons: [
      "Looks optimistic when negatives vastly outnumber positives.",
      "Many curves are hard to compare without a summary.",
    ],
    pairs: { "classification/precision_recall_curve": "the view that stays honest under imbalance" },
  },
  "classification/precision_recall_curve": {
    survey: ["3.2.11", "3.2.12"],
    flags: [],
    usage: "See the precision-recall trade-off at every threshold; the curve to read under imbalance.",
    pros: ["Focuses on the positive class.", "Its baseline is the prevalence, so imbalance is visible."],
    cons: [
      "Needs a summary (average precision) to compare models.",
      "Not monotone; interpolation conventions differ.",
    ],
    pairs: { "classification/average_precision": "summarises the curve in one number" },
  },
  "classification/auroc": {
    survey: ["3.2.13", "3.2.14", "10.3.3"],
    flags: ["scale-invariant"],
    usage: "Compare how well scores rank positives above negatives, independent of any threshold.",
    pros: [
      "Threshold-free; the probability a random positive outranks a random negative.",
      "Invariant to monotone transforms of the scores; 0.5 is chance.",
    ],
    cons: [
      "Optimistic under heavy imbalance (many easy negatives).",
      "Ignores calibration and the cost of errors.",
    ],
    pairs: {
      "classification/average_precision": "stays informative when positives are rare",
      "classification/calibration_error": "AUROC is blind to calibration",
    },
  },
  "classification/auc": {
    survey: ["3.2.13", "3.2.11"],
    flags: [],
    usage:
      "The area under any curve given as points (x monotonic), by the trapezoidal rule: e.g. under ROC points computed elsewhere.",
    pros: [
      "Works on any curve, including ones computed by other tools.",
      "Exact for piecewise-linear curves; compensated summation.",
    ],
    cons: [
      "Not a classification score by itself: the curve decides what the area means.",
      "Linear interpolation overstates the area under precision-recall points; use average precision there.",
    ],
    pairs: {
      "classification/roc_curve": "the ROC points whose area is the AUROC",
      "classification/auroc": "the AUROC straight from scores and labels",
    },
  },
  "classification/average_precision": {
    survey: ["3.2.11", "3.2.12"],
    flags: ["scale-invariant"],
    usage: "Summarise the precision-recall curve; the ranking metric to use when positives are rare.",
    pros: ["Focuses on the positive class; baseline equals the prevalence.", "Threshold-free."],
    cons: [
      "Its chance level varies with prevalence: compare only at the same prevalence.",
      "Interpolation conventions differ between libraries.",
    ],
    pairs: { "classification/auroc": "the prevalence-independent ranking view" },
  },
  "classification/label_ranking_average_precision": {
    survey: [],
    beyondSurvey:
      "Multilabel ranking quality (scikit-learn), for label-ranking outputs such as tag suggestions.",
    flags: ["scale-invariant"],
    usage: "Judge whether each sample's true labels are ranked above its false ones (tagging, multilabel).",
    pros: ["Threshold-free per-sample ranking quality."],
    cons: ["Ignores calibration and absolute scores."],
  },
  "classification/label_ranking_loss": {
    survey: [],
    beyondSurvey: "The share of mis-ordered label pairs (scikit-learn) for multilabel ranking.",
    flags: ["scale-invariant"],
    usage: "Count how often an irrelevant label outranks a relevant one, per sample.",
    pros: ["Pairwise, threshold-free."],
    cons: ["All mis-orderings weigh alike, at the top or the bottom of the list."],
  },
  "classification/coverage_error": {
    survey: [],
    beyondSurvey: "How deep in the ranked labels one must go to cover all true labels (scikit-learn).",
    flags: ["scale-invariant"],
    usage: "Multilabel: how many top labels must be shown to include every true one.",
    pros: ["Reads as a count of labels to inspect."],
    cons: ["Driven by the worst-ranked true label.", "Grows with the number of true labels."],
  },
  "classification/recall_at_fixed_precision": {
    survey: ["3.2.11"],
    flags: [],
    usage:
      "The recall achievable while keeping precision above a required level (an operating point on the PR curve).",
    pros: ["Matches how many systems are specified (at most x% false alarms among alerts)."],
    cons: ["A single point of the curve; unstable with few positives."],
  },
  "classification/precision_at_fixed_recall": {
    survey: ["3.2.11"],
    flags: [],
    usage: "The precision achievable at a required recall (must catch 95% of cases).",
    pros: ["Matches recall-driven requirements (screening)."],
    cons: ["A single point of the curve; unstable with few positives."],
  },
  "classification/specificity_at_sensitivity": {
    survey: ["3.2.13"],
    flags: [],
    usage: "The specificity achievable at a required sensitivity (an operating point on the ROC curve).",
    pros: ["Reads directly as a clinical operating point."],
    cons: ["A single point of the curve."],
  },
  "classification/sensitivity_at_specificity": {
    survey: ["3.2.13"],
    flags: [],
    usage: "The sensitivity achievable at a required specificity.",
    pros: ["Reads directly as a clinical operating point."],
    cons: ["A single point of the curve."],
  },
  "classification/equal_error_rate": {
    survey: [],
    beyondSurvey:
      "The operating point where false accepts equal false rejects, the usual summary in biometric verification.",
    flags: [],
    alsoTasks: ["face"],
    usage: "Summarise a verification system (face, speaker) by the error where FPR equals FNR.",
    pros: ["Threshold-free summary that biometrics papers report."],
    cons: ["Rarely the operating point actually deployed; TAR at a low FAR is more telling."],
  },
  "classification/log_auc": {
    survey: [],
    beyondSurvey:
      "The ROC area over a log-scaled false positive rate (Mysinger & Shoichet 2010), from virtual screening: the survey's AUC-ROC (§3.2.13) restricted to the low-FPR region where only the top of the ranking is acted on.",
    flags: ["scale-invariant"],
    usage:
      "Rank quality where only a few false positives can be afforded (screening, alerting): the ROC curve between FPR 0.001 and 0.1 on a log axis.",
    pros: [
      "Each decade of FPR counts equally, so the very top of the ranking decides the score.",
      "Threshold-free and invariant to monotone transforms of the scores, like AUROC.",
    ],
    cons: [
      "Ignores the ranking beyond the upper FPR bound: two models that differ only there tie.",
      "Needs enough negatives to resolve an FPR of 0.001 (a thousand or more), or the low end is interpolated.",
      "Depends on the FPR range: report it.",
    ],
    pairs: {
      "classification/auroc": "the whole-range ranking view the log AUC zooms into",
      "classification/average_precision": "the precision of the top of the ranking, in the positives' terms",
    },
  },
  "classification/class_likelihood_ratios": {
    survey: [],
    beyondSurvey:
      "The diagnostic-test likelihood ratios (Brenner & Gefeller 1997; scikit-learn): how much a positive or negative prediction shifts the odds, independent of the prevalence the survey warns about.",
    flags: ["threshold"],
    usage:
      "Describe a binary test independently of prevalence: LR+ = TPR / FPR (above 1 informative), LR- = FNR / TNR (below 1 informative).",
    pros: [
      "Independent of prevalence: post-test odds = pre-test odds × LR, for any population.",
      "Separates what a positive and what a negative result are worth.",
    ],
    cons: [
      "Two numbers with opposite good directions; not a ranking metric.",
      "LR+ is undefined (NaN) without false positives, LR- without true negatives: frequent on small or easy data.",
      "Depends on the decision threshold.",
    ],
    pairs: {
      "classification/recall": "the sensitivity both ratios are built from",
      "classification/specificity": "the specificity both ratios are built from",
    },
  },
  "classification/critical_success_index": {
    survey: [],
    beyondSurvey:
      "The threat score of forecast verification (Donaldson et al. 1975; Schaefer 1990), the standard skill score of precipitation nowcasting, where correct negatives are uninformative.",
    flags: ["threshold"],
    usage:
      "Score rare-event forecasts on thresholded fields (rain above x mm/h): hits / (hits + misses + false alarms).",
    pros: [
      "Ignores correct negatives, so the vast no-event area cannot inflate it.",
      "Penalises misses and false alarms alike; equal to the Jaccard index of the event masks.",
    ],
    cons: [
      "Not corrected for chance hits: rarer events score lower for the same skill (the equitable threat score corrects this).",
      "Depends on the event threshold; says nothing about intensity errors.",
      "Does not separate misses from false alarms: report POD and the false alarm ratio beside it.",
    ],
    pairs: {
      "classification/recall": "the probability of detection (POD), the misses side of the score",
      "classification/false_discovery_rate": "the false alarm ratio, the false alarms side of the score",
    },
  },
  "classification/group_fairness": {
    survey: [],
    beyondSurvey:
      "Group fairness ratios (Calders & Verwer 2010 demographic parity, Hardt et al. 2016 equal opportunity; torchmetrics): the survey's per-class metrics computed per protected group and compared.",
    flags: ["threshold"],
    usage:
      "Check that a binary classifier treats groups alike: the smallest over the largest group rate of positive predictions (demographic parity) or of true positives (equal opportunity).",
    pros: [
      "One number per criterion, 1 at parity; the per-group rates show where the gap is.",
      "Demographic parity needs no labels; equal opportunity allows different base rates across groups.",
    ],
    cons: [
      "A ratio of the two extreme groups: a small group's noisy rate can decide it.",
      "Demographic parity conflicts with accuracy when base rates differ; equal opportunity ignores false positive rates (equalized odds needs both).",
      "Says nothing about overall quality: a model that predicts no positive is at demographic parity.",
      "Depends on the decision threshold.",
    ],
    pairs: {
      "classification/recall":
        "equal opportunity compares recall across groups: report the overall recall too",
      "classification/fbeta": "the overall quality that parity alone does not measure",
    },
  },
  "classification/reliability_curve": {
    survey: [],
    beyondSurvey:
      "The reliability diagram's data (DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana 2005; scikit-learn calibration_curve): the bins behind the expected calibration error.",
    flags: ["probabilities"],
    usage:
      "Plot calibration: mean confidence against observed accuracy (or positive rate) per probability bin, with the bin counts.",
    pros: [
      "Shows where a model is over- or under-confident, not only how much on average.",
      "The counts show which bins hold enough samples to trust.",
    ],
    cons: [
      "A curve, not a score: needs ECE or the Brier score to compare models.",
      "Depends on the number of bins and their edges (sklearn and torchmetrics conventions differ).",
      "Sparse bins at the extremes are noisy.",
    ],
    pairs: {
      "classification/calibration_error": "summarises the curve's gaps in one number",
      "classification/brier_score": "a proper score that combines calibration and sharpness",
    },
  },
  "classification/cross_entropy": {
    survey: ["3.1.2", "3.1.3", "3.1.4", "3.1.5", "4.1", "6.1.1"],
    flags: ["convex", "smooth"],
    alsoTasks: ["segmentation", "rag"],
    usage:
      "The default loss for single-label classification over softmax logits (and per-pixel segmentation).",
    pros: [
      "Proper scoring rule: its minimiser gives calibrated probabilities.",
      "Class weights handle imbalance; label smoothing curbs over-confidence and label noise.",
      "Sparse (integer) targets avoid one-hot memory with large vocabularies.",
    ],
    cons: [
      "Unweighted, the majority classes dominate under imbalance.",
      "Heavily penalises confident mistakes, so mislabelled samples pull hard.",
      "Weights and smoothing need tuning.",
    ],
    pairs: {
      "classification/accuracy": report.accuracy,
      "classification/fbeta": report.fbeta,
      "classification/auroc": report.auroc,
      "classification/balanced_accuracy": report.balancedAccuracy,
      "classification/average_precision": report.averagePrecision,
      "classification/log_loss": report.logLoss,
      "classification/calibration_error": report.calibration,
    },
  },
  "classification/nll_loss": {
    survey: ["3.1.6", "11.1"],
    flags: ["convex", "smooth", "probabilities"],
    alsoTasks: ["rag"],
    usage: "Cross-entropy for models that already output log-probabilities (log-softmax).",
    pros: [
      "Equal to cross-entropy with one-hot targets; a likelihood objective.",
      "Class weights for imbalance.",
    ],
    cons: [
      "Same imbalance and over-confidence issues as cross-entropy.",
      "Expects log-probabilities, not logits.",
    ],
    pairs: {
      "classification/accuracy": report.accuracy,
      "classification/fbeta": report.fbeta,
      "classification/auroc": report.auroc,
      "classification/balanced_accuracy": report.balancedAccuracy,
    },
  },
  "classification/kl_div": {
    survey: ["9.1.2", "11.1"],
    flags: ["convex", "smooth", "probabilities"],
    alsoTasks: ["rag", "generation"],
    usage:
      "Match a predicted distribution to soft targets: knowledge distillation, teacher-student RAG components.",
    pros: [
      "Uses the whole target distribution, not just the top class.",
      "Zero exactly when the distributions match.",
    ],
    cons: [
      "Asymmetric; undefined where the target has mass and the prediction has none.",
      "PyTorch's `mean` reduction is not the KL: use `batchmean`.",
    ],
    pairs: {
      "regression/kl_divergence": "the same divergence measured on held-out distributions",
      "classification/accuracy": "checks that the student's top class is still right",
    },
  },
  "classification/binary_cross_entropy": {
    survey: ["3.1.1", "3.1.4", "6.1.1"],
    flags: ["convex", "smooth", "probabilities"],
    alsoTasks: ["segmentation"],
    usage: "Binary or multilabel classification on probabilities (after a sigmoid).",
    pros: ["Likelihood of Bernoulli labels: probabilistic outputs.", "Per-element weights handle imbalance."],
    cons: [
      "Saturates numerically: prefer the logits form.",
      "Biased towards the majority class without weights.",
    ],
    pairs: {
      "classification/auroc": report.auroc,
      "classification/average_precision": report.averagePrecision,
      "classification/fbeta": report.fbeta,
      "classification/balanced_accuracy": report.balancedAccuracy,
    },
  },
  "classification/bce_with_logits": {
    survey: ["3.1.1", "3.1.4", "4.1", "6.1.1"],
    flags: ["convex", "smooth"],
    alsoTasks: ["segmentation"],
    usage: "The default loss for binary and multilabel classification from raw logits.",
    pros: [
      "Numerically stable for any logit.",
      "pos_weight (negatives/positives) raises recall of a rare positive class.",
    ],
    cons: ["Unweighted, biased towards the majority class.", "Large weights can destabilise training."],
    pairs: {
      "classification/auroc": report.auroc,
      "classification/average_precision": report.averagePrecision,
      "classification/fbeta": report.fbeta,
      "classification/balanced_accuracy": report.balancedAccuracy,
      "classification/brier_score": report.brier,
      "classification/log_loss": report.logLoss,
      "classification/calibration_error": report.calibration,
    },
  },
  "classification/sigmoid_focal_loss": {
    survey: ["5.1.6", "6.1.6"],
    flags: ["smooth"],
    alsoTasks: ["segmentation"],
    usage: "Binary or multilabel training under extreme imbalance (dense detection, rare pixels).",
    pros: [
      "Down-weights easy examples so rare and hard ones drive the gradient.",
      "α re-weights the classes.",
    ],
    cons: [
      "Two hyperparameters (α, γ) to tune; a large γ can destabilise training.",
      "Probabilities come out less calibrated than with cross-entropy.",
    ],
    pairs: {
      "classification/average_precision": report.averagePrecision,
      "classification/auroc": report.auroc,
      "detection/coco_map": "the detection metric RetinaNet's focal loss was designed for",
    },
  },
  "classification/softmax_focal_loss": {
    survey: ["5.1.6", "6.1.6"],
    flags: ["smooth"],
    alsoTasks: ["segmentation"],
    usage: "Multi-class training under class imbalance, focusing on hard examples.",
    pros: ["γ = 0 gives (α-weighted) cross-entropy; larger γ focuses on hard examples."],
    cons: ["Needs tuning of α and γ.", "Less calibrated probabilities than cross-entropy."],
    pairs: {
      "classification/accuracy": report.accuracy,
      "classification/fbeta": report.fbeta,
      "classification/auroc": report.auroc,
      "classification/balanced_accuracy": report.balancedAccuracy,
      "classification/average_precision": report.averagePrecision,
    },
  },
  "classification/poly1_loss": {
    survey: ["3.1.7"],
    flags: ["smooth"],
    usage: "Cross-entropy with one extra polynomial term to tune how strongly errors are penalised.",
    pros: [
      "A single extra hyperparameter ε; ε = 0 is cross-entropy.",
      "Covers cross-entropy and focal-like behaviour in one family.",
    ],
    cons: ["ε must be tuned per task (its sign depends on the task).", "Can go negative for negative ε."],
    pairs: {
      "classification/accuracy": report.accuracy,
      "classification/fbeta": report.fbeta,
      "classification/auroc": report.auroc,
      "classification/balanced_accuracy": report.balancedAccuracy,
    },
  },
  "classification/hinge_loss": {
    survey: ["3.1.8", "10.1.2"],
    flags: ["convex", "robust"],
    alsoTasks: ["text"],
    usage: "Maximum-margin binary classification with ±1 labels (SVM-style, sparse text features).",
    pros: [
      "Encourages a margin; zero loss for confident correct predictions.",
      "Linear penalty: less outlier-driven than squared losses.",
    ],
    cons: ["No probabilities.", "Binary by nature; multi-class needs extensions."],
    pairs: { "classification/accuracy": report.accuracy, "classification/fbeta": report.fbeta },
  },
  "classification/squared_hinge_loss": {
    survey: ["3.1.8"],
    flags: ["convex", "smooth"],
    usage: "A smooth margin loss that punishes large margin violations more.",
    pros: ["Differentiable at the margin."],
    cons: ["Quadratic violations make it outlier-sensitive.", "No probabilities."],
    pairs: { "classification/accuracy": report.accuracy, "classification/fbeta": report.fbeta },
  },
  "classification/multi_margin_loss": {
    survey: ["3.1.8"],
    flags: ["convex", "robust"],
    usage: "Multi-class SVM objective (Weston–Watkins) over class scores.",
    pros: ["Margin between the true class and every other class."],
    cons: ["No probabilities.", "Cost grows with the number of classes."],
    pairs: { "classification/accuracy": report.accuracy, "classification/fbeta": report.fbeta },
  },
  "classification/multilabel_soft_margin_loss": {
    survey: ["4.1"],
    flags: ["convex", "smooth"],
    usage: "Multilabel classification: one logistic loss per label, averaged.",
    pros: ["Independent decision per label; per-label weights for label imbalance."],
    cons: ["Treats labels as independent.", "Rare labels are swamped without weights."],
    pairs: {
      "classification/auroc": report.auroc,
      "classification/average_precision": report.averagePrecision,
      "classification/fbeta": report.fbeta,
    },
  },
  "classification/soft_margin_loss": {
    survey: ["3.1.1"],
    flags: ["convex", "smooth"],
    usage: "Logistic loss for ±1 labels (binary cross-entropy on logits in the SVM label convention).",
    pros: ["Smooth, convex, probabilistic (sigmoid of the score)."],
    cons: ["Same imbalance issues as unweighted BCE."],
    pairs: {
      "classification/auroc": report.auroc,
      "classification/average_precision": report.averagePrecision,
      "classification/fbeta": report.fbeta,
      "classification/balanced_accuracy": report.balancedAccuracy,
    },
  },
  "classification/margin_ranking_loss": {
    survey: ["10.1.4", "11.1"],
    flags: ["convex", "scale-invariant"],
    alsoTasks: ["text", "rag"],
    usage: "Learn to score relevant items above irrelevant ones by a margin (retrievers, rerankers).",
    pros: ["Only the order of the two scores matters.", "Flexible margin."],
    cons: [
      "Pairwise: many pairs to sample; ignores the list as a whole.",
      "Small relevance differences get no finer penalty.",
    ],
    pairs: { "classification/auroc": "the share of correctly ordered positive-negative pairs" },
  },
  "classification/hinge_embedding_loss": {
    survey: ["7.1.7"],
    flags: ["convex"],
    alsoTasks: ["face"],
    usage: "Learn distances between pairs: small for similar pairs, beyond a margin for dissimilar ones.",
    pros: ["Simple pairwise metric learning on precomputed distances."],
    cons: ["One margin for all negatives.", "Depends on how pairs are sampled."],
    pairs: {
      "classification/auroc": "how well the distances separate similar from dissimilar pairs",
      "classification/accuracy": "pair decisions at a distance threshold",
    },
  },
  "classification/cosine_embedding_loss": {
    survey: ["10.1.3"],
    flags: ["scale-invariant"],
    alsoTasks: ["text"],
    usage:
      "Semantic similarity of embedding pairs: pull similar pairs to cosine 1, push dissimilar below a margin.",
    pros: [
      "Angles only: invariant to embedding norms.",
      "Natural for dense text embeddings (STS, paraphrase).",
    ],
    cons: [
      "Cosine 0 is ambiguous (unrelated, or just no shared features).",
      "Negative pairs need a well-chosen margin.",
    ],
    pairs: {
      "classification/auroc": "how well cosine similarity separates the pair labels",
      "regression/cosine_similarity": "the similarity the loss optimises",
    },
  },
};
