import type { RgbImage } from "../images/image-input.js";
import { resizeBilinearTorch } from "../images/resize-bilinear.js";
import { resizeBilinearTf1 } from "../images/resize-tf1.js";

/**
 * How images become Inception-v3 inputs (299 x 299, values in about [-1, 1]):
 *
 * - `"pytorch-fid"` (pytorch-fid 0.3.0 `InceptionV3(resize_input=True, normalize_input=True)`):
 *   8-bit values divided by 255 in float32 (torchvision `ToTensor`; float images in [0, 1] are
 *   taken as they are), PyTorch's bilinear resize (`F.interpolate(mode="bilinear",
 *   align_corners=False)`), then `2x - 1`.
 * - `"torch-fidelity"` (torch-fidelity 0.3/0.4 `FeatureExtractorInceptionV3`, used by
 *   torchmetrics' FID, KID and Inception Score): 8-bit values as floats (float images in [0, 1]
 *   become `uint8(x * 255)`, truncated, as torchmetrics' `normalize=True`), TensorFlow 1.x's
 *   bilinear resize, then `(x - 128) / 128`.
 *
 * Every step is float32, as in PyTorch.
 */
export type InceptionPreprocess = "pytorch-fid" | "torch-fidelity";

/** The preprocessings, for option checks. */
export const INCEPTION_PREPROCESSES: readonly InceptionPreprocess[] = ["pytorch-fid", "torch-fidelity"];

/** Inception-v3's input side. */
export const INCEPTION_SIZE = 299;

const f32 = Math.fround;

/** Writes the preprocessed `3 x 299 x 299` input of `image` into `out` at `offset`. */
export function inceptionInput(
  image: RgbImage,
  preprocess: InceptionPreprocess,
  out: Float32Array,
  offset: number,
): void {
  const { width, height, data } = image;
  const size = INCEPTION_SIZE;
  const planes = new Float32Array(data.length);
  if (preprocess === "pytorch-fid") {
    if (data instanceof Uint8Array) for (let i = 0; i < data.length; i++) planes[i] = f32(data[i]! / 255);
    else planes.set(data);
  } else if (data instanceof Uint8Array) planes.set(data);
  else for (let i = 0; i < data.length; i++) planes[i] = Math.trunc(f32(data[i]! * 255));
  const same = width === size && height === size;
  const resized = same
    ? planes
    : preprocess === "pytorch-fid"
      ? resizeBilinearTorch(planes, 3, height, width, size, size)
      : resizeBilinearTf1(planes, 3, height, width, size, size);
  const n = 3 * size * size;
  if (preprocess === "pytorch-fid")
    for (let i = 0; i < n; i++) out[offset + i] = f32(f32(2 * resized[i]!) - 1);
  else for (let i = 0; i < n; i++) out[offset + i] = f32(f32(resized[i]! - 128) / 128);
}
