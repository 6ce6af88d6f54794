import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder } from "../catalog-entry.js";

// Catalog entries of the face losses. Kept free of TensorFlow.js imports so the catalog loads without it.

const loss = lossEntryBuilder(["face-recognition"]);

/** Catalog entry of {@link arcFaceLoss}. */
export const arcFaceLossEntry = loss({
  id: "face/arcface_loss",
  title: "ArcFace (additive angular margin loss)",
  formula: String.raw`L = -\frac{1}{N}\sum_i \log \frac{e^{s\cos(\theta_{y_i} + m)}}{e^{s\cos(\theta_{y_i} + m)} + \sum_{j \ne y_i} e^{s\cos\theta_j}},\quad \cos\theta_j = \frac{W_j^\top x_i}{\lVert W_j\rVert \lVert x_i\rVert}`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "The margin acts on the geodesic distance on the hypersphere, giving compact, well-separated identity clusters; state of the art for verification.",
    "Sensitive to label noise: noisy samples get large angles and dominate (sub-center ArcFace mitigates this).",
    "Training can diverge for large m at initialisation; the easy-margin or threshold fallback keeps the target logit monotone.",
  ],
  references: [
    {
      paper: "Deng et al. 2019, ArcFace: Additive Angular Margin Loss for Deep Face Recognition",
      implementation:
        "formula via torch 2.11 autograd: F.normalize on embeddings (rows) and weight (columns), cos clamped to ±(1-1e-7), cos(acos(c)+m) on the target, F.cross_entropy of s·logits",
    },
  ],
  pairsWith: ["face/verification", "retrieval/map", "classification/accuracy"],
  traits: ["metric-learning", "angular-margin", "open-set"],
  exports: ["arcFaceLoss"],
});

/** Catalog entry of {@link barlowTwinsLoss}. */
export const barlowTwinsLossEntry = loss({
  id: "face/barlow_twins_loss",
  title: "Barlow Twins (redundancy reduction)",
  formula: String.raw`L = \sum_i (1 - C_{ii})^2 + \lambda \sum_i\sum_{j\ne i} C_{ij}^2,\quad C_{ij} = \frac{1}{N}\sum_b \hat z^A_{b,i} \hat z^B_{b,j}`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Needs no negatives and no large batches; avoids collapse by decorrelating features.",
    "Benefits from very high-dimensional projector outputs; the cost is O(N·D²).",
  ],
  references: [
    {
      paper: "Zbontar et al. 2021, Barlow Twins: Self-Supervised Learning via Redundancy Reduction",
      implementation:
        "batch standardisation as BatchNorm1d(affine=False) in training mode (biased variance, eps 1e-5)",
    },
  ],
  pairsWith: ["classification/accuracy", "retrieval/recall_at_k"],
  traits: ["self-supervised", "non-contrastive", "redundancy-reduction"],
  exports: ["barlowTwinsLoss"],
});

/** Catalog entry of {@link centerLoss}. */
export const centerLossEntry = loss({
  id: "face/center_loss",
  title: "Center loss",
  formula: String.raw`L_C = \frac{1}{N}\sum_i \tfrac12 \lVert x_i - c_{y_i} \rVert_2^2`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Pulls features to their class center (intra-class compactness) but does not separate classes: always combine with softmax, L = L_S + λ L_C.",
    "Centers are updated per mini-batch, so small batches give noisy centers; outliers pull their center.",
  ],
  references: [
    {
      paper: "Wen et al. 2016, A Discriminative Feature Learning Approach for Deep Face Recognition",
      implementation:
        "formula via torch 2.11 autograd: 0.5·||x - c_y||² summed over features, mean over the batch",
    },
  ],
  pairsWith: ["face/verification", "retrieval/map"],
  traits: ["metric-learning", "compactness", "auxiliary"],
  exports: ["centerLoss"],
});

/** Catalog entry of {@link circleLoss}. */
export const circleLossEntry = loss({
  id: "face/circle_loss",
  title: "Circle loss (pair-similarity form)",
  formula: String.raw`L = \log\Big[1 + \sum_{j} e^{\gamma \alpha_n^j (s_n^j - \Delta_n)} \sum_{i} e^{-\gamma \alpha_p^i (s_p^i - \Delta_p)}\Big],\ \alpha_p = [1+m-s_p]_+,\ \alpha_n = [s_n+m]_+,\ \Delta_p = 1-m,\ \Delta_n = m`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Re-weights each similarity by its distance from the optimum, so hard pairs get larger gradients: a unified view of pair and class-level losses with a definite convergence target.",
    "γ and m interact; a large γ with few pairs per anchor gives spiky gradients.",
  ],
  references: [
    { paper: "Sun et al. 2020, Circle Loss: A Unified Perspective of Pair Similarity Optimization" },
  ],
  pairsWith: ["face/verification", "retrieval/map"],
  traits: ["metric-learning", "pairs", "open-set"],
  exports: ["circleLoss", "circleLossFactory"],
});

/** Catalog entry of {@link contrastiveLoss}. */
export const contrastiveLossEntry = loss({
  id: "face/contrastive_loss",
  title: "Contrastive loss (siamese pairs)",
  formula: String.raw`L = \frac{1}{N}\sum_i \tfrac12\big[y_i d_i^2 + (1-y_i)\max(0, m - d_i)^2\big],\quad d_i = \lVert x_{1,i} - x_{2,i}\rVert_2`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Pulls similar pairs together and pushes dissimilar pairs beyond a margin; the margin is an absolute distance, so it depends on the embedding scale.",
    "Needs balanced positive/negative pairs; most negative pairs are easy and contribute nothing.",
  ],
  references: [
    {
      paper: "Hadsell, Chopra & LeCun 2006, Dimensionality Reduction by Learning an Invariant Mapping",
      implementation:
        "formula via torch 2.11 autograd: 0.5·mean(y·d² + (1-y)·max(0, m-d)²), y = 1 for similar pairs",
    },
  ],
  pairsWith: ["face/verification", "retrieval/map"],
  traits: ["metric-learning", "pairs", "open-set"],
  exports: ["contrastiveLoss", "contrastiveLossFactory"],
});

/** Catalog entry of {@link cosFaceLoss}. */
export const cosFaceLossEntry = loss({
  id: "face/cosface_loss",
  title: "CosFace (large margin cosine loss)",
  formula: String.raw`L = -\frac{1}{N}\sum_i \log \frac{e^{s(\cos\theta_{y_i} - m)}}{e^{s(\cos\theta_{y_i} - m)} + \sum_{j \ne y_i} e^{s\cos\theta_j}}`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Margin in cosine space: simple, stable to train, decision boundary does not depend on the feature norm.",
    "The margin is not constant in angle, so separation is less uniform than ArcFace; sensitive to label noise.",
  ],
  references: [
    {
      paper: "Wang et al. 2018, CosFace: Large Margin Cosine Loss for Deep Face Recognition",
      implementation:
        "formula via torch 2.11 autograd: F.normalize rows/columns, clamp ±(1-1e-7), s·(cos - m) on the target, F.cross_entropy",
    },
  ],
  pairsWith: ["face/verification", "retrieval/map", "classification/accuracy"],
  traits: ["metric-learning", "cosine-margin", "open-set"],
  exports: ["cosFaceLoss"],
});

/** Catalog entry of {@link infoNceLoss}. */
export const infoNceLossEntry = loss({
  id: "face/info_nce_loss",
  title: "InfoNCE (in-batch contrastive, CLIP-style)",
  tasks: ["face-recognition", "retrieval"],
  formula: String.raw`L = -\frac{1}{N}\sum_i \log\frac{e^{\cos(a_i,b_i)/\tau}}{\sum_j e^{\cos(a_i,b_j)/\tau}}\ \ (\text{symmetric: average with } a \leftrightarrow b)`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "A lower bound on mutual information that tightens with the number of negatives: quality grows with batch size.",
    "In-batch false negatives (two views of the same identity in one batch) are pushed apart; the temperature sets how hard negatives are weighted.",
  ],
  references: [
    {
      paper: "van den Oord et al. 2018 (CPC); Radford et al. 2021 (CLIP)",
      implementation:
        "formula via torch 2.11 autograd: F.normalize rows, logits = a bᵀ/τ, (CE(logits, arange) + CE(logitsᵀ, arange))/2",
    },
  ],
  pairsWith: ["retrieval/recall_at_k", "retrieval/map"],
  traits: ["self-supervised", "contrastive", "in-batch-negatives"],
  exports: ["infoNceLoss"],
});

/** Catalog entry of {@link ntXentLoss}. */
export const ntXentLossEntry = loss({
  id: "face/nt_xent_loss",
  title: "NT-Xent (normalized temperature-scaled cross-entropy, SimCLR)",
  tasks: ["face-recognition", "retrieval"],
  formula: String.raw`\ell_{i,j} = -\log\frac{e^{\mathrm{sim}(z_i,z_j)/\tau}}{\sum_{k\ne i} e^{\mathrm{sim}(z_i,z_k)/\tau}},\quad L = \frac{1}{2N}\sum_{k=1}^{N}\big[\ell_{2k-1,2k} + \ell_{2k,2k-1}\big]`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Uses the other 2N-2 views of the batch as negatives: needs large batches (or a memory bank) and strong augmentations.",
    "The temperature controls the weighting of hard negatives; too low a τ makes training unstable.",
  ],
  references: [
    {
      paper:
        "Chen et al. 2020, A Simple Framework for Contrastive Learning of Visual Representations (SimCLR)",
      implementation:
        "formula via torch 2.11 autograd: z = normalize(cat(a, b)), sim = z zᵀ/τ with -inf on the diagonal, CE against the other view, mean over 2N",
    },
  ],
  pairsWith: ["retrieval/recall_at_k", "retrieval/map", "classification/accuracy"],
  traits: ["self-supervised", "contrastive", "in-batch-negatives"],
  exports: ["ntXentLoss"],
});

/** Catalog entry of {@link simSiamLoss}. */
export const simSiamLossEntry = loss({
  id: "face/simsiam_loss",
  title: "SimSiam (negative cosine with stop-gradient)",
  formula: String.raw`L = \tfrac12 D(p_1, \mathrm{sg}(z_2)) + \tfrac12 D(p_2, \mathrm{sg}(z_1)),\quad D(p, z) = -\frac{p}{\lVert p\rVert}\cdot\frac{z}{\lVert z\rVert}`,
  range: [-1, 1],
  robustness: [
    "No negatives, no momentum encoder: the stop-gradient on the target branch is what prevents collapse.",
    "Collapse can still happen without the predictor head or with too high a predictor learning rate; watch the output std.",
  ],
  references: [
    {
      paper: "Chen & He 2021, Exploring Simple Siamese Representation Learning",
      implementation:
        "the paper's pseudo-code: -(F.normalize(p) * F.normalize(z.detach())).sum(1), mean over the batch",
    },
  ],
  pairsWith: ["classification/accuracy", "retrieval/recall_at_k"],
  traits: ["self-supervised", "non-contrastive", "stop-gradient"],
  exports: ["simSiamLoss"],
});

/** Catalog entry of {@link softmaxLoss}. */
export const softmaxLossEntry = loss({
  id: "face/softmax_loss",
  title: "Softmax loss (classification head for face recognition)",
  tasks: ["face-recognition", "classification"],
  formula: String.raw`L = -\frac{1}{N}\sum_i \log \frac{e^{W_{y_i}^\top x_i + b_{y_i}}}{\sum_j e^{W_j^\top x_i + b_j}}`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Separates classes but does not make features compact: intra-class variance stays large, which hurts open-set verification.",
    "Sensitive to class imbalance (frequent identities dominate).",
  ],
  references: [
    {
      paper: "Taigman et al. 2014 (DeepFace); Sun et al. 2014 (DeepID)",
      implementation: "equals torch 2.11 F.cross_entropy(x @ W + b, y)",
    },
  ],
  pairsWith: ["classification/accuracy", "retrieval/map"],
  traits: ["closed-set", "identity-classification"],
  exports: ["softmaxLoss"],
});

/** Catalog entry of {@link sphereFaceLoss}. */
export const sphereFaceLossEntry = loss({
  id: "face/sphereface_loss",
  title: "SphereFace (A-softmax, multiplicative angular margin)",
  formula: String.raw`L = -\frac{1}{N}\sum_i \log \frac{e^{\lVert x_i\rVert \psi(\theta_{y_i})}}{e^{\lVert x_i\rVert \psi(\theta_{y_i})} + \sum_{j\ne y_i} e^{\lVert x_i\rVert\cos\theta_j}},\ \psi(\theta) = (-1)^k\cos(m\theta) - 2k,\ \theta\in[\tfrac{k\pi}{m},\tfrac{(k+1)\pi}{m}]`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Multiplicative angular margin: hard to train from scratch; needs annealing with softmax (option lambda).",
    "The feature norm scales the logits, so easy samples with large norms dominate.",
  ],
  references: [{ paper: "Liu et al. 2017, SphereFace: Deep Hypersphere Embedding for Face Recognition" }],
  pairsWith: ["face/verification", "retrieval/map", "classification/accuracy"],
  traits: ["metric-learning", "angular-margin", "open-set"],
  exports: ["sphereFaceLoss"],
});

/** Catalog entry of {@link tripletMarginLoss}. */
export const tripletMarginLossEntry = loss({
  id: "face/triplet_margin_loss",
  title: "Triplet loss (margin)",
  formula: String.raw`L = \frac{1}{N}\sum_i \max\big(d(a_i,p_i) - d(a_i,n_i) + \alpha,\ 0\big),\quad d(x,y)=\lVert x-y+\epsilon\rVert_p`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Learns a metric directly (FaceNet), so it generalises to identities unseen in training.",
    "Most random triplets are easy and give zero loss: training depends on triplet mining (see tripletMiningLoss); the hardest negatives can collapse the embedding early.",
    "Outlier or mislabelled samples become the hardest triplets and dominate batch-hard mining.",
  ],
  references: [
    {
      paper: "Schroff et al. 2015, FaceNet; Balntas et al. 2016 (swap)",
      implementation: "matches torch 2.11 F.triplet_margin_loss(margin, p, eps, swap, reduction)",
    },
  ],
  pairsWith: ["face/verification", "retrieval/map", "retrieval/recall_at_k"],
  traits: ["metric-learning", "open-set", "needs-mining"],
  exports: ["tripletMarginLoss"],
});

/** Catalog entry of {@link tripletMiningLoss}. */
export const tripletMiningLossEntry = loss({
  id: "face/triplet_mining_loss",
  title: "Triplet loss with online mining (batch-hard, batch-all, semi-hard)",
  formula: String.raw`\text{hard: } L = \frac{1}{|A|}\sum_{a\in A}\Big[\alpha + \max_{p: y_p=y_a} d_{ap} - \min_{n: y_n\ne y_a} d_{an}\Big]_+ \quad \text{all: } L = \frac{\sum_{a,p,n}[\alpha + d_{ap} - d_{an}]_+}{|\{(a,p,n): \alpha + d_{ap} - d_{an} > 0\}|} \quad \text{semi-hard: } L = \frac{1}{|P|}\sum_{(a,p)\in P}\big[\alpha + d_{ap} - \min_{n: y_n \ne y_a,\, d_{an} > d_{ap}} d_{an}\big]_+`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Mining makes triplet training efficient; batch-hard is sensitive to outliers and label noise (they become the hardest pairs).",
    "Needs P identities × K samples per batch so every anchor has positives.",
    "Semi-hard mining (FaceNet) avoids the collapse that the hardest negatives cause early in training; with no semi-hard negative it falls back to the farthest one.",
  ],
  references: [
    { paper: "Hermans, Beyer & Leibe 2017, In Defense of the Triplet Loss for Person Re-Identification" },
    {
      paper: "Schroff, Kalenichenko & Philbin 2015, FaceNet (semi-hard mining)",
      implementation:
        "TensorFlow Addons 0.20 triplet_semihard_loss transcribed to torch 1.13: value and gradient",
    },
  ],
  pairsWith: ["face/verification", "retrieval/map", "retrieval/recall_at_k"],
  traits: ["metric-learning", "open-set", "online-mining"],
  exports: ["tripletMiningLoss", "tripletMiningLossFactory"],
});

/** Catalog entries of the face losses. */
export const entries: readonly CatalogEntry[] = [
  arcFaceLossEntry,
  barlowTwinsLossEntry,
  centerLossEntry,
  circleLossEntry,
  contrastiveLossEntry,
  cosFaceLossEntry,
  infoNceLossEntry,
  ntXentLossEntry,
  simSiamLossEntry,
  softmaxLossEntry,
  sphereFaceLossEntry,
  tripletMarginLossEntry,
  tripletMiningLossEntry,
];
