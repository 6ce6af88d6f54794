/**
 * Test support for golden files of public calls (`{ call, args, options, expected, rtol, atol }`,
 * written by scripts/golden/*.py): decode the JSON stand-ins for non-finite numbers and compare
 * a result with the expected value, numbers within tolerance, NaN equal only to NaN.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface GoldenCall {
  id: string;
  ref: string;
  call: string;
  args: unknown[];
  options: Record<string, unknown>;
  expected: unknown;
  rtol: number;
  atol: number;
  note?: string;
}

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** `"NaN"`, `"Infinity"` and `"-Infinity"` back to numbers, anywhere in `value`. */
export function decodeNonFinite(value: unknown): unknown {
  if (typeof value === "string" && Object.hasOwn(NON_FINITE, value)) return NON_FINITE[value];
  if (Array.isArray(value)) return value.map(decodeNonFinite);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeNonFinite(v)]));
  return value;
}

/** The cases of a golden file under test/data/golden (numbers decoded). */
export function loadGoldenCalls(name: string): { reference: Record<string, string>; cases: GoldenCall[] } {
  const path = fileURLToPath(new URL(`../data/golden/${name}`, import.meta.url));
  const file = JSON.parse(readFileSync(path, "utf8")) as {
    reference: Record<string, string>;
    cases: GoldenCall[];
  };
  return {
    reference: file.reference,
    cases: file.cases.map((c) => ({
      ...c,
      args: decodeNonFinite(c.args) as unknown[],
      expected: decodeNonFinite(c.expected),
    })),
  };
}

/** Where `actual` differs from `expected` beyond the tolerance (a path and both values), or undefined. */
export function mismatch(
  actual: unknown,
  expected: unknown,
  rtol: number,
  atol: number,
  path = "result",
): string | undefined {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `${path}: expected ${expected}, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected) || Number.isNaN(actual))
      return Number.isNaN(expected) && Number.isNaN(actual)
        ? undefined
        : `${path}: expected ${expected}, got ${actual}`;
    if (!Number.isFinite(expected))
      return actual === expected ? undefined : `${path}: expected ${expected}, got ${actual}`;
    return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected)
      ? undefined
      : `${path}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${JSON.stringify(actual)?.slice(0, 200)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], rtol, atol, `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object")
      return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    const keys = Object.keys(expected);
    const extra = Object.keys(actual).filter((k) => !keys.includes(k));
    if (extra.length) return `${path}: unexpected keys ${extra.join(", ")}`;
    for (const key of keys) {
      const m = mismatch(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        rtol,
        atol,
        `${path}.${key}`,
      );
      if (m) return m;
    }
    return undefined;
  }
  return actual === expected
    ? undefined
    : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
