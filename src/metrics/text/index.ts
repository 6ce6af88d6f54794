/**
 * plumbline/text: the public API of the text metrics, grouped by what they measure.
 */
// Language modelling
export * from "./language-modeling/perplexity.js";
// Question answering
export * from "./question-answering/squad.js";
// Shared input checks
export {
  checkPairs,
  checkSinglePairs,
  fromReferenceStreams,
  type ReferenceSet,
  type ReferenceStreams,
  toReferenceStreams,
} from "./shared/inputs.js";
// Similarity and diversity
export * from "./similarity/bertscore.js";
export * from "./similarity/diversity.js";
export {
  cosineSimilarity,
  type EmbeddingSimilarityState,
  embeddingSimilarity,
  embeddingSimilarityDef,
  embeddingSimilarityMeta,
  type SentenceEmbedder,
  sentenceSimilarity,
} from "./similarity/embedding-similarity.js";
// Speech recognition
export * from "./speech/edit-distance.js";
export * from "./speech/wer.js";
// Summarization
export * from "./summarization/rouge.js";
export * from "./summarization/rouge-bootstrap.js";
// Sequence tagging
export { type EntitySpan, type GetEntitiesOptions, getEntities } from "./tagging/entities.js";
export * from "./tagging/performance-measure.js";
export * from "./tagging/seqeval.js";
// Tokenizers
export * from "./tokenizers/porter-stemmer.js";
export * from "./tokenizers/rouge-score.js";
export * from "./tokenizers/sacrebleu.js";
// Machine translation
export * from "./translation/bleu.js";
export * from "./translation/chrf.js";
export * from "./translation/extended-edit-distance.js";
export * from "./translation/gleu.js";
export * from "./translation/meteor.js";
export * from "./translation/nist.js";
export * from "./translation/nltk-bleu.js";
export * from "./translation/ribes.js";
export * from "./translation/suite.js";
export * from "./translation/ter.js";
export * from "./translation/whitespace-bleu.js";
export * from "./translation/wordnet.js";
