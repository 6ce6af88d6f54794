import { describe, expect, it } from "vitest";
import { compareClose, numbersClose } from "./close.js";

describe("compareClose", () => {
  it("uses atol + rtol * |expected|", () => {
    expect(numbersClose(1.0000001, 1, 1e-6, 0)).toBe(true);
    expect(numbersClose(1.00001, 1, 1e-6, 0)).toBe(false);
    expect(numbersClose(1e-10, 0, 0, 1e-9)).toBe(true);
  });

  it("treats NaN as equal only to NaN and infinities only to the same sign", () => {
    expect(compareClose(Number.NaN, "NaN", 0, 0).ok).toBe(true);
    expect(compareClose(0, "NaN", 0, 0).ok).toBe(false);
    expect(compareClose(Infinity, "Infinity", 0, 0).ok).toBe(true);
    expect(compareClose(-Infinity, "Infinity", 0, 0).ok).toBe(false);
    expect(compareClose(Number.NaN, 1, 1, 1).ok).toBe(false);
  });

  it("compares nested arrays and objects and reports the first mismatch path", () => {
    expect(compareClose({ a: [1, 2], b: { c: 3 } }, { a: [1, 2], b: { c: 3 } }, 0, 0).ok).toBe(true);
    expect(compareClose({ a: [1, 2.5] }, { a: [1, 2] }, 0, 0)).toEqual({
      ok: false,
      detail: "$.a[1]: expected 2, got 2.5",
    });
    expect(compareClose([1, 2], [1, 2, 3], 0, 0)).toEqual({
      ok: false,
      detail: "$: expected length 3, got 2",
    });
    expect(compareClose({}, { x: 1 }, 0, 0)).toEqual({ ok: false, detail: "$.x: missing" });
    expect(compareClose(new Float64Array([1, 2]), [1, 2], 0, 0).ok).toBe(true);
  });
});
