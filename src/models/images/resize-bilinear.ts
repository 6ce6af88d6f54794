/**
 * PyTorch's bilinear resize, `F.interpolate(x, size, mode="bilinear", align_corners=False)`
 * without antialiasing, as pytorch-fid resizes images to 299 x 299 before Inception-v3.
 *
 * For each output index `o` on an axis of input size `n` and output size `m`, the source
 * coordinate is `s = max(0, (n / m) * (o + 0.5) - 0.5)` (half-pixel centres, clamped at 0), its
 * neighbours `i0 = floor(s)` and `i1 = min(i0 + 1, n - 1)`, with weights `1 - (s - i0)` and
 * `s - i0` (the ratio and the weights in float32, `s` in double, as ATen's CPU kernel in PyTorch
 * 1.13, checked against it). Each output pixel is `(x[y0, x0] wx0 + x[y0, x1] wx1) wy0 + (x[y1, x0] wx0 +
 * x[y1, x1] wx1) wy1`: the rows are interpolated first, then the columns, in float32 (`upsample_bilinear2d`).
 * Matches torch to float32 rounding (the kernel may fuse multiply-adds). Upsampling and downsampling alike use only the two
 * nearest source pixels (no antialiasing). O(m_h m_w) per plane.
 */

const f32 = Math.fround;

/** Neighbour indices and float32 weights of every output index along one axis. */
export interface AxisWeights {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly wLo: Float32Array;
  readonly wHi: Float32Array;
}

/** The source indices and weights of PyTorch's bilinear resize (align_corners=False) along one axis. */
export function torchBilinearWeights(inSize: number, outSize: number): AxisWeights {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const wLo = new Float32Array(outSize);
  const wHi = new Float32Array(outSize);
  const ratio = f32(inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    // the ratio is float32, the source coordinate double (as ATen computes it), the weights float32
    let source = ratio * (o + 0.5) - 0.5;
    if (source < 0) source = 0;
    const i0 = Math.trunc(source);
    const lambda1 = Math.min(Math.max(f32(source - i0), 0), 1);
    lo[o] = i0;
    hi[o] = i0 < inSize - 1 ? i0 + 1 : i0;
    wHi[o] = lambda1;
    wLo[o] = f32(1 - lambda1);
  }
  return { lo, hi, wLo, wHi };
}

/**
 * Resizes `planes` planes of `height x width` float values (channels-first, contiguous) to
 * `outHeight x outWidth` with PyTorch's bilinear interpolation (align_corners=False).
 */
export function resizeBilinearTorch(
  input: Float32Array,
  planes: number,
  height: number,
  width: number,
  outHeight: number,
  outWidth: number,
): Float32Array {
  const xs = torchBilinearWeights(width, outWidth);
  const ys = torchBilinearWeights(height, outHeight);
  const out = new Float32Array(planes * outHeight * outWidth);
  const rows = new Float32Array(height * outWidth);
  for (let p = 0; p < planes; p++) {
    const base = p * height * width;
    for (let y = 0; y < height; y++) {
      const row = base + y * width;
      for (let o = 0; o < outWidth; o++) {
        rows[y * outWidth + o] = f32(
          f32(input[row + xs.lo[o]!]! * xs.wLo[o]!) + f32(input[row + xs.hi[o]!]! * xs.wHi[o]!),
        );
      }
    }
    const outBase = p * outHeight * outWidth;
    for (let o = 0; o < outHeight; o++) {
      const r0 = ys.lo[o]! * outWidth;
      const r1 = ys.hi[o]! * outWidth;
      const w0 = ys.wLo[o]!;
      const w1 = ys.wHi[o]!;
      for (let x = 0; x < outWidth; x++)
        out[outBase + o * outWidth + x] = f32(f32(rows[r0 + x]! * w0) + f32(rows[r1 + x]! * w1));
    }
  }
  return out;
}
