import type { Annotations } from "../annotation.js";

/** Survey section 2 (regression): losses 2.1, metrics 2.2; tables 4 and 5 of the survey. */
export const regression: Annotations = {
  "regression/concordance_correlation": {
    survey: [],
    beyondSurvey:
      "Lin's agreement coefficient, the standard in method-comparison studies, where correlation alone hides bias.",
    flags: ["smooth", "scale-invariant"],
    usage:
      "Judge whether predictions agree with targets, not merely move with them (calibration of a measuring model).",
    pros: [
      "Penalises a shift or a scale error that Pearson's r ignores.",
      "Bounded in [-1, 1] and unit-free.",
    ],
    cons: [
      "Squared deviations make it outlier-sensitive.",
      "Unstable on small samples with little target variance.",
    ],
    pairs: {
      "regression/pearson_correlation": "the gap between the two shows how much is bias or scale error",
    },
  },
  "regression/cosine_similarity": {
    survey: ["10.1.3"],
    flags: ["smooth", "scale-invariant"],
    usage:
      "Compare the direction of predicted and target vectors (embeddings, flow fields) when their length does not matter.",
    pros: ["Invariant to the scale of either vector.", "Bounded in [-1, 1]."],
    cons: [
      "Blind to magnitude errors: a prediction ten times too large scores 1.",
      "Undefined for a zero vector.",
    ],
  },
  "regression/d2_absolute_error": {
    survey: [],
    beyondSurvey:
      "The absolute-error counterpart of R² from scikit-learn, for a scale-free score that resists outliers.",
    flags: ["robust", "scale-invariant"],
    usage: "Report a scale-free 'fraction explained' when targets have outliers that would distort R².",
    pros: [
      "Absolute deviations: outliers weigh linearly.",
      "Comparable across datasets like R² (1 is perfect, 0 is the median predictor).",
    ],
    cons: ["Unbounded below.", "Less familiar to readers than R²."],
    pairs: { "regression/mean_absolute_error": "gives the error in target units behind the fraction" },
  },
  "regression/d2_pinball_score": {
    survey: [],
    beyondSurvey:
      "The quantile counterpart of R² from scikit-learn: the fraction of pinball loss (survey 2.1.6) a quantile model explains.",
    flags: ["robust", "scale-invariant"],
    usage: "Report a scale-free 'fraction explained' for quantile regression at level α.",
    pros: [
      "Comparable across datasets (1 is perfect, 0 is the constant α-quantile).",
      "Matches the loss a quantile model is trained with.",
    ],
    cons: ["Unbounded below.", "Needs every target for the quantile: O(n) state."],
    pairs: { "regression/mean_pinball_loss": "gives the loss in target units behind the fraction" },
  },
  "regression/d2_tweedie_score": {
    survey: [],
    beyondSurvey:
      "scikit-learn's fraction of Tweedie deviance explained, for count and positive targets (Poisson, Gamma) where R² misleads.",
    flags: ["scale-invariant"],
    usage: "Score Poisson, Gamma or compound models by the deviance they explain over the mean predictor.",
    pros: ["Uses the deviance of the model's own distribution.", "Power 0 is R²."],
    cons: ["Unbounded below; no finite convention for a constant target.", "One output only."],
    pairs: { "regression/tweedie_deviance": "gives the deviance behind the fraction" },
  },
  "regression/explained_variance": {
    survey: [],
    beyondSurvey:
      "A close sibling of R² (survey 2.2.4) reported by scikit-learn and torchmetrics; it differs only by ignoring a constant bias.",
    flags: ["smooth", "scale-invariant"],
    usage: "Check how much of the target's variance the model tracks, ignoring a constant offset.",
    pros: [
      "Scale-free, like R².",
      "Separates tracking the variation from being unbiased when read beside R².",
    ],
    cons: ["A model with a large constant bias can score 1.", "Squared errors: outlier-sensitive."],
    pairs: { "regression/r2_score": "a gap between the two reveals a constant bias" },
  },
  "regression/js_divergence": {
    survey: ["9.1.2"],
    flags: ["smooth"],
    usage: "Compare predicted and target probability distributions symmetrically, with a bounded score.",
    pros: ["Symmetric, unlike KL.", "Finite even where one distribution has zeros; bounded by ln 2."],
    cons: ["Saturates at ln 2 for disjoint supports, so it stops discriminating between bad predictions."],
  },
  "regression/kendall_tau": {
    survey: [],
    beyondSurvey:
      "A rank correlation for when only the ordering of predictions matters; standard in scipy and torchmetrics.",
    flags: ["robust", "scale-invariant", "not-differentiable"],
    usage: "Check that predictions order the samples as the targets do (ranking, ordinal targets).",
    pros: ["Invariant to any monotone transform.", "Robust to outliers; tie-corrected (tau-b)."],
    cons: ["Ignores the size of errors entirely.", "Quadratic cost in the naive form."],
  },
  "regression/kl_divergence": {
    survey: ["9.1.2"],
    flags: ["convex", "smooth"],
    usage: "Measure how far a predicted distribution q is from a target distribution p.",
    pros: ["The information-theoretic cost of coding p with q.", "Convex in q."],
    cons: [
      "Asymmetric: KL(p‖q) and KL(q‖p) rank models differently.",
      "Infinite where q is zero and p is not; needs smoothing.",
    ],
  },
  "regression/log_cosh_error": {
    survey: ["2.1.4"],
    flags: ["convex", "smooth", "robust"],
    usage: "Report the log-cosh objective as a metric when training with it.",
    pros: ["Quadratic near zero, linear for large errors.", "Smooth everywhere."],
    cons: ["Scale-dependent: the quadratic-to-linear switch happens at errors near 1 in target units."],
  },
  "regression/max_error": {
    survey: [],
    beyondSurvey: "The worst-case error, from scikit-learn, for safety limits.",
    flags: ["convex", "not-differentiable"],
    usage: "Check a worst-case tolerance (e.g. no prediction may be off by more than 5 units).",
    pros: ["Direct reading of the worst miss."],
    cons: [
      "Decided by one sample: the most outlier-sensitive metric there is.",
      "Says nothing about typical errors.",
    ],
  },
  "regression/mean_absolute_error": {
    survey: ["2.1.2"],
    flags: ["convex", "robust"],
    usage: "The default error in target units when outliers are present or errors are skewed.",
    pros: [
      "Large errors weigh linearly, so a few outliers cannot dominate.",
      "In target units and easy to explain.",
      "Minimised by the median.",
    ],
    cons: [
      "Scale-dependent: not comparable across targets of different units.",
      "Not differentiable at zero error.",
    ],
    pairs: { "regression/root_mean_squared_error": "RMSE well above MAE signals a few large errors" },
  },
  "regression/mean_absolute_percentage_error": {
    survey: ["2.2.2"],
    flags: ["scale-invariant"],
    usage: "Forecasting with strictly positive targets where errors relative to the target matter.",
    pros: [
      "Scale-free: comparable across series of different size.",
      "Easy to explain as an average percentage miss.",
    ],
    cons: [
      "Undefined at zero targets and explosive near them.",
      "Asymmetric: over-prediction can cost without bound, under-prediction at most 100%.",
      "A few small targets can dominate it.",
    ],
    pairs: {
      "regression/weighted_mean_absolute_percentage_error": "stays finite when some targets are near zero",
    },
  },
  "regression/mean_squared_error": {
    survey: ["2.1.1"],
    flags: ["convex", "smooth"],
    usage: "The standard error for roughly Gaussian noise without heavy outliers.",
    pros: ["Convex and smooth; minimised by the conditional mean.", "Decomposes into bias² plus variance."],
    cons: ["Squared errors: a few outliers dominate.", "In squared target units; scale-dependent."],
    pairs: { "regression/mean_absolute_error": "a robust view of the same residuals" },
  },
  "regression/root_mean_squared_error": {
    survey: ["2.2.1"],
    flags: ["convex", "smooth"],
    usage: "Report the typical error in target units while still penalising large errors more.",
    pros: ["Same units as the target.", "Penalises large errors more heavily than MAE."],
    cons: ["Outlier-sensitive.", "Mixes bias and variance into one number.", "Scale-dependent."],
    pairs: {
      "regression/mean_absolute_error": "RMSE/MAE near 1 means even errors; well above 1, a few large ones",
    },
  },
  "regression/mean_squared_log_error": {
    survey: [],
    beyondSurvey:
      "The relative-error loss of scikit-learn and Kaggle for targets that grow exponentially (sales, populations).",
    flags: ["smooth"],
    usage:
      "Targets spanning orders of magnitude where being off by 10% matters equally for small and large values.",
    pros: ["Approximately relative errors.", "Defined at zero thanks to log(1 + y)."],
    cons: [
      "Penalises under-prediction more than over-prediction.",
      "Only for targets and predictions above -1.",
    ],
  },
  "regression/root_mean_squared_log_error": {
    survey: [],
    beyondSurvey: "The root of MSLE, reported by scikit-learn; same use as MSLE.",
    flags: ["smooth"],
    usage: "Report MSLE on a log-ratio scale that reads like a typical relative error.",
    pros: ["Relative errors; defined at zero."],
    cons: ["Asymmetric like MSLE.", "Needs values above -1."],
  },
  "regression/median_absolute_error": {
    survey: [],
    beyondSurvey:
      "A maximally robust error from scikit-learn: half the samples may be outliers without changing it.",
    flags: ["robust", "not-differentiable"],
    usage: "Report the typical error when a large share of the data is corrupted.",
    pros: ["Breakdown point 50%: outliers do not move it."],
    cons: [
      "Ignores the worst half of the errors entirely.",
      "Not additive over batches (needs all residuals).",
    ],
  },
  "regression/minkowski_distance": {
    survey: [],
    beyondSurvey:
      "The Lp distance between prediction and target vectors (torchmetrics); p = 1 and 2 give L1 and Euclidean.",
    flags: ["convex"],
    usage: "Compare whole prediction and target vectors under a chosen Lp norm.",
    pros: ["One parameter moves between robust (p = 1) and outlier-weighted (large p) behaviour."],
    cons: ["A sum, not a mean: grows with the number of samples.", "Scale-dependent."],
  },
  "regression/normalized_root_mean_squared_error": {
    survey: ["2.2.1"],
    flags: ["smooth", "scale-invariant"],
    usage:
      "Compare RMSE across targets of different scale (the survey normalises by the standard deviation).",
    pros: ["Unit-free.", "Normalised by σ, values below 1 beat predicting the mean."],
    cons: [
      "Four normalisations exist (mean, range, σ, L2): always state which.",
      "Mean normalisation breaks for targets centred at 0.",
    ],
  },
  "regression/pearson_correlation": {
    survey: [],
    beyondSurvey:
      "Linear correlation, widely reported (torchmetrics, scipy) for how well predictions track targets.",
    flags: ["smooth", "scale-invariant"],
    usage: "Check that predictions move linearly with targets, whatever their offset and scale.",
    pros: ["Unit-free, bounded in [-1, 1]."],
    cons: ["Blind to bias and scale errors: y and 2y + 5 correlate perfectly.", "Outlier-sensitive."],
    pairs: { "regression/concordance_correlation": "adds the bias and scale errors Pearson ignores" },
  },
  "regression/mean_pinball_loss": {
    survey: ["2.1.5"],
    flags: ["convex", "robust", "not-differentiable"],
    usage: "Evaluate a predicted quantile (e.g. the 90th percentile of demand).",
    pros: ["The proper score for a quantile forecast.", "Linear penalties: robust to outliers."],
    cons: ["Meaningful only for the quantile level the model was trained for.", "Scale-dependent."],
  },
  "regression/r2_score": {
    survey: ["2.2.4", "2.2.5"],
    flags: ["convex", "smooth", "scale-invariant"],
    usage:
      "Report the fraction of target variance explained; with `adjusted` set to the number of predictors, compare models of different size.",
    pros: [
      "Scale-free: 1 is perfect, 0 is the mean predictor, negative is worse than the mean.",
      "Adjusted R² penalises predictors that do not reduce the residual sum of squares enough.",
    ],
    cons: [
      "Hides a systematic bias.",
      "Squared errors: outlier-sensitive.",
      "Plain R² never decreases when predictors are added; it was designed for linear models.",
      "Unstable on small samples.",
    ],
    pairs: {
      "regression/root_mean_squared_error": "gives the error in target units that R² normalises away",
    },
    fix: {
      formula:
        "R^2 = 1 - \\frac{\\sum_i (y_i - \\hat y_i)^2}{\\sum_i (y_i - \\bar y)^2};\\quad R^2_{adj} = 1 - (1 - R^2)\\frac{n - 1}{n - k - 1}",
      reason:
        "the definition's formula omits the adjusted form (survey 2.2.5) that its `adjusted` option computes",
    },
  },
  "regression/relative_squared_error": {
    survey: ["2.2.4"],
    flags: ["convex", "smooth", "scale-invariant"],
    usage: "Report the residual sum of squares relative to the mean predictor's (1 - R²).",
    pros: ["Scale-free; 1 means no better than predicting the mean."],
    cons: ["Same outlier sensitivity as R²."],
  },
  "regression/spearman_correlation": {
    survey: [],
    beyondSurvey: "Rank correlation (scipy, torchmetrics) for monotone but non-linear agreement.",
    flags: ["robust", "scale-invariant", "not-differentiable"],
    usage: "Check that predictions rank samples as the targets do, whatever the monotone distortion.",
    pros: ["Invariant to monotone transforms.", "Robust to outliers."],
    cons: ["Ignores error sizes.", "Ties need the average-rank correction."],
  },
  "regression/symmetric_mean_absolute_percentage_error": {
    survey: ["2.2.3"],
    flags: ["scale-invariant"],
    usage: "Forecast accuracy in relative terms when over- and under-prediction should cost alike.",
    pros: [
      "Bounded (0 to 2 here, 0 to 200% in the survey).",
      "Treats over- and under-forecasts of the same size symmetrically.",
    ],
    cons: ["Undefined when both target and prediction are 0.", "Still unstable when both are near zero."],
  },
  "regression/tweedie_deviance": {
    survey: ["2.1.6"],
    flags: ["smooth"],
    usage:
      "Evaluate count (power 1, Poisson deviance) or positive skewed (power 2, Gamma deviance) targets by their likelihood.",
    pros: ["Matches the likelihood of the target's distribution.", "Power 2 is scale-free."],
    cons: [
      "Requires positive predictions (and non-negative targets for power ≥ 1).",
      "Values are hard to read in isolation.",
    ],
  },
  "regression/weighted_mean_absolute_percentage_error": {
    survey: [],
    beyondSurvey:
      "The volume-weighted MAPE used in demand forecasting (torchmetrics), robust to near-zero targets.",
    flags: ["scale-invariant"],
    usage: "Relative error over a whole series when some individual targets are zero or tiny.",
    pros: ["Finite unless all targets are zero.", "Weights errors by volume, as businesses usually do."],
    cons: ["Dominated by the largest targets."],
  },
  "regression/mse_loss": {
    survey: ["2.1.1", "8.1.1"],
    flags: ["convex", "smooth"],
    alsoTasks: ["depth", "generation"],
    usage: "Train regressors when noise is roughly Gaussian and outliers are rare.",
    pros: [
      "Convex and smooth with a gradient proportional to the error.",
      "Its minimiser is the conditional mean.",
    ],
    cons: [
      "Outliers dominate the loss and the gradient.",
      "Scale-dependent: rescale targets before training.",
    ],
    pairs: {
      "regression/mean_squared_error": "the same quantity measured on held-out data",
      "regression/root_mean_squared_error": "the same criterion in target units",
      "regression/r2_score": "a scale-free reading of the squared error",
    },
  },
  "regression/l1_loss": {
    survey: ["2.1.2", "8.1.1"],
    flags: ["convex", "robust"],
    alsoTasks: ["depth"],
    usage: "Train regressors when outliers or skewed errors are present.",
    pros: ["Robust: outliers weigh linearly.", "Its minimiser is the conditional median."],
    cons: [
      "Constant gradient magnitude: can oscillate near the optimum without learning-rate decay.",
      "Not differentiable at zero.",
    ],
    pairs: {
      "regression/mean_absolute_error": "the same quantity measured on held-out data",
      "regression/median_absolute_error": "checks the typical error the median estimate achieves",
    },
  },
  "regression/huber_loss": {
    survey: ["2.1.3"],
    flags: ["convex", "robust"],
    alsoTasks: ["detection"],
    usage: "Train with a smooth loss that stays robust to occasional outliers.",
    pros: ["Quadratic for small errors, linear beyond δ: bounded gradient.", "Convex."],
    cons: [
      "δ must match the noise scale and needs tuning.",
      "Not scale-invariant; second derivative jumps at δ.",
    ],
    pairs: {
      "regression/mean_squared_error": "the inlier part of the loss is squared error",
      "regression/root_mean_squared_error": "reports typical errors in target units",
      "regression/mean_absolute_error": "the outlier part of the loss is absolute error",
      "regression/r2_score": "a scale-free summary of the fit",
    },
  },
  "regression/smooth_l1_loss": {
    survey: ["5.1.1", "2.1.3"],
    flags: ["convex", "robust"],
    alsoTasks: ["detection"],
    usage: "Robust regression with a gradient bounded by 1 (Fast R-CNN box offsets).",
    pros: ["Huber divided by β: slope 1 beyond β whatever β is.", "Less sensitive to outliers than MSE."],
    cons: ["β needs tuning; as β → 0 it becomes L1.", "Not scale-invariant."],
    pairs: {
      "regression/mean_absolute_error": "large errors are penalised as in MAE",
      "detection/coco_map": "the detection metric its box offsets serve",
    },
  },
  "regression/log_cosh_loss": {
    survey: ["2.1.4"],
    flags: ["convex", "smooth", "robust"],
    usage: "A Huber-like robust loss without a threshold and with smooth second derivatives.",
    pros: ["Twice differentiable everywhere.", "Robust to moderate outliers."],
    cons: [
      "The switch from quadratic to linear is fixed near |error| = 1: scale the targets.",
      "More sensitive to small errors than Huber.",
    ],
    pairs: {
      "regression/log_cosh_error": "the same quantity measured on held-out data",
      "regression/mean_absolute_error": "large errors behave like absolute errors",
      "regression/mean_squared_error": "small errors behave like half the squared error",
    },
  },
  "regression/quantile_loss": {
    survey: ["2.1.5"],
    flags: ["convex", "robust"],
    usage: "Predict a conditional quantile or the bounds of a prediction interval.",
    pros: [
      "Estimates the q-th quantile; q = 0.5 gives the median.",
      "Asymmetric costs for under- and over-prediction.",
      "Robust to outliers.",
    ],
    cons: ["One quantile per output: intervals need several heads.", "Not differentiable at zero error."],
    pairs: {
      "regression/mean_pinball_loss": "the same criterion at the same quantile on held-out data",
      "regression/mean_absolute_error": "at q = 0.5 the loss is half the MAE",
    },
  },
  "regression/poisson_nll_loss": {
    survey: ["2.1.6"],
    flags: ["convex", "smooth"],
    usage: "Train on counts (events per interval) with a log-rate output.",
    pros: ["The likelihood of count data.", "With log input, predictions are positive by construction."],
    cons: [
      "Assumes variance equal to the mean (overdispersed data needs another likelihood).",
      "Without `full` the value can be negative.",
    ],
    pairs: {
      "regression/tweedie_deviance": "power 1 is the Poisson deviance on held-out data",
      "regression/mean_absolute_error": "the error in counts, easy to explain",
    },
  },
  "regression/gaussian_nll_loss": {
    survey: [],
    beyondSurvey:
      "Heteroscedastic regression (Nix & Weigend 1994) in PyTorch: predicting a variance per sample.",
    flags: ["smooth", "robust"],
    usage: "Predict a mean and a variance per sample when noise varies across inputs.",
    pros: ["Learns where the model is uncertain.", "A large predicted variance discounts outliers."],
    cons: ["The variance can collapse on easy points; needs a floor (eps).", "Unbounded below."],
    pairs: {
      "regression/mean_squared_error": "checks the mean prediction",
      "regression/r2_score": "scale-free summary of the mean prediction",
    },
  },
};
