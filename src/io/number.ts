/**
 * Numbers read from bytes, without building a string per cell.
 *
 * `parseDecimal` reads `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?` directly from the bytes.
 * With at most 15 significant digits and a decimal exponent within ±22 the mantissa and the
 * power of ten are both exact doubles, so one multiplication or division rounds correctly
 * (Clinger's fast path, W. D. Clinger, "How to read floating point numbers accurately", PLDI
 * 1990); any other valid literal goes through `Number()`, which rounds correctly. The result is
 * therefore always the double `Number(text)` gives. Anything else returns NaN, and the caller
 * decides with {@link parseSpecialCell} whether the text is a spelled-out value or an error.
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const latin1 = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);

/** The number spelled by bytes[start, end) (a decimal literal), or NaN when it is not one. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const c = bytes[i]!;
    if (c === 45) {
      negative = true;
      i++;
    } else if (c === 43) i++;
  }
  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let digits = 0;
  let slow = false;
  while (i < end) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (mantissa !== 0 || d !== 0) {
      if (significant < 15) {
        mantissa = mantissa * 10 + d;
        significant++;
      } else slow = true;
    }
    i++;
  }
  if (i < end && bytes[i] === 46) {
    i++;
    while (i < end) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (mantissa === 0 && d === 0) exponent--;
      else if (significant < 15) {
        mantissa = mantissa * 10 + d;
        significant++;
        exponent--;
      } else slow = true;
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) expNegative = bytes[i++] === 45;
    let written = 0;
    let expDigits = 0;
    while (i < end) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      if (written < 100000) written = written * 10 + d;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return Number.NaN;
    exponent += expNegative ? -written : written;
  }
  if (i !== end) return Number.NaN;
  if (mantissa === 0 && !slow) return negative ? -0 : 0;
  if (slow || exponent > 22 || exponent < -22) return Number(latin1(bytes, start, end));
  const value = exponent >= 0 ? mantissa * POW10[exponent]! : mantissa / POW10[-exponent]!;
  return negative ? -value : value;
}

/** Where {@link scanPlainDecimal} stopped. */
export interface ScanEnd {
  end: number;
}

/**
 * A plain decimal `-?digits[.digits]` of at most 15 digits read from `bytes[start]` on, in one
 * pass, up to the first byte that is none of these (stored in `stop.end`; it is not read past
 * `limit`): the double `Number(text)` gives (the digits as an exact integer over an exact power
 * of ten, Clinger's fast path as in {@link parseDecimal}), or NaN when the bytes there are not
 * such a literal (then `stop.end` means nothing). The caller checks what the literal ends on.
 */
export function scanPlainDecimal(bytes: Uint8Array, start: number, limit: number, stop: ScanEnd): number {
  let i = start;
  const negative = i < limit && bytes[i] === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  for (; i < limit; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
  }
  let fraction = 0;
  if (i < limit && bytes[i] === 46)
    for (i++; i < limit; i++) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      fraction++;
    }
  if (digits + fraction === 0 || digits + fraction > 15) return Number.NaN;
  stop.end = i;
  const value = mantissa / POW10[fraction]!;
  return negative ? -value : value;
}

/**
 * The end of the JSON number token starting at `start` (RFC 8259: `-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?`),
 * or -1 when no valid number starts there. Used by the JSON fast paths so they accept exactly
 * what `JSON.parse` accepts.
 */
export function scanJsonNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i < end && bytes[i] === 45) i++;
  if (i >= end) return -1;
  if (bytes[i] === 48) i++;
  else if (bytes[i]! >= 49 && bytes[i]! <= 57) while (i < end && bytes[i]! >= 48 && bytes[i]! <= 57) i++;
  else return -1;
  if (i < end && bytes[i] === 46) {
    i++;
    const from = i;
    while (i < end && bytes[i]! >= 48 && bytes[i]! <= 57) i++;
    if (i === from) return -1;
  }
  if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
    i++;
    if (i < end && (bytes[i] === 43 || bytes[i] === 45)) i++;
    const from = i;
    while (i < end && bytes[i]! >= 48 && bytes[i]! <= 57) i++;
    if (i === from) return -1;
  }
  return i;
}

/**
 * The values a cell may spell out besides a decimal literal: `NaN`/`nan` (NaN: the metric then
 * applies its NaN rule), `inf`/`infinity` in any case with an optional sign, and `true`/`false`
 * (1/0, for label columns written by pandas). Undefined for anything else.
 */
export function parseSpecialCell(text: string): number | undefined {
  switch (text) {
    case "NaN":
    case "nan":
      return Number.NaN;
    case "true":
    case "True":
    case "TRUE":
      return 1;
    case "false":
    case "False":
    case "FALSE":
      return 0;
  }
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  return undefined;
}

/** A whole cell as text: a decimal literal or a spelled-out value; undefined when neither. */
export function parseCellText(text: string): number | undefined {
  const bytes = Buffer.from(text, "utf8");
  const v = parseDecimal(bytes, 0, bytes.length);
  return Number.isNaN(v) ? parseSpecialCell(text) : v;
}
