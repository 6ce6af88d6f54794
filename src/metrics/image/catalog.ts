import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { ergasMeta } from "./ergas.js";
import { msSsimMeta } from "./ms-ssim.js";
import { psnrMeta } from "./psnr.js";
import { samMeta } from "./sam.js";
import { ssimMeta } from "./ssim.js";
import { totalVariationMeta } from "./total-variation.js";
import { uqiMeta } from "./uqi.js";

/** Catalog entry of PSNR. */
const psnrEntry: CatalogEntry = {
  ...metaFields(psnrMeta),
  title: "Peak signal-to-noise ratio (PSNR)",
  kind: "metric",
  tasks: ["image-quality", "image-generation"],
  formula: "10 \\log_{10} \\frac{R^2}{\\mathrm{MSE}}",
  differentiable: true,
  robustness: ["Pixel-wise: weakly correlated with perceived quality", "Depends on the data range R"],
  references: [
    { implementation: "torchmetrics 1.9.0 PeakSignalNoiseRatio (dim=None: PSNR of the pooled MSE)" },
  ],
  traits: ["pixel"],
  exports: ["psnr", "psnrDef"],
};

/** Catalog entry of SSIM. */
const ssimEntry: CatalogEntry = {
  ...metaFields(ssimMeta),
  title: "Structural similarity index (SSIM)",
  kind: "metric",
  tasks: ["image-quality", "image-generation"],
  formula:
    "\\frac{(2\\mu_x\\mu_y + C_1)(2\\sigma_{xy} + C_2)}{(\\mu_x^2 + \\mu_y^2 + C_1)(\\sigma_x^2 + \\sigma_y^2 + C_2)}",
  differentiable: true,
  robustness: [
    "Local luminance, contrast and structure; closer to perception than PSNR",
    "Implementations differ: window, padding, covariance normalisation, inferred data range",
  ],
  references: [
    { paper: "Wang, Bovik, Sheikh & Simoncelli 2004" },
    { implementation: "torchmetrics 1.9.0 structural_similarity_index_measure (default convention)" },
    { implementation: 'scikit-image 0.26.0 structural_similarity (convention: "skimage")' },
  ],
  traits: ["perceptual"],
  exports: ["ssim", "ssimDef"],
};

/** Catalog entry of MS-SSIM. */
const msSsimEntry: CatalogEntry = {
  ...metaFields(msSsimMeta),
  title: "Multi-scale structural similarity (MS-SSIM)",
  kind: "metric",
  tasks: ["image-quality", "image-generation"],
  formula: "\\mathrm{SSIM}_M^{\\beta_M} \\prod_{j=1}^{M-1} \\mathrm{CS}_j^{\\beta_j}",
  differentiable: true,
  robustness: ["SSIM over five dyadic scales: less sensitive to viewing distance"],
  references: [
    { paper: "Wang, Simoncelli & Bovik 2003" },
    {
      implementation: 'torchmetrics 1.9.0 multiscale_structural_similarity_index_measure (normalize="relu")',
    },
  ],
  traits: ["perceptual"],
  exports: ["msSsim", "msSsimDef"],
};

/** Catalog entry of the universal image quality index. */
const uqiEntry: CatalogEntry = {
  ...metaFields(uqiMeta),
  title: "Universal image quality index (UQI)",
  kind: "metric",
  tasks: ["image-quality"],
  formula: "\\frac{4 \\sigma_{xy} \\mu_x \\mu_y}{(\\sigma_x^2 + \\sigma_y^2)(\\mu_x^2 + \\mu_y^2)}",
  differentiable: true,
  robustness: ["SSIM without stabilising constants: unstable on flat regions"],
  references: [
    { paper: "Wang & Bovik 2002", implementation: "torchmetrics 1.9.0 universal_image_quality_index" },
  ],
  traits: ["perceptual"],
  exports: ["uqi", "uqiDef"],
};

/** Catalog entry of total variation. */
const totalVariationEntry: CatalogEntry = {
  ...metaFields(totalVariationMeta),
  title: "Total variation (anisotropic)",
  kind: "metric",
  tasks: ["image-quality", "image-generation"],
  formula: "\\sum_{c,i,j} |x_{c,i+1,j} - x_{c,i,j}| + |x_{c,i,j+1} - x_{c,i,j}|",
  differentiable: true,
  robustness: ["Measures noise / high-frequency content of one image; no reference image needed"],
  references: [{ paper: "Rudin, Osher & Fatemi 1992", implementation: "torchmetrics 1.9.0 total_variation" }],
  traits: ["no-reference", "smoothness"],
  exports: ["totalVariation", "totalVariationDef"],
};

/** Catalog entry of ERGAS. */
const ergasEntry: CatalogEntry = {
  ...metaFields(ergasMeta),
  title: "ERGAS (relative dimensionless global error in synthesis)",
  kind: "metric",
  tasks: ["image-quality"],
  formula: "\\frac{100}{r} \\sqrt{\\frac{1}{C}\\sum_c \\left(\\frac{\\mathrm{RMSE}_c}{\\mu_c}\\right)^2}",
  differentiable: true,
  robustness: ["Band-wise relative RMSE for multispectral / pan-sharpened images"],
  references: [
    {
      paper: "Wald 2000",
      implementation: "torchmetrics 1.9.0 error_relative_global_dimensionless_synthesis",
    },
  ],
  traits: ["remote-sensing"],
  exports: ["ergas", "ergasDef"],
};

/** Catalog entry of the spectral angle mapper. */
const samEntry: CatalogEntry = {
  ...metaFields(samMeta),
  title: "Spectral angle mapper (SAM)",
  kind: "metric",
  tasks: ["image-quality"],
  formula: "\\arccos \\frac{\\langle x_{ij}, y_{ij} \\rangle}{\\lVert x_{ij} \\rVert \\lVert y_{ij} \\rVert}",
  differentiable: true,
  robustness: ["Angle between per-pixel spectra: invariant to per-pixel brightness scaling"],
  references: [{ paper: "Kruse et al. 1993", implementation: "torchmetrics 1.9.0 spectral_angle_mapper" }],
  traits: ["remote-sensing"],
  exports: ["spectralAngleMapper", "spectralAngleMapperDef"],
};

/** Catalog entries of the image metrics (joined to each definition's `meta` by id). */
export const entries: readonly CatalogEntry[] = [
  psnrEntry,
  ssimEntry,
  msSsimEntry,
  uqiEntry,
  totalVariationEntry,
  ergasEntry,
  samEntry,
];
