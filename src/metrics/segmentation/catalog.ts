import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { averageSurfaceDistanceMeta } from "./average-surface-distance.js";
import { boundaryF1Meta } from "./boundary-f1.js";
import { diceScoreMeta } from "./dice-score.js";
import { frequencyWeightedIouMeta } from "./frequency-weighted-iou.js";
import { generalizedDiceScoreMeta } from "./generalized-dice-score.js";
import { hausdorffDistanceMeta } from "./hausdorff-distance.js";
import { maskApMeta } from "./mask-ap.js";
import { meanIouMeta } from "./mean-iou.js";
import { modifiedPanopticQualityMeta } from "./modified-panoptic-quality.js";
import { normalizedSurfaceDiceMeta } from "./normalized-surface-dice.js";
import { panopticQualityMeta } from "./panoptic-quality.js";
import { panopticQualityCocoMeta } from "./panoptic-quality-coco.js";
import { pixelAccuracyMeta } from "./pixel-accuracy.js";

/** Catalog entry of pixel accuracy. */
const pixelAccuracyEntry: CatalogEntry = {
  ...metaFields(pixelAccuracyMeta),
  title: "Pixel accuracy",
  kind: "metric",
  tasks: ["segmentation"],
  formula: "\\mathrm{PA}=\\frac{\\sum_i [\\hat y_i = y_i]}{N}",
  differentiable: false,
  robustness: ["dominated by large classes such as background; prefer mIoU or Dice on imbalanced data"],
  references: [
    {
      paper: "Long, Shelhamer & Darrell 2015 (FCN)",
      implementation: "formula mean(preds == target) over all pixels of all images",
    },
  ],
  traits: ["pixel-labels"],
  exports: ["pixelAccuracyDef", "pixelAccuracy"],
};

/** Catalog entry of mean IoU. */
const meanIouEntry: CatalogEntry = {
  ...metaFields(meanIouMeta),
  title: "Mean intersection over union (mIoU, Jaccard index)",
  kind: "metric",
  tasks: ["segmentation"],
  formula: "\\mathrm{mIoU}=\\frac{1}{|C|}\\sum_{c}\\frac{TP_c}{TP_c+FP_c+FN_c}",
  differentiable: false,
  robustness: [
    "dataset-wide (confusion matrix) and per-image averages differ: small objects weigh more per image",
    "classes absent from both prediction and target are left out of the mean (-1 per class)",
  ],
  references: [
    {
      paper: "Everingham et al. 2010; Long et al. 2015",
      implementation:
        "torchmetrics 1.9.0 MeanIoU (reduction per-image); confusion-matrix mIoU as mmsegmentation (reduction dataset)",
    },
  ],
  traits: ["imbalanced", "pixel-labels"],
  exports: ["meanIouDef", "meanIou"],
};

/** Catalog entry of frequency-weighted IoU. */
const frequencyWeightedIouEntry: CatalogEntry = {
  ...metaFields(frequencyWeightedIouMeta),
  title: "Frequency-weighted IoU",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{FWIoU}=\\sum_c \\frac{n_c}{\\sum_k n_k}\\,\\mathrm{IoU}_c,\\ n_c=\\#\\{\\text{target pixels of }c\\}",
  differentiable: false,
  robustness: ["dominated by frequent classes (background): hides failures on rare classes"],
  references: [
    {
      paper: "Long, Shelhamer & Darrell 2015 (FCN)",
      implementation: "confusion-matrix formula of the FCN paper (score.py fwavacc)",
    },
  ],
  traits: ["pixel-labels"],
  exports: ["frequencyWeightedIouDef", "frequencyWeightedIou"],
};

/** Catalog entry of the Dice score. */
const diceScoreEntry: CatalogEntry = {
  ...metaFields(diceScoreMeta),
  title: "Dice score (F1 of pixels, Sørensen–Dice coefficient)",
  kind: "metric",
  tasks: ["segmentation"],
  formula: "\\mathrm{Dice}=\\frac{2|P\\cap T|}{|P|+|T|}",
  differentiable: false,
  robustness: [
    "per image and class, then averaged: an empty prediction on an empty target is NaN and skipped (no smoothing)",
    "micro averaging over classes weighs large classes more",
  ],
  references: [{ paper: "Dice 1945; Sørensen 1948", implementation: "torchmetrics 1.9.0 DiceScore" }],
  traits: ["imbalanced", "pixel-labels"],
  exports: ["diceScoreDef", "diceScore"],
};

/** Catalog entry of the generalized Dice score. */
const generalizedDiceScoreEntry: CatalogEntry = {
  ...metaFields(generalizedDiceScoreMeta),
  title: "Generalized Dice score",
  kind: "metric",
  tasks: ["segmentation"],
  formula: "\\mathrm{GDS}=\\frac{2\\sum_c w_c|P_c\\cap T_c|}{\\sum_c w_c(|P_c|+|T_c|)},\\ w_c=1/|T_c|^2",
  differentiable: false,
  robustness: ["class weights 1/|T_c|² counter class imbalance"],
  references: [{ paper: "Sudre et al. 2017", implementation: "torchmetrics 1.9.0 GeneralizedDiceScore" }],
  traits: ["imbalanced", "pixel-labels"],
  exports: ["generalizedDiceScoreDef", "generalizedDiceScore"],
};

/** Catalog entry of panoptic quality. */
const panopticQualityEntry: CatalogEntry = {
  ...metaFields(panopticQualityMeta),
  title: "Panoptic quality (PQ = SQ × RQ)",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{PQ}=\\frac{\\sum_{(p,g)\\in TP}\\mathrm{IoU}(p,g)}{|TP|}\\cdot\\frac{|TP|}{|TP|+\\frac12|FP|+\\frac12|FN|}",
  differentiable: false,
  robustness: [
    "matches need IoU > 0.5, so matching is unique",
    "segments mostly VOID are not counted as errors",
  ],
  references: [
    {
      paper: "Kirillov et al. 2019, Panoptic Segmentation",
      implementation: "torchmetrics 1.9.0 PanopticQuality; panopticapi pq_compute for panopticQualityCoco",
    },
  ],
  traits: ["instances", "pixel-labels"],
  exports: ["panopticQualityDef", "panopticQuality", "panopticQualityDetails"],
};

/** Catalog entry. */
const panopticQualityCocoEntry: CatalogEntry = {
  ...metaFields(panopticQualityCocoMeta),
  title: "Panoptic quality, COCO panoptic API conventions (VOID, crowd)",
  kind: "metric",
  tasks: ["segmentation"],
  formula: "\\mathrm{PQ}_c=\\frac{\\sum_{TP}\\mathrm{IoU}}{|TP|+\\frac12|FP|+\\frac12|FN|}",
  differentiable: false,
  robustness: ["crowd regions and VOID pixels do not count against a prediction"],
  references: [
    {
      paper: "Kirillov et al. 2019, Panoptic Segmentation",
      implementation: "panopticapi pq_compute (cocodataset/panopticapi master): OFFSET 256^3, VOID 0",
    },
  ],
  traits: ["instances", "pixel-labels"],
  exports: ["panopticQualityCocoDef", "panopticQualityCoco", "rgbToPanopticId"],
};

/** Catalog entry of modified panoptic quality. */
const modifiedPanopticQualityEntry: CatalogEntry = {
  ...metaFields(modifiedPanopticQualityMeta),
  title: "Modified panoptic quality (PQ†: stuff classes scored by IoU, not by matching)",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{PQ}^\\dagger_c=\\begin{cases}\\frac{1}{|T_c|}\\sum_{(p,g)}\\mathrm{IoU}(p,g) & c\\ \\text{stuff}\\\\ \\mathrm{PQ}_c & c\\ \\text{thing}\\end{cases}",
  differentiable: false,
  robustness: [
    "a stuff class earns its IoU whenever prediction and target overlap (no 0.5 matching threshold), so amorphous regions are not all-or-nothing",
  ],
  references: [
    {
      paper: "Porzi et al. 2019, Seamless Scene Segmentation",
      implementation: "torchmetrics 1.9.0 ModifiedPanopticQuality / modified_panoptic_quality",
    },
  ],
  traits: ["instances", "pixel-labels"],
  exports: ["modifiedPanopticQualityDef", "modifiedPanopticQuality"],
};

/** Catalog entry of the Hausdorff distance. */
const hausdorffDistanceEntry: CatalogEntry = {
  ...metaFields(hausdorffDistanceMeta),
  title: "Hausdorff distance (and HD95)",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{HD}(A,B)=\\max\\{\\sup_{a\\in A}\\inf_{b\\in B}d(a,b),\\ \\sup_{b\\in B}\\inf_{a\\in A}d(a,b)\\}",
  differentiable: false,
  robustness: [
    "the maximum is driven by one outlying pixel; the 95th percentile (HD95) is robust to it",
    "undefined when a mask is empty",
  ],
  references: [
    {
      paper: "Huttenlocher et al. 1993",
      implementation:
        "MONAI compute_hausdorff_distance conventions (surface-to-surface EDT, numpy percentile per direction); scikit-image 0.26 hausdorff_distance with points 'all'",
    },
  ],
  traits: ["boundary", "pixel-labels"],
  exports: ["hausdorffDistanceDef", "hausdorffDistance"],
};

/** Catalog entry of the normalized surface Dice. */
const normalizedSurfaceDiceEntry: CatalogEntry = {
  ...metaFields(normalizedSurfaceDiceMeta),
  title: "Normalized surface Dice (surface Dice at a tolerance)",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{NSD}_\\tau=\\frac{|\\partial P\\cap B^{(\\tau)}_{\\partial T}|+|\\partial T\\cap B^{(\\tau)}_{\\partial P}|}{|\\partial P|+|\\partial T|}",
  differentiable: false,
  robustness: [
    "scores boundary agreement within a clinically chosen tolerance, ignoring deviations below it",
    "boundary elements are weighted by their contour length, so it is independent of the pixel grid's orientation",
  ],
  references: [
    {
      paper:
        "Nikolov et al. 2021, Clinically applicable segmentation of head and neck anatomy for radiotherapy",
      implementation:
        "DeepMind surface-distance compute_surface_distances + compute_surface_dice_at_tolerance (2-D masks)",
    },
  ],
  traits: ["boundary", "pixel-labels"],
  exports: ["normalizedSurfaceDiceDef", "normalizedSurfaceDice"],
};

/** Catalog entry of the average surface distance. */
const averageSurfaceDistanceEntry: CatalogEntry = {
  ...metaFields(averageSurfaceDistanceMeta),
  title: "Average (symmetric) surface distance",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{ASD}=\\frac{\\sum_{a\\in\\partial A}d(a,\\partial B)+\\sum_{b\\in\\partial B}d(b,\\partial A)}{|\\partial A|+|\\partial B|}",
  differentiable: false,
  robustness: ["an average, so less sensitive to single outliers than the Hausdorff distance"],
  references: [
    {
      paper: "Heimann et al. 2009",
      implementation:
        "MONAI compute_average_surface_distance conventions (symmetric: mean of both directions' distances concatenated)",
    },
  ],
  traits: ["boundary", "pixel-labels"],
  exports: ["averageSurfaceDistanceDef", "averageSurfaceDistance"],
};

/** Catalog entry of the boundary F1 score. */
const boundaryF1Entry: CatalogEntry = {
  ...metaFields(boundaryF1Meta),
  title: "Boundary F1 score (BF score)",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "BF=\\frac{2PR}{P+R},\\ P=\\frac{|\\{p\\in\\partial\\hat Y: d(p,\\partial Y)\\le\\theta\\}|}{|\\partial\\hat Y|},\\ R=\\frac{|\\{g\\in\\partial Y: d(g,\\partial\\hat Y)\\le\\theta\\}|}{|\\partial Y|}",
  differentiable: false,
  robustness: ["scores contour accuracy, which region overlap (IoU) hardly sees on large objects"],
  references: [
    {
      paper: "Csurka, Larlus & Perronnin 2013",
      implementation:
        "MATLAB bfscore conventions (tolerance 0.75% of the diagonal; both boundaries empty → 1)",
    },
  ],
  traits: ["boundary", "pixel-labels"],
  exports: ["boundaryF1Def", "boundaryF1"],
};

/** Catalog entry of mask AP. */
const maskApEntry: CatalogEntry = {
  ...metaFields(maskApMeta),
  title: "Mask average precision (COCO segm AP)",
  kind: "metric",
  tasks: ["segmentation", "detection"],
  formula: "\\mathrm{AP}^{mask}=\\text{COCO AP with mask IoU}",
  differentiable: false,
  robustness: ["instance masks compared by RLE IoU; crowd regions use the detection's area as union"],
  references: [
    {
      paper: "Lin et al. 2014; He et al. 2017 (Mask R-CNN)",
      implementation: "pycocotools COCOeval iouType='segm' (cocoapi master)",
    },
  ],
  traits: ["instance-masks", "ranking"],
  exports: ["maskApDef", "maskAp", "maskApFromCoco"],
};

/** Catalog entries of the segmentation metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  pixelAccuracyEntry,
  meanIouEntry,
  frequencyWeightedIouEntry,
  diceScoreEntry,
  generalizedDiceScoreEntry,
  panopticQualityEntry,
  panopticQualityCocoEntry,
  modifiedPanopticQualityEntry,
  hausdorffDistanceEntry,
  normalizedSurfaceDiceEntry,
  averageSurfaceDistanceEntry,
  boundaryF1Entry,
  maskApEntry,
];
