import type { CatalogEntry } from "../../catalog/types.js";
import { lossEntryBuilder } from "../catalog-entry.js";

// Catalog entries of the sequence losses. Kept free of TensorFlow.js imports so the catalog loads without it.

const loss = lossEntryBuilder(["nlp"]);

/** Catalog entry of {@link ctcLoss}. */
export const ctcLossEntry = loss({
  id: "sequence/ctc_loss",
  title: "Connectionist temporal classification (CTC) loss",
  formula: String.raw`L = -\log \sum_{\pi \in \mathcal{B}^{-1}(y)} \prod_{t=1}^{T} p_t(\pi_t),\quad \text{computed by } \alpha_t(s) = p_t(l'_s)\big(\alpha_{t-1}(s) + \alpha_{t-1}(s-1) + [l'_s \ne b,\ l'_s \ne l'_{s-2}]\,\alpha_{t-1}(s-2)\big)`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Alignment-free: needs no frame-level labels; assumes frames are conditionally independent given the input.",
    "Infinite when the input is shorter than the target plus its repeated labels; zeroInfinity drops those samples.",
    "Peaky, blank-dominated posteriors; the sum reduction favours long sequences, the mean reduction normalises by target length.",
  ],
  references: [
    {
      paper: "Graves et al. 2006, Connectionist Temporal Classification",
      implementation: "matches torch 2.11 F.ctc_loss (blank, reduction, zero_infinity) in value and gradient",
    },
  ],
  pairsWith: ["text/wer", "text/cer"],
  traits: ["sequence", "alignment-free", "speech", "ocr"],
  exports: ["ctcLoss"],
});

/** Catalog entry of {@link minimumRiskTraining}. */
export const minimumRiskTrainingEntry = loss({
  id: "sequence/minimum_risk_training",
  title: "Minimum risk training (expected metric risk over sampled candidates)",
  formula: String.raw`\mathcal{R} = \sum_{k} Q(y_k \mid x)\,\Delta(y_k, y^*),\quad Q(y_k\mid x) = \frac{p(y_k\mid x)^{\alpha}}{\sum_{k'} p(y_{k'}\mid x)^{\alpha}}`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  robustness: [
    "Optimises the evaluation metric directly (BLEU, WER), even a non-differentiable one, removing the train/test mismatch of cross-entropy.",
    "Needs a pretrained model (warm start from cross-entropy) and several candidates per input; α controls the sharpness and must be tuned.",
  ],
  references: [{ paper: "Shen et al. 2016, Minimum Risk Training for Neural Machine Translation" }],
  pairsWith: ["text/corpus_bleu", "text/wer", "text/rouge", "text/chrf"],
  traits: ["sequence", "sequence-level", "metric-optimisation"],
  exports: ["minimumRiskTraining"],
});

/** Catalog entry of {@link reinforceLoss}. */
export const reinforceLossEntry = loss({
  id: "sequence/reinforce_loss",
  title: "REINFORCE with a baseline (policy gradient on a sequence reward)",
  formula: String.raw`L = -\frac1N\sum_i \big(r(y_i^s, y_i^*) - b_i\big)\log p_\theta(y_i^s \mid x_i)`,
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  robustness: [
    "An unbiased estimate of the gradient of the expected reward for any (non-differentiable) metric; high variance, reduced by the baseline (self-critical: the greedy output's reward).",
    "The loss value itself is not the expected reward; monitor the reward.",
  ],
  references: [
    {
      paper:
        "Williams 1992; Ranzato et al. 2016 (MIXER); Rennie et al. 2017 (self-critical sequence training)",
    },
  ],
  pairsWith: ["text/corpus_bleu", "text/rouge", "text/wer"],
  traits: ["sequence", "sequence-level", "reinforcement", "metric-optimisation"],
  exports: ["reinforceLoss"],
});

/** Catalog entry of {@link tokenCrossEntropy}. */
export const tokenCrossEntropyEntry = loss({
  id: "sequence/token_cross_entropy",
  title: "Token-level cross-entropy with padding mask",
  formula: String.raw`L = -\frac{1}{\sum_{n,t} m_{nt}}\sum_{n,t} m_{nt}\log \frac{e^{z_{nt,y_{nt}}}}{\sum_v e^{z_{nt,v}}}`,
  range: [0, Number.POSITIVE_INFINITY],
  robustness: [
    "Teacher-forced maximum likelihood: exposure bias at inference time, and a mismatch with sequence metrics (BLEU, WER) that sequence-level objectives address.",
    "Its exponential is the perplexity; label smoothing improves calibration and BLEU at the cost of perplexity.",
  ],
  references: [
    {
      paper: "Sutskever et al. 2014; Szegedy et al. 2016 (label smoothing)",
      implementation:
        "matches torch 2.11 F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1), ignore_index, label_smoothing)",
    },
  ],
  pairsWith: ["text/perplexity", "text/corpus_bleu", "text/wer", "text/rouge"],
  traits: ["sequence", "teacher-forcing", "language-model"],
  exports: ["tokenCrossEntropy", "tokenCrossEntropyFactory"],
});

/** Catalog entries of the sequence losses. */
export const entries: readonly CatalogEntry[] = [
  ctcLossEntry,
  minimumRiskTrainingEntry,
  reinforceLossEntry,
  tokenCrossEntropyEntry,
];
