import type { Annotations } from "../annotation.js";

/** Survey section 12 (combining multiple loss functions). */
export const multiLoss: Annotations = {
  "weighting/weighted_sum": {
    survey: ["12"],
    flags: ["convex", "smooth"],
    usage: "Combine objectives with fixed weights (box + class, adversarial + perceptual, CE + Dice).",
    pros: ["Simple and transparent."],
    cons: ["Weights must be tuned to each loss's scale; an over-weighted term drowns the others."],
  },
  "weighting/uncertainty_weighting": {
    survey: ["12"],
    flags: ["smooth"],
    usage: "Learn task weights from homoscedastic uncertainty (Kendall et al. 2018).",
    pros: ["No manual tuning; insensitive to the losses' scales."],
    cons: ["Noisy tasks are down-weighted, which may not match their importance."],
  },
  "weighting/grad_norm": {
    survey: ["12"],
    flags: [],
    usage: "Learn task weights that balance gradient magnitudes and training rates (Chen et al. 2018).",
    pros: ["Balances tasks by their gradients, not their loss values."],
    cons: ["An extra backward pass per task on the shared layer; α to tune."],
  },
  "weighting/mgda": {
    survey: ["12"],
    flags: [],
    usage:
      "Multi-task training whose tasks pull the shared weights in different directions: each step, weight the task losses by the min-norm point of their gradients' convex hull (Sener & Koltun 2018).",
    pros: [
      "The combined gradient decreases every task at once (or is zero at a Pareto-stationary point).",
      "No loss weights to tune; the gradient normalisations (l2, loss, loss+) counter differing scales.",
      "MGDA-UB: gradients with respect to the shared representation instead of the weights cost one backward pass.",
    ],
    cons: [
      "One backward pass per task on the shared parameters (Frank–Wolfe solve on top, O(T²) per iteration).",
      "Stops at any Pareto-stationary point, not a chosen trade-off; tends to favour the tasks with the smallest gradients.",
    ],
  },
  "weighting/cov_weighting": {
    survey: ["12"],
    flags: [],
    usage:
      "Weigh several losses of one task (monocular depth, semantic segmentation) by the coefficient of variation of each loss's ratio to its running mean (Groenendijk et al. 2021).",
    pros: [
      "Needs no gradients, no extra parameters and no tuning: only the losses' values.",
      "Ratios to each loss's own mean are scale-free, so losses of different magnitudes are comparable.",
      "Losses that still change get the weight; ones that have settled fade out.",
    ],
    cons: [
      "Assumes every loss should keep decreasing: a loss that plateaus early loses its weight even if it matters.",
      "Uniform weights for the first steps, and statistics that adapt slowly after a change in training (learning-rate drops).",
    ],
  },
  "weighting/pcgrad": {
    survey: [],
    beyondSurvey:
      "Gradient surgery (Yu et al. 2020): a widely used answer to the conflicting task gradients the survey's section 12 describes, complementary to its weighting schemes.",
    flags: [],
    usage:
      "Multi-task training with conflicting gradients: where two task gradients point against each other, project one onto the normal plane of the other before summing.",
    pros: [
      "Changes only the conflicting components; agreeing gradients are summed unchanged.",
      "Model-agnostic and combinable with any loss weighting.",
    ],
    cons: [
      "One backward pass per task and T gradient copies of the shared parameters in memory.",
      "Does not balance gradient magnitudes: a dominant task still dominates where there is no conflict.",
      "The random projection order makes updates stochastic (seeded here).",
    ],
  },
  "weighting/class_weights": {
    survey: ["3.1.4"],
    flags: [],
    usage:
      "Turn training labels into class weights for weighted cross-entropy, BCE's pos_weight and focal α (balanced, inverse frequency, effective number of samples).",
    pros: [
      "Rare classes get their share of the gradient without resampling the data.",
      "The effective number of samples (Cui et al. 2019) interpolates between no weighting (β → 0) and inverse frequency (β → 1).",
      "scikit-learn's 'balanced' weights, number for number.",
    ],
    cons: [
      "Inverse frequency gives very rare classes huge weights: noisy gradients and over-predicted rare classes.",
      "Weights change the decision threshold the probabilities imply: recalibrate or pick the threshold on validation data.",
      "A class absent from the training labels has no finite weight (refused).",
    ],
    pairs: {
      "classification/balanced_accuracy":
        "per-class recall averaged, the quantity class weights aim to raise",
      "classification/average_precision":
        "ranking quality of the rare class, unaffected by the reweighting's threshold shift",
      "classification/fbeta": "precision and recall of the rare class at the chosen threshold",
    },
  },
  "weighting/dynamic_weight_average": {
    survey: [],
    beyondSurvey:
      "Dynamic weight average (Liu et al. 2019) is a gradient-free adaptive reweighting of the kind the survey's section 12 calls for.",
    flags: [],
    usage: "Reweight tasks each epoch by how fast their losses fall.",
    pros: ["Needs only epoch losses: no gradients, no extra parameters."],
    cons: ["Ignores loss scales; the temperature T needs tuning."],
  },
};
