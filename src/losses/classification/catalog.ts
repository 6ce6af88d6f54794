import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder, torchReference as torch } from "../catalog-entry.js";

/* Catalog entries of the classification losses. Kept free of TensorFlow.js imports so the catalog loads without it. */

const loss = lossEntryBuilder(["classification"]);

// Metric catalog ids are per concept; each metric has binary, multiclass and multilabel variants.
const binaryPairs = [
  "classification/auroc",
  "classification/average_precision",
  "classification/fbeta",
  "classification/balanced_accuracy",
];
const multiclassPairs = [
  "classification/accuracy",
  "classification/fbeta",
  "classification/auroc",
  "classification/balanced_accuracy",
];
const multilabelPairs = ["classification/auroc", "classification/average_precision", "classification/fbeta"];
const probabilisticPairs = ["classification/log_loss", "classification/calibration_error"];

/** Catalog entry of the crossEntropy concept (listed in `entries`). */
export const crossEntropyEntry = loss({
  id: "classification/cross_entropy",
  title: "Cross-entropy (categorical and sparse categorical)",
  formula: "-\\frac{\\sum_i w_{y_i} \\log \\mathrm{softmax}(x_i)_{y_i}}{\\sum_i w_{y_i}}",
  range: [0, Infinity],
  robustness: [
    "Proper scoring rule: calibrated probabilities at the optimum.",
    "Class imbalance: dominated by the majority class; use class weights (PyTorch weighted mean divides by the sum of target weights) or focal loss.",
    "Label smoothing regularises over-confidence and noisy labels.",
  ],
  references: [
    {
      implementation: torch(
        "F.cross_entropy with weight, ignore_index, label_smoothing, probability targets",
      ),
    },
  ],
  pairsWith: [...multiclassPairs, "classification/average_precision", ...probabilisticPairs],
  traits: ["probabilistic", "imbalanced", "noisy-labels"],
  exports: ["crossEntropy", "crossEntropyFactory"],
});

/** Catalog entry of the nllLoss concept (listed in `entries`). */
export const nllLossEntry = loss({
  id: "classification/nll_loss",
  title: "Negative log-likelihood",
  formula: "-\\frac{\\sum_i w_{y_i} x_{i, y_i}}{\\sum_i w_{y_i}}",
  range: [0, Infinity],
  robustness: ["Cross-entropy split in two: takes log-probabilities (log-softmax outputs)."],
  references: [{ implementation: torch("F.nll_loss") }],
  pairsWith: multiclassPairs,
  traits: ["probabilistic", "imbalanced"],
  exports: ["nllLoss", "nllLossFactory"],
});

/** Catalog entry of the klDiv concept (listed in `entries`). */
export const klDivEntry = loss({
  id: "classification/kl_div",
  title: "Kullback-Leibler divergence",
  formula: "\\frac{1}{N}\\sum_i \\sum_c t_{ic} (\\log t_{ic} - x_{ic})",
  range: [0, Infinity],
  robustness: [
    "Input is log-probabilities; use `batchmean` for the true KL (PyTorch's `mean` divides by elements).",
    "Knowledge distillation and soft targets.",
  ],
  references: [
    { paper: "Kullback & Leibler 1951", implementation: torch("F.kl_div (batchmean, log_target)") },
  ],
  pairsWith: ["regression/kl_divergence", "classification/accuracy"],
  traits: ["probabilistic", "distillation", "soft-labels"],
  exports: ["klDiv", "klDivFactory"],
});

/** Catalog entry of the binaryCrossEntropy concept (listed in `entries`). */
export const binaryCrossEntropyEntry = loss({
  id: "classification/binary_cross_entropy",
  title: "Binary cross-entropy on probabilities",
  formula: "-\\frac{1}{n}\\sum_i w_i [t_i \\log p_i + (1 - t_i) \\log(1 - p_i)]",
  range: [0, 100],
  robustness: [
    "Logs clamped at -100 as PyTorch: saturated probabilities give 100, not Infinity; prefer the logits form.",
    "Imbalance: per-element weights or pos_weight on the logits form.",
  ],
  references: [{ implementation: torch("F.binary_cross_entropy") }],
  pairsWith: binaryPairs,
  traits: ["probabilistic", "binary", "multilabel"],
  exports: ["binaryCrossEntropy", "binaryCrossEntropyFactory"],
});

/** Catalog entry of the bceWithLogits concept (listed in `entries`). */
export const bceWithLogitsEntry = loss({
  id: "classification/bce_with_logits",
  title: "Binary cross-entropy on logits",
  formula: "\\frac{1}{n}\\sum_i w_i [(1 - t_i) x_i + (1 + (p_w - 1) t_i)\\,\\mathrm{softplus}(-x_i)]",
  range: [0, Infinity],
  robustness: [
    "Numerically stable for any logit (softplus form).",
    "Imbalance: pos_weight = negatives/positives raises recall of the rare class.",
  ],
  references: [{ implementation: torch("F.binary_cross_entropy_with_logits (pos_weight, weight)") }],
  pairsWith: [...binaryPairs, "classification/brier_score", ...probabilisticPairs],
  traits: ["probabilistic", "binary", "multilabel", "imbalanced"],
  exports: ["binaryCrossEntropyWithLogits", "binaryCrossEntropyWithLogitsFactory"],
});

/** Catalog entry of the sigmoidFocalLoss concept (listed in `entries`). */
export const sigmoidFocalLossEntry = loss({
  id: "classification/sigmoid_focal_loss",
  title: "Sigmoid focal loss",
  tasks: ["classification", "detection"],
  formula: "-\\alpha_t (1 - p_t)^{\\gamma} \\log p_t",
  range: [0, Infinity],
  robustness: [
    "Down-weights easy, well-classified examples: for extreme foreground-background imbalance (dense detection).",
    "torchvision's alpha weights the positive class; default reduction none (detectors normalise by the number of positives).",
    "Probabilities are less calibrated than with cross-entropy.",
  ],
  references: [
    {
      paper: "Lin et al. 2017 (RetinaNet)",
      implementation: "torchvision 0.26 ops.sigmoid_focal_loss (value and gradient)",
    },
  ],
  pairsWith: ["classification/average_precision", "classification/auroc", "detection/coco_map"],
  traits: ["imbalanced", "hard-examples", "binary", "multilabel"],
  exports: ["sigmoidFocalLoss", "sigmoidFocalLossFactory"],
});

/** Catalog entry of the softmaxFocalLoss concept (listed in `entries`). */
export const softmaxFocalLossEntry = loss({
  id: "classification/softmax_focal_loss",
  title: "Softmax (multi-class) focal loss",
  formula: "-\\alpha_{y} (1 - p_{y})^{\\gamma} \\log p_{y}",
  range: [0, Infinity],
  robustness: ["Multi-class focal loss for imbalanced classes; gamma = 0 is (alpha-weighted) cross-entropy."],
  references: [{ paper: "Lin et al. 2017", implementation: "formula via torch 2.11 autograd" }],
  pairsWith: [...multiclassPairs, "classification/average_precision"],
  traits: ["imbalanced", "hard-examples"],
  exports: ["softmaxFocalLoss", "softmaxFocalLossFactory"],
});

/** Catalog entry of the poly1Loss concept (listed in `entries`). */
export const poly1LossEntry = loss({
  id: "classification/poly1_loss",
  title: "Poly-1 loss",
  formula: "-\\log p_t + \\epsilon (1 - p_t)",
  range: [-Infinity, Infinity],
  robustness: [
    "One extra hyperparameter on top of cross-entropy; epsilon > 0 helps on ImageNet-style tasks, epsilon < 0 on imbalanced detection.",
  ],
  references: [{ paper: "Leng et al. 2022 (PolyLoss)", implementation: "formula via torch 2.11 autograd" }],
  pairsWith: multiclassPairs,
  traits: ["probabilistic", "imbalanced"],
  exports: ["poly1Loss", "poly1LossFactory"],
});

/** Catalog entry of the hingeLoss concept (listed in `entries`). */
export const hingeLossEntry = loss({
  id: "classification/hinge_loss",
  title: "Hinge loss",
  formula: "\\frac{1}{n}\\sum_i \\max(0, 1 - y_i x_i)",
  range: [0, Infinity],
  robustness: [
    "Margin-based (SVM): ignores correctly classified points beyond the margin; no probabilities.",
  ],
  references: [{ paper: "Cortes & Vapnik 1995", implementation: "Keras 3 hinge" }],
  pairsWith: ["classification/accuracy", "classification/fbeta"],
  traits: ["margin", "binary"],
  exports: ["hingeLoss", "hingeLossFactory"],
});

/** Catalog entry of the squaredHingeLoss concept (listed in `entries`). */
export const squaredHingeLossEntry = loss({
  id: "classification/squared_hinge_loss",
  title: "Squared hinge loss",
  formula: "\\frac{1}{n}\\sum_i \\max(0, 1 - y_i x_i)^2",
  range: [0, Infinity],
  robustness: ["Smooth at the margin; penalises large violations (and outliers) quadratically."],
  references: [{ implementation: "Keras 3 squared_hinge" }],
  pairsWith: ["classification/accuracy", "classification/fbeta"],
  traits: ["margin", "binary"],
  exports: ["squaredHingeLoss", "squaredHingeLossFactory"],
});

/** Catalog entry of the multiMarginLoss concept (listed in `entries`). */
export const multiMarginLossEntry = loss({
  id: "classification/multi_margin_loss",
  title: "Multi-class margin loss",
  formula: "\\frac{1}{C}\\sum_{j \\ne y} w_y \\max(0, m - x_y + x_j)^p",
  range: [0, Infinity],
  robustness: ["Multi-class SVM (Weston-Watkins); no probabilities."],
  references: [{ paper: "Weston & Watkins 1999", implementation: torch("F.multi_margin_loss") }],
  pairsWith: ["classification/accuracy", "classification/fbeta"],
  traits: ["margin"],
  exports: ["multiMarginLoss", "multiMarginLossFactory"],
});

/** Catalog entry of the multilabelSoftMarginLoss concept (listed in `entries`). */
export const multilabelSoftMarginLossEntry = loss({
  id: "classification/multilabel_soft_margin_loss",
  title: "Multi-label soft margin loss",
  formula: "-\\frac{1}{C}\\sum_c w_c [t_c \\log\\sigma(x_c) + (1 - t_c)\\log\\sigma(-x_c)]",
  range: [0, Infinity],
  robustness: ["One-vs-all logistic loss averaged over classes; per-class weights for label imbalance."],
  references: [{ implementation: torch("F.multilabel_soft_margin_loss") }],
  pairsWith: multilabelPairs,
  traits: ["multilabel", "probabilistic"],
  exports: ["multilabelSoftMarginLoss", "multilabelSoftMarginLossFactory"],
});

/** Catalog entry of the softMarginLoss concept (listed in `entries`). */
export const softMarginLossEntry = loss({
  id: "classification/soft_margin_loss",
  title: "Soft margin loss",
  formula: "\\frac{1}{n}\\sum_i \\log(1 + e^{-y_i x_i})",
  range: [0, Infinity],
  robustness: ["Logistic loss with -1/+1 labels."],
  references: [{ implementation: torch("F.soft_margin_loss") }],
  pairsWith: binaryPairs,
  traits: ["binary", "probabilistic"],
  exports: ["softMarginLoss", "softMarginLossFactory"],
});

/** Catalog entry of the marginRankingLoss concept (listed in `entries`). */
export const marginRankingLossEntry = loss({
  id: "classification/margin_ranking_loss",
  title: "Margin ranking loss",
  tasks: ["classification", "retrieval"],
  formula: "\\max(0, -y (x_1 - x_2) + m)",
  range: [0, Infinity],
  robustness: ["Pairwise ranking: only the order of the two scores matters, not their scale."],
  references: [{ implementation: torch("F.margin_ranking_loss") }],
  pairsWith: ["classification/auroc"],
  traits: ["ranking", "margin", "pairs"],
  exports: ["marginRankingLoss", "marginRankingLossFactory"],
});

/** Catalog entry of the hingeEmbeddingLoss concept (listed in `entries`). */
export const hingeEmbeddingLossEntry = loss({
  id: "classification/hinge_embedding_loss",
  title: "Hinge embedding loss",
  tasks: ["classification", "face-recognition"],
  formula: "\\begin{cases} x & y = 1 \\\\ \\max(0, m - x) & y = -1 \\end{cases}",
  range: [-Infinity, Infinity],
  robustness: [
    "For distances between pairs: similar pairs pulled together, dissimilar pushed beyond the margin.",
  ],
  references: [{ implementation: torch("F.hinge_embedding_loss") }],
  pairsWith: ["classification/auroc", "classification/accuracy"],
  traits: ["metric-learning", "pairs", "margin"],
  exports: ["hingeEmbeddingLoss", "hingeEmbeddingLossFactory"],
});

/** Catalog entry of the cosineEmbeddingLoss concept (listed in `entries`). */
export const cosineEmbeddingLossEntry = loss({
  id: "classification/cosine_embedding_loss",
  title: "Cosine embedding loss",
  tasks: ["classification", "face-recognition", "retrieval"],
  formula:
    "\\begin{cases} 1 - \\cos(x_1, x_2) & y = 1 \\\\ \\max(0, \\cos(x_1, x_2) - m) & y = -1 \\end{cases}",
  range: [0, 2],
  robustness: ["Scale-invariant (angles only)."],
  references: [{ implementation: torch("F.cosine_embedding_loss") }],
  pairsWith: ["classification/auroc", "regression/cosine_similarity"],
  traits: ["metric-learning", "pairs", "embeddings"],
  exports: ["cosineEmbeddingLoss", "cosineEmbeddingLossFactory"],
});

/** Catalog entries of the classification losses. */
export const entries: readonly CatalogEntry[] = [
  crossEntropyEntry,
  nllLossEntry,
  klDivEntry,
  binaryCrossEntropyEntry,
  bceWithLogitsEntry,
  sigmoidFocalLossEntry,
  softmaxFocalLossEntry,
  poly1LossEntry,
  hingeLossEntry,
  squaredHingeLossEntry,
  multiMarginLossEntry,
  multilabelSoftMarginLossEntry,
  softMarginLossEntry,
  marginRankingLossEntry,
  hingeEmbeddingLossEntry,
  cosineEmbeddingLossEntry,
];
