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
import { entries as rag } from "../rag/catalog.js";
import type { CatalogEntry, Task } from "./types.js";

export type { CatalogEntry, Reference, Task } from "./types.js";

/** Every metric, loss and loss-weighting scheme, in survey order. */
export const catalog: readonly CatalogEntry[] = [
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
  ...lossGeneration,
  ...text,
  ...lossSequence,
  ...retrieval,
  ...rag,
  ...lossWeighting,
];

/** The entry with this id, or undefined. */
export function describe(id: string): CatalogEntry | undefined {
  return catalog.find((e) => e.id === id);
}

export interface RecommendQuery {
  readonly task: Task;
  /** e.g. ["imbalanced"], ["outliers"], ["probabilistic"]. */
  readonly traits?: readonly string[];
  readonly kind?: CatalogEntry["kind"];
}

export interface Recommendation {
  readonly entry: CatalogEntry;
  /** How many of the asked traits the entry lists. */
  readonly matchedTraits: readonly string[];
  /** For a loss: the catalog entries of the metrics the survey pairs it with. */
  readonly pairedMetrics: readonly CatalogEntry[];
}

/**
 * The survey's pairing advice as a query: entries for a task, ranked by how many of the asked
 * traits they carry (ties keep survey order), each loss with the metrics it pairs with.
 */
export function recommend(query: RecommendQuery): Recommendation[] {
  const traits = query.traits ?? [];
  return catalog
    .filter((e) => e.tasks.includes(query.task) && (query.kind === undefined || e.kind === query.kind))
    .map((entry) => ({
      entry,
      matchedTraits: traits.filter((t) => entry.traits?.includes(t)),
      pairedMetrics: (entry.pairsWith ?? [])
        .map((id) => describe(id))
        .filter((e): e is CatalogEntry => e !== undefined),
    }))
    .filter((r) => traits.length === 0 || r.matchedTraits.length > 0)
    .sort((a, b) => b.matchedTraits.length - a.matchedTraits.length);
}
