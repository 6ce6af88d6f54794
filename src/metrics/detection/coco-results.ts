import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation, getLimits } from "../../core/limits.js";
import { parseDecimal, scanJsonNumber } from "../../io/number.js";
import { widen } from "./coco-objects.js";
import { rleCountsFromBytes } from "./rle.js";

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A COCO results file (`[{"image_id", "category_id", "score", "bbox" | "segmentation" |
 * "keypoints"}, ...]`) read straight from its bytes into columns, without building one object
 * per detection: the reader of `cocoEvaluate` for files (the bench's 32 MB keypoints file,
 * 100,000 results, reads in about half the time of `JSON.parse` and leaves no object per result
 * for the garbage collector).
 *
 * Same values as `JSON.parse` of the whole text, by construction:
 * - Syntax is RFC 8259, checked byte by byte (what `JSON.parse` refuses, this refuses); the text
 *   is UTF-8, whitespace is space, tab, CR, LF; a byte-order mark is refused, as by `JSON.parse`.
 * - Numbers: the token's grammar is checked (`scanJsonNumber`) and its value read so that it
 *   rounds correctly (`parseDecimal`, src/io/number.ts, shared with the CSV and JSON readers; a
 *   plain decimal inside a number list takes an inline copy of its fast path), so each is the
 *   double `JSON.parse` gives, `-0` included; `1e999` is Infinity, as in `JSON.parse`,
 *   and refused by the checks that need finite values.
 * - Keys may hold escapes (`"image\u005fid"` is `image_id`); a repeated key keeps its last value,
 *   as `JSON.parse` (and Python's `json`) do; unknown keys are read (syntax, depth) and skipped.
 * - `bbox` and `keypoints` that are arrays of numbers go to typed columns; any other value of
 *   those keys is kept as `JSON.parse` of its text, for the same checks as an array of result
 *   objects gets. A compressed RLE `{"size": [h, w], "counts": "..."}` keeps its size and the
 *   byte range of its counts text (the input is held for it; texts with `\\` escapes are
 *   copied resolved) and is built when read: counts text that is valid comes decoded (a
 *   Uint32Array, what `toRle` would decode the text to), other text as its string, for `toRle`
 *   to refuse with its usual message. Any other `segmentation` is kept as `JSON.parse` gives it.
 *
 * Refusals (`PlumblineError`): malformed JSON is `io_error` naming the byte offset and line;
 * a top level other than an array, an element other than an object, or `image_id`,
 * `category_id`, `score` missing or not finite numbers is `invalid_value` with the result's
 * index; nesting deeper than `getLimits().maxNestingDepth` is `invalid_value`; columns past the
 * allocation budget fail through `assertAllocation`.
 */

/** The columns of a COCO results list, as {@link readCocoResults} returns them. */
export interface CocoResultColumns {
  /** Tells the columns from an array of result objects in `cocoEvaluate`. */
  readonly format: "coco-results";
  /** Number of results. */
  readonly count: number;
  readonly imageId: Float64Array;
  readonly categoryId: Float64Array;
  readonly score: Float64Array;
  /** Result i's `bbox` is `bboxValues[bboxStart[i] .. bboxStart[i + 1])` (length count + 1). */
  readonly bboxStart: Int32Array;
  readonly bboxValues: Float64Array;
  /** Result i's `keypoints` is `keypointValues[keypointStart[i] .. keypointStart[i + 1])`. */
  readonly keypointStart: Int32Array;
  readonly keypointValues: Float64Array;
  /**
   * Result i's compressed RLE (bit 8 of `present` set): its [height, width] at `rleSize[2i]`,
   * `rleSize[2i + 1]`, its counts text at `rleText[2i] .. rleText[2i + 1]` of `input` (of
   * `unescaped` with bit 16 set: the text's JSON string held escapes), decoded when read.
   */
  readonly rleSize: Float64Array;
  readonly rleText: Float64Array;
  readonly input: Uint8Array;
  readonly unescaped: Uint8Array;
  /** Per result: bit 1 `bbox` present, 2 `keypoints` present, 4 `segmentation` present, 8 it is in the RLE columns, 16 its text is in `unescaped`. */
  readonly present: Uint8Array;
  /** `bbox` values that are not arrays of numbers, by result index (as `JSON.parse` gives them). */
  readonly otherBbox: ReadonlyMap<number, unknown>;
  /** `keypoints` values that are not arrays of numbers, by result index. */
  readonly otherKeypoints: ReadonlyMap<number, unknown>;
  /** `segmentation` values other than compressed RLE with valid counts, by result index. */
  readonly otherSegmentation: ReadonlyMap<number, unknown>;
}

/** Bits of {@link CocoResultColumns.present}. */
export const HAS_BBOX = 1;
export const HAS_KEYPOINTS = 2;
export const HAS_SEGMENTATION = 4;
export const RLE_COLUMNS = 8;
export const RLE_UNESCAPED = 16;

const FN = "readCocoResults";

enum Key {
  Other = 0,
  ImageId = 1,
  CategoryId = 2,
  Score = 3,
  Bbox = 4,
  Keypoints = 5,
  Segmentation = 6,
}

const KEY_NAMES = ["", "image_id", "category_id", "score", "bbox", "keypoints", "segmentation"];
const KEY_BYTES = KEY_NAMES.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0)));
/** The known key of each length (their lengths differ), else Key.Other. */
const KEY_BY_LENGTH = Array.from({ length: 13 }, (_, n) => {
  const k = KEY_NAMES.findIndex((name, j) => j > 0 && name.length === n);
  return k > 0 ? (k as Key) : Key.Other;
});
const REQUIRED = [Key.ImageId, Key.CategoryId, Key.Score] as const;

const utf8 = new TextDecoder("utf-8");

const SIZE = Uint8Array.from("size", (c) => c.charCodeAt(0));
const COUNTS = Uint8Array.from("counts", (c) => c.charCodeAt(0));

/** True when bytes[at ..] spells `name`. */
function sameKey(bytes: Uint8Array, at: number, name: Uint8Array): boolean {
  for (let j = 0; j < name.length; j++) if (bytes[at + j] !== name[j]) return false;
  return true;
}

const isNumberStart = (c: number) => c === 45 || (c >= 48 && c <= 57);

/** Counts texts whose JSON strings held escapes, resolved, one growable block (checked against the budget). */
class UnescapedTexts {
  data = new Uint8Array(1024);
  length = 0;

  /**
   * Appends the inside of a JSON string, bytes[from, to), with its escapes resolved; false (and
   * nothing appended) when it holds an escape that cannot spell count characters ('0'..'o':
   * only `\\` and `\/` can), for the caller to keep the value as parsed.
   */
  add(bytes: Uint8Array, from: number, to: number): boolean {
    if (this.data.length - this.length < to - from) {
      let capacity = 2 * this.data.length;
      while (capacity - this.length < to - from) capacity *= 2;
      assertAllocation(FN, "the RLE counts texts with escapes", capacity, "invalid_value");
      const next = new Uint8Array(capacity);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    let n = this.length;
    for (let i = from; i < to; i++) {
      let c = bytes[i]!;
      if (c === 92) {
        c = bytes[++i]!;
        if (c !== 92 && c !== 47) return false;
      }
      this.data[n++] = c;
    }
    this.length = n;
    return true;
  }
}

/** A growable Float64 column whose growth is checked against the allocation budget. */
class Column {
  data: Float64Array;
  length = 0;
  constructor(
    readonly what: string,
    capacity: number,
  ) {
    this.data = new Float64Array(capacity);
  }
  /** Makes room for `extra` more values; `done` (the input's fraction read) sizes the growth to the whole input. */
  grow(extra: number, done = 0): void {
    const projected = done > 0.01 ? Math.ceil((this.length / done) * 1.02) : 0;
    let capacity = Math.max(1024, this.data.length * 2, projected);
    while (capacity < this.length + extra) capacity *= 2;
    assertAllocation(FN, `the ${this.what} column`, capacity * 8, "invalid_value");
    const next = new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  done(): Float64Array {
    return trimmed(this.data, this.length);
  }
}

/** The first `length` values: a view when the spare capacity is small, else a trimmed copy. */
function trimmed<A extends Float64Array | Int32Array | Uint8Array>(values: A, length: number): A {
  const spare = values.length - length;
  return (spare <= length / 8 ? values.subarray(0, length) : values.slice(0, length)) as A;
}

/**
 * The per-result columns (image, category, score, value offsets, key flags; two entries each
 * for RLE sizes and texts), written in place and grown together, so that a result costs one
 * capacity check and no call with number arguments (which V8 would box).
 */
class ResultColumns {
  imageId: Float64Array;
  categoryId: Float64Array;
  score: Float64Array;
  bboxStart: Int32Array;
  keypointStart: Int32Array;
  present: Uint8Array;
  rleSize: Float64Array;
  rleText: Float64Array;
  constructor(public capacity: number) {
    this.imageId = new Float64Array(capacity);
    this.categoryId = new Float64Array(capacity);
    this.score = new Float64Array(capacity);
    this.bboxStart = new Int32Array(capacity);
    this.keypointStart = new Int32Array(capacity);
    this.present = new Uint8Array(capacity);
    this.rleSize = new Float64Array(2 * capacity);
    this.rleText = new Float64Array(2 * capacity);
  }
  /** Doubles the capacity, or more when `count` results in `done` of the input project more. */
  grow(count: number, done: number): void {
    const n = this.capacity;
    const projected = done > 0.002 ? Math.ceil((count / done) * 1.02) : 0;
    const capacity = Math.max(1024, 2 * n, projected);
    // 8 bytes for each of image, category, score, 4 for each offset, 1 flag, 2 x 8 for each RLE pair.
    assertAllocation(FN, "the result columns", capacity * 65, "invalid_value");
    this.imageId = widen(this.imageId, capacity);
    this.categoryId = widen(this.categoryId, capacity);
    this.score = widen(this.score, capacity);
    this.bboxStart = widen(this.bboxStart, capacity);
    this.keypointStart = widen(this.keypointStart, capacity);
    this.present = widen(this.present, capacity);
    this.rleSize = widen(this.rleSize, 2 * capacity);
    this.rleText = widen(this.rleText, 2 * capacity);
    this.capacity = capacity;
  }
}

class Scanner {
  pos = 0;
  readonly end: number;
  readonly maxDepth = getLimits().maxNestingDepth;
  /** Where a number read for its own sake lands. */
  readonly scratch = new Float64Array(1);
  /** The [height, width] of the last RLE {@link rleInto} read, */
  readonly size = new Float64Array(2);
  /** the range of its counts text, */
  readonly text = new Float64Array(2);
  /** and whether that range is in the unescaped texts. */
  escaped = false;
  constructor(readonly bytes: Uint8Array) {
    this.end = bytes.length;
  }

  where(at = this.pos): string {
    let line = 1;
    for (let i = 0; i < at && i < this.end; i++) if (this.bytes[i] === 10) line++;
    return `byte ${at} (line ${line})`;
  }

  syntax(expected: string): never {
    const got =
      this.pos >= this.end
        ? "the end of the input (truncated?)"
        : JSON.stringify(utf8.decode(this.bytes.subarray(this.pos, Math.min(this.end, this.pos + 12))));
    return fail("io_error", `${FN}: invalid JSON at ${this.where()}: expected ${expected}, got ${got}`);
  }

  ws(): number {
    const bytes = this.bytes;
    let i = this.pos;
    while (i < this.end) {
      const c = bytes[i]!;
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
    this.pos = i;
    return i < this.end ? bytes[i]! : -1;
  }

  expect(byte: number, expected: string): void {
    if (this.ws() !== byte) this.syntax(expected);
    this.pos++;
  }

  /**
   * The number token at pos (after whitespace), checked against the JSON grammar
   * (`scanJsonNumber`) and read as the double `JSON.parse` gives (`parseDecimal`: Clinger's fast
   * path, else `Number()`), into `out[at]` (a double returned from a call that is not inlined
   * would be boxed).
   */
  number(out: Float64Array, at: number): void {
    const end = scanJsonNumber(this.bytes, this.pos, this.end);
    if (end < 0) this.syntax("a number");
    out[at] = parseDecimal(this.bytes, this.pos, end);
    this.pos = end;
  }

  /**
   * {@link number}, with an inline fast path for the common spelling, -?[1-9]?d*(.d+)? with at
   * most 15 digits and followed by "," "]" or "}": the same value (Clinger's fast path: the
   * mantissa and 10^scale are exact doubles, so one division rounds correctly); any other token
   * is left to {@link number}.
   */
  decimal(out: Float64Array, at: number): void {
    // Bytes past the end read as 0 (`undefined | 0`), which ends a token like any non-digit.
    const bytes = this.bytes;
    let i = this.pos;
    let c = bytes[i]! | 0;
    const negative = c === 45;
    if (negative) c = bytes[++i]! | 0;
    const first = i;
    let mantissa = 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      c = bytes[++i]! | 0;
    }
    let digits = i - first;
    let scale = 0;
    if (c === 46) {
      c = bytes[++i]! | 0;
      const from = i;
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        c = bytes[++i]! | 0;
      }
      scale = i - from;
      // "1." and ".5" are not JSON: number() refuses them.
      digits = scale === 0 || digits === 0 ? 99 : digits + scale;
    }
    if (
      (c === 44 || c === 93 || c === 125) &&
      digits > 0 &&
      digits <= 15 &&
      (bytes[first] !== 48 || digits === scale + 1)
    ) {
      const value = scale === 0 ? mantissa : mantissa / POW10[scale]!;
      out[at] = negative ? -value : value;
      this.pos = i;
    } else this.number(out, at);
  }

  /** Skips a string token at pos (the opening quote); true when it holds an escape. */
  string(): boolean {
    const bytes = this.bytes;
    let i = this.pos + 1;
    let escaped = false;
    for (;;) {
      if (i >= this.end) {
        this.pos = i;
        this.syntax("the end of a string");
      }
      const c = bytes[i]!;
      if (c === 34) break;
      if (c < 32) {
        this.pos = i;
        this.syntax("a string without raw control characters");
      }
      if (c === 92) {
        escaped = true;
        const e = bytes[i + 1];
        if (e === 117) {
          for (let k = 2; k < 6; k++) {
            const h = bytes[i + k];
            const hex =
              h !== undefined && ((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102));
            if (!hex) {
              this.pos = i;
              this.syntax("a \\u escape with four hex digits");
            }
          }
          i += 6;
          continue;
        }
        if (
          e !== 34 &&
          e !== 92 &&
          e !== 47 &&
          e !== 98 &&
          e !== 102 &&
          e !== 110 &&
          e !== 114 &&
          e !== 116
        ) {
          this.pos = i;
          this.syntax("a valid escape");
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return escaped;
  }

  literal(word: string): void {
    for (let k = 0; k < word.length; k++)
      if (this.bytes[this.pos + k] !== word.charCodeAt(k)) this.syntax("a JSON value");
    this.pos += word.length;
  }

  /** Skips any JSON value at pos (after whitespace), checking its syntax and depth (`depth` = the value's own nesting level). */
  skipValue(depth: number): void {
    // Closing bytes of the open containers ("]" or "}"), innermost last.
    const open: number[] = [];
    for (;;) {
      const c = this.ws();
      if (c === 91 || c === 123) {
        if (depth + open.length > this.maxDepth)
          fail(
            "invalid_value",
            `${FN}: the results nest deeper than ${this.maxDepth} levels at ${this.where()} (getLimits().maxNestingDepth)`,
          );
        this.pos++;
        open.push(c + 2);
        const next = this.ws();
        if (next === c + 2) {
          this.pos++;
          open.pop();
        } else {
          if (c === 123) this.memberKey();
          continue;
        }
      } else if (c === 34) this.string();
      else if (c === 116) this.literal("true");
      else if (c === 102) this.literal("false");
      else if (c === 110) this.literal("null");
      else if (c === 45 || (c >= 48 && c <= 57)) this.number(this.scratch, 0);
      else this.syntax("a JSON value");
      // After a value: close containers or go to the next element.
      for (;;) {
        if (open.length === 0) return;
        const close = open[open.length - 1]!;
        const d = this.ws();
        if (d === 44) {
          this.pos++;
          if (close === 125) this.memberKey();
          break;
        }
        if (d !== close) this.syntax(close === 93 ? '"," or "]"' : '"," or "}"');
        this.pos++;
        open.pop();
      }
    }
  }

  /** A member's key and colon inside an object being skipped. */
  private memberKey(): void {
    if (this.ws() !== 34) this.syntax("a string key");
    this.string();
    this.expect(58, '":"');
  }

  /** The JSON value at pos, skipped and then parsed by `JSON.parse` (for values kept as they are). */
  parseValue(depth: number): unknown {
    this.ws();
    const start = this.pos;
    this.skipValue(depth);
    return JSON.parse(utf8.decode(this.bytes.subarray(start, this.pos)));
  }

  /** Reads a key (pos at its quote) and tells which known key it is. */
  key(): Key {
    const bytes = this.bytes;
    const start = this.pos + 1;
    // A plain key (no escape, no control byte): the known keys have distinct lengths.
    let i = start;
    let c = -1;
    while (i < this.end) {
      c = bytes[i]!;
      if (c === 34 || c === 92 || c < 32) break;
      i++;
    }
    if (c === 34) {
      this.pos = i + 1;
      const k = i - start < KEY_BY_LENGTH.length ? KEY_BY_LENGTH[i - start]! : Key.Other;
      return k !== Key.Other && sameKey(bytes, start, KEY_BYTES[k]!) ? k : Key.Other;
    }
    const escaped = this.string();
    const stop = this.pos - 1;
    if (escaped) {
      const name = JSON.parse(utf8.decode(this.bytes.subarray(start - 1, stop + 1))) as string;
      const k = KEY_NAMES.indexOf(name);
      return k > 0 ? (k as Key) : Key.Other;
    }
    return Key.Other;
  }

  /**
   * A compressed COCO RLE at pos, `{"size": [h, w], "counts": "..."}` (either order, two
   * numbers in `size`): its size into `this.size`, the range of its counts text into `this.text`
   * (of the input, or with `this.escaped` of `unescaped`); false (pos and `unescaped` unchanged)
   * for any other value, which the caller keeps as parsed.
   */
  rleInto(unescaped: UnescapedTexts): boolean {
    const bytes = this.bytes;
    const start = this.pos;
    const fill = unescaped.length;
    if (bytes[start] !== 123) return false;
    this.pos++;
    let haveSize = false;
    let haveCounts = false;
    for (let member = 0; member < 2; member++) {
      if (this.ws() !== 34) break;
      const keyStart = this.pos;
      if (this.string()) break;
      const length = this.pos - keyStart - 2;
      const isSize = length === 4 && sameKey(bytes, keyStart + 1, SIZE);
      const isCounts = length === 6 && sameKey(bytes, keyStart + 1, COUNTS);
      if (this.ws() !== 58) break;
      this.pos++;
      const c = this.ws();
      if (isSize && !haveSize && c === 91) {
        this.pos++;
        if (!isNumberStart(this.ws())) break;
        this.number(this.size, 0);
        if (this.ws() !== 44) break;
        this.pos++;
        if (!isNumberStart(this.ws())) break;
        this.number(this.size, 1);
        if (this.ws() !== 93) break;
        this.pos++;
        haveSize = true;
      } else if (isCounts && !haveCounts && c === 34) {
        const from = this.pos + 1;
        this.escaped = this.string();
        this.text[0] = from;
        this.text[1] = this.pos - 1;
        if (this.escaped) {
          this.text[0] = unescaped.length;
          if (!unescaped.add(bytes, from, this.pos - 1)) break;
          this.text[1] = unescaped.length;
        }
        haveCounts = true;
      } else break;
      const d = this.ws();
      if (d === 44 && member === 0) {
        this.pos++;
        continue;
      }
      if (d === 125 && member === 1 && haveSize && haveCounts) {
        this.pos++;
        return true;
      }
      break;
    }
    this.pos = start;
    unescaped.length = fill;
    return false;
  }

  /**
   * An array of numbers at pos into `column`: true when read; false (pos and column unchanged)
   * when the value is anything else, for the caller to keep as a parsed value.
   */
  numberArray(column: Column): boolean {
    const bytes = this.bytes;
    const start = this.pos;
    const fill = column.length;
    if (bytes[start] !== 91) return false;
    this.pos++;
    let c = this.ws();
    if (c === 93) {
      this.pos++;
      return true;
    }
    // The column's data and fill in locals through the loop (written back on return or growth).
    let data = column.data;
    let n = fill;
    for (;;) {
      if (c !== 45 && (c < 48 || c > 57)) break;
      if (n === data.length) {
        column.length = n;
        column.grow(1, this.pos / this.end);
        data = column.data;
      }
      this.decimal(data, n++);
      // Whitespace is rare between numbers: look at the next byte (0 past the end) before calling ws().
      c = bytes[this.pos]! | 0;
      if (c <= 32) c = this.ws();
      if (c === 44) {
        c = bytes[++this.pos]! | 0;
        if (c <= 32) c = this.ws();
        continue;
      }
      if (c === 93) {
        this.pos++;
        column.length = n;
        return true;
      }
      break;
    }
    this.pos = start;
    column.length = fill;
    return false;
  }
}

/**
 * Reads a COCO results file's bytes (or text) into {@link CocoResultColumns}, which
 * `cocoEvaluate(groundTruth, columns, options)` takes in place of the parsed array.
 * @example cocoEvaluate(gt, readCocoResults(readFileSync("results.json")), { iouType: "keypoints" })
 */
export function readCocoResults(input: Uint8Array | string): CocoResultColumns {
  if (typeof input !== "string" && !(input instanceof Uint8Array))
    fail("invalid_value", `${FN}: \`input\` must be the file's bytes or text, got ${describeValue(input)}`);
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const s = new Scanner(bytes);
  // Small at first: the columns grow within the first results, sized then by the share of the
  // input read (a growth late in the file would throw away the loop's compiled code in V8).
  const rows = new ResultColumns(256);
  const bbox = new Column("bbox", 0);
  const keypoints = new Column("keypoints", 0);
  const otherBbox = new Map<number, unknown>();
  const otherKeypoints = new Map<number, unknown>();
  const otherSegmentation = new Map<number, unknown>();
  let hasRleText = false;
  const unescaped = new UnescapedTexts();
  if (s.ws() !== 91) {
    if (s.pos >= s.end) s.syntax("a JSON array of results");
    const value = s.parseValue(1);
    fail(
      "invalid_value",
      `${FN}: the results must be a JSON array of detections, got ${describeValue(value)}`,
    );
  }
  s.pos++;
  let c = s.ws();
  let i = 0;
  if (c === 93) s.pos++;
  else
    for (; ; i++) {
      if (c !== 123) {
        const value = s.parseValue(2);
        fail("invalid_value", `${FN}: results[${i}] must be an object, got ${describeValue(value)}`);
      }
      s.pos++;
      // Room for this result and the closing offsets.
      if (i + 1 >= rows.capacity) rows.grow(i, s.pos / s.end);
      rows.bboxStart[i] = bbox.length;
      rows.keypointStart[i] = keypoints.length;
      let flags = 0;
      let seen = 0;
      // image_id, category_id, score of this result (last wins).
      let vImage = 0;
      let vCategory = 0;
      let vScore = 0;
      let rleHeight = 0;
      let rleWidth = 0;
      let rleFrom = 0;
      let rleTo = 0;
      c = s.ws();
      if (c === 125) s.pos++;
      else
        for (;;) {
          if (c !== 34) s.syntax("a string key");
          const key = s.key();
          s.expect(58, '":"');
          c = s.ws();
          if (key === Key.ImageId || key === Key.CategoryId || key === Key.Score) {
            let v: number;
            if (c === 45 || (c >= 48 && c <= 57)) {
              s.decimal(s.scratch, 0);
              v = s.scratch[0]!;
            } else v = Number.NaN;
            if (!Number.isFinite(v)) {
              const value = c === 45 || (c >= 48 && c <= 57) ? v : s.parseValue(3);
              fail(
                "invalid_value",
                `${FN}: results[${i}].${KEY_NAMES[key]} must be a finite number, got ${describeValue(value)}`,
              );
            }
            if (key === Key.ImageId) vImage = v;
            else if (key === Key.CategoryId) vCategory = v;
            else vScore = v;
            seen |= 1 << key;
          } else if (key === Key.Bbox || key === Key.Keypoints) {
            const column = key === Key.Bbox ? bbox : keypoints;
            const other = key === Key.Bbox ? otherBbox : otherKeypoints;
            const bit = key === Key.Bbox ? HAS_BBOX : HAS_KEYPOINTS;
            if (flags & bit) {
              // A repeated key: the last value wins, as in JSON.parse.
              column.length = (key === Key.Bbox ? rows.bboxStart : rows.keypointStart)[i]!;
              other.delete(i);
            }
            if (!s.numberArray(column)) other.set(i, s.parseValue(3));
            flags |= bit;
          } else if (key === Key.Segmentation) {
            // A repeated key: the last value wins.
            otherSegmentation.delete(i);
            flags &= ~(RLE_COLUMNS | RLE_UNESCAPED);
            if (s.rleInto(unescaped)) {
              flags |= s.escaped ? RLE_COLUMNS | RLE_UNESCAPED : RLE_COLUMNS;
              if (!s.escaped) hasRleText = true;
              rleHeight = s.size[0]!;
              rleWidth = s.size[1]!;
              rleFrom = s.text[0]!;
              rleTo = s.text[1]!;
            } else otherSegmentation.set(i, s.parseValue(3));
            flags |= HAS_SEGMENTATION;
          } else s.skipValue(3);
          c = s.ws();
          if (c === 44) {
            s.pos++;
            c = s.ws();
            continue;
          }
          if (c !== 125) s.syntax('"," or "}"');
          s.pos++;
          break;
        }
      for (const key of REQUIRED)
        if (!(seen & (1 << key)))
          fail("invalid_value", `${FN}: results[${i}] is missing the key "${KEY_NAMES[key]}"`);
      rows.imageId[i] = vImage;
      rows.categoryId[i] = vCategory;
      rows.score[i] = vScore;
      rows.present[i] = flags;
      if (flags & RLE_COLUMNS) {
        // Only RLE results write their pairs: the columns start zeroed, and a keypoints or bbox
        // file then never touches their pages.
        rows.rleSize[2 * i] = rleHeight;
        rows.rleSize[2 * i + 1] = rleWidth;
        rows.rleText[2 * i] = rleFrom;
        rows.rleText[2 * i + 1] = rleTo;
      }
      c = s.ws();
      if (c === 44) {
        s.pos++;
        c = s.ws();
        continue;
      }
      if (c !== 93) s.syntax('"," or "]"');
      s.pos++;
      i++;
      break;
    }
  if (s.ws() !== -1) s.syntax("the end of the input after the results array");
  rows.bboxStart[i] = bbox.length;
  rows.keypointStart[i] = keypoints.length;
  return {
    format: "coco-results",
    count: i,
    imageId: trimmed(rows.imageId, i),
    categoryId: trimmed(rows.categoryId, i),
    score: trimmed(rows.score, i),
    bboxStart: trimmed(rows.bboxStart, i + 1),
    bboxValues: bbox.done(),
    keypointStart: trimmed(rows.keypointStart, i + 1),
    keypointValues: keypoints.done(),
    present: trimmed(rows.present, i),
    otherBbox,
    otherKeypoints,
    rleText: trimmed(rows.rleText, 2 * i),
    rleSize: trimmed(rows.rleSize, 2 * i),
    // Kept only when an RLE's counts text lives in it (else the file's bytes can be freed).
    input: hasRleText ? bytes : new Uint8Array(0),
    unescaped: unescaped.data.subarray(0, unescaped.length),
    otherSegmentation,
  };
}

/** True for the columns {@link readCocoResults} returns. */
export function isCocoResultColumns(value: unknown): value is CocoResultColumns {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as CocoResultColumns).format === "coco-results" &&
    (value as CocoResultColumns).imageId instanceof Float64Array
  );
}

/**
 * Refuses {@link CocoResultColumns} whose arrays do not fit together (changed or built by hand
 * after {@link readCocoResults}): `invalid_value` naming the first part that does not, so that
 * no index reads past an array and no value is read from the wrong result.
 */
function checkResultColumns(fn: string, c: CocoResultColumns): void {
  const bad = (what: string): never =>
    fail("invalid_value", `${fn}: \`results\` columns (readCocoResults) are inconsistent: ${what}`);
  const n = c.count;
  if (!Number.isInteger(n) || n < 0) bad(`count ${describeValue(n)}`);
  const typed = [
    ["imageId", c.imageId, Float64Array, n],
    ["categoryId", c.categoryId, Float64Array, n],
    ["score", c.score, Float64Array, n],
    ["bboxStart", c.bboxStart, Int32Array, n + 1],
    ["bboxValues", c.bboxValues, Float64Array, 0],
    ["keypointStart", c.keypointStart, Int32Array, n + 1],
    ["keypointValues", c.keypointValues, Float64Array, 0],
    ["rleSize", c.rleSize, Float64Array, 2 * n],
    ["rleText", c.rleText, Float64Array, 2 * n],
    ["input", c.input, Uint8Array, 0],
    ["unescaped", c.unescaped, Uint8Array, 0],
    ["present", c.present, Uint8Array, n],
  ] as const;
  for (const [name, values, type, length] of typed)
    if (!(values instanceof type) || values.length < length)
      bad(`${name} must be a${type === Int32Array ? "n" : ""} ${type.name} of at least ${length} values`);
  for (const name of ["otherBbox", "otherKeypoints", "otherSegmentation"] as const)
    if (!(c[name] instanceof Map)) bad(`${name} is not a Map`);
  for (const [name, starts, values] of [
    ["bboxStart", c.bboxStart, c.bboxValues],
    ["keypointStart", c.keypointStart, c.keypointValues],
  ] as const) {
    if (starts[0]! < 0 || starts[n]! > values.length) bad(`${name} reaches past its values`);
    for (let i = 0; i < n; i++)
      if (starts[i]! > starts[i + 1]!) bad(`${name}[${i + 1}] is below ${name}[${i}]`);
  }
  for (let i = 0; i < n; i++) {
    if (!(c.present[i]! & RLE_COLUMNS)) continue;
    const text = c.present[i]! & RLE_UNESCAPED ? c.unescaped : c.input;
    const from = c.rleText[2 * i]!;
    const to = c.rleText[2 * i + 1]!;
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= text.length))
      bad(`rleText of results[${i}] reaches past its text`);
  }
}

type ResultKey = "bbox" | "keypoints" | "segmentation";

/** Uniform access to results given as an array of objects or as {@link CocoResultColumns}. */
export interface ResultRows {
  readonly count: number;
  readonly imageId: Float64Array;
  readonly categoryId: Float64Array;
  readonly score: Float64Array;
  has(i: number, key: ResultKey): boolean;
  /** The value of `key` as `JSON.parse` gives it, undefined when absent. */
  get(i: number, key: ResultKey): unknown;
  /** `get`, failing with "missing the key" when absent. */
  need(i: number, key: ResultKey): unknown;
  /** The value when it is a list (an array, or a column slice), else undefined. */
  list(i: number, key: "bbox" | "keypoints"): ArrayLike<number> | undefined;
}

const BITS: Record<ResultKey, number> = {
  bbox: HAS_BBOX,
  keypoints: HAS_KEYPOINTS,
  segmentation: HAS_SEGMENTATION,
};

/**
 * Checks `results` (an array of result objects, or columns) and gives row access to it:
 * every result an object with finite `image_id`, `category_id` and `score` (`invalid_value`
 * naming the index otherwise). Messages name `cocoEvaluate`.
 */
export function resultRows(results: unknown): ResultRows {
  const fn = "cocoEvaluate";
  const missing = (i: number, key: string): never =>
    fail("invalid_value", `${fn}: results[${i}] is missing the key "${key}"`);
  if (isCocoResultColumns(results)) {
    checkResultColumns(fn, results);
    const r = results;
    const has = (i: number, key: ResultKey) => (r.present[i]! & BITS[key]) !== 0;
    const list = (i: number, key: "bbox" | "keypoints"): ArrayLike<number> | undefined => {
      const box = key === "bbox";
      if ((r.present[i]! & (box ? HAS_BBOX : HAS_KEYPOINTS)) === 0) return undefined;
      const others = box ? r.otherBbox : r.otherKeypoints;
      if (others.size > 0 && others.has(i)) {
        const other = others.get(i);
        return Array.isArray(other) ? other : undefined;
      }
      return box
        ? r.bboxValues.subarray(r.bboxStart[i]!, r.bboxStart[i + 1]!)
        : r.keypointValues.subarray(r.keypointStart[i]!, r.keypointStart[i + 1]!);
    };
    const get = (i: number, key: ResultKey): unknown => {
      if (!has(i, key)) return undefined;
      if (key === "segmentation") {
        if ((r.present[i]! & RLE_COLUMNS) === 0) return r.otherSegmentation.get(i);
        // Built on demand (short-lived): no object per result lives through the evaluation. Valid
        // counts text comes decoded (what toRle decodes it to); other text as the string it is.
        const text = r.present[i]! & RLE_UNESCAPED ? r.unescaped : r.input;
        const from = r.rleText[2 * i]!;
        const to = r.rleText[2 * i + 1]!;
        return {
          size: [r.rleSize[2 * i]!, r.rleSize[2 * i + 1]!],
          counts: rleCountsFromBytes(text, from, to) ?? utf8.decode(text.subarray(from, to)),
        };
      }
      const others = key === "bbox" ? r.otherBbox : r.otherKeypoints;
      // A plain array, as JSON.parse gives (read off the hot path: messages, kept values).
      return others.has(i) ? others.get(i) : Array.from(list(i, key)!);
    };
    return {
      count: r.count,
      imageId: r.imageId,
      categoryId: r.categoryId,
      score: r.score,
      has,
      get,
      need: (i, key) => (has(i, key) ? get(i, key) : missing(i, key)),
      list,
    };
  }
  if (!Array.isArray(results))
    fail("invalid_value", `${fn}: \`results\` must be an array of detections, got ${describeValue(results)}`);
  const n = results.length;
  assertAllocation(fn, `the columns of ${n} results`, 24 * n, "invalid_value");
  const columns = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const objects = results as Record<string, unknown>[];
  for (let i = 0; i < n; i++) {
    const r = objects[i];
    if (r === null || typeof r !== "object" || Array.isArray(r))
      fail("invalid_value", `${fn}: results[${i}] must be an object, got ${describeValue(r)}`);
    for (let k = 0; k < 3; k++) {
      const key = REQUIRED_NAMES[k]!;
      if (!(key in r)) missing(i, key);
      const v = r[key];
      if (typeof v !== "number" || !Number.isFinite(v))
        fail("invalid_value", `${fn}: results[${i}].${key} must be a finite number, got ${describeValue(v)}`);
      columns[k][i] = v;
    }
  }
  const has = (i: number, key: ResultKey) => key in objects[i]!;
  return {
    count: n,
    imageId: columns[0],
    categoryId: columns[1],
    score: columns[2],
    has,
    get: (i, key) => objects[i]![key],
    need: (i, key) => (has(i, key) ? objects[i]![key] : missing(i, key)),
    list: (i, key) => {
      const v = objects[i]![key];
      return Array.isArray(v) ? (v as number[]) : undefined;
    },
  };
}

const REQUIRED_NAMES = ["image_id", "category_id", "score"] as const;
