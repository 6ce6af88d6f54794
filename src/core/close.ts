/**
 * Tolerance comparison used by the conformance runner and the tests:
 * `|actual - expected| <= atol + rtol * |expected|`, element by element. NaN equals only NaN;
 * an infinity equals only the same infinity. Arrays must have the same shape and objects the
 * same keys (the expected object's keys are checked; extra actual keys are allowed).
 * The strings "NaN", "Infinity" and "-Infinity" in `expected` stand for the IEEE values.
 */
export interface CloseResult {
  ok: boolean;
  /** Path and values of the first mismatch, when there is one. */
  detail?: string;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (typeof value === "boolean") return value ? 1 : 0;
  return undefined;
}

export function numbersClose(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

function toPlain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

export function compareClose(
  actual: unknown,
  expected: unknown,
  rtol: number,
  atol: number,
  path = "$",
): CloseResult {
  const a = toPlain(actual);
  const expectedNumber = asNumber(expected);
  if (expectedNumber !== undefined && typeof expected !== "boolean") {
    const actualNumber = asNumber(a);
    if (actualNumber === undefined)
      return { ok: false, detail: `${path}: expected ${String(expected)}, got ${JSON.stringify(a)}` };
    return numbersClose(actualNumber, expectedNumber, rtol, atol)
      ? { ok: true }
      : { ok: false, detail: `${path}: expected ${expectedNumber}, got ${actualNumber}` };
  }
  if (expected === null || typeof expected !== "object") {
    return Object.is(a, expected) || a === expected
      ? { ok: true }
      : { ok: false, detail: `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(a)}` };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(a))
      return {
        ok: false,
        detail: `${path}: expected an array of length ${expected.length}, got ${JSON.stringify(a)?.slice(0, 80)}`,
      };
    if (a.length !== expected.length)
      return { ok: false, detail: `${path}: expected length ${expected.length}, got ${a.length}` };
    for (let i = 0; i < expected.length; i++) {
      const r = compareClose(a[i], expected[i], rtol, atol, `${path}[${i}]`);
      if (!r.ok) return r;
    }
    return { ok: true };
  }
  if (a === null || typeof a !== "object")
    return { ok: false, detail: `${path}: expected an object, got ${JSON.stringify(a)}` };
  for (const [k, v] of Object.entries(expected)) {
    if (!(k in (a as object))) return { ok: false, detail: `${path}.${k}: missing` };
    const r = compareClose((a as Record<string, unknown>)[k], v, rtol, atol, `${path}.${k}`);
    if (!r.ok) return r;
  }
  return { ok: true };
}
