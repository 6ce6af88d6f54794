import type { CatalogEntry } from "../../catalog/types.js";
import { bertScoreMeta } from "./bertscore.js";
import { embeddingSimilarityMeta } from "./embedding-similarity.js";
import { meteorMeta } from "./meteor.js";
import { rougeMeta } from "./rouge.js";
import { seqevalMeta } from "./seqeval.js";
import { squadMeta } from "./squad.js";

/** Catalog entries of text metrics, part b: ROUGE, METEOR, seqeval, SQuAD, BERTScore, embedding cosine. */
export const entries: readonly CatalogEntry[] = [
  rougeMeta,
  meteorMeta,
  seqevalMeta,
  squadMeta,
  bertScoreMeta,
  embeddingSimilarityMeta,
];
