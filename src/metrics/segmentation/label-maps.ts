import { isTensorLike } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";

/**
 * Label-map inputs shared by the segmentation metrics. A batch of label maps is one of:
 * - nested arrays `[N][H][W]` (or `[H][W]` for one image, `[N][P]` flat images are read as [N][P]),
 * - `{ data, shape }` with a row-major flat array and its shape (first axis = images),
 * - a TensorFlow.js-like tensor (shape and `dataSync()`).
 * The result is a flat Float64Array with the shape; image `i` occupies `[i * pixels, (i + 1) * pixels)`.
 */
export interface LabelMaps {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  /** Number of images (first axis; 1 for a 2-D input). */
  readonly images: number;
  /** Pixels per image (product of the remaining axes). */
  readonly pixels: number;
}

/** What the segmentation metrics accept as a batch of label maps or masks. */
export type LabelMapInput = unknown;

function nestedShape(value: unknown[]): number[] {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    const len = (v as ArrayLike<unknown>).length;
    shape.push(len);
    if (len === 0) break;
    v = (v as ArrayLike<unknown>)[0];
  }
  return shape;
}

function flattenNested(value: unknown, shape: number[], fn: string, arg: string): Float64Array {
  const total = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(total);
  let pos = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    const like = v as ArrayLike<unknown>;
    if (
      !(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) ||
      like.length !== shape[depth]
    ) {
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` must be a regular array of shape [${shape.join(", ")}], got ${describeValue(v)} at ${path || "the top"}`,
      );
    }
    if (depth === shape.length - 1) {
      for (let i = 0; i < like.length; i++) {
        const x = like[i];
        if (typeof x !== "number")
          fail(
            "invalid_value",
            `${fn}: \`${arg}\` must contain numbers, got ${describeValue(x)} at ${path}[${i}]`,
          );
        out[pos++] = x;
      }
      return;
    }
    for (let i = 0; i < like.length; i++) walk(like[i], depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, "");
  return out;
}

/** Reads a batch of label maps (see {@link LabelMaps}); `minRank` 2 treats a 2-D input as one image. */
export function readLabelMaps(value: unknown, fn: string, arg: string): LabelMaps {
  let data: Float64Array;
  let shape: number[];
  if (isTensorLike(value)) {
    shape = [...value.shape];
    data = Float64Array.from(value.dataSync());
  } else if (value !== null && typeof value === "object" && "data" in value && "shape" in value) {
    const v = value as { data: ArrayLike<number>; shape: readonly number[] };
    if (!Array.isArray(v.shape) || v.shape.some((s) => !Number.isInteger(s) || s < 0))
      fail(
        "invalid_value",
        `${fn}: \`${arg}.shape\` must be an array of non-negative integers, got ${describeValue(v.shape)}`,
      );
    shape = [...v.shape];
    data = v.data instanceof Float64Array ? v.data : Float64Array.from(v.data as ArrayLike<number>);
    const total = shape.reduce((a, b) => a * b, 1);
    if (data.length !== total)
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}.data\` must have ${total} elements for shape [${shape.join(", ")}], got ${data.length}`,
      );
  } else if (Array.isArray(value)) {
    shape = nestedShape(value);
    data = flattenNested(value, shape, fn, arg);
  } else {
    return fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be nested arrays [N][H][W], { data, shape } or a tensor, got ${describeValue(value)}`,
    );
  }
  if (shape.length === 0) fail("shape_mismatch", `${fn}: \`${arg}\` must have at least one axis`);
  if (shape.length <= 2) shape = [1, ...shape];
  const images = shape[0]!;
  const pixels = images === 0 ? 0 : data.length / images;
  return { data, shape, images, pixels };
}

/** Checks that two batches have the same shape. */
export function assertSameShape(
  a: LabelMaps,
  b: LabelMaps,
  fn: string,
  argA = "preds",
  argB = "target",
): void {
  if (a.shape.length !== b.shape.length || a.shape.some((s, i) => s !== b.shape[i])) {
    fail(
      "shape_mismatch",
      `${fn}: \`${argA}\` and \`${argB}\` must have the same shape, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`,
    );
  }
}

/** Checks integer labels in [0, numClasses), allowing `ignoreIndex`. */
export function assertClassLabels(
  maps: LabelMaps,
  numClasses: number,
  fn: string,
  arg: string,
  ignoreIndex?: number,
): void {
  const d = maps.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v === ignoreIndex) continue;
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain integer labels in [0, ${numClasses})${ignoreIndex !== undefined ? ` or ignoreIndex ${ignoreIndex}` : ""}, got ${describeValue(v)} at index ${i}`,
      );
    }
  }
}

/** Validates `numClasses` (integer >= 1). */
export function readNumClasses(value: unknown, fn: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    fail(
      "invalid_option",
      `${fn}: option \`numClasses\` must be an integer >= 1, got ${describeValue(value)}`,
    );
  return value;
}

/** Validates an optional boolean option. */
export function readBoolean(value: unknown, fallback: boolean, fn: string, option: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    fail("invalid_option", `${fn}: option \`${option}\` must be a boolean, got ${describeValue(value)}`);
  return value;
}

/** Validates an optional integer `ignoreIndex`. */
export function readIgnoreIndex(value: unknown, fn: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value))
    fail("invalid_option", `${fn}: option \`ignoreIndex\` must be an integer, got ${describeValue(value)}`);
  return value;
}

/** Element-wise sum of two Float64Arrays into a new one. */
export function addArrays(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

/** Field-wise sum of two states whose fields are all equal-length Float64Arrays (a new state, `a`'s field order). */
export function addArrayFields<T extends { [K in keyof T]: Float64Array }>(a: T, b: T): T {
  const out: Record<string, Float64Array> = {};
  for (const key of Object.keys(a) as (keyof T & string)[]) out[key] = addArrays(a[key], b[key]);
  return out as T;
}

/** Checks a decoded state's Float64Array fields and lengths. */
export function checkFloatFields(
  state: unknown,
  fields: Record<string, number | undefined>,
  fn: string,
): void {
  const s = state as Record<string, unknown>;
  const ok =
    s !== null &&
    typeof s === "object" &&
    Object.entries(fields).every(
      ([k, len]) =>
        s[k] instanceof Float64Array && (len === undefined || (s[k] as Float64Array).length === len),
    );
  if (!ok) fail("invalid_state", `${fn}: fromJSON got a state that does not fit these options`);
}
