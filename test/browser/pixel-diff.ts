/** A small pixel comparison of PNG screenshots (decoded with fast-png). */
import { decode } from "fast-png";

export interface PixelDiff {
  readonly sameSize: boolean;
  readonly width: number;
  readonly height: number;
  /** Pixels whose largest channel difference exceeds the threshold. */
  readonly different: number;
  readonly share: number;
}

/** RGBA bytes of a PNG (grey and RGB expanded). */
function rgba(png: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const image = decode(png);
  const channels = image.channels;
  const n = image.width * image.height;
  const data = new Uint8Array(n * 4);
  const src = image.data;
  for (let i = 0; i < n; i++) {
    const g = src[i * channels]! as number;
    data[i * 4] = g;
    data[i * 4 + 1] = channels >= 3 ? (src[i * channels + 1]! as number) : g;
    data[i * 4 + 2] = channels >= 3 ? (src[i * channels + 2]! as number) : g;
    data[i * 4 + 3] = channels === 4 || channels === 2 ? (src[i * channels + channels - 1]! as number) : 255;
  }
  return { width: image.width, height: image.height, data };
}

/** Compares two PNGs pixel by pixel: a pixel differs when a channel moves by more than `threshold` (0–255). */
export function pixelDiff(a: Uint8Array, b: Uint8Array, threshold = 48): PixelDiff {
  const x = rgba(a);
  const y = rgba(b);
  if (x.width !== y.width || x.height !== y.height)
    return { sameSize: false, width: x.width, height: x.height, different: x.width * x.height, share: 1 };
  let different = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    let d = 0;
    for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(x.data[i + c]! - y.data[i + c]!));
    if (d > threshold) different++;
  }
  const total = x.width * x.height;
  return { sameSize: true, width: x.width, height: x.height, different, share: different / total };
}
