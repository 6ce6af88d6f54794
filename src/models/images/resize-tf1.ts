/**
 * The bilinear resize of TensorFlow 1.x (`tf.image.resize_bilinear(align_corners=False)`, no
 * half-pixel centres), as torch-fidelity's `interpolate_bilinear_2d_like_tensorflow1x` (method
 * "slow") computes it before its Inception-v3, and with it torchmetrics' FID, KID and Inception
 * Score.
 *
 * Along an axis of input size `n` and output size `m`: `s = o * float32(n / m)`,
 * `i0 = floor(s)`, `i1 = min(i0 + 1, n - 1)`, `d = s - i0`; each output pixel is
 * `top + (bottom - top) dy` with `top = x[y0, x0] + (x[y0, x1] - x[y0, x0]) dx` and `bottom` alike,
 * every step in float32 as torch-fidelity's tensors. O(m_h m_w) per plane.
 */

const f32 = Math.fround;

interface Grid {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly d: Float32Array;
}

function grid(inSize: number, outSize: number): Grid {
  const scale = f32(inSize / outSize);
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const d = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const s = f32(o * scale);
    const i0 = Math.trunc(s);
    lo[o] = i0;
    hi[o] = Math.min(i0 + 1, inSize - 1);
    d[o] = f32(s - i0);
  }
  return { lo, hi, d };
}

/**
 * Resizes `planes` planes of `height x width` float values (channels-first, contiguous) to
 * `outHeight x outWidth` as TensorFlow 1.x's bilinear resize (torch-fidelity's port).
 */
export function resizeBilinearTf1(
  input: Float32Array,
  planes: number,
  height: number,
  width: number,
  outHeight: number,
  outWidth: number,
): Float32Array {
  const gx = grid(width, outWidth);
  const gy = grid(height, outHeight);
  const out = new Float32Array(planes * outHeight * outWidth);
  for (let p = 0; p < planes; p++) {
    const base = p * height * width;
    const outBase = p * outHeight * outWidth;
    for (let oy = 0; oy < outHeight; oy++) {
      const r0 = base + gy.lo[oy]! * width;
      const r1 = base + gy.hi[oy]! * width;
      const dy = gy.d[oy]!;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = gx.lo[ox]!;
        const x1 = gx.hi[ox]!;
        const dx = gx.d[ox]!;
        const a = input[r0 + x0]!;
        const b = input[r1 + x0]!;
        const top = f32(a + f32(f32(input[r0 + x1]! - a) * dx));
        const bottom = f32(b + f32(f32(input[r1 + x1]! - b) * dx));
        out[outBase + oy * outWidth + ox] = f32(top + f32(f32(bottom - top) * dy));
      }
    }
  }
  return out;
}
