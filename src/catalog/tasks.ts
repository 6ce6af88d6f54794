/**
 * The catalog's vocabulary: the survey's task areas, their aliases, and for each area the data
 * traits (the challenges the survey names) that `recommend` and `advise` reason about.
 */
import { describeValue, fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";
import type { MetaTask } from "./types.js";

/** The survey's task areas (Terven et al. 2025, sections 2–12), as the catalog names them. */
export const TASKS = [
  "regression",
  "classification",
  "detection",
  "segmentation",
  "face",
  "depth",
  "generation",
  "text",
  "retrieval",
  "rag",
  "multi-loss",
] as const;
export type Task = (typeof TASKS)[number];

/** Each task's title and the survey sections that cover it. */
export const TASK_INFO: Readonly<Record<Task, { title: string; sections: readonly string[] }>> = {
  regression: { title: "Regression", sections: ["2"] },
  classification: { title: "Classification", sections: ["3", "4"] },
  detection: { title: "Object detection", sections: ["5"] },
  segmentation: { title: "Image segmentation", sections: ["6"] },
  face: { title: "Face recognition", sections: ["7"] },
  depth: { title: "Monocular depth estimation", sections: ["8"] },
  generation: { title: "Image generation", sections: ["9"] },
  text: { title: "Natural language processing", sections: ["10"] },
  retrieval: { title: "Retrieval and ranking", sections: ["10.1.4", "11.2.4", "11.2.5"] },
  rag: { title: "Retrieval-augmented generation", sections: ["11"] },
  "multi-loss": { title: "Combining multiple losses", sections: ["12"] },
};

/** Other names accepted for a task (older catalog names and common synonyms). */
export const TASK_ALIASES: Readonly<Record<string, Task>> = {
  "face-recognition": "face",
  "image-generation": "generation",
  "image-quality": "generation",
  generative: "generation",
  image: "generation",
  nlp: "text",
  sequence: "text",
  language: "text",
  "object-detection": "detection",
  "monocular-depth": "depth",
  "depth-estimation": "depth",
  ranking: "retrieval",
  "information-retrieval": "retrieval",
  "retrieval-augmented-generation": "rag",
  weighting: "multi-loss",
  "multi-task": "multi-loss",
};

/**
 * The data traits of each task: the challenges the survey discusses for it. Each maps to a
 * one-line description printed by `plumbline traits`.
 */
export const TRAITS: Readonly<Record<Task, Readonly<Record<string, string>>>> = {
  regression: {
    outliers: "a few targets or residuals far from the rest (heavy tails)",
    "relative-error": "errors matter relative to the target's size; targets span orders of magnitude",
    zeros: "targets at or near zero (percentage errors are undefined there)",
    skewed: "a skewed target or error distribution",
    heteroscedastic: "the noise grows or shrinks with the target",
    quantiles: "you need intervals or a quantile, not only a point estimate",
    counts: "non-negative integer counts (events per interval)",
  },
  classification: {
    imbalanced: "one class (or a few) much more frequent than the others",
    calibration: "the predicted probabilities themselves must be trustworthy",
    "noisy-labels": "some training labels are wrong",
    multilabel: "each sample can carry several labels at once",
    "cost-sensitive": "false positives and false negatives cost different amounts",
    "threshold-free": "the decision threshold is not fixed yet; compare rankings of scores",
    "many-classes": "hundreds or thousands of classes (large-scale vision, vocabularies)",
    fairness: "predictions must treat groups defined by a protected attribute alike (a group per sample)",
  },
  detection: {
    "small-objects": "many objects are small (COCO: area below 32² pixels)",
    crowded: "many objects per image, overlapping or occluding each other",
    localization: "tight boxes matter, not only finding the object",
    imbalanced: "far more background anchors than objects, or rare object classes",
    "scale-variation": "object sizes vary over orders of magnitude",
    landmarks: "regressing keypoints or landmarks (faces, poses)",
  },
  segmentation: {
    imbalanced: "a dominant class (usually background) and rare foreground classes",
    "small-structures": "small or thin regions (lesions, vessels, distant objects)",
    boundaries: "contour accuracy matters (medical delineation, matting)",
    instances: "each object instance needs its own mask",
    panoptic: "stuff classes and thing instances labelled together",
  },
  face: {
    verification: "deciding whether two faces belong to the same person (1:1)",
    identification: "finding who a face is among enrolled identities (1:N)",
    "open-set": "identities at test time that were never seen in training",
    "self-supervised": "few or no identity labels; learn from augmented views",
  },
  depth: {
    "scale-ambiguity": "a single image fixes depth only up to a global scale (and shift)",
    "self-supervised": "no ground-truth depth; learn from video or stereo reconstruction",
    stereo: "rectified stereo pairs are available at training time",
    "wide-range": "depths spanning near and far ranges (indoor and outdoor)",
    boundaries: "sharp depth edges at object boundaries matter",
  },
  generation: {
    fidelity: "each generated sample should look real",
    diversity: "samples should cover the variety of the data (no mode collapse)",
    perceptual: "quality as a human perceives it, not pixel agreement",
    restoration: "a paired reference exists (super-resolution, denoising, inpainting)",
    "text-to-image": "images generated from text prompts must match them",
    likelihood: "you need densities or bits per dimension",
    "training-stability": "adversarial training oscillates or collapses",
  },
  text: {
    translation: "machine translation against reference translations",
    summarization: "summaries judged against reference summaries",
    speech: "speech recognition transcripts",
    tagging: "token labels such as named entities or parts of speech",
    qa: "question answering with short reference answers",
    "language-modeling": "next-token prediction quality",
    "sentence-level": "scores needed per sentence rather than per corpus",
    paraphrase: "valid outputs may reword the reference",
    diversity: "open-ended generation that should not repeat itself",
  },
  retrieval: {
    ranking: "the order of the returned documents matters",
    "graded-relevance": "relevance judgements have grades (0, 1, 2, ...), not only yes/no",
    "top-k": "only the first k results are shown or used",
    "single-answer": "one relevant document per query is what counts",
  },
  rag: {
    faithfulness: "answers must stay grounded in the retrieved context",
    "retrieval-quality": "the retriever must bring the right passages, well ranked",
    "answer-quality": "the answer must be correct and address the question",
    "no-reference": "no reference answers are available",
    "confidence-intervals": "judge-based scores need statistical guarantees",
  },
  "multi-loss": {
    "scale-mismatch": "the combined losses have very different magnitudes",
    "conflicting-gradients": "the tasks pull the shared weights in different directions",
    "no-tuning": "no budget to tune the loss weights by hand",
  },
};

/** Resolves a task name or alias; `invalid_option` with the vocabulary otherwise. */
export function resolveTask(fn: string, name: unknown): Task {
  if (typeof name === "string") {
    const key = name.trim().toLowerCase();
    if ((TASKS as readonly string[]).includes(key)) return key as Task;
    const alias = TASK_ALIASES[key];
    if (alias !== undefined && Object.hasOwn(TASK_ALIASES, key)) return alias;
  }
  const hint =
    typeof name === "string" ? suggestName(name, [...TASKS, ...Object.keys(TASK_ALIASES)]) : undefined;
  return fail(
    "invalid_option",
    `${fn}: unknown task ${describeValue(name)}${hint ? ` (${hint})` : ""}; tasks: ${TASKS.join(", ")}`,
  );
}

/** Maps an entry's metadata task (legacy or current name) onto the survey task. */
export function taskOfMeta(task: MetaTask): Task {
  return (TASKS as readonly string[]).includes(task) ? (task as Task) : TASK_ALIASES[task]!;
}

/**
 * Validates trait names for a task (order kept, duplicates removed); `invalid_option` naming the
 * task's vocabulary otherwise.
 */
export function resolveTraits(fn: string, task: Task, traits: readonly unknown[]): string[] {
  const vocabulary = Object.keys(TRAITS[task]);
  const out: string[] = [];
  for (const trait of traits) {
    const name = typeof trait === "string" ? trait.trim().toLowerCase() : trait;
    if (typeof name !== "string" || !vocabulary.includes(name)) {
      const hint = typeof trait === "string" ? suggestName(trait, vocabulary) : undefined;
      fail(
        "invalid_option",
        `${fn}: unknown trait ${describeValue(trait)} for task ${task}${hint ? ` (${hint})` : ""}; traits of ${task}: ${vocabulary.join(", ")}`,
      );
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
