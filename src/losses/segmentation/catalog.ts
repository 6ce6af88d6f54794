import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder } from "../catalog-entry.js";

/* Catalog entries of the segmentation losses. Kept free of TensorFlow.js imports so the catalog loads without it. */

const loss = lossEntryBuilder(["segmentation"]);
const segPairs = ["segmentation/dice_score", "segmentation/mean_iou"];

/** Catalog entry of the softDiceLoss concept (listed in `entries`). */
export const softDiceLossEntry = loss({
  id: "segmentation/soft_dice_loss",
  title: "Soft Dice loss",
  formula: "1 - \\frac{2\\sum p t + s}{\\sum p + \\sum t + s}",
  range: [0, 1],
  robustness: [
    "Ignores true negatives: robust to a dominant background class (foreground-background imbalance).",
    "Unstable for tiny or empty structures; smoothing s turns empty-vs-empty from loss 1 into 0.",
    "Global, per-image and per-class reductions differ (Keras global, MONAI per sample and channel, smp per class).",
  ],
  references: [
    { paper: "Milletari et al. 2016 (V-Net)", implementation: "formula via torch 2.11 autograd (global)" },
  ],
  pairsWith: [...segPairs, "classification/fbeta"],
  traits: ["imbalanced", "overlap", "small-objects"],
  exports: ["softDiceLoss", "softDiceLossFactory"],
});

/** Catalog entry of the generalizedDiceLoss concept (listed in `entries`). */
export const generalizedDiceLossEntry = loss({
  id: "segmentation/generalized_dice_loss",
  title: "Generalized Dice loss",
  formula:
    "1 - \\frac{2\\sum_c w_c \\sum p_c t_c + s}{\\sum_c w_c \\sum (p_c + t_c) + s},\\; w_c = 1/(\\sum t_c)^2",
  range: [0, 1],
  robustness: [
    "Inverse squared volume weights: rare classes count as much as frequent ones (multi-class imbalance).",
  ],
  references: [
    {
      paper: "Sudre et al. 2017",
      implementation: "MONAI 1.x GeneralizedDiceLoss conventions (absent class takes the max weight)",
    },
  ],
  pairsWith: ["segmentation/generalized_dice_score", ...segPairs],
  traits: ["imbalanced", "overlap", "multi-class"],
  exports: ["generalizedDiceLoss", "generalizedDiceLossFactory"],
});

/** Catalog entry of the softJaccardLoss concept (listed in `entries`). */
export const softJaccardLossEntry = loss({
  id: "segmentation/soft_jaccard_loss",
  title: "Soft Jaccard (IoU) loss",
  formula: "1 - \\frac{\\sum p t + s}{\\sum p + \\sum t - \\sum p t + s}",
  range: [0, 1],
  robustness: ["Same imbalance behaviour as Dice; stricter on partial overlaps."],
  references: [{ paper: "Rahman & Wang 2016", implementation: "formula via torch 2.11 autograd (global)" }],
  pairsWith: ["segmentation/mean_iou", "classification/jaccard_index"],
  traits: ["imbalanced", "overlap"],
  exports: ["softJaccardLoss", "softJaccardLossFactory"],
});

/** Catalog entry of the tverskyLoss concept (listed in `entries`). */
export const tverskyLossEntry = loss({
  id: "segmentation/tversky_loss",
  title: "Tversky loss",
  formula: "1 - \\frac{TP + s}{TP + \\alpha FP + \\beta FN + s}",
  range: [0, 1],
  robustness: [
    "beta > alpha trades precision for recall: for small lesions and heavy imbalance; alpha = beta = 0.5 is Dice.",
  ],
  references: [{ paper: "Salehi et al. 2017", implementation: "formula via torch 2.11 autograd (global)" }],
  pairsWith: [...segPairs, "classification/recall"],
  traits: ["imbalanced", "overlap", "recall"],
  exports: ["tverskyLoss", "tverskyLossFactory"],
});

/** Catalog entry of the focalTverskyLoss concept (listed in `entries`). */
export const focalTverskyLossEntry = loss({
  id: "segmentation/focal_tversky_loss",
  title: "Focal Tversky loss",
  formula: "\\left(1 - TI\\right)^{\\gamma}",
  range: [0, 1],
  robustness: ["gamma < 1 keeps the gradient large near convergence, focusing on hard, small regions."],
  references: [
    {
      paper: "Abraham & Khan 2019",
      implementation: "formula via torch 2.11 autograd (tversky_loss cases with gamma)",
    },
  ],
  pairsWith: segPairs,
  traits: ["imbalanced", "overlap", "small-objects"],
  exports: ["focalTverskyLoss", "focalTverskyLossFactory"],
});

/** Catalog entry of the lovaszHingeLoss concept (listed in `entries`). */
export const lovaszHingeLossEntry = loss({
  id: "segmentation/lovasz_hinge_loss",
  title: "Lovasz hinge loss",
  formula:
    "\\langle \\mathrm{relu}(e_{\\pi}), \\nabla \\overline{\\Delta_J}(y_{\\pi}) \\rangle,\\; e = 1 - x(2y - 1)",
  range: [0, Infinity],
  robustness: [
    "Convex surrogate of the Jaccard index optimised directly; best as a fine-tuning loss; per-image mode matches the per-image IoU metric.",
  ],
  references: [{ paper: "Berman et al. 2018", implementation: "authors' reference lovasz_hinge" }],
  pairsWith: ["segmentation/mean_iou", "classification/jaccard_index"],
  traits: ["overlap", "iou-surrogate"],
  exports: ["lovaszHingeLoss", "lovaszHingeLossFactory"],
});

/** Catalog entry of the lovaszSoftmaxLoss concept (listed in `entries`). */
export const lovaszSoftmaxLossEntry = loss({
  id: "segmentation/lovasz_softmax_loss",
  title: "Lovasz-softmax loss",
  formula:
    "\\frac{1}{|C|}\\sum_c \\langle e^c_{\\pi_c}, \\nabla \\overline{\\Delta_J}(y^c_{\\pi_c}) \\rangle,\\; e^c = |1[y = c] - p_c|",
  range: [0, 1],
  robustness: ["Optimises mean IoU over present classes directly."],
  references: [
    {
      paper: "Berman et al. 2018",
      implementation: "authors' reference lovasz_softmax (classes present/all, ignore)",
    },
  ],
  pairsWith: ["segmentation/mean_iou", "classification/jaccard_index"],
  traits: ["overlap", "iou-surrogate", "multi-class"],
  exports: ["lovaszSoftmaxLoss"],
});

/** Catalog entry of the diceCrossEntropyLoss concept (listed in `entries`). */
export const diceCrossEntropyLossEntry = loss({
  id: "segmentation/dice_cross_entropy_loss",
  title: "Dice + cross-entropy",
  formula: "\\lambda_{CE}\\,\\mathrm{CE} + \\lambda_{Dice}\\,(1 - \\mathrm{Dice})",
  range: [0, Infinity],
  robustness: ["CE gives smooth per-pixel gradients, Dice handles class imbalance: the nnU-Net default."],
  references: [
    {
      paper: "Isensee et al. 2021 (nnU-Net)",
      implementation: "MONAI DiceCELoss recipe from plumbline's parts",
    },
  ],
  pairsWith: segPairs,
  traits: ["imbalanced", "overlap", "composite"],
  exports: ["diceCrossEntropyLoss", "diceCrossEntropyLossFactory"],
});

/** Catalog entries of the segmentation losses. */
export const entries: readonly CatalogEntry[] = [
  softDiceLossEntry,
  generalizedDiceLossEntry,
  softJaccardLossEntry,
  tverskyLossEntry,
  focalTverskyLossEntry,
  lovaszHingeLossEntry,
  lovaszSoftmaxLossEntry,
  diceCrossEntropyLossEntry,
];
