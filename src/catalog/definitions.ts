/**
 * The catalog metadata of every metric and loss, gathered from each area's `catalog.ts` list in
 * survey order (a metric's entry takes its id, range and direction from its definition's `meta`).
 * A new definition appears in the catalog once its area lists it there; its survey annotations go
 * in `catalog/annotations/`.
 */
import { entries as lossClassification } from "../losses/classification/catalog.js";
import { entries as lossDepth } from "../losses/depth/catalog.js";
import { entries as lossDetection } from "../losses/detection/catalog.js";
import { entries as lossFace } from "../losses/face/catalog.js";
import { entries as lossGeneration } from "../losses/generation/catalog.js";
import { entries as lossRegression } from "../losses/regression/catalog.js";
import { entries as lossSegmentation } from "../losses/segmentation/catalog.js";
import { entries as lossSequence } from "../losses/sequence/catalog.js";
import { entries as lossWeighting } from "../losses/weighting/catalog.js";
import { entries as classification } from "../metrics/classification/catalog.js";
import { entries as depth } from "../metrics/depth/catalog.js";
import { entries as detection } from "../metrics/detection/catalog.js";
import { entries as face } from "../metrics/face/catalog.js";
import { entries as generative } from "../metrics/generative/catalog.js";
import { entries as image } from "../metrics/image/catalog.js";
import { entries as regression } from "../metrics/regression/catalog.js";
import { entries as retrieval } from "../metrics/retrieval/catalog.js";
import { entries as segmentation } from "../metrics/segmentation/catalog.js";
import { entries as text } from "../metrics/text/catalog.js";
import { imageEntries as modelsImage, textEntries as modelsText } from "../models/catalog.js";
import { entries as rag } from "../rag/catalog.js";
import type { EntryMeta } from "./types.js";

/** Every entry's metadata, in survey order. */
export const definitions: readonly EntryMeta[] = [
  ...regression,
  ...lossRegression,
  ...classification,
  ...lossClassification,
  ...detection,
  ...lossDetection,
  ...segmentation,
  ...lossSegmentation,
  ...face,
  ...lossFace,
  ...depth,
  ...lossDepth,
  ...image,
  ...generative,
  ...modelsImage,
  ...lossGeneration,
  ...text,
  ...modelsText,
  ...lossSequence,
  ...retrieval,
  ...rag,
  ...lossWeighting,
];
