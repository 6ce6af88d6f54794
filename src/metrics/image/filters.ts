/**
 * Small image kernels shared by SSIM, MS-SSIM and UQI: 1-D Gaussian and uniform kernels,
 * numpy-style "reflect" padding (the edge pixel is not repeated, as in PyTorch's `F.pad(mode="reflect")`),
 * separable "valid" filtering and 2x2 average pooling. Planes are row-major Float64Arrays.
 */

/** Normalised 1-D Gaussian of `size` taps centred at 0: exp(-x^2 / (2 sigma^2)) / sum. */
export function gaussianKernel(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const x = i - (size - 1) / 2;
    k[i] = Math.exp(-((x / sigma) ** 2) / 2);
    sum += k[i]!;
  }
  for (let i = 0; i < size; i++) k[i]! /= sum;
  return k;
}

/** 1-D box kernel of `size` taps, each 1 / size. */
export function uniformKernel(size: number): Float64Array {
  return new Float64Array(size).fill(1 / size);
}

/** The plane padded by `pad` on every side with reflection about the edge pixel (numpy "reflect"). */
export function reflectPad(plane: Float64Array, h: number, w: number, pad: number): Float64Array {
  const hp = h + 2 * pad;
  const wp = w + 2 * pad;
  const out = new Float64Array(hp * wp);
  const reflect = (i: number, n: number) => {
    if (n === 1) return 0;
    const period = 2 * (n - 1);
    let j = Math.abs(i) % period;
    if (j >= n) j = period - j;
    return j;
  };
  for (let r = 0; r < hp; r++) {
    const sr = reflect(r - pad, h);
    for (let c = 0; c < wp; c++) out[r * wp + c] = plane[sr * w + reflect(c - pad, w)]!;
  }
  return out;
}

/**
 * Separable "valid" correlation of a plane with `kernel` along both axes: output
 * (h - k + 1) x (w - k + 1). Equal to a 2-D convolution with the outer product kernel.
 */
export function filterValid(plane: Float64Array, h: number, w: number, kernel: Float64Array): Float64Array {
  const k = kernel.length;
  const ho = h - k + 1;
  const wo = w - k + 1;
  const rows = new Float64Array(h * wo);
  for (let r = 0; r < h; r++) {
    const base = r * w;
    for (let c = 0; c < wo; c++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += kernel[j]! * plane[base + c + j]!;
      rows[r * wo + c] = s;
    }
  }
  const out = new Float64Array(ho * wo);
  for (let r = 0; r < ho; r++) {
    for (let c = 0; c < wo; c++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += kernel[j]! * rows[(r + j) * wo + c]!;
      out[r * wo + c] = s;
    }
  }
  return out;
}

/** 2x2 average pooling with stride 2, dropping a trailing odd row/column (PyTorch `avg_pool2d(2)`). */
export function avgPool2(
  plane: Float64Array,
  h: number,
  w: number,
): { plane: Float64Array; h: number; w: number } {
  const ho = Math.floor(h / 2);
  const wo = Math.floor(w / 2);
  const out = new Float64Array(ho * wo);
  for (let r = 0; r < ho; r++) {
    for (let c = 0; c < wo; c++) {
      const i = 2 * r * w + 2 * c;
      out[r * wo + c] = (plane[i]! + plane[i + 1]! + plane[i + w]! + plane[i + w + 1]!) / 4;
    }
  }
  return { plane: out, h: ho, w: wo };
}

/** Element-wise product of two planes. */
export function multiply(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * b[i]!;
  return out;
}
