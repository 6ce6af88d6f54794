/** Public text metrics, part b (re-exported by index.ts): ROUGE, METEOR, seqeval, SQuAD, embedding similarity. */

export * from "./bertscore.js";
export {
  cosineSimilarity,
  type EmbeddingSimilarityState,
  embeddingSimilarity,
  embeddingSimilarityDef,
  embeddingSimilarityMeta,
  type SentenceEmbedder,
  sentenceSimilarity,
} from "./embedding-similarity.js";
export * from "./meteor.js";
export * from "./porter-stemmer.js";
export * from "./rouge.js";
export * from "./rouge-bootstrap.js";
export * from "./rouge-tokenizer.js";
export * from "./seqeval.js";
export * from "./squad.js";
export * from "./wordnet.js";
