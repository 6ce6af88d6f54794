import { describe, expect, it } from "vitest";
import { compareCodePoints, pyFixed, pySplit } from "./py-compat.js";

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
