import type { Annotations } from "../annotation.js";

const fromFeatures = {
  fid: "the same distance on features you extract yourself (any network, streamed and mergeable)",
  kid: "the same unbiased distance on features you extract yourself",
  is: "the same score on class probabilities or logits you compute yourself",
} as const;

/**
 * The metrics of `plumbline/models`, which run a model the user supplies (ONNX): FID, KID and
 * IS from images (survey §9.2.3–9.2.4), LPIPS and CLIPScore (beyond the survey), and BERTScore
 * with an encoder. docs/models.md says which model file each expects and how to export it.
 */
export const models: Annotations = {
  "models/frechet_inception_distance": {
    survey: ["9.2.4"],
    flags: [],
    usage:
      "FID from two image folders or tensors with an Inception-v3 you supply: the standard realism and diversity benchmark of GANs and diffusion models.",
    pros: [
      "The number papers report: with pytorch-fid's weights and preprocessing it reproduces published FIDs.",
      "Captures fidelity and diversity together, against the real images.",
    ],
    cons: [
      "Biased for small sets: use at least 10,000 images and the same count when comparing.",
      "Assumes Gaussian features; ImageNet features may not suit other domains.",
      "Needs the model file (docs/models.md): nothing is downloaded.",
    ],
    pairs: {
      "generative/frechet_distance": fromFeatures.fid,
      "models/kernel_inception_distance": "an unbiased alternative when the sets are small",
      "generative/precision_recall": "separates the fidelity and diversity that FID mixes",
    },
  },
  "models/kernel_inception_distance": {
    survey: [],
    beyondSurvey:
      "KID (Bińkowski et al. 2018) is the unbiased alternative to the survey's FID for small image sets.",
    flags: [],
    ideal: 0,
    usage: "A distribution distance between real and generated images when only a few hundred are available.",
    pros: ["Unbiased: comparable across set sizes.", "No Gaussian assumption on the features."],
    cons: [
      "Can be slightly negative; less widely reported than FID.",
      "Subset sampling adds variance (report its standard deviation).",
    ],
    pairs: {
      "models/frechet_inception_distance": "the benchmark number most papers report",
      "generative/kernel_inception_distance": fromFeatures.kid,
    },
  },
  "models/inception_score": {
    survey: ["9.2.3"],
    flags: ["no-reference"],
    usage:
      "Quality and class diversity of generated images judged by an Inception-v3 you supply, without real images.",
    pros: ["Needs no real images.", "Matches torch-fidelity and torchmetrics on the same model."],
    cons: [
      "Ignores the real data distribution.",
      "Blind to mode collapse within a class; only meaningful for ImageNet-like content.",
    ],
    pairs: {
      "models/frechet_inception_distance": "compares against the real data IS ignores",
      "generative/inception_score": fromFeatures.is,
    },
  },
  "models/precision_recall": {
    survey: [],
    beyondSurvey:
      "Improved precision and recall (Kynkäänniemi et al. 2019) separates the fidelity and diversity that the survey's FID mixes.",
    flags: [],
    usage:
      "Fidelity (precision) and coverage of the real data (recall) of generated images, with an Inception-v3 you supply.",
    pros: ["Tells mode collapse (low recall) apart from poor samples (low precision)."],
    cons: [
      "Outliers inflate the k-NN balls; depends on k and the feature space.",
      "Memory grows with the square of the set size.",
    ],
    pairs: {
      "models/frechet_inception_distance": "the single-number benchmark precision and recall explain",
      "models/density_coverage": "the outlier-robust counterparts of precision and recall",
      "generative/precision_recall": "the same metric on features you extract yourself",
    },
  },
  "models/density_coverage": {
    survey: [],
    beyondSurvey:
      "Density and coverage (Naeem et al. 2020) repair the outlier sensitivity of improved precision and recall, a diversity measure the survey's FID and IS lack.",
    flags: ["robust"],
    ideal: 1,
    usage:
      "Fidelity (density) and diversity (coverage) of generated samples from features or images, robust to real outliers.",
    pros: [
      "Robust to outliers among the real samples.",
      "Coverage has a closed-form expectation for identical distributions, so it is easy to read.",
    ],
    cons: ["Density is unbounded above; both depend on k and the feature space."],
    pairs: {
      "models/precision_recall": "the k-NN precision and recall these metrics refine",
      "models/frechet_inception_distance": "the single-number benchmark",
    },
  },
  "models/lpips": {
    survey: [],
    beyondSurvey:
      "LPIPS (Zhang et al. 2018) is the learned form of the survey's perceptual loss (§9.1.3): deep-feature distances calibrated on human similarity judgements, the usual perceptual score of image restoration and translation.",
    flags: [],
    usage:
      "Perceptual distance between paired images (restoration, super-resolution, image translation), with an LPIPS network you supply.",
    pros: [
      "Agrees with human similarity judgements much better than PSNR and SSIM.",
      "Tolerates small shifts and texture changes that pixel metrics punish.",
    ],
    cons: [
      "Needs a pixel-aligned reference; blind to distribution-level diversity.",
      "Scores from AlexNet and VGG trunks are not comparable; it can be fooled by adversarial patterns.",
    ],
    pairs: {
      "image/ssim": "structural fidelity on the same pairs, the classic complement",
      "image/psnr": "pixel fidelity, which LPIPS alone does not guarantee",
    },
  },
  "models/clip_score": {
    survey: [],
    beyondSurvey:
      "CLIPScore (Hessel et al. 2021) measures what the survey's FID and IS cannot: whether a generated image matches its text prompt, the main question of text-to-image evaluation.",
    flags: ["no-reference"],
    usage:
      "Agreement of generated images with their prompts or captions (text-to-image, captioning), with CLIP towers you supply.",
    pros: [
      "Needs no reference image, only the prompt.",
      "Correlates with human judgements of image–text match.",
    ],
    cons: [
      "Blind to image realism and diversity: report FID beside it.",
      "Inherits CLIP's weaknesses (counting, spatial relations, rendered text); captions are cut at 77 tokens.",
    ],
    pairs: {
      "models/frechet_inception_distance": "realism and diversity, which prompt agreement says nothing about",
    },
  },
  "models/bertscore": {
    survey: [],
    beyondSurvey:
      "BERTScore (Zhang et al. 2020) matches contextual embeddings, addressing the survey's main critique of BLEU and ROUGE (no credit for paraphrase); this form runs the encoder for you.",
    flags: ["robust"],
    usage:
      "Semantic similarity of generated and reference text with a BERT-family encoder you supply (ONNX) and its vocabulary.",
    pros: [
      "Credits paraphrases and synonyms.",
      "Equal to bert_score on the same model, layer and tokenizer, without Python.",
    ],
    cons: [
      "Depends on the encoder, layer and baseline: scores of different configurations are not comparable.",
      "Slower than n-gram metrics (a forward pass per sentence).",
    ],
    pairs: {
      "text/bertscore": "the same algorithm on embeddings you compute yourself",
      "text/rouge": "n-gram overlap, the number summarisation papers still report",
    },
  },
};
