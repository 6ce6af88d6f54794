import { readOptions } from "../../core/options.js";
import { type Tensor, type TensorInput, toImageBatch, toTensor } from "./tensor.js";

/** The vertical and horizontal gradients of an image batch, each of the input's shape. */
export interface ImageGradients {
  dy: Tensor;
  dx: Tensor;
}

/**
 * One-step finite differences of images (NCHW, CHW or HW): `dy[.., r, c] = img[.., r + 1, c] -
 * img[.., r, c]` and `dx[.., r, c] = img[.., r, c + 1] - img[.., r, c]`, zero on the last row and
 * column respectively, so each has the input's shape. Matches torchmetrics 1.9
 * `image_gradients` (which takes NCHW only) and TensorFlow's `image_gradients`. O(N C H W).
 * @example imageGradients([[0, 1], [2, 4]]).dx.data // [1, 0, 2, 0]
 */
export function imageGradients(img: TensorInput, options?: Record<string, never>): ImageGradients {
  const fn = "imageGradients";
  readOptions(fn, options, []);
  const shape = toTensor(img, fn, "img").shape;
  const { data, n, c, h, w } = toImageBatch(img, fn, "img");
  const dy = new Float64Array(data.length);
  const dx = new Float64Array(data.length);
  for (let plane = 0; plane < n * c; plane++) {
    const o = plane * h * w;
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        const k = o + r * w + col;
        if (r + 1 < h) dy[k] = data[k + w]! - data[k]!;
        if (col + 1 < w) dx[k] = data[k + 1]! - data[k]!;
      }
    }
  }
  return { dy: { data: dy, shape }, dx: { data: dx, shape } };
}
