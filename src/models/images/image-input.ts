import { describeValue, fail, isPlumblineError } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import { decodePngRgb } from "./png.js";

/**
 * One RGB image as three channel planes (channels-first, `3 x height x width`): 8-bit values
 * 0..255 in a `Uint8Array`, or values in [0, 1] in a `Float32Array` (as torchvision's
 * `ToTensor` gives them).
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Float32Array;
}

/** Images read one at a time (a folder of PNG files is never loaded whole). */
export interface ImageSource {
  readonly count: number;
  /** How image `index` is named in messages ("image 3 (fake/0003.png)"). */
  describe(index: number): string;
  read(index: number): Promise<RgbImage>;
}

/**
 * A batch of images in memory, `{ data, shape }`: shape `[N, 3, H, W]` (or `[3, H, W]` for one
 * image), channels-first as PyTorch. `Uint8Array`/`Uint8ClampedArray` data are 8-bit values
 * 0..255; float data (`Float32Array`, `Float64Array`, numbers) must lie in [0, 1].
 */
export interface ImageTensor {
  readonly data: Uint8Array | Uint8ClampedArray | Float32Array | Float64Array | readonly number[];
  readonly shape: readonly number[];
}

/**
 * What the image metrics accept: one `[N, 3, H, W]` tensor, a list of `[3, H, W]` tensors (sizes
 * may differ), a list of PNG files' bytes, or an {@link ImageSource} such as `pngFolder(path)`
 * from `plumbline/models` in Node.
 */
export type ImageInput = ImageTensor | readonly ImageTensor[] | readonly Uint8Array[] | ImageSource;

/** Largest image side accepted (PNG allows 2^31 - 1; no metric model needs more). */
export const MAX_IMAGE_SIDE = 65_536;

/** Most images one argument may hold (a count past it is a mistake, not a data set). */
export const MAX_IMAGES = 2 ** 31 - 1;

/** True when `value` is an {@link ImageSource}. */
export function isImageSource(value: unknown): value is ImageSource {
  const v = value as Partial<ImageSource> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.count === "number" &&
    typeof v.read === "function" &&
    typeof v.describe === "function"
  );
}

function isTensor(value: unknown): value is ImageTensor {
  return typeof value === "object" && value !== null && "data" in value && "shape" in value;
}

function checkShape(fn: string, what: string, shape: unknown, rank: number[]): number[] {
  if (
    !Array.isArray(shape) ||
    !rank.includes(shape.length) ||
    !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 2 ** 31)
  )
    fail(
      "shape_mismatch",
      `${fn}: ${what} must have shape ${rank.includes(4) ? "[N, 3, H, W] or [3, H, W]" : "[3, H, W]"}, got ${Array.isArray(shape) ? `[${shape.join(", ")}]` : describeValue(shape)}`,
    );
  const s = shape as number[];
  const [c, h, w] = s.slice(-3) as [number, number, number];
  if (c !== 3)
    fail("shape_mismatch", `${fn}: ${what} must have 3 (RGB) channels, got shape [${s.join(", ")}]`);
  if (h < 1 || w < 1 || h > MAX_IMAGE_SIDE || w > MAX_IMAGE_SIDE)
    fail(
      "shape_mismatch",
      `${fn}: ${what} must have sides in [1, ${MAX_IMAGE_SIDE}], got shape [${s.join(", ")}]`,
    );
  return s;
}

/**
 * Copies image `index` out of tensor data into planes: 8-bit data stays 8-bit; float data must be
 * finite values in [0, 1] (`invalid_value` naming the image and position otherwise).
 */
function sliceImage(
  fn: string,
  what: string,
  data: ImageTensor["data"],
  offset: number,
  h: number,
  w: number,
): RgbImage {
  const size = 3 * h * w;
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray)
    return { width: w, height: h, data: Uint8Array.from(data.subarray(offset, offset + size)) };
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const v = data[offset + i];
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      const c = Math.floor(i / (h * w));
      const y = Math.floor((i % (h * w)) / w);
      return fail(
        "invalid_value",
        `${fn}: ${what} must hold values in [0, 1] (floats) or 0..255 in a Uint8Array, got ${describeValue(v)} at channel ${c}, row ${y}, column ${i % w}`,
      );
    }
    out[i] = v;
  }
  return { width: w, height: h, data: out };
}

function tensorSource(fn: string, arg: string, tensor: ImageTensor): ImageSource {
  const shape = checkShape(fn, `\`${arg}\``, tensor.shape, [3, 4]);
  const [n, , h, w] = (shape.length === 3 ? [1, ...shape] : shape) as [number, number, number, number];
  const data = tensor.data;
  if (!Array.isArray(data) && !ArrayBuffer.isView(data))
    fail(
      "invalid_value",
      `${fn}: \`${arg}.data\` must be a typed array or a number array, got ${describeValue(data)}`,
    );
  if (data.length !== n * 3 * h * w)
    fail(
      "shape_mismatch",
      `${fn}: \`${arg}.data\` must have ${n * 3 * h * w} values for shape [${shape.join(", ")}], got ${data.length}`,
    );
  return {
    count: n,
    describe: (i) => `\`${arg}\` image ${i}`,
    read: async (i) => sliceImage(fn, `\`${arg}\` image ${i}`, data, i * 3 * h * w, h, w),
  };
}

function listSource(fn: string, arg: string, list: readonly unknown[]): ImageSource {
  list.forEach((item, i) => {
    if (item instanceof Uint8Array) return;
    if (!isTensor(item))
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must list [3, H, W] image tensors or PNG bytes, got ${describeValue(item)} at index ${i}`,
      );
    const shape = checkShape(fn, `\`${arg}\` image ${i}`, item.shape, [3]);
    if (item.data.length !== 3 * shape[1]! * shape[2]!)
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` image ${i} must have ${3 * shape[1]! * shape[2]!} values for shape [${shape.join(", ")}], got ${item.data.length}`,
      );
  });
  return {
    count: list.length,
    describe: (i) => `\`${arg}\` image ${i}`,
    read: async (i) => {
      const item = list[i] as Uint8Array | ImageTensor;
      if (item instanceof Uint8Array) return decodePngRgb(fn, `\`${arg}\` image ${i}`, item);
      return sliceImage(fn, `\`${arg}\` image ${i}`, item.data, 0, item.shape[1]!, item.shape[2]!);
    },
  };
}

/** Reads an image argument into an {@link ImageSource}; shapes are checked now, values as each image is read. */
export function readImageInput(fn: string, arg: string, value: unknown): ImageSource {
  if (isImageSource(value)) {
    if (!Number.isInteger(value.count) || value.count < 0)
      fail(
        "invalid_value",
        `${fn}: \`${arg}.count\` must be a non-negative integer, got ${describeValue(value.count)}`,
      );
    return value;
  }
  if (Array.isArray(value)) return listSource(fn, arg, value);
  if (isTensor(value)) return tensorSource(fn, arg, value);
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be an [N, 3, H, W] image tensor, a list of [3, H, W] tensors or PNG bytes, or an image source such as pngFolder(path), got ${describeValue(value)}`,
  );
}

/**
 * Reads image `index` of a source and checks what the source returned (a user-written source is
 * untrusted): positive sides within the limit, data of the right length, float values in [0, 1].
 */
export async function readImage(fn: string, source: ImageSource, index: number): Promise<RgbImage> {
  const what = source.describe(index);
  let image: RgbImage;
  try {
    image = await source.read(index);
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    return fail(
      "io_error",
      `${fn}: could not read ${what}: ${error instanceof Error ? error.message : describeValue(error)}`,
    );
  }
  const { width, height, data } = (image ?? {}) as Partial<RgbImage>;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width! < 1 ||
    height! < 1 ||
    width! > MAX_IMAGE_SIDE ||
    height! > MAX_IMAGE_SIDE ||
    !(data instanceof Uint8Array || data instanceof Float32Array) ||
    data.length !== 3 * width! * height!
  )
    fail(
      "invalid_value",
      `${fn}: ${what} must be { width, height, data } with 3 * width * height values (Uint8Array or Float32Array), got ${describeValue(image)}`,
    );
  assertAllocation(fn, what, 3 * width! * height! * 4);
  if (data instanceof Float32Array) return sliceImage(fn, what, data, 0, height!, width!);
  return image;
}
