/**
 * Advice from the data itself: measure the traits of a dataset (class balance, target shape,
 * object sizes, label-map frequencies, relevance grades, references, RAG fields) instead of asking
 * for them, and recommend metrics and losses from what was found. Pure functions over arrays and
 * parsed JSON, so they run anywhere; `plumbline advise` reads the files.
 */
export { type AdviseClassificationOptions, adviseClassification } from "./classification.js";
export { adviseDetection } from "./detection.js";
export { adviseRag } from "./rag.js";
export { type AdviseRegressionOptions, adviseRegression } from "./regression.js";
export type { AdviceReport, Finding } from "./report.js";
export { type AdviseRetrievalOptions, adviseRetrieval, type Judgement, type Retrieved } from "./retrieval.js";
export {
  type AdviseSegmentationOptions,
  advisePanoptic,
  adviseSegmentation,
  type LabelMaps,
  type PanopticMaps,
} from "./segmentation.js";
export { type AdviseTextOptions, adviseText } from "./text.js";
export { THRESHOLDS } from "./thresholds.js";
