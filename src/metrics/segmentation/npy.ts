import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";

/** A parsed NumPy array: row-major data as float64 and its shape. */
export interface NpyArray {
  readonly data: Float64Array;
  readonly shape: number[];
  /** The file's dtype descriptor, e.g. "<i8". */
  readonly dtype: string;
}

const FN = "parseNpy";
/** numpy writes headers of a few hundred bytes; anything near this is not a real .npy header. */
const MAX_HEADER = 65536;
const SIZES: Readonly<Record<string, number>> = {
  b1: 1,
  u1: 1,
  i1: 1,
  u2: 2,
  i2: 2,
  u4: 4,
  i4: 4,
  u8: 8,
  i8: 8,
  f4: 4,
  f8: 8,
};

/**
 * Reads a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0): bool, (u)int8/16/32/64 and
 * float32/64 in either byte order, C or Fortran order (Fortran data is transposed to row-major).
 * 64-bit integers beyond 2^53 are rejected rather than rounded. O(size).
 */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (!(bytes instanceof Uint8Array))
    fail("invalid_value", `${FN}: \`bytes\` must be a Uint8Array (a Buffer), got ${describeValue(bytes)}`);
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    fail("invalid_value", `${FN}: not a .npy file (missing the \\x93NUMPY magic)`);
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let offset: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    offset = 10;
  } else if (major === 2 || major === 3) {
    headerLength = view.getUint32(8, true);
    offset = 12;
  } else return fail("unsupported", `${FN}: .npy format version ${major} is not supported`);
  if (headerLength > MAX_HEADER || offset + headerLength > bytes.length)
    fail(
      "invalid_value",
      `${FN}: header length ${headerLength} does not fit the file (${bytes.length} bytes; at most ${MAX_HEADER})`,
    );
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(
    bytes.subarray(offset, offset + headerLength),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || !fortran || shapeText === undefined)
    fail("invalid_value", `${FN}: malformed header ${describeValue(header.slice(0, 200))}`);
  // A dtype descriptor is a byte order (<, >, |, =), a kind letter and an item size: "<i8", "|b1".
  const form = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr);
  if (!form)
    fail(
      "invalid_value",
      `${FN}: malformed dtype descriptor ${describeValue(descr.slice(0, 40))} (expected a byte order, a kind and a size, e.g. "<i8")`,
    );
  const shapeParts = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (shapeParts.some((s) => !/^\d{1,15}$/.test(s)))
    fail(
      "invalid_value",
      `${FN}: malformed shape (${shapeText.slice(0, 100)}): expected non-negative integers`,
    );
  const shape = shapeParts.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const little = form[1] !== ">";
  const kind = `${form[2]}${form[3]}`;
  const size = Object.hasOwn(SIZES, kind) ? SIZES[kind] : undefined;
  if (size === undefined)
    fail("unsupported", `${FN}: dtype ${descr} is not supported (use bool, integers or floats)`);
  const start = offset + headerLength;
  if (bytes.length < start + count * size)
    fail(
      "invalid_value",
      `${FN}: data is truncated: shape [${shape.join(", ")}] needs ${count * size} bytes, got ${bytes.length - start}`,
    );
  assertAllocation(FN, `an array of shape [${shape.join(", ")}]`, count * 8, "invalid_value");
  const raw = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = start + i * size;
    let v: number;
    switch (kind) {
      case "b1":
      case "u1":
        v = view.getUint8(at);
        break;
      case "i1":
        v = view.getInt8(at);
        break;
      case "u2":
        v = view.getUint16(at, little);
        break;
      case "i2":
        v = view.getInt16(at, little);
        break;
      case "u4":
        v = view.getUint32(at, little);
        break;
      case "i4":
        v = view.getInt32(at, little);
        break;
      case "f4":
        v = view.getFloat32(at, little);
        break;
      case "f8":
        v = view.getFloat64(at, little);
        break;
      default: {
        const big = kind === "u8" ? view.getBigUint64(at, little) : view.getBigInt64(at, little);
        if (big > 9007199254740991n || big < -9007199254740991n)
          fail("invalid_value", `${FN}: 64-bit value ${big} at index ${i} does not fit a double exactly`);
        v = Number(big);
      }
    }
    raw[i] = v;
  }
  if (fortran === "True" && shape.length > 1) {
    // Column-major to row-major.
    const out = new Float64Array(count);
    const strides = shape.map((_, d) => shape.slice(0, d).reduce((a, b) => a * b, 1));
    const idx = new Array<number>(shape.length).fill(0);
    for (let r = 0; r < count; r++) {
      let f = 0;
      for (let d = 0; d < shape.length; d++) f += idx[d]! * strides[d]!;
      out[r] = raw[f]!;
      for (let d = shape.length - 1; d >= 0; d--) {
        idx[d]!++;
        if (idx[d]! < shape[d]!) break;
        idx[d] = 0;
      }
    }
    return { data: out, shape, dtype: descr };
  }
  return { data: raw, shape, dtype: descr };
}
