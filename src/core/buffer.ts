/**
 * Growable typed buffers for exact-mode metric states (O(n) state that grows by amortised
 * doubling). A buffer is plain data, `{ data, length }`, so it goes through the state codec;
 * only `data.subarray(0, length)` is meaningful.
 */
import { assertAllocation, getLimits } from "./limits.js";

export interface GrowableFloat64 {
  data: Float64Array;
  length: number;
}
export interface GrowableFloat32 {
  data: Float32Array;
  length: number;
}
export interface GrowableUint8 {
  data: Uint8Array;
  length: number;
}
export interface GrowableInt32 {
  data: Int32Array;
  length: number;
}

type Growable = GrowableFloat64 | GrowableFloat32 | GrowableUint8 | GrowableInt32;

/** Refuses (`invalid_value`) a buffer of `values` values of `width` bytes past the allocation budget. */
function assertBufferFits(values: number, width: number): void {
  assertAllocation("metric state", `a buffer of ${values} values`, values * width, "invalid_value");
}

/**
 * Grows `buffer` to hold `extra` more values: doubling, but never past the allocation budget
 * (`getLimits().maxAllocationBytes`), and `invalid_value` when the values themselves would pass it.
 */
function ensureCapacity<B extends Growable>(buffer: B, extra: number): void {
  const needed = buffer.length + extra;
  if (needed <= buffer.data.length) return;
  const width = buffer.data.BYTES_PER_ELEMENT;
  assertBufferFits(needed, width);
  // The first values get exactly their size (a one-shot's state), later ones double it.
  let capacity = buffer.length === 0 ? needed : Math.max(16, buffer.data.length);
  while (capacity < needed) capacity *= 2;
  capacity = Math.max(needed, Math.min(capacity, Math.floor(getLimits().maxAllocationBytes / width)));
  const Ctor = buffer.data.constructor as new (n: number) => B["data"];
  const next = new Ctor(capacity);
  next.set(buffer.data.subarray(0, buffer.length) as never);
  buffer.data = next;
}

export function growableFloat64(capacity = 0): GrowableFloat64 {
  return { data: new Float64Array(capacity), length: 0 };
}
export function growableFloat32(capacity = 0): GrowableFloat32 {
  return { data: new Float32Array(capacity), length: 0 };
}
export function growableUint8(capacity = 0): GrowableUint8 {
  return { data: new Uint8Array(capacity), length: 0 };
}
export function growableInt32(capacity = 0): GrowableInt32 {
  return { data: new Int32Array(capacity), length: 0 };
}

/** Appends `values` to `buffer` in place. */
export function append<B extends Growable>(buffer: B, values: ArrayLike<number>): void {
  ensureCapacity(buffer, values.length);
  const data = buffer.data;
  if (ArrayBuffer.isView(values)) {
    data.set(values as never, buffer.length);
  } else {
    for (let i = 0; i < values.length; i++) data[buffer.length + i] = values[i]!;
  }
  buffer.length += values.length;
}

/** The filled part of `buffer` (a view, not a copy). */
export function filled<B extends Growable>(buffer: B): B["data"] {
  return buffer.data.subarray(0, buffer.length) as B["data"];
}

/** A new buffer holding `a` then `b` (for `merge`; neither input is changed). */
export function concatGrowable<B extends Growable>(a: B, b: B): B {
  assertBufferFits(a.length + b.length, a.data.BYTES_PER_ELEMENT);
  const Ctor = a.data.constructor as new (n: number) => B["data"];
  const data = new Ctor(a.length + b.length);
  data.set(filled(a) as never, 0);
  data.set(filled(b) as never, a.length);
  return { data, length: a.length + b.length } as B;
}

/** A compact copy whose capacity equals its length (what `toJSON` should serialise). */
export function compact<B extends Growable>(buffer: B): B {
  return { data: filled(buffer).slice() as B["data"], length: buffer.length } as B;
}
