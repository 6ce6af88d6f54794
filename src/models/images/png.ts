import { decode } from "fast-png";
import { fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import type { RgbImage } from "./image-input.js";

/** Largest decoded PNG accepted, in pixels (a 16k x 16k image). */
const MAX_PIXELS = 2 ** 28;

function readHeader(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Reads channel `c` of pixel `i` from fast-png's data (samples below 8 bits stay packed in bytes, rows byte-aligned). */
function samples(
  data: ArrayLike<number>,
  width: number,
  channels: number,
  depth: number,
): (i: number, c: number) => number {
  if (depth >= 8) return (i, c) => data[i * channels + c]!;
  const rowBytes = Math.ceil((width * depth) / 8);
  const mask = 2 ** depth - 1;
  return (i) => {
    const bit = (i % width) * depth;
    const byte = data[Math.floor(i / width) * rowBytes + (bit >> 3)]!;
    return (byte >> (8 - depth - (bit & 7))) & mask;
  };
}

/**
 * Decodes a PNG file into RGB planes exactly as Pillow's `Image.open(path).convert("RGB")`
 * (what pytorch-fid and torchvision loaders do): grey is replicated to three channels, palette
 * images take their palette colours, alpha is dropped (not composited), 1/2/4-bit grey is scaled
 * to 0..255 (x 255, 85, 17), and 16-bit colour keeps its high byte. 16-bit grey is refused:
 * Pillow opens it as 32-bit integers and clips them to 255, which no metric wants.
 */
export function decodePngRgb(fn: string, what: string, bytes: Uint8Array): RgbImage {
  const header = readHeader(bytes);
  if (header === undefined) fail("io_error", `${fn}: ${what} is not a PNG file (only PNG images are read)`);
  if (header.width < 1 || header.height < 1 || header.width * header.height > MAX_PIXELS)
    fail(
      "unsupported",
      `${fn}: ${what} is ${header.width} x ${header.height} pixels; images up to ${MAX_PIXELS} pixels are read`,
    );
  assertAllocation(fn, what, header.width * header.height * 4 * 4);
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes);
  } catch (error) {
    return fail("io_error", `${fn}: ${what} is not a readable PNG (${(error as Error).message})`);
  }
  const { width, height, channels, depth, palette } = png;
  if (
    width !== header.width ||
    height !== header.height ||
    png.data.length < (depth >= 8 ? width * channels : Math.ceil((width * channels * depth) / 8)) * height
  )
    fail("io_error", `${fn}: ${what} is a truncated or inconsistent PNG`);
  const pixels = width * height;
  const out = new Uint8Array(3 * pixels);
  const sample = samples(png.data, width, channels, depth);
  if (palette !== undefined) {
    for (let i = 0; i < pixels; i++) {
      const colour = palette[sample(i, 0)];
      if (colour === undefined)
        fail(
          "io_error",
          `${fn}: ${what} uses palette index ${sample(i, 0)} beyond its ${palette.length} colours`,
        );
      out[i] = colour[0]!;
      out[pixels + i] = colour[1]!;
      out[2 * pixels + i] = colour[2]!;
    }
    return { width, height, data: out };
  }
  if (depth === 16 && channels === 1)
    fail(
      "unsupported",
      `${fn}: ${what} is a 16-bit greyscale PNG; Pillow (and so pytorch-fid) clips its values to 255, so convert it to 8 bits first`,
    );
  const value = (v: number) => (depth === 16 ? v >> 8 : depth < 8 ? (v * 255) / (2 ** depth - 1) : v);
  for (let i = 0; i < pixels; i++) {
    if (channels <= 2) {
      const g = value(sample(i, 0));
      out[i] = g;
      out[pixels + i] = g;
      out[2 * pixels + i] = g;
    } else {
      out[i] = value(sample(i, 0));
      out[pixels + i] = value(sample(i, 1));
      out[2 * pixels + i] = value(sample(i, 2));
    }
  }
  return { width, height, data: out };
}
