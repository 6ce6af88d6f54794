import type { CatalogEntry } from "../../catalog/types.js";
import { entryBuilder } from "../catalog-entry.js";

/* Catalog entries of the multi-loss weighting schemes. Kept free of TensorFlow.js imports so the catalog loads without it. */

const scheme = entryBuilder({
  kind: "weighting",
  direction: "lower",
  differentiable: true,
  tasks: ["multi-loss"],
  range: [-Infinity, Infinity],
});

/** Catalog entry of the weightedSum concept (listed in `entries`). */
export const weightedSumEntry = scheme({
  id: "weighting/weighted_sum",
  title: "Weighted sum of losses",
  formula: "\\sum_i w_i \\mathcal{L}_i",
  robustness: ["Fixed weights must be tuned to each loss's scale; a large-scale loss dominates otherwise."],
  references: [{ paper: "standard practice" }],
  traits: ["multi-task", "fixed-weights"],
  exports: ["weightedSum"],
});

/** Catalog entry of the uncertaintyWeighting concept (listed in `entries`). */
export const uncertaintyWeightingEntry = scheme({
  id: "weighting/uncertainty_weighting",
  title: "Homoscedastic uncertainty weighting",
  formula: "\\sum_i c_i e^{-s_i} \\mathcal{L}_i + \\tfrac12 s_i,\\; s_i = \\log\\sigma_i^2",
  robustness: [
    "Learns the weights; noisier tasks (higher loss) are down-weighted; scale-invariant in the task losses.",
  ],
  references: [{ paper: "Kendall, Gal & Cipolla 2018" }],
  traits: ["multi-task", "learned-weights", "uncertainty"],
  exports: ["UncertaintyWeighting"],
});

/** Catalog entry of the gradNorm concept (listed in `entries`). */
export const gradNormEntry = scheme({
  id: "weighting/grad_norm",
  title: "GradNorm",
  formula: "\\sum_i |G_i - \\bar G\\, r_i^{\\alpha}|,\\; G_i = \\|\\nabla_W w_i \\mathcal{L}_i\\|",
  robustness: [
    "Balances gradient magnitudes and training rates across tasks; needs one extra backward pass per task on the shared layer.",
  ],
  references: [{ paper: "Chen et al. 2018" }],
  traits: ["multi-task", "learned-weights", "gradient-balancing"],
  exports: ["GradNorm"],
});

/** Catalog entry of the dynamicWeightAverage concept (listed in `entries`). */
export const dynamicWeightAverageEntry = scheme({
  id: "weighting/dynamic_weight_average",
  title: "Dynamic weight average",
  formula:
    "w_k(t) = K\\frac{\\exp(r_k(t-1)/T)}{\\sum_i \\exp(r_i(t-1)/T)},\\; r_k = \\frac{\\mathcal{L}_k(t-1)}{\\mathcal{L}_k(t-2)}",
  robustness: [
    "Needs only epoch losses (no gradients); favours tasks whose loss falls slowly; ignores loss scales.",
  ],
  references: [{ paper: "Liu, Johns & Davison 2019 (MTAN)" }],
  traits: ["multi-task", "adaptive-weights"],
  exports: ["DynamicWeightAverage"],
});

/** Catalog entries of the multi-loss weighting schemes. */
export const entries: readonly CatalogEntry[] = [
  weightedSumEntry,
  uncertaintyWeightingEntry,
  gradNormEntry,
  dynamicWeightAverageEntry,
];
