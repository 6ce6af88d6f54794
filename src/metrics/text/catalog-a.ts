import type { CatalogEntry } from "../../catalog/types.js";
import { corpusBleuMeta } from "./bleu.js";
import { chrfMeta } from "./chrf.js";
import { distinctNMeta, selfBleuMeta } from "./diversity.js";
import { editDistanceMeta } from "./edit-distance.js";
import { extendedEditDistanceMeta } from "./extended-edit-distance.js";
import { gleuMeta } from "./gleu.js";
import { nltkBleuMeta } from "./nltk-bleu.js";
import { perplexityMeta } from "./perplexity.js";
import { terMeta } from "./ter.js";
import { cerMeta, merMeta, werMeta, wilMeta, wipMeta } from "./wer.js";
import { whitespaceBleuMeta } from "./whitespace-bleu.js";

/** Catalog entries of text metrics, part a. */
export const entries: readonly CatalogEntry[] = [
  corpusBleuMeta,
  chrfMeta,
  terMeta,
  nltkBleuMeta,
  whitespaceBleuMeta,
  gleuMeta,
  werMeta,
  cerMeta,
  merMeta,
  wilMeta,
  wipMeta,
  editDistanceMeta,
  extendedEditDistanceMeta,
  perplexityMeta,
  distinctNMeta,
  selfBleuMeta,
];
