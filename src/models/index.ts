/**
 * plumbline/models: metrics that need a model (FID, KID, Inception Score, precision/recall,
 * LPIPS, CLIPScore, BERTScore) run on ONNX Runtime with model files the user supplies; nothing
 * is downloaded. This Node entry uses onnxruntime-node (an optional peer dependency) by default and
 * reads PNG folders, vocabulary and baseline files from disk. docs/models.md lists the model each
 * metric expects and how to export it.
 */

export { compareCodePoints, pngFiles, pngFolder } from "./images/png-files.js";
export {
  loadBertScoreBaseline,
  loadByteLevelBpeTokenizer,
  loadClipTokenizer,
  loadWordPieceTokenizer,
} from "./tokenizers/vocabulary-files.js";
export * from "./web.js";
