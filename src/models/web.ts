/**
 * plumbline/models/web: the model-based metrics without Node built-ins, for browsers and other
 * runtimes. Pass `runtime` (for example `import * as ort from "onnxruntime-web"`) and models as
 * bytes or URLs; images as tensors or PNG bytes; vocabularies as text. `plumbline/models` adds the
 * Node helpers (PNG folders, vocabulary files) and uses onnxruntime-node by default.
 */

export { frechetDistanceSymmetric } from "../metrics/generative/frechet-distance.js";
export { traceSqrtProductSymmetric } from "../metrics/generative/trace-sqrt-product.js";
export {
  BERTSCORE_CONTRACT,
  type BertScoreWithModelOptions,
  type BertScoreWithModelResult,
  bertScoreWithModel,
  readBertScoreBaseline,
} from "./bertscore/bertscore-with-model.js";
export { CLIP_MEAN, CLIP_STD, clipPixelValues } from "./clip/clip-preprocess.js";
export {
  CLIP_IMAGE_CONTRACT,
  CLIP_TEXT_CONTRACT,
  type ClipImageOptions,
  type ClipScoreOptions,
  type ClipScoreResult,
  type ClipTextOptions,
  clipImageEmbeddings,
  clipScore,
  clipTextEmbeddings,
} from "./clip/clip-score.js";
export type { ImageInput, ImageSource, ImageTensor, RgbImage } from "./images/image-input.js";
export { decodePngRgb } from "./images/png.js";
export { resizeBicubicPil } from "./images/resize-bicubic-pil.js";
export { resizeBilinearTorch } from "./images/resize-bilinear.js";
export { resizeBilinearTf1 } from "./images/resize-tf1.js";
export {
  type DensityCoverage,
  type DensityCoverageFromImagesOptions,
  type DensityCoverageOptions,
  densityCoverage,
  densityCoverageFromImages,
} from "./inception/density-coverage.js";
export { frechetInceptionDistance } from "./inception/frechet-inception-distance.js";
export {
  type InceptionFeatures,
  type InceptionFeaturesOptions,
  type InceptionOptions,
  type InceptionOutput,
  inceptionContract,
  inceptionFeatures,
} from "./inception/inception-features.js";
export {
  type InceptionScoreFromImagesOptions,
  inceptionScoreFromImages,
} from "./inception/inception-score-images.js";
export {
  type KidFromImagesOptions,
  kernelInceptionDistanceFromImages,
} from "./inception/kernel-inception-distance-images.js";
export {
  type PrecisionRecallFromImagesOptions,
  precisionRecallFromImages,
} from "./inception/precision-recall-images.js";
export { type InceptionPreprocess, inceptionInput } from "./inception/preprocess.js";
export { LPIPS_CONTRACT, type LpipsOptions, type LpipsResult, lpips } from "./lpips/lpips.js";
export type { ProgressOption } from "./runtime/batches.js";
export type { ModelContract, TensorContract } from "./runtime/contract.js";
export { ONNX_RUNTIME_VERSION } from "./runtime/default-runtime.js";
export { type LoadModelOptions, loadModel, type ModelSource, type OnnxModel } from "./runtime/model.js";
export type { OrtModule, OrtSession, OrtTensor } from "./runtime/ort.js";
export { type ByteLevelBpeOptions, byteLevelBpeTokenizer } from "./tokenizers/byte-level-bpe.js";
export { type ClipTokenizerOptions, clipTokenizer } from "./tokenizers/clip-tokenizer.js";
export type { Tokenizer } from "./tokenizers/tokenizer.js";
export { type WordPieceOptions, wordPieceTokenizer } from "./tokenizers/wordpiece.js";
