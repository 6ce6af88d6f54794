import * as tf from "@tensorflow/tfjs-core";
import { customGradient } from "../gradient-tools.js";

/**
 * Samples every row of an NHWC batch `image` [N, H, W, C] at x + offset (pixels, `offsets`
 * [N, H, W]) with linear interpolation along the row: the 1-D horizontal bilinear sampler of
 * Godard et al. 2017 (monodepth's `bilinear_sampler_1d_h`, wrap mode "border"), number for
 * number: the image is padded by one pixel of zeros on each side, the padded coordinate
 * x + offset + 1 is clipped to [0, W + 1], and the two neighbours are weighted by
 * (x1 - x, x - x0). Differentiable in the image and in the offsets (zero gradient where the
 * coordinate was clipped), which is what the left-right consistency loss needs.
 *
 * It runs on the host in float64 (one device read of the image and the offsets, and of the
 * upstream gradient in the backward pass): a gather's gradient needs a scatter-add kernel the
 * WASM backend lacks, and a 1-D sampler is a simple loop. O(N H W C).
 */
export function sampleRows(image: tf.Tensor4D, offsets: tf.Tensor3D): tf.Tensor4D {
  const [n, h, w, c] = image.shape;
  const op = customGradient<(image: tf.Tensor, offsets: tf.Tensor) => tf.Tensor>(
    (img: tf.Tensor, off: tf.Tensor) => {
      const pixels = img.dataSync();
      const shifts = off.dataSync();
      const cells = n * h * w;
      const left = new Int32Array(cells); // padded index of the left neighbour (0 and W + 1 are the zero padding)
      const right = new Int32Array(cells);
      const weightRight = new Float64Array(cells);
      const inside = new Uint8Array(cells); // 1 where the coordinate was not clipped
      const out = new Float32Array(cells * c);
      const at = (cell: number, padded: number, channel: number): number =>
        padded === 0 || padded === w + 1 ? 0 : pixels[(cell - (cell % w) + padded - 1) * c + channel]!;
      for (let cell = 0; cell < cells; cell++) {
        const raw = (cell % w) + shifts[cell]! + 1;
        const x = Math.min(Math.max(raw, 0), w + 1);
        inside[cell] = raw >= 0 && raw <= w + 1 ? 1 : 0;
        const x0 = Math.floor(x);
        left[cell] = x0;
        right[cell] = Math.min(x0 + 1, w + 1);
        weightRight[cell] = x - x0;
        for (let ch = 0; ch < c; ch++)
          out[cell * c + ch] = (x0 + 1 - x) * at(cell, x0, ch) + (x - x0) * at(cell, right[cell]!, ch);
      }
      return {
        value: tf.tensor4d(out, [n, h, w, c]),
        gradFunc: (dy: tf.Tensor) => {
          const upstream = dy.dataSync();
          const dImage = new Float32Array(cells * c);
          const dOffsets = new Float32Array(cells);
          for (let cell = 0; cell < cells; cell++) {
            const row = cell - (cell % w);
            const wr = weightRight[cell]!;
            const x0 = left[cell]!;
            const x1 = right[cell]!;
            let slope = 0;
            for (let ch = 0; ch < c; ch++) {
              const g = upstream[cell * c + ch]!;
              if (x0 >= 1 && x0 <= w) dImage[(row + x0 - 1) * c + ch] += (1 - wr) * g;
              if (x1 >= 1 && x1 <= w) dImage[(row + x1 - 1) * c + ch] += wr * g;
              slope += g * (at(cell, x1, ch) - at(cell, x0, ch));
            }
            dOffsets[cell] = inside[cell] ? slope : 0;
          }
          return [tf.tensor4d(dImage, [n, h, w, c]), tf.tensor3d(dOffsets, [n, h, w])];
        },
      };
    },
  );
  return op(image, offsets) as tf.Tensor4D;
}
