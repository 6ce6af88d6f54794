import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { absRelMeta } from "./abs-rel.js";
import { badPixelRateMeta } from "./bad-pixel-rate.js";
import { deltaAccuracyMeta } from "./delta-accuracy.js";
import { depthRmseLogMeta, depthRmseMeta } from "./depth-rmse.js";
import { log10ErrorMeta } from "./log10-error.js";
import { silogMeta } from "./silog.js";
import { sqRelMeta } from "./sq-rel.js";
import { whdrMeta } from "./whdr.js";

/** Catalog entry of the absolute relative error. */
const absRelEntry: CatalogEntry = {
  ...metaFields(absRelMeta),
  title: "Absolute relative error (AbsRel)",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\sum_i \\frac{|d_i - d_i^*|}{d_i^*}",
  differentiable: true,
  robustness: ["Relative: errors on far objects count less"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["absRel", "absRelDef"],
};

/** Catalog entry of the squared relative error. */
const sqRelEntry: CatalogEntry = {
  ...metaFields(sqRelMeta),
  title: "Squared relative error (SqRel)",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\sum_i \\frac{(d_i - d_i^*)^2}{d_i^*}",
  differentiable: true,
  robustness: ["Squared: large errors dominate"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["sqRel", "sqRelDef"],
};

/** Catalog entry of the depth RMSE. */
const depthRmseEntry: CatalogEntry = {
  ...metaFields(depthRmseMeta),
  title: "Depth RMSE",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\sqrt{\\frac{1}{n}\\sum_i (d_i - d_i^*)^2}",
  differentiable: true,
  robustness: ["In metres; dominated by far, large errors"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["depthRmse", "depthRmseDef"],
};

/** Catalog entry of the depth RMSE of logarithms. */
const depthRmseLogEntry: CatalogEntry = {
  ...depthRmseEntry,
  id: depthRmseLogMeta.id,
  title: "Depth RMSE of logarithms (RMSE log)",
  formula: "\\sqrt{\\frac{1}{n}\\sum_i (\\log d_i - \\log d_i^*)^2}",
  robustness: ["Relative (log) errors: near and far weigh alike"],
  exports: ["depthRmseLog", "depthRmseLogDef"],
};

/** Catalog entry of the mean log10 error. */
const log10ErrorEntry: CatalogEntry = {
  ...metaFields(log10ErrorMeta),
  title: "Mean absolute log10 error",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\sum_i |\\log_{10} d_i - \\log_{10} d_i^*|",
  differentiable: false,
  robustness: ["Relative error in decades"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["log10Error", "log10ErrorDef"],
};

/** Catalog entry of the threshold (delta) accuracy. */
const deltaAccuracyEntry: CatalogEntry = {
  ...metaFields(deltaAccuracyMeta),
  title: "Threshold accuracy (δ < 1.25^k)",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\left|\\{i : \\max(d_i / d_i^*, d_i^* / d_i) < \\mathrm{thr}\\}\\right|",
  differentiable: false,
  robustness: ["Fraction of pixels within a ratio; thresholds 1.25, 1.25^2, 1.25^3"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["deltaAccuracy", "deltaAccuracyDef"],
};

/** Catalog entry of the scale-invariant log error. */
const silogEntry: CatalogEntry = {
  ...metaFields(silogMeta),
  title: "Scale-invariant logarithmic error (SILog)",
  kind: "metric",
  tasks: ["depth"],
  formula:
    "\\frac{1}{n}\\sum_i g_i^2 - \\lambda \\left(\\frac{1}{n}\\sum_i g_i\\right)^2,\\; g_i = \\log d_i - \\log d_i^*",
  differentiable: true,
  robustness: ["λ = 1 ignores a global scale factor entirely; λ = 0 is the plain log MSE"],
  references: [
    {
      paper: "Eigen, Puhrsch & Fergus 2014",
      implementation: "Eigen et al. 2014 evaluation conventions (numpy formula)",
    },
  ],
  exports: ["silog", "silogDef"],
};

/** Catalog entry of the bad-pixel rate. */
const badPixelRateEntry: CatalogEntry = {
  ...metaFields(badPixelRateMeta),
  title: "Bad-pixel rate (KITTI D1)",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{1}{n}\\sum_i [\\,|d_i - d_i^*| > \\tau_a \\wedge |d_i - d_i^*| / d_i^* > \\tau_r\\,]",
  differentiable: false,
  robustness: ["Counts gross errors only: insensitive to the size of an error past the thresholds"],
  references: [
    {
      paper: "Menze & Geiger 2015 (KITTI 2015 stereo benchmark)",
      implementation: "KITTI stereo devkit D1 outlier rate (3 px and 5%)",
    },
  ],
  exports: ["badPixelRate", "badPixelRateDef"],
};

/** Catalog entry of the weighted human disagreement rate. */
const whdrEntry: CatalogEntry = {
  ...metaFields(whdrMeta),
  title: "Weighted human disagreement rate (WHDR)",
  kind: "metric",
  tasks: ["depth"],
  formula: "\\frac{\\sum_i w_i [J_i \\ne \\hat J_{i,\\delta}(R)]}{\\sum_i w_i}",
  differentiable: false,
  robustness: [
    "Ordinal: only the relative reflectance of judged point pairs matters, weighted by annotator confidence",
  ],
  references: [
    {
      paper: "Bell, Bala & Snavely 2014 (Intrinsic Images in the Wild)",
      implementation: "IIW whdr.py compute_whdr (delta 0.10)",
    },
  ],
  exports: ["whdr", "whdrDef"],
};

/** Catalog entries of the depth metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  absRelEntry,
  sqRelEntry,
  depthRmseEntry,
  depthRmseLogEntry,
  log10ErrorEntry,
  deltaAccuracyEntry,
  silogEntry,
  badPixelRateEntry,
  whdrEntry,
];
