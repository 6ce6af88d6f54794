import type { CatalogEntry } from "../catalog/types.js";

// Catalog entries of the metrics that run a user-supplied model (plumbline/models). Kept free of
// any runtime import (ONNX Runtime, file system) so the catalog loads without them. The
// feature-level forms of FID, KID and IS are plumbline/generative's entries; BERTScore on
// embeddings the caller computes is plumbline/text's.

/** Catalog entry of `frechetInceptionDistance`. */
export const frechetInceptionDistanceEntry: CatalogEntry = {
  id: "models/frechet_inception_distance",
  title: "Fréchet Inception Distance from images (user-supplied Inception-v3)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`\mathrm{FID} = \lVert \mu_r - \mu_g \rVert^2 + \mathrm{tr}\big(\Sigma_r + \Sigma_g - 2 (\Sigma_r \Sigma_g)^{1/2}\big),\; (\mu, \Sigma) \text{ of Inception-v3 pool3 features}`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: false,
  robustness: [
    "Biased upwards on small sets: compare FIDs only at the same image count (10,000 or more).",
    "Depends on the exact Inception weights and resizing: only pytorch-fid's weights and preprocessing reproduce published numbers.",
  ],
  references: [
    {
      paper:
        "Heusel et al. 2017, GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium",
    },
    {
      implementation:
        "pytorch-fid 0.3.0 calculate_fid_given_paths (bilinear resize to 299, float64 statistics); torch-fidelity preprocessing as torchmetrics FrechetInceptionDistance with preprocess: 'torch-fidelity'",
    },
  ],
  exports: ["frechetInceptionDistance"],
};

/** Catalog entry of `kernelInceptionDistanceFromImages`. */
export const kernelInceptionDistanceFromImagesEntry: CatalogEntry = {
  id: "models/kernel_inception_distance",
  title: "Kernel Inception Distance from images (user-supplied Inception-v3)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`\mathrm{KID} = \widehat{\mathrm{MMD}}^2_u(f_r, f_g),\; k(x, y) = \big(\tfrac{1}{d} x^\top y + 1\big)^3 \text{ on Inception-v3 pool3 features}`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: false,
  robustness: [
    "Unbiased, so usable on a few hundred images; can be slightly negative when the sets match.",
    "Subset sampling (subsets, subsetSize, seed) adds variance: report the standard deviation too.",
  ],
  references: [
    { paper: "Bińkowski et al. 2018, Demystifying MMD GANs" },
    {
      implementation:
        "torchmetrics 1.9 KernelInceptionDistance (torch-fidelity preprocessing, polynomial kernel degree 3, gamma 1/d, coef0 1)",
    },
  ],
  exports: ["kernelInceptionDistanceFromImages"],
};

/** Catalog entry of `inceptionScoreFromImages`. */
export const inceptionScoreFromImagesEntry: CatalogEntry = {
  id: "models/inception_score",
  title: "Inception Score from images (user-supplied Inception-v3)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`\mathrm{IS} = \exp\Big(\mathbb{E}_x\, \mathrm{KL}\big(p(y \mid x) \,\Vert\, p(y)\big)\Big),\; p(y \mid x) = \mathrm{softmax}(\text{Inception-v3 logits})`,
  range: [1, Number.POSITIVE_INFINITY],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Ignores the real data; blind to mode collapse within a class.",
    "Only meaningful for ImageNet-like content; reported as mean and standard deviation over 10 splits.",
  ],
  references: [
    { paper: "Salimans et al. 2016, Improved Techniques for Training GANs" },
    {
      implementation:
        "torch-fidelity / torchmetrics 1.9 InceptionScore (logits_unbiased feature, 10 consecutive splits; no shuffling)",
    },
  ],
  exports: ["inceptionScoreFromImages"],
};

/** Catalog entry of `precisionRecallFromImages`. */
export const precisionRecallFromImagesEntry: CatalogEntry = {
  id: "models/precision_recall",
  title: "Improved precision and recall from images (user-supplied Inception-v3)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`P = \frac{1}{M}\sum_j \mathbb{1}\big[y_j \in \textstyle\bigcup_i B(x_i, r_k(x_i))\big],\; R = \frac{1}{N}\sum_i \mathbb{1}\big[x_i \in \textstyle\bigcup_j B(y_j, r_k(y_j))\big]`,
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Separates fidelity (precision) from coverage of the real data (recall), which FID mixes.",
    "Outliers inflate the k-NN balls; memory grows with the square of the set size.",
  ],
  references: [
    {
      paper: "Kynkäänniemi et al. 2019, Improved Precision and Recall Metric for Assessing Generative Models",
    },
    { implementation: "torch-fidelity preprocessing, pool3 features, k = 3, exact pairwise distances" },
  ],
  exports: ["precisionRecallFromImages"],
};

/** Catalog entry of `densityCoverage` and `densityCoverageFromImages`. */
export const densityCoverageEntry: CatalogEntry = {
  id: "models/density_coverage",
  title: "Density and coverage (features or images with a user-supplied Inception-v3)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`\mathrm{density} = \frac{1}{kM}\sum_j \#\{i : \lVert x_i - y_j \rVert < r_i\},\; \mathrm{coverage} = \frac{1}{N}\#\{i : \min_j \lVert x_i - y_j \rVert < r_i\}`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Less sensitive to real outliers than improved precision and recall: balls are counted around real samples only.",
    "Density is unbounded above (1 when the sets match); coverage lies in [0, 1].",
  ],
  references: [
    { paper: "Naeem et al. 2020, Reliable Fidelity and Diversity Metrics for Generative Models" },
    { implementation: "prdc 0.1 compute_prdc (strict comparisons, k-th nearest real neighbour)" },
  ],
  exports: ["densityCoverage", "densityCoverageFromImages"],
};

/** Catalog entry of `lpips`. */
export const lpipsEntry: CatalogEntry = {
  id: "models/lpips",
  title: "LPIPS: learned perceptual image patch similarity (user-supplied network)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`d(x, x_0) = \sum_l \frac{1}{H_l W_l} \sum_{h,w} \big\lVert w_l \odot (\hat y^l_{hw} - \hat y^l_{0hw}) \big\rVert_2^2,\; \hat y^l = \text{unit-normalised layer-}l\text{ features}`,
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: false,
  robustness: [
    "Agrees with human judgements of image similarity far better than PSNR or SSIM.",
    "Values depend on the trunk (AlexNet or VGG) and its linear heads: compare scores of one network only.",
  ],
  references: [
    { paper: "Zhang et al. 2018, The Unreasonable Effectiveness of Deep Features as a Perceptual Metric" },
    {
      implementation:
        "lpips 0.1.4 LPIPS(net='alex' | 'vgg'), torchmetrics LearnedPerceptualImagePatchSimilarity(normalize=True)",
    },
  ],
  exports: ["lpips"],
};

/** Catalog entry of `clipScore`. */
export const clipScoreEntry: CatalogEntry = {
  id: "models/clip_score",
  title: "CLIPScore: image–caption agreement (user-supplied CLIP)",
  kind: "metric",
  tasks: ["generation"],
  formula: String.raw`\mathrm{CLIPScore} = \max\Big(\frac{100}{N}\sum_{i} \cos\big(E_I(x_i), E_T(c_i)\big),\; 0\Big)`,
  range: [0, 100],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Needs no reference image: scores how well each image matches its prompt or caption.",
    "Inherits CLIP's biases and blind spots (counting, spatial relations, text in images); captions are cut at 77 tokens.",
  ],
  references: [
    { paper: "Hessel et al. 2021, CLIPScore: A Reference-free Evaluation Metric for Image Captioning" },
    {
      implementation:
        "torchmetrics 1.9.0 clip_score (100·cos, the mean clamped at 0; Hugging Face CLIPProcessor preprocessing)",
    },
  ],
  exports: ["clipScore"],
};

/** Catalog entry of `bertScoreWithModel`. */
export const bertScoreWithModelEntry: CatalogEntry = {
  id: "models/bertscore",
  title: "BERTScore with a user-supplied encoder",
  kind: "metric",
  tasks: ["text"],
  formula: String.raw`R = \frac{\sum_{x_i} w(x_i) \max_{\hat x_j} \cos(x_i, \hat x_j)}{\sum_i w(x_i)},\; P = \frac{\sum_{\hat x_j} w(\hat x_j) \max_{x_i} \cos(x_i, \hat x_j)}{\sum_j w(\hat x_j)},\; F = \frac{2PR}{P + R}`,
  range: [-1, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Credits paraphrases and synonyms that n-gram metrics miss.",
    "Scores depend on the encoder, its layer and the baseline file: compare only scores of one configuration.",
  ],
  references: [
    { paper: "Zhang et al. 2020, BERTScore: Evaluating Text Generation with BERT" },
    {
      implementation:
        "bert_score 0.3.13 score (batch_size=1): WordPiece/BPE tokenizer from the model's vocabulary, greedy cosine matching, idf from the references, baseline rescaling",
    },
  ],
  exports: ["bertScoreWithModel"],
};

/** The image metrics (survey §9, image generation). */
export const imageEntries: readonly CatalogEntry[] = [
  frechetInceptionDistanceEntry,
  kernelInceptionDistanceFromImagesEntry,
  inceptionScoreFromImagesEntry,
  precisionRecallFromImagesEntry,
  densityCoverageEntry,
  lpipsEntry,
  clipScoreEntry,
];

/** The text metrics (survey §10). */
export const textEntries: readonly CatalogEntry[] = [bertScoreWithModelEntry];

/** Every model-based metric. */
export const entries: readonly CatalogEntry[] = [...imageEntries, ...textEntries];
