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

/** Catalog entries of the regression metrics (each metric file exports its own meta; listed here). */
export const entries: readonly CatalogEntry[] = [
  concordanceCorrelationMeta,
  cosineSimilarityMeta,
  d2AbsoluteErrorMeta,
  d2PinballScoreMeta,
  d2TweedieScoreMeta,
  explainedVarianceMeta,
  jsDivergenceMeta,
  kendallTauMeta,
  klDivergenceMeta,
  logCoshErrorMeta,
  maxErrorMeta,
  meanAbsoluteErrorMeta,
  meanAbsolutePercentageErrorMeta,
  meanSquaredErrorMeta,
  rootMeanSquaredErrorMeta,
  meanSquaredLogErrorMeta,
  rootMeanSquaredLogErrorMeta,
  medianAbsoluteErrorMeta,
  minkowskiDistanceMeta,
  normalizedRootMeanSquaredErrorMeta,
  pearsonCorrelationMeta,
  meanPinballLossMeta,
  r2ScoreMeta,
  relativeSquaredErrorMeta,
  spearmanCorrelationMeta,
  symmetricMeanAbsolutePercentageErrorMeta,
  tweedieDevianceMeta,
  weightedMeanAbsolutePercentageErrorMeta,
];
