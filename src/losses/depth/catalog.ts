import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder } from "../catalog-entry.js";

// Catalog entries of the depth losses. Kept free of TensorFlow.js imports so the catalog loads without it.

const loss = lossEntryBuilder(["depth"]);

/** Catalog entry of {@link berHuLoss}. */
export const berHuLossEntry = loss({
  id: "depth/berhu_loss",
  title: "BerHu (reverse Huber) loss",
  formula: String.raw`\mathcal{B}(r) = \begin{cases}|r| & |r| \le c\\ \frac{r^2 + c^2}{2c} & |r| > c\end{cases},\quad c = \tfrac15 \max_i |r_i|`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "L1 for small residuals (keeps gradients for near-correct pixels), L2 for large ones (weights hard pixels and far depths more).",
    "The threshold follows the batch's largest residual, so a single outlier pixel rescales the whole loss; mask invalid depths first.",
  ],
  references: [
    {
      paper: "Laina et al. 2016, Deeper Depth Prediction with Fully Convolutional Residual Networks",
      implementation: "formula via torch 2.11 autograd: c = 0.2·max|r| treated as a constant",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy"],
  traits: ["regression", "outliers", "depth"],
  exports: ["berHuLoss", "berHuLossFactory"],
});

/** Catalog entry of {@link edgeAwareSmoothnessLoss}. */
export const edgeAwareSmoothnessLossEntry = loss({
  id: "depth/edge_aware_smoothness_loss",
  title: "Edge-aware smoothness loss",
  formula: String.raw`L_s = \overline{|\partial_x d^*|\, e^{-\overline{|\partial_x I|}}} + \overline{|\partial_y d^*|\, e^{-\overline{|\partial_y I|}}},\quad d^* = d / \bar d`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Regularises disparity in textureless regions where photometric losses give no signal, while allowing discontinuities at image edges.",
    "Over-smooths thin structures; its weight (typically 1e-3) must be tuned against the photometric term.",
  ],
  references: [
    {
      paper: "Godard et al. 2017, 2019 (monodepth, monodepth2)",
      implementation:
        "monodepth2 get_smooth_loss on mean-normalised disparity (image gradients averaged over channels)",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy"],
  traits: ["depth", "self-supervised", "regulariser"],
  exports: ["edgeAwareSmoothnessLoss"],
});

/** Catalog entry of {@link edgeLoss}. */
export const edgeLossEntry = loss({
  id: "depth/edge_loss",
  title: "Edge loss (depth-gradient matching)",
  formula: String.raw`L_{\mathrm{edge}} = \frac{1}{N}\sum_{i}\Big(\big|\partial_x d_i - \partial_x d_i^*\big| + \big|\partial_y d_i - \partial_y d_i^*\big|\Big)`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Penalises blurred or shifted depth discontinuities, which a per-pixel loss barely sees; blind to a global depth offset, so it is always added to a point-wise loss.",
    "Needs dense ground truth (finite differences of sparse LiDAR depth are mostly undefined); noisy ground-truth edges are matched too.",
  ],
  references: [
    {
      paper:
        "Alhashim & Wonka 2018, High Quality Monocular Depth Estimation via Transfer Learning (DenseDepth)",
      implementation:
        "DenseDepth depth_loss_function's l_edges over tf.image.image_gradients, transcribed to torch 1.13: value and gradient",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy"],
  traits: ["depth", "edges"],
  exports: ["edgeLoss", "edgeLossFactory"],
});

/** Catalog entry of {@link photometricLoss}. */
export const photometricLossEntry = loss({
  id: "depth/photometric_loss",
  title: "Photometric reconstruction loss (SSIM + L1)",
  formula: String.raw`pe(I_a, I_b) = \frac{\alpha}{2}\big(1 - \mathrm{SSIM}(I_a, I_b)\big) + (1-\alpha)\lVert I_a - I_b\rVert_1`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "The self-supervised signal of monocular depth from video or stereo: no depth labels needed.",
    "Violated by occlusions, moving objects, non-Lambertian surfaces and static cameras; use per-pixel minimum reprojection and auto-masking (monodepth2).",
  ],
  references: [
    {
      paper: "Godard et al. 2017 (monodepth), 2019 (monodepth2)",
      implementation:
        "monodepth2 compute_reprojection_loss: 0.85·clamp((1 - SSIM)/2, 0, 1) + 0.15·|a - b|, averaged over channels",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy", "image/ssim"],
  traits: ["depth", "self-supervised", "image"],
  exports: ["photometricLoss", "photometricLossFactory"],
});

/** Catalog entry of {@link scaleInvariantLogLoss}. */
export const scaleInvariantLogLossEntry = loss({
  id: "depth/scale_invariant_log_loss",
  title: "Scale-invariant log loss (SILog)",
  formula: String.raw`D(y, y^*) = \frac1n\sum_i d_i^2 - \frac{\lambda}{n^2}\Big(\sum_i d_i\Big)^2,\quad d_i = \log y_i - \log y_i^*`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "With λ = 1 the loss ignores a global scale factor, the ambiguity of monocular depth; λ < 1 keeps some absolute-scale supervision.",
    "Log space weights relative errors equally at all distances; invalid (zero) depths must be masked.",
  ],
  references: [
    {
      paper:
        "Eigen, Puhrsch & Fergus 2014, Depth Map Prediction from a Single Image using a Multi-Scale Deep Network; Lee et al. 2019 (BTS, sqrt form)",
    },
  ],
  pairsWith: ["depth/silog", "depth/abs_rel", "depth/rmse_log", "depth/delta_accuracy"],
  traits: ["depth", "scale-invariant", "log-space"],
  exports: ["scaleInvariantLogLoss", "scaleInvariantLogLossFactory"],
});

/** Catalog entry of {@link scaleShiftInvariantLoss}. */
export const scaleShiftInvariantLossEntry = loss({
  id: "depth/scale_shift_invariant_loss",
  title: "Scale- and shift-invariant loss with gradient matching (MiDaS)",
  formula: String.raw`(s, t) = \arg\min_{s,t}\sum_i M_i (s\,d_i + t - d_i^*)^2,\ \ L = \frac{1}{2M}\sum_i M_i (s\,d_i + t - d_i^*)^2 + \alpha\frac1M\sum_{k=1}^{K}\sum_i M_i\big(|\nabla_x R^k_i| + |\nabla_y R^k_i|\big),\ R = s\,d + t - d^*`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Invariant to the unknown scale and shift of relative depth/disparity, so datasets with incompatible depth annotations can be mixed (MiDaS).",
    "The least-squares alignment is itself sensitive to outliers (MiDaS also proposes a trimmed, median-based variant); the gradient term sharpens discontinuities.",
  ],
  references: [
    {
      paper:
        "Ranftl et al. 2020, Towards Robust Monocular Depth Estimation: Mixing Datasets for Zero-shot Cross-dataset Transfer (MiDaS)",
      implementation:
        "MiDaS training loss: compute_scale_and_shift, MSELoss and GradientLoss(scales=4), alpha 0.5, batch-based reduction",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/delta_accuracy", "depth/rmse"],
  traits: ["depth", "scale-invariant", "shift-invariant", "multi-dataset"],
  exports: ["scaleShiftInvariantLoss", "scaleShiftInvariantLossFactory"],
});

/** Catalog entry of {@link ssimLoss}. */
export const ssimLossEntry = loss({
  id: "depth/ssim_loss",
  title: "SSIM loss (1 - structural similarity)",
  tasks: ["depth", "image-generation"],
  formula: String.raw`L = 1 - \frac{(2\mu_x\mu_y + C_1)(2\sigma_{xy} + C_2)}{(\mu_x^2 + \mu_y^2 + C_1)(\sigma_x^2 + \sigma_y^2 + C_2)}`,
  range: [0, 2],
  robustness: [
    "Compares local structure, contrast and luminance: tolerant of small global intensity changes that break L1/L2 photometric losses.",
    "Insensitive in textureless regions; combine with L1 (photometric loss).",
  ],
  references: [
    {
      paper:
        "Wang et al. 2004, Image Quality Assessment: From Error Visibility to Structural Similarity; Godard et al. 2019 (monodepth2 3×3 form)",
    },
  ],
  pairsWith: ["image/ssim", "image/psnr", "depth/abs_rel"],
  traits: ["image", "structural", "self-supervised-depth"],
  exports: ["ssimLoss", "ssimMap", "ssimLossFactory"],
});

/** Catalog entries of the depth losses. */
/** Catalog entry of {@link leftRightConsistencyLoss}. */
export const leftRightConsistencyLossEntry = loss({
  id: "depth/left_right_consistency_loss",
  title: "Left-right disparity consistency loss",
  formula: String.raw`C_{lr} = \tfrac1N \sum |d^l(x) - d^r(x - d^l(x))| + \tfrac1N \sum |d^r(x) - d^l(x + d^r(x))|`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Ties the two views' disparities together (stereo-supervised monocular training): occlusions and thin structures violate it, so it is weighted (1.0 in monodepth) against the photometric term.",
  ],
  references: [
    {
      paper:
        "Godard, Mac Aodha & Brostow 2017, Unsupervised Monocular Depth Estimation with Left-Right Consistency",
      implementation:
        "monodepth's lr_loss with bilinear_sampler_1d_h (border mode), transcribed to torch 1.13: value and gradient",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy"],
  traits: ["self-supervised", "stereo", "depth"],
  exports: ["leftRightConsistencyLoss", "leftRightConsistencyLossFactory", "sampleRows"],
});

/** Catalog entry of {@link minimumReprojectionLoss}. */
export const minimumReprojectionLossEntry = loss({
  id: "depth/minimum_reprojection_loss",
  title: "Minimum reprojection loss with auto-masking",
  formula: String.raw`L_p = \min\big(\min_s pe(I_t, I_{s\to t}),\; \min_s pe(I_t, I_s) + \epsilon\big),\; pe = \tfrac{\alpha}{2}(1 - \mathrm{SSIM}) + (1 - \alpha)\|\cdot\|_1`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "The per-pixel minimum over source frames ignores pixels occluded in some of them; auto-masking drops static pixels (no camera-relative motion), which would otherwise teach infinite depth.",
  ],
  references: [
    {
      paper: "Godard et al. 2019, Digging Into Self-Supervised Monocular Depth Estimation (Monodepth2)",
      implementation: "monodepth2 compute_losses at one scale (torch 1.13, noise 0): value and gradient",
    },
  ],
  pairsWith: ["depth/abs_rel", "depth/rmse", "depth/delta_accuracy"],
  traits: ["self-supervised", "depth", "occlusion"],
  exports: ["minimumReprojectionLoss"],
});

export const entries: readonly CatalogEntry[] = [
  leftRightConsistencyLossEntry,
  minimumReprojectionLossEntry,
  berHuLossEntry,
  edgeAwareSmoothnessLossEntry,
  edgeLossEntry,
  photometricLossEntry,
  scaleInvariantLogLossEntry,
  scaleShiftInvariantLossEntry,
  ssimLossEntry,
];
