import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { setLimits } from "./limits.js";
import {
  optBoolean,
  optInteger,
  optionNames,
  optNumber,
  optOneOf,
  optSize,
  readOptions,
  suggestName,
} from "./options.js";

const NAMES = ["threshold", "maxFpr", "ignoreIndex", "numClasses"] as const;

describe("readOptions", () => {
  it("treats undefined and null as no options and drops undefined values", () => {
    expect(readOptions("f", undefined, NAMES)).toEqual({});
    expect(readOptions("f", null, NAMES)).toEqual({});
    expect(readOptions("f", { threshold: 0.2, maxFpr: undefined }, NAMES)).toEqual({ threshold: 0.2 });
  });

  it("returns a fresh object, never the caller's", () => {
    const options = { threshold: 0.3 };
    const read = readOptions("f", options, NAMES);
    expect(read).not.toBe(options);
  });

  it("suggests the near name for a typo", () => {
    expectError(
      () => readOptions("binaryAccuracy", { treshold: 0.2 }, NAMES),
      "invalid_option",
      "binaryAccuracy: unknown option `treshold` (did you mean `threshold`?); known: `threshold`, `maxFpr`, `ignoreIndex`, `numClasses`",
    );
  });

  it("names the camelCase option for a reference's snake_case name", () => {
    expectError(
      () => readOptions("binaryAuroc", { max_fpr: 0.1 }, NAMES),
      "invalid_option",
      "binaryAuroc: unknown option `max_fpr` (the reference's snake_case name; plumbline calls it `maxFpr`); known: `threshold`, `maxFpr`, `ignoreIndex`, `numClasses`",
    );
  });

  it("rejects non-objects, arrays, class instances and prototype keys", () => {
    for (const bad of [3, "x", [1], new Map(), new Float64Array(2)])
      expectError(() => readOptions("f", bad, NAMES), "invalid_option");
    expectError(
      () => readOptions("f", JSON.parse('{"__proto__": {"threshold": 1}}'), NAMES),
      "invalid_option",
    );
    expect(() => readOptions("f", Object.create({ threshold: 1 }), NAMES)).toThrow(/plain object/);
  });

  it("says when a function takes no options", () => {
    expectError(
      () => readOptions("f", { a: 1 }, []),
      "invalid_option",
      "f: unknown option `a`; it takes no options",
    );
  });

  it("checks declared names against the options interface at compile time", () => {
    interface O {
      a?: number;
      b?: string;
    }
    expect(optionNames<O>()("a", "b")).toEqual(["a", "b"]);
    // @ts-expect-error: `b` is missing from the list
    optionNames<O>()("a");
    // @ts-expect-error: `c` is not an option of O
    optionNames<O>()("a", "b", "c");
  });
});

describe("option value parsers", () => {
  it("parse with bounds and fallbacks, one message shape for all", () => {
    expect(optNumber("f", "alpha", undefined, 0.05, { min: 0, max: 1, minExclusive: true })).toBe(0.05);
    expectError(
      () => optNumber("f", "alpha", 2, 0.05, { min: 0, max: 1, minExclusive: true }),
      "invalid_option",
      "f: option `alpha` must be a finite number in (0, 1], got 2",
    );
    expectError(() => optNumber("f", "alpha", Number.NaN, 0.05), "invalid_option");
    expectError(
      () => optInteger("f", "k", 1.5, 1, { min: 1 }),
      "invalid_option",
      "f: option `k` must be an integer in [1, inf), got 1.5",
    );
    expect(optOneOf("f", "average", "macro", ["micro", "macro"] as const)).toBe("macro");
    expectError(
      () => optOneOf("f", "average", "marco", ["micro", "macro"] as const, "macro"),
      "invalid_option",
      'f: option `average` must be one of "micro", "macro", got "marco" (did you mean `macro`?)',
    );
    expectError(() => optBoolean("f", "x", "false", true), "invalid_option");
  });

  it("optSize refuses sizes past the allocation budget and says how to raise it", () => {
    expect(optSize("f", "nBins", 15, 15, { bytesPerUnit: 24 })).toBe(15);
    const error = expectError(
      () => optSize("binaryCalibrationError", "nBins", 1e9, 15, { bytesPerUnit: 8 }),
      "invalid_option",
    );
    expect(error.message).toBe(
      "binaryCalibrationError: option `nBins` = 1000000000 would need 7.45 GiB, above the 1 GiB allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
    );
    const previous = setLimits({ maxAllocationBytes: 16 * 2 ** 30 });
    try {
      expect(optSize("f", "nBins", 1e9, 15, { bytesPerUnit: 8 })).toBe(1e9);
    } finally {
      setLimits(previous);
    }
  });

  it("suggestName finds case slips and near names, not far ones", () => {
    expect(suggestName("numclasses", NAMES)).toBe("did you mean `numClasses`?");
    expect(suggestName("ignore_index", NAMES)).toContain("`ignoreIndex`");
    expect(suggestName("colour", NAMES)).toBeUndefined();
  });
});
