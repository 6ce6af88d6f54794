import { assertAllocation } from "../../core/limits.js";
import type { RgbImage } from "../images/image-input.js";
import { resizeBicubicPil } from "../images/resize-bicubic-pil.js";

/** CLIP's per-channel mean and standard deviation (OpenAI CLIP, Hugging Face `CLIPImageProcessor`). */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

const f32 = Math.fround;

/** An image as 8-bit planes: floats in [0, 1] become `uint8(float32(x * 255))` (truncated), as Hugging Face's `to_pil_image`. */
function eightBit(image: RgbImage): Uint8Array {
  if (image.data instanceof Uint8Array) return image.data;
  return Uint8Array.from(image.data, (v) => Math.trunc(f32(v * 255)));
}

/**
 * Hugging Face's `CLIPImageProcessor` (the PIL path that `CLIPProcessor`, and so torchmetrics'
 * CLIPScore, runs): Pillow's bicubic resize of the shortest side to `size` (the other side to
 * `int(size * long / short)`), a centre crop of `size x size` from `top = (h - size) // 2`,
 * `x * (1 / 255)` rounded to float32, then `(x - mean) / std` per channel in float32. Writes
 * `3 x size x size` values into `out` at `offset`.
 */
export function clipPixelValues(
  image: RgbImage,
  size: number,
  out: Float32Array,
  offset: number,
  fn = "clipPixelValues",
): void {
  const { width: w, height: h } = image;
  const short = Math.min(w, h);
  const long = Math.max(w, h);
  const newLong = Math.trunc((size * long) / short);
  const [newH, newW] = w <= h ? [newLong, size] : [size, newLong];
  // a very long, thin image resizes to a very long strip before the crop
  assertAllocation(fn, `resizing a ${w} x ${h} image to ${newW} x ${newH}`, 3 * (newH * newW + h * newW));
  const resized = resizeBicubicPil(eightBit(image), 3, h, w, newH, newW);
  const top = Math.floor((newH - size) / 2);
  const left = Math.floor((newW - size) / 2);
  for (let c = 0; c < 3; c++) {
    const mean = f32(CLIP_MEAN[c]!);
    const std = f32(CLIP_STD[c]!);
    for (let y = 0; y < size; y++) {
      const row = (c * newH + top + y) * newW + left;
      const outRow = offset + (c * size + y) * size;
      for (let x = 0; x < size; x++)
        out[outRow + x] = f32(f32(f32(resized[row + x]! * (1 / 255)) - mean) / std);
    }
  }
}
