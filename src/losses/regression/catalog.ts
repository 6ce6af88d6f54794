import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder, torchReference as torch } from "../catalog-entry.js";

/* Catalog entries of the regression losses. Kept free of TensorFlow.js imports so the catalog loads without it. */

const loss = lossEntryBuilder(["regression"]);

const regressionMetrics = [
  "regression/mean_squared_error",
  "regression/root_mean_squared_error",
  "regression/mean_absolute_error",
  "regression/r2_score",
];

/** Catalog entry of the mseLoss concept (listed in `entries`). */
export const mseLossEntry = loss({
  id: "regression/mse_loss",
  title: "Mean squared error loss",
  formula: "\\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2",
  range: [0, Infinity],
  robustness: [
    "Quadratic growth: a few outliers dominate the loss and the gradient.",
    "Estimates the conditional mean; optimal under Gaussian noise.",
  ],
  references: [{ paper: "Gauss/Legendre least squares", implementation: torch("F.mse_loss") }],
  pairsWith: ["regression/mean_squared_error", "regression/root_mean_squared_error", "regression/r2_score"],
  traits: ["gaussian-noise", "smooth"],
  exports: ["mseLoss", "mseLossFactory"],
});

/** Catalog entry of the l1Loss concept (listed in `entries`). */
export const l1LossEntry = loss({
  id: "regression/l1_loss",
  title: "Mean absolute error loss",
  formula: "\\frac{1}{n}\\sum_i |\\hat y_i - y_i|",
  range: [0, Infinity],
  robustness: [
    "Robust to outliers (linear growth); estimates the conditional median.",
    "Constant gradient magnitude: can oscillate near the optimum; not differentiable at 0 (subgradient 0).",
  ],
  references: [{ implementation: torch("F.l1_loss") }],
  pairsWith: ["regression/mean_absolute_error", "regression/median_absolute_error"],
  traits: ["outliers", "robust"],
  exports: ["l1Loss", "l1LossFactory"],
});

/** Catalog entry of the huberLoss concept (listed in `entries`). */
export const huberLossEntry = loss({
  id: "regression/huber_loss",
  title: "Huber loss",
  tasks: ["regression", "detection"],
  formula:
    "\\begin{cases} \\tfrac12 r^2 & |r| \\le \\delta \\\\ \\delta(|r| - \\tfrac12\\delta) & \\text{otherwise} \\end{cases}",
  range: [0, Infinity],
  robustness: [
    "Quadratic for small residuals, linear for outliers: bounded gradient.",
    "delta must match the noise scale.",
  ],
  references: [{ paper: "Huber 1964", implementation: torch("F.huber_loss") }],
  pairsWith: regressionMetrics,
  traits: ["outliers", "robust", "smooth"],
  exports: ["huberLoss", "huberLossFactory"],
});

/** Catalog entry of the smoothL1Loss concept (listed in `entries`). */
export const smoothL1LossEntry = loss({
  id: "regression/smooth_l1_loss",
  title: "Smooth L1 loss",
  tasks: ["regression", "detection"],
  formula:
    "\\begin{cases} 0.5 r^2/\\beta & |r| < \\beta \\\\ |r| - 0.5\\beta & \\text{otherwise} \\end{cases}",
  range: [0, Infinity],
  robustness: [
    "Huber(delta = beta) / beta: gradient bounded by 1, less sensitive to outliers than MSE.",
    "Fast R-CNN's box regression loss.",
  ],
  references: [{ paper: "Girshick 2015 (Fast R-CNN)", implementation: torch("F.smooth_l1_loss") }],
  pairsWith: ["regression/mean_absolute_error", "detection/coco_map"],
  traits: ["outliers", "robust", "boxes"],
  exports: ["smoothL1Loss", "smoothL1LossFactory"],
});

/** Catalog entry of the logCoshLoss concept (listed in `entries`). */
export const logCoshLossEntry = loss({
  id: "regression/log_cosh_loss",
  title: "Log-cosh loss",
  formula: "\\frac{1}{n}\\sum_i \\log\\cosh(\\hat y_i - y_i)",
  range: [0, Infinity],
  robustness: ["Like MSE/2 near zero and |r| - log 2 for outliers; twice differentiable everywhere."],
  references: [{ implementation: "formula via torch 2.11 autograd; Keras LogCosh" }],
  pairsWith: ["regression/log_cosh_error", "regression/mean_absolute_error", "regression/mean_squared_error"],
  traits: ["outliers", "robust", "smooth"],
  exports: ["logCoshLoss", "logCoshLossFactory"],
});

/** Catalog entry of the quantileLoss concept (listed in `entries`). */
export const quantileLossEntry = loss({
  id: "regression/quantile_loss",
  title: "Quantile (pinball) loss",
  formula: "\\frac{1}{n}\\sum_i \\max(q (y_i - \\hat y_i), (q-1)(y_i - \\hat y_i))",
  range: [0, Infinity],
  robustness: [
    "Estimates the q-th conditional quantile (q = 0.5: the median); robust to outliers.",
    "Asymmetric: penalises under- and over-prediction differently, for prediction intervals.",
  ],
  references: [
    {
      paper: "Koenker & Bassett 1978",
      implementation: "formula via torch 2.11 autograd (torch.maximum tie split)",
    },
  ],
  pairsWith: ["regression/mean_pinball_loss", "regression/mean_absolute_error"],
  traits: ["outliers", "intervals", "asymmetric"],
  exports: ["quantileLoss", "quantileLossFactory"],
});

/** Catalog entry of the poissonNllLoss concept (listed in `entries`). */
export const poissonNllLossEntry = loss({
  id: "regression/poisson_nll_loss",
  title: "Poisson negative log-likelihood",
  formula: "e^{x} - y x \\; (\\text{log input}) \\;\\text{or}\\; x - y\\log(x + \\epsilon)",
  range: [-Infinity, Infinity],
  robustness: [
    "For counts; variance grows with the mean.",
    "Without `full` the Stirling term is dropped, so the value can be negative.",
  ],
  references: [{ implementation: torch("F.poisson_nll_loss") }],
  pairsWith: ["regression/tweedie_deviance", "regression/mean_absolute_error"],
  traits: ["counts", "probabilistic"],
  exports: ["poissonNllLoss", "poissonNllLossFactory"],
});

/** Catalog entry of the gaussianNllLoss concept (listed in `entries`). */
export const gaussianNllLossEntry = loss({
  id: "regression/gaussian_nll_loss",
  title: "Gaussian negative log-likelihood",
  formula:
    "\\tfrac12\\left(\\log \\max(\\sigma^2, \\epsilon) + \\frac{(\\hat y - y)^2}{\\max(\\sigma^2, \\epsilon)}\\right)",
  range: [-Infinity, Infinity],
  robustness: [
    "Heteroscedastic: a large predicted variance discounts outliers.",
    "Can collapse the variance on easy points; clamp eps guards division by zero.",
  ],
  references: [{ paper: "Nix & Weigend 1994", implementation: torch("F.gaussian_nll_loss") }],
  pairsWith: ["regression/mean_squared_error", "regression/r2_score"],
  traits: ["probabilistic", "uncertainty", "outliers"],
  exports: ["gaussianNllLoss", "gaussianNllLossFactory"],
});

/** Catalog entries of the regression losses. */
export const entries: readonly CatalogEntry[] = [
  mseLossEntry,
  l1LossEntry,
  huberLossEntry,
  smoothL1LossEntry,
  logCoshLossEntry,
  quantileLossEntry,
  poissonNllLossEntry,
  gaussianNllLossEntry,
];
