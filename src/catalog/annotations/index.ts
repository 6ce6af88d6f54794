import type { Annotations } from "../annotation.js";
import { classification } from "./classification.js";
import { depth } from "./depth.js";
import { detection } from "./detection.js";
import { face } from "./face.js";
import { generation } from "./generation.js";
import { models } from "./models.js";
import { multiLoss } from "./multi-loss.js";
import { rag } from "./rag.js";
import { regression } from "./regression.js";
import { retrieval } from "./retrieval.js";
import { segmentation } from "./segmentation.js";
import { text } from "./text.js";

/** The annotation file of each id folder ("<folder>/<name>"), for messages that say where to add data. */
export const ANNOTATION_FILES: Readonly<Record<string, string>> = {
  regression: "regression.ts",
  classification: "classification.ts",
  detection: "detection.ts",
  segmentation: "segmentation.ts",
  face: "face.ts",
  depth: "depth.ts",
  image: "generation.ts",
  generative: "generation.ts",
  generation: "generation.ts",
  text: "text.ts",
  sequence: "text.ts",
  retrieval: "retrieval.ts",
  rag: "rag.ts",
  weighting: "multi-loss.ts",
  models: "models.ts",
};

/** Every annotation, keyed by catalog id. */
export const annotations: Annotations = {
  ...regression,
  ...classification,
  ...detection,
  ...segmentation,
  ...face,
  ...depth,
  ...generation,
  ...text,
  ...retrieval,
  ...rag,
  ...multiLoss,
  ...models,
};

/** Where the annotation of `id` belongs (path relative to the repository). */
export function annotationFileFor(id: string): string {
  const folder = id.split("/")[0] ?? "";
  const file = Object.hasOwn(ANNOTATION_FILES, folder)
    ? ANNOTATION_FILES[folder]
    : `${folder}.ts (new: list it in annotations/index.ts)`;
  return `src/catalog/annotations/${file}`;
}
