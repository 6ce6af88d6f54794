import type { NumericTypedArray } from "./coerce.js";
import { LITTLE_ENDIAN } from "./endian.js";
import { describeValue, fail } from "./errors.js";
import { assertAllocation, getLimits } from "./limits.js";

/**
 * The one JSON codec for metric states. Plain numbers, strings, booleans, null, arrays and
 * objects pass through; typed arrays become `{ "$typed": "Float64Array", "base64": "..." }`
 * (little-endian bytes, so NaN payloads and -0 survive), non-finite numbers become
 * `{ "$number": "NaN" | "Infinity" | "-Infinity" }` and BigInts `{ "$bigint": "123" }`.
 * `decodeState(encodeState(s))` equals `s`, and the encoded form survives `JSON.stringify`.
 */

type TypedArray = NumericTypedArray | BigInt64Array | BigUint64Array;

const typedConstructors = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  BigInt64Array,
  BigUint64Array,
} as const;

type TypedName = keyof typeof typedConstructors;

function bytesToBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== "undefined")
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== "undefined") {
    const buf = Buffer.from(text, "base64");
    const out = new Uint8Array(buf.length);
    out.set(buf);
    return out;
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function swapBytes(bytes: Uint8Array, width: number): void {
  if (LITTLE_ENDIAN || width === 1) return;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

function encodeTyped(value: TypedArray): { $typed: TypedName; base64: string } {
  const name = value.constructor.name as TypedName;
  const bytes = new Uint8Array(value.byteLength);
  bytes.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  swapBytes(bytes, value.BYTES_PER_ELEMENT);
  return { $typed: name, base64: bytesToBase64(bytes) };
}

function isGrowableBuffer(value: unknown): value is { data: TypedArray; length: number } {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  const { data, length } = value as { data?: unknown; length?: unknown };
  return (
    keys.length === 2 &&
    ArrayBuffer.isView(data) &&
    !(data instanceof DataView) &&
    typeof length === "number" &&
    Number.isInteger(length) &&
    length >= 0 &&
    length <= (data as TypedArray).length
  );
}

/** Encodes a metric state as JSON-safe data. */
export function encodeState(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return { $number: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  }
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return encodeTyped(value as TypedArray);
  if (Array.isArray(value)) return value.map(encodeState);
  if (isGrowableBuffer(value)) {
    // A growable buffer (core/buffer.ts) is saved without its unused capacity.
    return { data: encodeTyped(value.data.subarray(0, value.length) as TypedArray), length: value.length };
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = encodeState(v);
    }
    return out;
  }
  return fail(
    "invalid_state",
    `encodeState: a state may hold numbers, strings, arrays and objects, got ${describeValue(value)}`,
  );
}

/** Keys a decoded state may not hold: they would reach or replace an object's prototype. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Strict base64 (RFC 4648 alphabet, length a multiple of 4, at most two `=` at the end), checked
 * in one linear pass: a regular expression with a repeated group overflows the engine's stack on
 * states of tens of megabytes.
 */
function isBase64(text: string): boolean {
  const n = text.length;
  if (n % 4 !== 0) return false;
  let end = n;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47))
      return false;
  }
  return true;
}

/**
 * Decodes what {@link encodeState} produced. The input is untrusted (a file, a worker, a queue):
 * malformed input raises `invalid_state` naming the path to the offending value. Checked here,
 * once for every metric: nesting depth (`maxNestingDepth`), own keys only and no prototype keys,
 * strict base64 whose length fits the element type, total decoded bytes within the allocation
 * budget, and growable buffers (`{ data, length }`) whose stated length equals their data.
 */
export function decodeState(value: unknown): unknown {
  const budget = { bytes: 0 };
  return decodeAt(value, "state", 0, budget);
}

function decodeAt(value: unknown, path: string, depth: number, budget: { bytes: number }): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint")
      fail("invalid_state", `decodeState: ${path} must be JSON data, got ${describeValue(value)}`);
    return value;
  }
  const { maxNestingDepth } = getLimits();
  if (depth >= maxNestingDepth)
    fail("invalid_state", `decodeState: ${path} is nested deeper than ${maxNestingDepth} levels`);
  if (Array.isArray(value)) return value.map((v, i) => decodeAt(v, `${path}[${i}]`, depth + 1, budget));
  if (ArrayBuffer.isView(value))
    fail("invalid_state", `decodeState: ${path} must be encoded data, got ${describeValue(value)}`);
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, "$typed")) return decodeTyped(record, path, budget);
  if (Object.hasOwn(record, "$number")) {
    expectKeys(record, ["$number"], path);
    const n = record.$number;
    if (n === "NaN") return Number.NaN;
    if (n === "Infinity") return Number.POSITIVE_INFINITY;
    if (n === "-Infinity") return Number.NEGATIVE_INFINITY;
    return fail(
      "invalid_state",
      `decodeState: ${path}.$number must be "NaN", "Infinity" or "-Infinity", got ${describeValue(n)}`,
    );
  }
  if (Object.hasOwn(record, "$bigint")) {
    expectKeys(record, ["$bigint"], path);
    const b = record.$bigint;
    if (typeof b !== "string" || !/^-?\d{1,400}$/.test(b))
      fail("invalid_state", `decodeState: ${path}.$bigint must be a decimal string, got ${describeValue(b)}`);
    return BigInt(b);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (FORBIDDEN_KEYS.has(key))
      fail("invalid_state", `decodeState: ${path} holds the forbidden key "${key}"`);
    out[key] = decodeAt(record[key], `${path}.${key}`, depth + 1, budget);
  }
  const keys = Object.keys(out);
  if (keys.length === 2 && ArrayBuffer.isView(out.data) && Object.hasOwn(out, "length")) {
    const stated = out.length;
    const actual = (out.data as TypedArray).length;
    if (stated !== actual)
      fail(
        "invalid_state",
        `decodeState: ${path}.length says ${describeValue(stated)} but ${path}.data holds ${actual} elements`,
      );
  }
  return out;
}

function expectKeys(record: Record<string, unknown>, keys: readonly string[], path: string): void {
  for (const key of Object.keys(record))
    if (!keys.includes(key)) fail("invalid_state", `decodeState: ${path} has the unexpected key "${key}"`);
}

function decodeTyped(record: Record<string, unknown>, path: string, budget: { bytes: number }): TypedArray {
  expectKeys(record, ["$typed", "base64"], path);
  const name = record.$typed;
  const text = record.base64;
  if (typeof name !== "string" || !Object.hasOwn(typedConstructors, name) || typeof text !== "string") {
    fail(
      "invalid_state",
      `decodeState: ${path} needs a known "$typed" name and a "base64" string, got ${describeValue(name)}`,
    );
  }
  const ctor = typedConstructors[name as TypedName];
  const bytesLength = Math.floor((text.length * 3) / 4);
  budget.bytes += bytesLength;
  assertAllocation("decodeState", `${path} (${name})`, budget.bytes, "invalid_state");
  if (!isBase64(text)) fail("invalid_state", `decodeState: ${path}.base64 is not valid base64`);
  const bytes = base64ToBytes(text);
  if (bytes.length % ctor.BYTES_PER_ELEMENT !== 0) {
    fail(
      "invalid_state",
      `decodeState: ${path} (${name}) has ${bytes.length} bytes, not a multiple of ${ctor.BYTES_PER_ELEMENT}`,
    );
  }
  swapBytes(bytes, ctor.BYTES_PER_ELEMENT);
  return new ctor(bytes.buffer, 0, bytes.length / ctor.BYTES_PER_ELEMENT);
}
