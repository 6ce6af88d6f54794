import type { CatalogEntry } from "../../catalog/types.js";
import { perplexityMeta } from "./language-modeling/perplexity.js";
import { squadMeta } from "./question-answering/squad.js";
import { bertScoreMeta } from "./similarity/bertscore.js";
import { distinctNMeta, selfBleuMeta } from "./similarity/diversity.js";
import { embeddingSimilarityMeta } from "./similarity/embedding-similarity.js";
import { editDistanceMeta } from "./speech/edit-distance.js";
import { cerMeta, merMeta, werMeta, wilMeta, wipMeta } from "./speech/wer.js";
import { rougeMeta } from "./summarization/rouge.js";
import { seqevalMeta } from "./tagging/seqeval.js";
import { corpusBleuMeta } from "./translation/bleu.js";
import { chrfMeta } from "./translation/chrf.js";
import { extendedEditDistanceMeta } from "./translation/extended-edit-distance.js";
import { gleuMeta } from "./translation/gleu.js";
import { meteorMeta } from "./translation/meteor.js";
import { nistMeta } from "./translation/nist.js";
import { nltkBleuMeta } from "./translation/nltk-bleu.js";
import { ribesMeta } from "./translation/ribes.js";
import { terMeta } from "./translation/ter.js";
import { whitespaceBleuMeta } from "./translation/whitespace-bleu.js";

/** Catalog entries of the text metrics, in the order `plumbline list` and the README's table show them. */
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
  rougeMeta,
  meteorMeta,
  seqevalMeta,
  squadMeta,
  bertScoreMeta,
  embeddingSimilarityMeta,
  nistMeta,
  ribesMeta,
];
