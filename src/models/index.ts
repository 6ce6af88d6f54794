/**
 * plumbline/models: metrics that need a model (FID, KID, Inception Score, precision/recall,
 * LPIPS, CLIPScore, BERTScore) run on ONNX Runtime with a model file the user supplies; nothing
 * is downloaded. Node entry: onnxruntime-node (an optional peer dependency) by default, PNG
 * folders and vocabulary files read from disk. docs/models.md lists the model each metric expects
 * and how to export it.
 */

export { compareCodePoints, pngFiles, pngFolder } from "./images/png-files.js";
export * from "./web.js";
