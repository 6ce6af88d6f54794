import type { Annotations } from "../annotation.js";

const report = {
  verification: "TAR at a low FAR is how face verification is judged",
  retrievalMap: "ranking quality of the embedding as a search index",
  accuracy: "closed-set identity accuracy on the training identities",
  recallAtK: "whether the right match appears among the nearest neighbours",
} as const;

/** Survey section 7 (face recognition): losses and metrics 7.1 (table 15). */
export const face: Annotations = {
  "face/verification": {
    survey: ["7"],
    flags: ["threshold"],
    usage:
      "1:1 verification: true accept rate at a fixed false accept rate, equal error rate and best accuracy.",
    pros: ["TAR@FAR matches how deployed systems are specified (very few false accepts)."],
    cons: ["Low FARs need very many impostor pairs: below 1/n impostors the FAR is not measurable."],
    pairs: { "face/identification_rank": "the 1:N view of the same embeddings" },
  },
  "face/identification_rank": {
    survey: ["7"],
    flags: ["threshold"],
    usage: "1:N closed-set identification: the share of probes whose identity ranks within the top k (CMC).",
    pros: ["Directly the hit rate of a gallery search."],
    cons: ["Depends on the gallery size: always report it.", "Closed-set: every probe must be enrolled."],
  },
  "face/landmark_nme": {
    survey: [],
    beyondSurvey:
      "The face-alignment benchmark metrics (300W, WFLW): normalized mean error, failure rate and CED AUC, which the survey's Wing loss is trained for.",
    flags: ["scale-invariant"],
    alsoTasks: ["detection"],
    usage:
      "Facial landmark accuracy: mean error normalised by the eye distance, with failure rate and CED AUC.",
    pros: [
      "Normalisation makes errors comparable across face sizes.",
      "Failure rate and AUC show the tail that the mean hides.",
    ],
    cons: [
      "Inter-ocular and inter-pupil normalisations give different numbers: state which.",
      "Depends on the landmark scheme (68 or 98 points).",
    ],
    pairs: { "detection/wing_loss": "the landmark regression loss it evaluates" },
  },
  "face/arcface_loss": {
    survey: ["7.1.5"],
    flags: ["scale-invariant"],
    usage: "State-of-the-art identity training with an additive angular margin on normalised features.",
    pros: [
      "A constant geodesic margin: compact, well-separated identity clusters.",
      "Stable and geometrically interpretable.",
    ],
    cons: [
      "Sensitive to the margin m and scale s.",
      "Label noise produces large angles that dominate.",
      "Needs one weight vector per identity.",
    ],
    pairs: {
      "face/verification": report.verification,
      "retrieval/map": report.retrievalMap,
      "classification/accuracy": report.accuracy,
    },
  },
  "face/barlow_twins_loss": {
    survey: ["7.1.9"],
    flags: ["no-reference"],
    usage: "Self-supervised pre-training from two augmented views, without negatives.",
    pros: ["Decorrelates feature dimensions, avoiding collapse without negative pairs."],
    cons: [
      "Benefits from high-dimensional projections (cost grows with D²).",
      "Sensitive to the augmentations.",
    ],
    pairs: {
      "classification/accuracy": "linear-probe accuracy, the usual evaluation of self-supervised features",
      "retrieval/recall_at_k": report.recallAtK,
    },
  },
  "face/center_loss": {
    survey: ["7.1.3"],
    flags: ["convex", "smooth"],
    usage: "An auxiliary loss beside softmax that pulls each feature towards its class centre.",
    pros: ["Reduces intra-class variance: tighter identity clusters."],
    cons: [
      "Does not separate classes on its own: always combine with softmax.",
      "Centres are noisy with small batches.",
    ],
    pairs: { "face/verification": report.verification, "retrieval/map": report.retrievalMap },
  },
  "face/circle_loss": {
    survey: ["7.1.8"],
    flags: ["smooth"],
    usage: "Pair-similarity training that re-weights each pair by how far it is from its target.",
    pros: [
      "Optimises positive and negative similarities together with a clear convergence target.",
      "Copes with imbalanced pair sets.",
    ],
    cons: ["γ and m interact and are tricky to tune."],
    pairs: { "face/verification": report.verification, "retrieval/map": report.retrievalMap },
  },
  "face/contrastive_loss": {
    survey: ["7.1.7", "11.1"],
    flags: ["smooth"],
    alsoTasks: ["retrieval", "rag"],
    usage:
      "Siamese training on labelled pairs: similar pairs close, dissimilar beyond a margin (also for retrievers).",
    pros: ["Simple metric learning that extends to identities never seen in training."],
    cons: [
      "One margin for all negatives; most random negatives are easy.",
      "Depends on the embedding scale and on pair sampling.",
    ],
    pairs: { "face/verification": report.verification, "retrieval/map": report.retrievalMap },
  },
  "face/cosface_loss": {
    survey: ["7.1.4"],
    flags: ["scale-invariant"],
    usage: "Identity training with a margin subtracted in cosine space.",
    pros: ["Simple and stable; the boundary does not depend on feature norms."],
    cons: ["Margin tuning needed; separation less uniform in angle than ArcFace."],
    pairs: {
      "face/verification": report.verification,
      "retrieval/map": report.retrievalMap,
      "classification/accuracy": report.accuracy,
    },
  },
  "face/info_nce_loss": {
    survey: [],
    beyondSurvey:
      "The in-batch contrastive loss (CPC, CLIP, dense retrievers) behind most modern embedding training.",
    flags: ["smooth", "scale-invariant"],
    alsoTasks: ["rag"],
    usage: "Train paired encoders (image-text, query-passage) with the rest of the batch as negatives.",
    pros: [
      "Many negatives per step at no labelling cost.",
      "A bound on mutual information that tightens with batch size.",
    ],
    cons: [
      "Needs large batches.",
      "In-batch false negatives are pushed apart; the temperature needs tuning.",
    ],
    pairs: { "retrieval/recall_at_k": report.recallAtK, "retrieval/map": report.retrievalMap },
  },
  "face/nt_xent_loss": {
    survey: [],
    beyondSurvey:
      "SimCLR's contrastive loss, the reference self-supervised objective the survey's Barlow Twins and SimSiam are compared with.",
    flags: ["smooth", "scale-invariant", "no-reference"],
    usage: "Self-supervised contrastive pre-training from two augmented views per image.",
    pros: ["Strong representations without labels."],
    cons: ["Needs large batches and strong augmentations.", "Unstable at very low temperature."],
    pairs: {
      "retrieval/recall_at_k": report.recallAtK,
      "retrieval/map": report.retrievalMap,
      "classification/accuracy": "linear-probe accuracy of the learned features",
    },
  },
  "face/simsiam_loss": {
    survey: ["7.1.10"],
    flags: ["smooth", "scale-invariant", "no-reference"],
    usage: "Self-supervised pre-training without negatives, using a stop-gradient and a predictor head.",
    pros: ["No negatives, no momentum encoder, small batches work."],
    cons: [
      "Collapse if the predictor or stop-gradient is removed.",
      "Features may not capture identity without fine-tuning.",
    ],
    pairs: {
      "classification/accuracy": "linear-probe accuracy of the learned features",
      "retrieval/recall_at_k": report.recallAtK,
    },
  },
  "face/softmax_loss": {
    survey: ["7.1.1"],
    flags: ["convex", "smooth"],
    usage: "The baseline identity classifier head for face recognition.",
    pros: ["Simple and stable."],
    cons: [
      "No explicit margin: large intra-class variance hurts open-set verification.",
      "Frequent identities dominate.",
    ],
    pairs: { "classification/accuracy": report.accuracy, "retrieval/map": report.retrievalMap },
  },
  "face/sphereface_loss": {
    survey: ["7.1.2"],
    flags: [],
    usage: "Identity training with a multiplicative angular margin (A-Softmax).",
    pros: ["Introduced angular margins: better separation than softmax."],
    cons: ["Hard to train from scratch; needs annealing.", "Feature norms scale the logits."],
    pairs: {
      "face/verification": report.verification,
      "retrieval/map": report.retrievalMap,
      "classification/accuracy": report.accuracy,
    },
  },
  "face/triplet_margin_loss": {
    survey: ["7.1.6"],
    flags: [],
    usage: "Metric learning from anchor-positive-negative triplets (FaceNet).",
    pros: ["Learns a distance directly; generalises to unseen identities."],
    cons: ["Most random triplets are easy: needs mining.", "Slow convergence; margin tuning."],
    pairs: {
      "face/verification": report.verification,
      "retrieval/map": report.retrievalMap,
      "retrieval/recall_at_k": report.recallAtK,
    },
  },
  "face/triplet_mining_loss": {
    survey: ["7.1.6"],
    flags: [],
    usage:
      "Triplet loss with online mining inside each batch: batch-hard, batch-all, or FaceNet's semi-hard negatives.",
    pros: [
      "Mining makes triplet training efficient.",
      "Semi-hard negatives (farther than the positive but within the margin) avoid the early collapse the hardest negatives cause.",
    ],
    cons: [
      "Batch-hard amplifies label noise and outliers.",
      "Needs P identities × K samples per batch; semi-hard mining needs large batches to find such negatives.",
    ],
    pairs: {
      "face/verification": report.verification,
      "retrieval/map": report.retrievalMap,
      "retrieval/recall_at_k": report.recallAtK,
    },
  },
};
