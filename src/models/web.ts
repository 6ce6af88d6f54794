/**
 * plumbline/models/web: the model-based metrics without Node built-ins, for browsers and other
 * runtimes. Pass `runtime` (for example `import * as ort from "onnxruntime-web"`) and models as
 * bytes or URLs; images as tensors or PNG bytes. `plumbline/models` adds the Node helpers (PNG
 * folders, vocabulary files) and uses onnxruntime-node by default.
 */

export type { ImageInput, ImageSource, ImageTensor, RgbImage } from "./images/image-input.js";
export {
  type InceptionFeatures,
  type InceptionFeaturesOptions,
  type InceptionOptions,
  type InceptionOutput,
  inceptionFeatures,
} from "./inception/inception-features.js";
export type { InceptionPreprocess } from "./inception/preprocess.js";
export type { ProgressOption } from "./runtime/batches.js";
export type { ModelContract, TensorContract } from "./runtime/contract.js";
export { ONNX_RUNTIME_VERSION } from "./runtime/default-runtime.js";
export { type LoadModelOptions, loadModel, type ModelSource, type OnnxModel } from "./runtime/model.js";
export type { OrtModule, OrtSession, OrtTensor } from "./runtime/ort.js";
