import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pyLeadingWhitespace, pyRstrip, pyStrip, pyTrailingWhitespace } from "./python-strings.js";

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
