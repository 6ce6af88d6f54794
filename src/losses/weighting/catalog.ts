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
  exports: ["UncertaintyWeighting", "uncertaintyWeightingLoss"],
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
/** Catalog entry of {@link Mgda} and {@link minNormWeights} (listed in `entries`). */
export const mgdaEntry = scheme({
  id: "weighting/mgda",
  title: "MGDA (multiple-gradient descent, min-norm weights)",
  formula:
    "\\alpha = \\arg\\min_{\\alpha \\in \\Delta} \\big\\|\\textstyle\\sum_t \\alpha_t \\nabla \\mathcal{L}_t\\big\\|_2^2",
  robustness: [
    "Finds a direction that decreases every task (Pareto-stationary when zero); no weights to tune, but one backward pass per task and it may favour tasks with small gradients (normalisations `l2`, `loss`, `loss+` counter that).",
  ],
  references: [
    {
      paper: "Sener & Koltun 2018, Multi-Task Learning as Multi-Objective Optimization",
      implementation: "MinNormSolver.find_min_norm_element_FW of the authors' code, number for number",
    },
  ],
  traits: ["multi-task", "gradient-balancing", "pareto"],
  exports: ["Mgda", "minNormWeights"],
});

/** Catalog entry of {@link CovWeighting} (listed in `entries`). */
export const covWeightingEntry = scheme({
  id: "weighting/cov_weighting",
  title: "Coefficient-of-variations weighting",
  formula:
    "\\alpha_i = \\frac{\\sigma_{\\ell_i} / \\mu_{\\ell_i}}{\\sum_j \\sigma_{\\ell_j} / \\mu_{\\ell_j}},\\; \\ell_i(t) = \\frac{\\mathcal{L}_i(t)}{\\mu_{\\mathcal{L}_i}(t-1)}",
  robustness: [
    "Needs no gradients or tuning: weights follow how much each loss ratio still varies; converged losses fade out, which can neglect a task that plateaus early.",
  ],
  references: [
    {
      paper: "Groenendijk et al. 2021, Multi-Loss Weighting with Coefficient of Variations",
      implementation: "the authors' CoVWeightingLoss (rickgroen/cov-weighting), step by step",
    },
  ],
  traits: ["multi-task", "statistics-based"],
  exports: ["CovWeighting"],
});

/** Catalog entry of {@link pcgrad} and {@link projectConflictingGradients} (listed in `entries`). */
export const pcgradEntry = scheme({
  id: "weighting/pcgrad",
  title: "PCGrad (projecting conflicting gradients)",
  formula:
    "g_i \\leftarrow g_i - \\frac{g_i \\cdot g_j}{\\|g_j\\|^2} g_j \\text{ if } g_i \\cdot g_j < 0,\\quad g = \\textstyle\\sum_i g_i",
  robustness: [
    "Removes only the conflicting components of task gradients, leaving agreeing ones alone; one backward pass per task; random projection order (seeded here).",
  ],
  references: [
    {
      paper: "Yu et al. 2020, Gradient Surgery for Multi-Task Learning",
      implementation: "Algorithm 1, checked against a torch 1.13 re-implementation with a fixed order",
    },
  ],
  traits: ["multi-task", "gradient-surgery"],
  exports: ["pcgrad", "projectConflictingGradients"],
});

/** Catalog entry of the class-weight helpers (listed in `entries`). */
export const classWeightsEntry = scheme({
  id: "weighting/class_weights",
  title: "Class weights for weighted CE, BCE and focal losses",
  tasks: ["classification", "segmentation"],
  differentiable: false,
  direction: "none",
  range: [0, Infinity],
  formula:
    "w_c = \\frac{N}{C n_c} \\text{ (balanced)},\\; \\frac{N}{n_c} \\text{ (inverse frequency)},\\; \\propto \\frac{1 - \\beta}{1 - \\beta^{n_c}} \\text{ (effective number)}",
  robustness: [
    "Counter class imbalance in the loss; inverse frequency over-weights very rare classes (noisy gradients), the effective number of samples saturates for large classes and interpolates with β.",
  ],
  references: [
    {
      paper: "King & Zeng 2001 (balanced)",
      implementation: "scikit-learn 1.2.1 compute_class_weight('balanced')",
    },
    {
      paper: "Cui et al. 2019, Class-Balanced Loss Based on Effective Number of Samples",
      implementation: "the authors' weights (normalised to sum C)",
    },
  ],
  traits: ["imbalanced", "class-weights"],
  exports: ["classWeights", "positiveWeights", "balancedFocalAlpha"],
});

export const entries: readonly CatalogEntry[] = [
  mgdaEntry,
  covWeightingEntry,
  pcgradEntry,
  classWeightsEntry,
  weightedSumEntry,
  uncertaintyWeightingEntry,
  gradNormEntry,
  dynamicWeightAverageEntry,
];
