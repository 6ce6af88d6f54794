import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareCodePoints,
  pyFixed,
  pyLeadingWhitespace,
  pyRstrip,
  pySplit,
  pyStrip,
  pyTrailingWhitespace,
} from "./python-strings.js";

const alphabet = [
  "a",
  "é",
  " ",
  "\t",
  "\n",
  "\x1c",
  "\x85",
  "\u00a0",
  "\u2003",
  "\u3000",
  "\ufeff",
  "😀",
  ".",
];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 20 }).map((c) => c.join(""));

describe("python string helpers", () => {
  it("strip and rstrip with code-unit loops equal the regex substitutions on random text", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(pyRstrip(t)).toBe(t.replace(pyTrailingWhitespace, ""));
        expect(pyStrip(t)).toBe(t.replace(pyLeadingWhitespace, "").replace(pyTrailingWhitespace, ""));
      }),
      { numRuns: 3000 },
    );
  });

  it("strips Python whitespace but keeps U+FEFF (not whitespace in Python)", () => {
    expect(pyStrip("\x1c a \u3000")).toBe("a");
    expect(pyRstrip("a\ufeff")).toBe("a\ufeff");
  });
});

describe("Python string helpers", () => {
  it("pyFixed rounds exact ties to even like Python's format (values checked with Python 3.11)", () => {
    // format(0.125, ".2f") == "0.12", format(0.375, ".2f") == "0.38", format(2.5, ".0f") == "2",
    // format(0.5454545454545454, ".2f") == "0.55", format(1.0, ".4f") == "1.0000"
    expect(pyFixed(0.125, 2)).toBe("0.12");
    expect(pyFixed(0.375, 2)).toBe("0.38");
    expect(pyFixed(2.5, 0)).toBe("2");
    expect(pyFixed(0.5454545454545454, 2)).toBe("0.55");
    expect(pyFixed(1, 4)).toBe("1.0000");
    expect(pyFixed(Number.NaN, 2)).toBe("nan");
  });

  it("pySplit splits on Python's whitespace, not JavaScript's", () => {
    expect(pySplit("  a\u0085b\u001fc\ufeffd  ")).toEqual(["a", "b", "c\ufeffd"]);
    expect(pySplit("")).toEqual([]);
  });

  it("compareCodePoints orders by code point like Python's sorted()", () => {
    const words = ["\uff21", "\u{1F600}", "b", "a"];
    expect([...words].sort(compareCodePoints)).toEqual(["a", "b", "\uff21", "\u{1F600}"]);
  });
});
