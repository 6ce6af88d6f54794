import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { decodeState, encodeState } from "./codec.js";

describe("state codec", () => {
  it("round-trips typed arrays, non-finite numbers and BigInts through JSON text", () => {
    const state = {
      scores: new Float64Array([0.5, Number.NaN, -0, Infinity]),
      labels: new Uint8Array([0, 1, 1]),
      counts: new Int32Array([7, -3]),
      total: Number.NEGATIVE_INFINITY,
      big: 12345678901234567890n,
      nested: [{ a: 1, b: "x", c: null, d: true }],
    };
    const decoded = decodeState(JSON.parse(JSON.stringify(encodeState(state)))) as typeof state;
    expect(decoded.scores).toBeInstanceOf(Float64Array);
    expect(Array.from(decoded.scores)).toEqual([0.5, Number.NaN, -0, Infinity]);
    expect(Object.is(decoded.scores[2], -0)).toBe(true);
    expect(decoded.labels).toEqual(new Uint8Array([0, 1, 1]));
    expect(decoded.counts).toEqual(new Int32Array([7, -3]));
    expect(decoded.total).toBe(Number.NEGATIVE_INFINITY);
    expect(decoded.big).toBe(12345678901234567890n);
    expect(decoded.nested).toEqual([{ a: 1, b: "x", c: null, d: true }]);
  });

  it("encodes a subarray view as just its elements", () => {
    const view = new Float32Array([1, 2, 3, 4]).subarray(1, 3);
    expect(Array.from(decodeState(encodeState(view)) as Float32Array)).toEqual([2, 3]);
  });

  it("saves a growable buffer without its unused capacity", () => {
    const buffer = { data: new Float64Array([1, 2, 0, 0, 0, 0, 0, 0]), length: 2 };
    const encoded = encodeState(buffer) as { data: { base64: string }; length: number };
    expect(Buffer.from(encoded.data.base64, "base64").length).toBe(16);
    const decoded = decodeState(JSON.parse(JSON.stringify(encoded))) as typeof buffer;
    expect(decoded.length).toBe(2);
    expect(Array.from(decoded.data)).toEqual([1, 2]);
  });

  it("rejects malformed encodings with invalid_state", () => {
    const cases: [unknown, string][] = [
      [
        { $typed: "Float128Array", base64: "" },
        'decodeState: state needs a known "$typed" name and a "base64" string, got "Float128Array"',
      ],
      [
        { $typed: "Float64Array", base64: "AAAA" },
        "decodeState: state (Float64Array) has 3 bytes, not a multiple of 8",
      ],
      [{ $number: "nan" }, 'decodeState: state.$number must be "NaN", "Infinity" or "-Infinity", got "nan"'],
      [{ $bigint: "1.5" }, 'decodeState: state.$bigint must be a decimal string, got "1.5"'],
    ];
    for (const [input, message] of cases) {
      expectError(() => decodeState(input), "invalid_state", message);
    }
  });

  it("refuses to encode functions", () => {
    expect(() => encodeState({ f: () => 1 })).toThrow(/a state may hold numbers/);
  });

  it("refuses hostile encodings: prototype keys, deep nesting, junk base64, disagreeing lengths", () => {
    expectError(
      () => decodeState(JSON.parse('{"a": {"__proto__": {"polluted": 1}}}')),
      "invalid_state",
      'decodeState: state.a holds the forbidden key "__proto__"',
    );
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expectError(
      () => decodeState(deep),
      "invalid_state",
      "decodeState: state[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0] is nested deeper than 64 levels",
    );
    expectError(
      () => decodeState({ $typed: "Uint8Array", base64: "AA!A" }),
      "invalid_state",
      "decodeState: state.base64 is not valid base64",
    );
    expectError(
      () => decodeState({ $typed: "Uint8Array", base64: "AAAA", extra: 1 }),
      "invalid_state",
      'decodeState: state has the unexpected key "extra"',
    );
    expectError(
      () => decodeState({ data: { $typed: "Uint8Array", base64: "AAAA" }, length: 7 }),
      "invalid_state",
      "decodeState: state.length says 7 but state.data holds 3 elements",
    );
    expect(Object.getPrototypeOf(decodeState(JSON.parse('{"x": 1}')))).toBe(Object.prototype);
  });

  it("decodes typed arrays of megabytes (base64 is checked in one linear pass: a regular expression overflowed the stack past 8 MB)", () => {
    const big = new Uint8Array(7_000_000).map((_, i) => i % 251);
    const encoded = encodeState(big) as { $typed: string; base64: string };
    expect(encoded.base64.length).toBeGreaterThan(9_000_000);
    const decoded = decodeState(encoded) as Uint8Array;
    // Compared as bytes (an element-by-element deep equality of 7e6 values takes half a minute).
    expect(Buffer.from(decoded).equals(Buffer.from(big))).toBe(true);
    for (const base64 of ["AA=A", "A===", "AAA", "AA\nA"])
      expectError(
        () => decodeState({ $typed: "Uint8Array", base64 }),
        "invalid_state",
        "decodeState: state.base64 is not valid base64",
      );
  });
});
