/**
 * What a worker thread can hand over without copying: the ArrayBuffers behind a value's typed
 * arrays, moved by `postMessage`'s transfer list (the sender's views become empty).
 */

/**
 * The ArrayBuffers of the typed arrays inside `value` (plain objects and arrays walked) that are
 * safe to move: each whole buffer is viewed entirely by one typed array of `value` (so no pooled
 * `Buffer` slice or foreign view loses its memory), listed once. Shared buffers are never listed.
 */
export function transferables(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const skipped = new Set<ArrayBufferLike>();
  const walk = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== "object" || depth > 64) return;
    if (ArrayBuffer.isView(v)) {
      const buffer = v.buffer;
      if (buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buffer.byteLength)
        found.add(buffer);
      else skipped.add(buffer);
      return;
    }
    if (Array.isArray(v)) for (const item of v) walk(item, depth + 1);
    else if (Object.getPrototypeOf(v) === Object.prototype)
      for (const item of Object.values(v)) walk(item, depth + 1);
  };
  walk(value, 0);
  // A buffer also seen through a partial view stays with the sender.
  return [...found].filter((buffer) => !skipped.has(buffer));
}

/**
 * `value` with every growable buffer `{ data, length }` cut to its length (plain objects and
 * arrays walked; the input is not changed). A live state keeps spare capacity that a decoded one
 * never has, and state checks require the decoded form; cutting also moves fewer bytes.
 */
export function compactState(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || depth > 64) return value;
  if (Array.isArray(value)) return value.map((item) => compactState(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const data = record.data;
  if (
    keys.length === 2 &&
    ArrayBuffer.isView(data) &&
    !(data instanceof DataView) &&
    typeof record.length === "number" &&
    record.length < (data as unknown as ArrayLike<number>).length
  )
    return { data: (data as unknown as Uint8Array).slice(0, record.length), length: record.length };
  return Object.fromEntries(keys.map((key) => [key, compactState(record[key], depth + 1)]));
}
