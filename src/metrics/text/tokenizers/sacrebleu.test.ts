import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pySplit } from "./python-strings.js";
import {
  isSacrebleuChineseChar,
  sacrebleuTokenizer,
  tokenize13a,
  tokenize13aIds,
  tokenize13aTokens,
  tokenizeChar,
  tokenizeIntl,
  tokenizeRegexp,
  tokenizeZh,
} from "./sacrebleu.js";
import { SpanInterner } from "./span-interner.js";

describe("sacrebleu tokenizers", () => {
  it("13a splits ASCII punctuation but keeps decimal points and commas between digits", () => {
    expect(tokenize13a("Hello, world! It costs $3.50 (1,000 units).")).toBe(
      "Hello , world ! It costs $ 3.50 ( 1,000 units ) .",
    );
    expect(tokenize13a("a &amp; b &lt;c&gt;")).toBe("a & b < c >");
  });

  it("intl splits Unicode punctuation and symbols", () => {
    expect(tokenizeIntl("«Hello»—world€5")).toBe("« Hello » — world € 5");
  });

  it("zh splits CJK characters and keeps sacrebleu's ranges as Python reads them", () => {
    expect(tokenizeZh("我爱北京abc")).toBe("我 爱 北 京 abc");
    // sacrebleu's '\u20000' range is the two-character string U+2000 '0': it selects U+2001..U+2A6D.
    expect(isSacrebleuChineseChar(0x2026)).toBe(true);
    expect(isSacrebleuChineseChar(0x20000)).toBe(false);
  });

  it("char separates code points", () => {
    expect(tokenizeChar("a😀b")).toBe("a 😀 b");
  });

  it("13a passes equal sacrebleu's four global regex substitutions on random text", () => {
    // The regexes exactly as sacrebleu's TokenizerRegexp writes them, applied in order.
    const viaRegex = (line: string): string =>
      pySplit(
        line
          .replace(/([{-~[-` -&(-+:-@/])/g, " $1 ")
          .replace(/([^0-9])([.,])/g, "$1 $2 ")
          .replace(/([.,])([^0-9])/g, " $1 $2")
          .replace(/([0-9])(-)/g, "$1 $2 "),
      ).join(" ");
    const alphabet = [
      "a",
      "Z",
      "0",
      "7",
      ".",
      ",",
      "-",
      " ",
      "\t",
      "(",
      "$",
      "'",
      "é",
      "東",
      "😀",
      "\u00a0",
      "&",
      "/",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const line = chars.join("");
        expect(tokenizeRegexp(line)).toBe(viaRegex(line));
        // 13a pads the line with a space on each side before the passes.
        expect(tokenize13a(line)).toBe(viaRegex(` ${line} `)); // no XML entity can form from this alphabet
      }),
      { numRuns: 3000 },
    );
  });

  it("13a interned ids name exactly the 13a tokens (equal tokens, equal ids) on random text", () => {
    const alphabet = [
      "a",
      "Z",
      "0",
      "7",
      ".",
      ",",
      "-",
      " ",
      "\t",
      "&amp;",
      "<skipped>",
      "\n",
      "é",
      "😀",
      "$",
      "\u3000",
    ];
    const line = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((c) => c.join(""));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const interner = new SpanInterner(16);
        const out = { ids: new Int32Array(2) };
        let end = 0;
        const expected: string[] = [];
        for (const l of lines) {
          end = tokenize13aIds(l, interner, out, end);
          expected.push(...tokenize13aTokens(l));
        }
        expect(Array.from(out.ids.subarray(0, end), (id) => interner.words[id])).toEqual(expected);
        expect(interner.size).toBe(new Set(expected).size);
      }),
      { numRuns: 1500 },
    );
  });

  it("rejects unknown tokenizer names", () => {
    expect(() => sacrebleuTokenizer("ja-mecab")).toThrow(
      'sacrebleuTokenizer: option `tokenize` must be one of "13a", "intl", "zh", "char", "none", got "ja-mecab"',
    );
  });
});
