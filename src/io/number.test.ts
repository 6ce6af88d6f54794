import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCellText, parseDecimal, scanJsonNumber, scanPlainDecimal } from "./number.js";

const bytes = (text: string) => Buffer.from(text, "latin1");
const decimal = (text: string) => parseDecimal(bytes(text), 0, text.length);

describe("parseDecimal", () => {
  it("gives the double Number() gives for every decimal literal (fast path and fallback)", () => {
    const literal = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.stringMatching(/^[0-9]{0,20}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,20}$/)),
        fc.option(
          fc.tuple(
            fc.constantFrom("e", "E"),
            fc.constantFrom("", "-", "+"),
            fc.integer({ min: 0, max: 400 }),
          ),
        ),
      )
      .map(
        ([sign, int, frac, exp]) =>
          `${sign}${int}${frac === null ? "" : `.${frac}`}${exp === null ? "" : `${exp[0]}${exp[1]}${exp[2]}`}`,
      )
      .filter((t) => /[0-9]/.test(t.split(/e/i)[0]!));
    fc.assert(
      fc.property(literal, (text) => {
        expect(Object.is(decimal(text), Number(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(decimal(String(x)), Number(String(x)))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("returns NaN for anything that is not a decimal literal", () => {
    for (const text of ["", "-", ".", "e5", "1e", "1e+", "0x10", "1_000", "1 2", "Infinity", "0.5#note", "١"])
      expect(decimal(text), text).toBeNaN();
  });

  it("spelled-out cells, and JSON's stricter number grammar", () => {
    expect(parseCellText("nan")).toBeNaN();
    expect(parseCellText("-INF")).toBe(-Infinity);
    expect(parseCellText("True")).toBe(1);
    expect(parseCellText("yes")).toBeUndefined();
    for (const ok of ["0", "-0.5", "1e5", "1E-5", "12.5e+3"])
      expect(scanJsonNumber(bytes(ok), 0, ok.length), ok).toBe(ok.length);
    for (const bad of ["01", "+1", ".5", "5.", "-", "1e"])
      expect(scanJsonNumber(bytes(bad), 0, bad.length) === bad.length, bad).toBe(false);
  });
});

describe("scanPlainDecimal (the CSV reader's one-pass fast path)", () => {
  const scan = (text: string) => {
    const stop = { end: -1 };
    const value = scanPlainDecimal(bytes(text), 0, text.length, stop);
    return { value, end: stop.end };
  };

  it("reads -?digits[.digits] of up to 15 digits as Number() does, and stops after it", () => {
    const plain = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{0,15}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,15}$/)),
        fc.constantFrom("", ",", "\n", "\r\n", " ", "e5", "#", "x"),
      )
      .map(([negative, int, frac, tail]) => ({
        literal: `${negative ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}`,
        tail,
      }));
    fc.assert(
      fc.property(plain, ({ literal, tail }) => {
        const digits = literal.replace(/[^0-9]/g, "").length;
        const { value, end } = scan(literal + tail);
        if (digits === 0 || digits > 15) expect(value).toBeNaN();
        else {
          expect(Object.is(value, Number(literal)), literal).toBe(true);
          expect(end).toBe(literal.length);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("leaves every other spelling to the general reader (NaN)", () => {
    for (const text of ["", "-", ".", "-.", "+1", "1234567890123456", "0.1234567890123456", "e5", "nan"])
      expect(scan(text).value, text).toBeNaN();
    // A literal that continues past the plain form stops where the plain form ends: the caller
    // takes the fast value only when a field separator or a line end follows.
    expect(scan("1e5")).toEqual({ value: 1, end: 1 });
    expect(scan("12.5.3")).toEqual({ value: 12.5, end: 4 });
  });
});
