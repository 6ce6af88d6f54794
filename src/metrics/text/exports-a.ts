/**
 * Public text metrics, part a (re-exported by index.ts): sacrebleu-compatible BLEU, chrF and
 * TER with their tokenizers; nltk BLEU and GLEU; torchmetrics BLEUScore; WER/CER/MER/WIL/WIP
 * (jiwer and torchmetrics conventions); edit distance and extended edit distance; perplexity
 * and bits per character; generation diversity (distinct-n, self-BLEU).
 */
export * from "./bleu.js";
export * from "./chrf.js";
export * from "./diversity.js";
export * from "./edit-distance.js";
export * from "./extended-edit-distance.js";
export * from "./gleu.js";
export * from "./nltk-bleu.js";
export * from "./perplexity.js";
export * from "./sacrebleu-tokenizers.js";
export * from "./ter.js";
export { checkPairs, checkSinglePairs, fromReferenceStreams, type ReferenceSet } from "./text-inputs.js";
export * from "./wer.js";
export * from "./whitespace-bleu.js";
