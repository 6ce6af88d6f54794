import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { concordanceCorrelationMeta } from "./concordance-correlation.js";
import { cosineSimilarityMeta } from "./cosine-similarity.js";
import { d2AbsoluteErrorMeta } from "./d2-absolute-error.js";
import { d2PinballScoreMeta } from "./d2-pinball-score.js";
import { d2TweedieScoreMeta } from "./d2-tweedie-score.js";
import { explainedVarianceMeta } from "./explained-variance.js";
import { jsDivergenceMeta } from "./js-divergence.js";
import { kendallTauMeta } from "./kendall-tau.js";
import { klDivergenceMeta } from "./kl-divergence.js";
import { logCoshErrorMeta } from "./log-cosh-error.js";
import { maxErrorMeta } from "./max-error.js";
import { meanAbsoluteErrorMeta } from "./mean-absolute-error.js";
import { meanAbsolutePercentageErrorMeta } from "./mean-absolute-percentage-error.js";
import { meanSquaredErrorMeta, rootMeanSquaredErrorMeta } from "./mean-squared-error.js";
import { meanSquaredLogErrorMeta, rootMeanSquaredLogErrorMeta } from "./mean-squared-log-error.js";
import { medianAbsoluteErrorMeta } from "./median-absolute-error.js";
import { minkowskiDistanceMeta } from "./minkowski-distance.js";
import { normalizedRootMeanSquaredErrorMeta } from "./normalized-root-mean-squared-error.js";
import { pearsonCorrelationMeta } from "./pearson-correlation.js";
import { meanPinballLossMeta } from "./pinball-loss.js";
import { r2ScoreMeta } from "./r2-score.js";
import { relativeSquaredErrorMeta } from "./relative-squared-error.js";
import { spearmanCorrelationMeta } from "./spearman-correlation.js";
import { symmetricMeanAbsolutePercentageErrorMeta } from "./symmetric-mean-absolute-percentage-error.js";
import { tweedieDevianceMeta } from "./tweedie-deviance.js";
import { weightedMeanAbsolutePercentageErrorMeta } from "./weighted-mean-absolute-percentage-error.js";

/** Catalog entry of Lin's concordance correlation coefficient. */
const concordanceCorrelationEntry: CatalogEntry = {
  ...metaFields(concordanceCorrelationMeta),
  title: "Concordance correlation coefficient (Lin)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{2 s_{xy}}{s_x^2 + s_y^2 + (\\bar x - \\bar y)^2}",
  differentiable: true,
  robustness: ["Penalises bias and scale errors as well as lack of correlation"],
  references: [{ paper: "Lin 1989", implementation: "torchmetrics 1.9.0 ConcordanceCorrCoef" }],
  traits: ["agreement"],
  exports: ["concordanceCorrelation", "concordanceCorrelationDef"],
};

/** Catalog entry of the cosine similarity. */
const cosineSimilarityEntry: CatalogEntry = {
  ...metaFields(cosineSimilarityMeta),
  title: "Cosine similarity",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{\\sum_i x_i y_i}{\\sqrt{\\sum_i x_i^2}\\sqrt{\\sum_i y_i^2}}",
  differentiable: true,
  robustness: ["Direction only: invariant to the scale of either vector"],
  references: [
    {
      implementation:
        "torchmetrics 1.9.0 CosineSimilarity (not negated, unlike the Keras/TensorFlow.js loss)",
    },
  ],
  traits: ["direction"],
  exports: ["cosineSimilarity", "cosineSimilarityDef"],
};

/** Catalog entry of the D² absolute error score. */
const d2AbsoluteErrorEntry: CatalogEntry = {
  ...metaFields(d2AbsoluteErrorMeta),
  title: "D² absolute error score",
  kind: "metric",
  tasks: ["regression"],
  formula: "1 - \\frac{\\sum_i |y_i - \\hat y_i|}{\\sum_i |y_i - \\mathrm{median}(y)|}",
  differentiable: false,
  robustness: ["The absolute-error analogue of R²: fraction of absolute deviation explained"],
  references: [{ implementation: "scikit-learn 1.9.1 d2_absolute_error_score" }],
  traits: ["robust", "scale-free"],
  exports: ["d2AbsoluteError", "d2AbsoluteErrorDef"],
};

/** Catalog entry of the D² pinball score. */
const d2PinballScoreEntry: CatalogEntry = {
  ...metaFields(d2PinballScoreMeta),
  title: "D² pinball score",
  kind: "metric",
  tasks: ["regression"],
  formula: "1 - \\frac{\\sum_i \\rho_\\alpha(y_i - \\hat y_i)}{\\sum_i \\rho_\\alpha(y_i - q_\\alpha(y))}",
  differentiable: false,
  robustness: ["The pinball-loss analogue of R²: fraction of quantile loss explained"],
  references: [{ implementation: "scikit-learn 1.2.1 d2_pinball_score" }],
  traits: ["quantiles", "scale-free"],
  exports: ["d2PinballScore", "d2PinballScoreDef"],
};

/** Catalog entry of the D² Tweedie score. */
const d2TweedieScoreEntry: CatalogEntry = {
  ...metaFields(d2TweedieScoreMeta),
  title: "D² Tweedie score",
  kind: "metric",
  tasks: ["regression"],
  formula: "1 - \\frac{\\sum_i d_p(y_i, \\hat y_i)}{\\sum_i d_p(y_i, \\bar y)}",
  differentiable: true,
  robustness: ["Fraction of Tweedie deviance explained; power 0 is R², 1 Poisson, 2 Gamma"],
  references: [{ implementation: "scikit-learn 1.2.1 d2_tweedie_score" }],
  traits: ["scale-free"],
  exports: ["d2TweedieScore", "d2TweedieScoreDef"],
};

/** Catalog entry of the explained variance score. */
const explainedVarianceEntry: CatalogEntry = {
  ...metaFields(explainedVarianceMeta),
  title: "Explained variance score",
  kind: "metric",
  tasks: ["regression"],
  formula: "1 - \\frac{\\mathrm{Var}(y - \\hat y)}{\\mathrm{Var}(y)}",
  differentiable: true,
  robustness: ["Ignores a constant bias in the predictions (unlike R²)"],
  references: [
    { implementation: "torchmetrics 1.9.0 ExplainedVariance; scikit-learn 1.9.1 explained_variance_score" },
  ],
  traits: ["scale-free"],
  exports: ["explainedVariance", "explainedVarianceDef"],
};

/** Catalog entry of the Jensen-Shannon divergence. */
const jsDivergenceEntry: CatalogEntry = {
  ...metaFields(jsDivergenceMeta),
  title: "Jensen-Shannon divergence",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\tfrac12 KL(p \\| m) + \\tfrac12 KL(q \\| m),\\; m = \\tfrac12 (p + q)",
  differentiable: true,
  robustness: ["Symmetric and bounded by log 2 (natural log)"],
  references: [{ implementation: "torchmetrics 1.9.0 JensenShannonDivergence" }],
  traits: ["distribution"],
  exports: ["jsDivergence", "jsDivergenceDef"],
};

/** Catalog entry of Kendall's tau-b. */
const kendallTauEntry: CatalogEntry = {
  ...metaFields(kendallTauMeta),
  title: "Kendall rank correlation (tau-a, tau-b, tau-c) and its test",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{n_c - n_d}{\\sqrt{(n_0 - n_1)(n_0 - n_2)}}",
  differentiable: false,
  robustness: ["Pairwise ordering agreement, corrected for ties in either variable"],
  references: [
    {
      paper: "Knight 1966",
      implementation:
        "torchmetrics 1.9 kendall_rank_corrcoef (variants a, b, c; t_test); scipy 1.10 kendalltau",
    },
  ],
  traits: ["correlation", "rank"],
  exports: ["kendallTau", "kendallTauDef"],
};

/** Catalog entry of the KL divergence. */
const klDivergenceEntry: CatalogEntry = {
  ...metaFields(klDivergenceMeta),
  title: "Kullback-Leibler divergence",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\sum_j p_j \\log\\frac{p_j}{q_j}",
  differentiable: true,
  robustness: ["Asymmetric; infinite where q = 0 and p > 0"],
  references: [{ implementation: "torchmetrics 1.9.0 KLDivergence" }],
  traits: ["distribution"],
  exports: ["klDivergence", "klDivergenceDef"],
};

/** Catalog entry of the log-cosh error. */
const logCoshErrorEntry: CatalogEntry = {
  ...metaFields(logCoshErrorMeta),
  title: "Log-cosh error",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i \\log\\cosh(\\hat y_i - y_i)",
  differentiable: true,
  robustness: ["Quadratic for small errors, linear for large ones (like Huber, but smooth everywhere)"],
  references: [{ implementation: "torchmetrics 1.9.0 LogCoshError" }],
  traits: ["robust", "smooth"],
  exports: ["logCoshError", "logCoshErrorDef"],
};

/** Catalog entry of the max error. */
const maxErrorEntry: CatalogEntry = {
  ...metaFields(maxErrorMeta),
  title: "Max error",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\max_i |y_i - \\hat y_i|",
  differentiable: false,
  robustness: ["The worst case: one outlier decides it"],
  references: [{ implementation: "scikit-learn 1.9.1 max_error" }],
  traits: ["worst-case"],
  exports: ["maxError", "maxErrorDef"],
};

/** Catalog entry of the mean absolute error. */
const meanAbsoluteErrorEntry: CatalogEntry = {
  ...metaFields(meanAbsoluteErrorMeta),
  title: "Mean absolute error (MAE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i |y_i - \\hat y_i|",
  differentiable: false,
  robustness: ["Less sensitive to outliers than MSE", "In target units"],
  references: [
    { implementation: "torchmetrics 1.9.0 MeanAbsoluteError; scikit-learn 1.9.1 mean_absolute_error" },
  ],
  traits: ["robust", "scale-dependent"],
  exports: ["meanAbsoluteError", "meanAbsoluteErrorDef"],
};

/** Catalog entry of the mean absolute percentage error. */
const meanAbsolutePercentageErrorEntry: CatalogEntry = {
  ...metaFields(meanAbsolutePercentageErrorMeta),
  title: "Mean absolute percentage error (MAPE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i \\frac{|y_i - \\hat y_i|}{\\max(|y_i|, \\epsilon)}",
  differentiable: false,
  robustness: [
    "Scale-free, but explodes for targets near zero",
    "Asymmetric: over-predictions are penalised more than under-predictions",
  ],
  references: [
    {
      implementation:
        "scikit-learn 1.9.1 mean_absolute_percentage_error (epsilon = float64 machine epsilon); torchmetrics 1.9.0 MeanAbsolutePercentageError (epsilon 1.17e-6)",
    },
  ],
  traits: ["scale-free", "zero-sensitive"],
  exports: ["meanAbsolutePercentageError", "meanAbsolutePercentageErrorDef"],
};

/** Catalog entry of the mean squared error. */
const meanSquaredErrorEntry: CatalogEntry = {
  ...metaFields(meanSquaredErrorMeta),
  title: "Mean squared error (MSE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2",
  differentiable: true,
  robustness: ["Squares the errors, so outliers dominate", "In squared target units"],
  references: [
    { implementation: "torchmetrics 1.9.0 MeanSquaredError; scikit-learn 1.9.1 mean_squared_error" },
  ],
  traits: ["outlier-sensitive", "scale-dependent"],
  exports: ["meanSquaredError", "meanSquaredErrorDef"],
};

/** Catalog entry of the root mean squared error. */
const rootMeanSquaredErrorEntry: CatalogEntry = {
  ...meanSquaredErrorEntry,
  id: rootMeanSquaredErrorMeta.id,
  title: "Root mean squared error (RMSE)",
  formula: "\\sqrt{\\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2}",
  robustness: ["Squares the errors, so outliers dominate", "In target units"],
  references: [
    {
      implementation:
        "torchmetrics 1.9.0 MeanSquaredError(squared=False); scikit-learn 1.9.1 root_mean_squared_error",
    },
  ],
  exports: ["rootMeanSquaredError", "rootMeanSquaredErrorDef"],
};

/** Catalog entry of the mean squared logarithmic error. */
const meanSquaredLogErrorEntry: CatalogEntry = {
  ...metaFields(meanSquaredLogErrorMeta),
  title: "Mean squared logarithmic error (MSLE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i (\\log(1 + y_i) - \\log(1 + \\hat y_i))^2",
  differentiable: true,
  robustness: [
    "Relative errors: penalises under-prediction more than over-prediction",
    "For targets spanning orders of magnitude",
  ],
  references: [
    { implementation: "scikit-learn 1.9.1 mean_squared_log_error; torchmetrics 1.9.0 MeanSquaredLogError" },
  ],
  traits: ["relative-error", "growth"],
  exports: ["meanSquaredLogError", "meanSquaredLogErrorDef"],
};

/** Catalog entry of the root mean squared logarithmic error. */
const rootMeanSquaredLogErrorEntry: CatalogEntry = {
  ...meanSquaredLogErrorEntry,
  id: rootMeanSquaredLogErrorMeta.id,
  title: "Root mean squared logarithmic error (RMSLE)",
  formula: "\\sqrt{\\frac{1}{n}\\sum_i (\\log(1 + y_i) - \\log(1 + \\hat y_i))^2}",
  references: [{ implementation: "scikit-learn 1.9.1 root_mean_squared_log_error" }],
  exports: ["rootMeanSquaredLogError", "rootMeanSquaredLogErrorDef"],
};

/** Catalog entry of the median absolute error. */
const medianAbsoluteErrorEntry: CatalogEntry = {
  ...metaFields(medianAbsoluteErrorMeta),
  title: "Median absolute error",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\mathrm{median}_i |y_i - \\hat y_i|",
  differentiable: false,
  robustness: ["Robust to outliers (breakdown point 50%)"],
  references: [{ implementation: "scikit-learn 1.9.1 median_absolute_error" }],
  traits: ["robust"],
  exports: ["medianAbsoluteError", "medianAbsoluteErrorDef"],
};

/** Catalog entry of the Minkowski distance. */
const minkowskiDistanceEntry: CatalogEntry = {
  ...metaFields(minkowskiDistanceMeta),
  title: "Minkowski distance",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\left(\\sum_i |y_i - \\hat y_i|^p\\right)^{1/p}",
  differentiable: true,
  robustness: ["A sum, not a mean: grows with n", "p = 1 is the L1 distance, p = 2 Euclidean"],
  references: [{ implementation: "torchmetrics 1.9.0 MinkowskiDistance" }],
  exports: ["minkowskiDistance", "minkowskiDistanceDef"],
};

/** Catalog entry of the normalized RMSE. */
const normalizedRootMeanSquaredErrorEntry: CatalogEntry = {
  ...metaFields(normalizedRootMeanSquaredErrorMeta),
  title: "Normalized root mean squared error (NRMSE)",
  kind: "metric",
  tasks: ["regression"],
  formula:
    "\\frac{\\mathrm{RMSE}}{\\bar y \\mid y_{max} - y_{min} \\mid \\sigma_y \\mid \\lVert y \\rVert_2}",
  differentiable: true,
  robustness: [
    "Comparable across targets of different scale",
    "`mean` normalisation breaks for targets centred at 0",
  ],
  references: [{ implementation: "torchmetrics 1.9.0 NormalizedRootMeanSquaredError" }],
  traits: ["scale-free"],
  exports: ["normalizedRootMeanSquaredError", "normalizedRootMeanSquaredErrorDef"],
};

/** Catalog entry of the Pearson correlation coefficient. */
const pearsonCorrelationEntry: CatalogEntry = {
  ...metaFields(pearsonCorrelationMeta),
  title: "Pearson correlation coefficient",
  kind: "metric",
  tasks: ["regression"],
  formula:
    "\\frac{\\sum_i (x_i - \\bar x)(y_i - \\bar y)}{\\sqrt{\\sum_i (x_i - \\bar x)^2 \\sum_i (y_i - \\bar y)^2}}",
  differentiable: true,
  robustness: ["Linear association only; blind to bias and scale errors", "Outlier-sensitive"],
  references: [{ implementation: "torchmetrics 1.9.0 PearsonCorrCoef; scipy 1.18.1 pearsonr" }],
  traits: ["correlation", "scale-free"],
  exports: ["pearsonCorrelation", "pearsonCorrelationDef"],
};

/** Catalog entry of the mean pinball (quantile) loss. */
const meanPinballLossEntry: CatalogEntry = {
  ...metaFields(meanPinballLossMeta),
  title: "Mean pinball (quantile) loss",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{1}{n}\\sum_i \\alpha \\max(y_i - \\hat y_i, 0) + (1 - \\alpha) \\max(\\hat y_i - y_i, 0)",
  differentiable: false,
  robustness: ["Evaluates a predicted alpha-quantile; alpha = 0.5 is half the MAE"],
  references: [{ implementation: "scikit-learn 1.9.1 mean_pinball_loss" }],
  traits: ["quantile", "robust"],
  exports: ["meanPinballLoss", "meanPinballLossDef"],
};

/** Catalog entry of the coefficient of determination. */
const r2ScoreEntry: CatalogEntry = {
  ...metaFields(r2ScoreMeta),
  title: "Coefficient of determination (R²)",
  kind: "metric",
  tasks: ["regression"],
  formula: "1 - \\frac{\\sum_i (y_i - \\hat y_i)^2}{\\sum_i (y_i - \\bar y)^2}",
  differentiable: true,
  robustness: [
    "Scale-free; negative when worse than predicting the mean",
    "Squared errors: outlier-sensitive",
  ],
  references: [{ implementation: "torchmetrics 1.9.0 R2Score; scikit-learn 1.9.1 r2_score" }],
  traits: ["scale-free", "explained-variance"],
  exports: ["r2Score", "r2ScoreDef"],
};

/** Catalog entry of the relative squared error. */
const relativeSquaredErrorEntry: CatalogEntry = {
  ...metaFields(relativeSquaredErrorMeta),
  title: "Relative squared error (RSE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{\\sum_i (y_i - \\hat y_i)^2}{\\sum_i (y_i - \\bar y)^2}",
  differentiable: true,
  robustness: ["Equals 1 - R²; 1 means no better than predicting the mean"],
  references: [{ implementation: "torchmetrics 1.9.0 RelativeSquaredError" }],
  traits: ["scale-free"],
  exports: ["relativeSquaredError", "relativeSquaredErrorDef"],
};

/** Catalog entry of Spearman's rank correlation. */
const spearmanCorrelationEntry: CatalogEntry = {
  ...metaFields(spearmanCorrelationMeta),
  title: "Spearman rank correlation",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\mathrm{Pearson}(\\mathrm{rank}(x), \\mathrm{rank}(y))",
  differentiable: false,
  robustness: ["Monotone association; invariant to monotone transforms; robust to outliers"],
  references: [{ implementation: "scipy 1.18.1 spearmanr; torchmetrics 1.9.0 SpearmanCorrCoef" }],
  traits: ["correlation", "rank"],
  exports: ["spearmanCorrelation", "spearmanCorrelationDef"],
};

/** Catalog entry of the symmetric MAPE. */
const symmetricMeanAbsolutePercentageErrorEntry: CatalogEntry = {
  ...metaFields(symmetricMeanAbsolutePercentageErrorMeta),
  title: "Symmetric mean absolute percentage error (SMAPE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{2}{n}\\sum_i \\frac{|y_i - \\hat y_i|}{\\max(|y_i| + |\\hat y_i|, \\epsilon)}",
  differentiable: false,
  robustness: ["Bounded in [0, 2]", "Still unstable when both target and prediction are near zero"],
  references: [
    { implementation: "torchmetrics 1.9.0 SymmetricMeanAbsolutePercentageError (epsilon 1.17e-6)" },
  ],
  traits: ["scale-free"],
  exports: ["symmetricMeanAbsolutePercentageError", "symmetricMeanAbsolutePercentageErrorDef"],
};

/** Catalog entry of the mean Tweedie deviance. */
const tweedieDevianceEntry: CatalogEntry = {
  ...metaFields(tweedieDevianceMeta),
  title: "Mean Tweedie deviance",
  kind: "metric",
  tasks: ["regression"],
  formula:
    "\\frac{1}{n}\\sum_i 2\\left(\\frac{\\max(y_i,0)^{2-p}}{(1-p)(2-p)} - \\frac{y_i \\hat y_i^{1-p}}{1-p} + \\frac{\\hat y_i^{2-p}}{2-p}\\right)",
  differentiable: true,
  robustness: [
    "power 0: MSE; 1: Poisson deviance (counts); 2: Gamma deviance (scale-free); 3: inverse Gaussian",
  ],
  references: [
    { implementation: "torchmetrics 1.9.0 TweedieDevianceScore; scikit-learn 1.9.1 mean_tweedie_deviance" },
  ],
  traits: ["count-data", "skewed"],
  exports: ["tweedieDeviance", "tweedieDevianceDef", "meanPoissonDeviance", "meanGammaDeviance"],
};

/** Catalog entry of the weighted MAPE. */
const weightedMeanAbsolutePercentageErrorEntry: CatalogEntry = {
  ...metaFields(weightedMeanAbsolutePercentageErrorMeta),
  title: "Weighted mean absolute percentage error (WMAPE)",
  kind: "metric",
  tasks: ["regression"],
  formula: "\\frac{\\sum_i |y_i - \\hat y_i|}{\\max(\\sum_i |y_i|, \\epsilon)}",
  differentiable: false,
  robustness: ["Robust to individual near-zero targets, unlike MAPE"],
  references: [
    { implementation: "torchmetrics 1.9.0 WeightedMeanAbsolutePercentageError (epsilon 1.17e-6)" },
  ],
  traits: ["scale-free"],
  exports: ["weightedMeanAbsolutePercentageError", "weightedMeanAbsolutePercentageErrorDef"],
};

/** Catalog entries of the regression metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  concordanceCorrelationEntry,
  cosineSimilarityEntry,
  d2AbsoluteErrorEntry,
  d2PinballScoreEntry,
  d2TweedieScoreEntry,
  explainedVarianceEntry,
  jsDivergenceEntry,
  kendallTauEntry,
  klDivergenceEntry,
  logCoshErrorEntry,
  maxErrorEntry,
  meanAbsoluteErrorEntry,
  meanAbsolutePercentageErrorEntry,
  meanSquaredErrorEntry,
  rootMeanSquaredErrorEntry,
  meanSquaredLogErrorEntry,
  rootMeanSquaredLogErrorEntry,
  medianAbsoluteErrorEntry,
  minkowskiDistanceEntry,
  normalizedRootMeanSquaredErrorEntry,
  pearsonCorrelationEntry,
  meanPinballLossEntry,
  r2ScoreEntry,
  relativeSquaredErrorEntry,
  spearmanCorrelationEntry,
  symmetricMeanAbsolutePercentageErrorEntry,
  tweedieDevianceEntry,
  weightedMeanAbsolutePercentageErrorEntry,
];
