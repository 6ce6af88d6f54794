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
