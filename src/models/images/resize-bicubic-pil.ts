/**
 * Pillow's bicubic resize of 8-bit images (`Image.resize(size, Image.BICUBIC)`, Pillow 9.x
 * `Resample.c`), which Hugging Face's CLIP image processor calls before its centre crop, and with
 * it torchmetrics' CLIPScore.
 *
 * Separable, horizontal pass first (into 8-bit rows), then vertical. Along an axis of input size
 * `n` and output size `m`: `scale = n / m`, `support = 2 max(scale, 1)`; output `o` is centred on
 * `c = (o + 0.5) scale` and reads inputs `xmin = trunc(c - support + 0.5)` (at least 0) up to
 * `trunc(c + support + 0.5)` (at most n), weighted by the Keys cubic (a = -0.5) at
 * `(x - c + 0.5) / max(scale, 1)` and normalised to sum 1. The weights are rounded to fixed point
 * with 22 fractional bits and each pass rounds half up and clamps to [0, 255], exactly as Pillow.
 * Downscaling therefore antialiases (the filter widens with the scale). O(m n) per axis and plane.
 */

const PRECISION_BITS = 22;

function keysCubic(x: number): number {
  const a = -0.5;
  const t = x < 0 ? -x : x;
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

interface Coefficients {
  readonly size: number;
  readonly bounds: Int32Array;
  readonly weights: Int32Array;
}

function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 2 * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * size);
  const k = new Float64Array(size);
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const xmin = Math.max(0, Math.trunc(centre - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(centre + support + 0.5)) - xmin;
    let total = 0;
    for (let x = 0; x < xmax; x++) {
      const w = keysCubic((x + xmin - centre + 0.5) / filterScale);
      k[x] = w;
      total += w;
    }
    for (let x = 0; x < xmax; x++) {
      const w = total !== 0 ? k[x]! / total : k[x]!;
      weights[o * size + x] = Math.trunc(
        w < 0 ? -0.5 + w * 2 ** PRECISION_BITS : 0.5 + w * 2 ** PRECISION_BITS,
      );
    }
    bounds[o * 2] = xmin;
    bounds[o * 2 + 1] = xmax;
  }
  return { size, bounds, weights };
}

function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return Math.max(0, Math.min(255, v));
}

/**
 * Resizes `planes` 8-bit planes of `height x width` (channels-first, contiguous) to
 * `outHeight x outWidth` as Pillow's bicubic resize.
 */
export function resizeBicubicPil(
  input: Uint8Array,
  planes: number,
  height: number,
  width: number,
  outHeight: number,
  outWidth: number,
): Uint8Array {
  const half = 1 << (PRECISION_BITS - 1);
  let current = input;
  let currentWidth = width;
  if (outWidth !== width) {
    const { size, bounds, weights } = coefficients(width, outWidth);
    const next = new Uint8Array(planes * height * outWidth);
    for (let p = 0; p < planes; p++) {
      for (let y = 0; y < height; y++) {
        const row = (p * height + y) * width;
        const outRow = (p * height + y) * outWidth;
        for (let o = 0; o < outWidth; o++) {
          const xmin = bounds[o * 2]!;
          const xmax = bounds[o * 2 + 1]!;
          let sum = half;
          for (let x = 0; x < xmax; x++) sum += current[row + xmin + x]! * weights[o * size + x]!;
          next[outRow + o] = clip8(sum);
        }
      }
    }
    current = next;
    currentWidth = outWidth;
  }
  if (outHeight === height) return current === input ? input.slice() : current;
  const { size, bounds, weights } = coefficients(height, outHeight);
  const out = new Uint8Array(planes * outHeight * currentWidth);
  for (let p = 0; p < planes; p++) {
    for (let o = 0; o < outHeight; o++) {
      const ymin = bounds[o * 2]!;
      const ymax = bounds[o * 2 + 1]!;
      const outRow = (p * outHeight + o) * currentWidth;
      for (let x = 0; x < currentWidth; x++) {
        let sum = half;
        for (let y = 0; y < ymax; y++)
          sum += current[(p * height + ymin + y) * currentWidth + x]! * weights[o * size + y]!;
        out[outRow + x] = clip8(sum);
      }
    }
  }
  return out;
}
