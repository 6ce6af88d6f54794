import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { frechetDistanceMeta } from "./frechet-distance.js";
import { inceptionScoreMeta } from "./inception-score.js";
import { kernelInceptionDistanceMeta } from "./kernel-inception-distance.js";
import { generativePrecisionRecallMeta } from "./precision-recall.js";

/** Catalog entry of the Fréchet distance (FID from features). */
const frechetDistanceEntry: CatalogEntry = {
  ...metaFields(frechetDistanceMeta),
  title: "Fréchet distance between feature Gaussians (FID core)",
  kind: "metric",
  tasks: ["image-generation"],
  formula:
    "\\lVert \\mu_r - \\mu_g \\rVert^2 + \\mathrm{tr}(\\Sigma_r + \\Sigma_g - 2 (\\Sigma_r \\Sigma_g)^{1/2})",
  differentiable: false,
  robustness: [
    "Biased for small sample sizes (use >= 10,000 samples); assumes Gaussian features",
    "Depends on the feature extractor and image resizing, which are outside this function",
  ],
  references: [
    { paper: "Heusel et al. 2017" },
    {
      implementation:
        "pytorch-fid 0.3.0 calculate_frechet_distance formula: scipy linalg.sqrtm (real part; cases from scipy 1.18.1, nearly singular covariances from scipy 1.10), unbiased covariance, float64",
    },
  ],
  traits: ["distribution", "fidelity", "diversity"],
  exports: ["frechetDistance", "frechetDistanceDef", "frechetDistanceFromMoments"],
};

/** Catalog entry of the kernel inception distance. */
const kernelInceptionDistanceEntry: CatalogEntry = {
  ...metaFields(kernelInceptionDistanceMeta),
  title: "Kernel inception distance (KID, polynomial-kernel MMD²)",
  kind: "metric",
  tasks: ["image-generation"],
  formula:
    "\\frac{1}{m(m-1)}\\sum_{i \\ne j} k(x_i, x_j) + \\frac{1}{n(n-1)}\\sum_{i \\ne j} k(y_i, y_j) - \\frac{2}{mn}\\sum_{i,j} k(x_i, y_j),\\; k(x, y) = (\\gamma x^\\top y + c)^3",
  differentiable: false,
  robustness: ["Unbiased (can be slightly negative); no Gaussian assumption; reliable on small samples"],
  references: [
    { paper: "Bińkowski et al. 2018" },
    {
      implementation:
        "unbiased MMD² with polynomial kernel (degree 3, gamma 1/d, coef0 1) as torchmetrics 1.9.0 KernelInceptionDistance",
    },
  ],
  traits: ["distribution", "small-sample"],
  exports: ["kernelInceptionDistance", "kernelInceptionDistanceDef", "polynomialMmd2"],
};

/** Catalog entry of the Inception Score. */
const inceptionScoreEntry: CatalogEntry = {
  ...metaFields(inceptionScoreMeta),
  title: "Inception Score (IS)",
  kind: "metric",
  tasks: ["image-generation"],
  formula: "\\exp\\left(\\mathbb{E}_x\\, KL(p(y \\mid x) \\,\\|\\, p(y))\\right)",
  differentiable: false,
  robustness: [
    "Ignores the real data; rewards confident and class-diverse samples",
    "At most the number of classes",
  ],
  references: [
    {
      paper: "Salimans et al. 2016",
      implementation: "torchmetrics 1.9.0 InceptionScore (from class probabilities, no shuffling)",
    },
  ],
  traits: ["fidelity", "diversity", "no-reference"],
  exports: ["inceptionScore", "inceptionScoreDef"],
};

/** Catalog entry of improved precision and recall for generative models. */
const generativePrecisionRecallEntry: CatalogEntry = {
  ...metaFields(generativePrecisionRecallMeta),
  title: "Improved precision and recall (k-NN manifolds)",
  kind: "metric",
  tasks: ["image-generation"],
  formula:
    "P = \\frac{1}{n}\\sum_j [\\exists i: \\lVert g_j - r_i \\rVert \\le \\mathrm{NND}_k(r_i)],\\; R = \\frac{1}{m}\\sum_i [\\exists j: \\lVert r_i - g_j \\rVert \\le \\mathrm{NND}_k(g_j)]",
  differentiable: false,
  robustness: ["Separates fidelity (precision) from coverage (recall); outliers inflate the k-NN balls"],
  references: [
    { paper: "Kynkäänniemi et al. 2019", implementation: "formula of the paper (exact pairwise distances)" },
  ],
  traits: ["fidelity", "diversity"],
  exports: ["generativePrecisionRecall"],
};

/** Catalog entries of the generative metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  frechetDistanceEntry,
  kernelInceptionDistanceEntry,
  inceptionScoreEntry,
  generativePrecisionRecallEntry,
];
