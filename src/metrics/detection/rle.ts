import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import type { MetricMeta } from "../../metric.js";

/**
 * Run-length encoded binary masks, byte-compatible with pycocotools (cocoapi master `maskApi.c`).
 *
 * A mask of height h and width w is read in column-major order (pixel (y, x) is index x*h + y,
 * as pycocotools' Fortran-ordered arrays), and stored as alternating run lengths starting with a
 * run of zeros. The compressed string form (`counts` as text) is pycocotools' LEB128-like code:
 * 5 bits per character, characters 48..111, each count after the second stored as the
 * difference with the count two places before. Both forms load as COCO files carry them.
 */

/** An uncompressed RLE: `size` is [height, width], counts alternate 0-runs and 1-runs. */
export interface Rle {
  readonly size: readonly [number, number];
  readonly counts: Uint32Array;
}

/** COCO's JSON forms of a mask: compressed (`counts` string) or uncompressed (`counts` array). */
export interface CocoRle {
  readonly size: readonly number[];
  readonly counts: string | readonly number[];
}

/** A COCO segmentation: a list of polygons (flat x,y lists) or an RLE in either form. */
export type CocoSegmentation = readonly (readonly number[])[] | CocoRle;

/** A binary mask in row-major order (pixel (y, x) at y*width + x), as JS image data lays it out. */
export interface BinaryMask {
  readonly data: ArrayLike<number>;
  readonly height: number;
  readonly width: number;
}

export const rleMeta: MetricMeta = {
  id: "detection/rle_mask_iou",
  range: [0, 1],
  direction: "higher",
  conventions: ["pycocotools"],
};

/** Largest pixel count of a mask: pycocotools stores run lengths as 32-bit unsigned integers. */
const MAX_PIXELS = 2 ** 32 - 1;

/** Checks a mask size [height, width]: non-negative integers whose product fits 32-bit run lengths. */
export function checkMaskSize(fn: string, arg: string, h: unknown, w: unknown): void {
  if (
    typeof h !== "number" ||
    typeof w !== "number" ||
    !Number.isInteger(h) ||
    !Number.isInteger(w) ||
    h < 0 ||
    w < 0 ||
    h * w > MAX_PIXELS
  )
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be [height, width] with non-negative integers and at most 2^32 - 1 pixels, got ${describeValue(h)} x ${describeValue(w)}`,
    );
}

/**
 * Checks that a value is an {@link Rle}: a valid size and a Uint32Array of counts that cover the
 * mask exactly (they sum to height x width).
 */
export function checkRle(fn: string, arg: string, rle: unknown): asserts rle is Rle {
  const r = rle as Partial<Rle> | null;
  if (r === null || typeof r !== "object" || !(r.counts instanceof Uint32Array) || !Array.isArray(r.size))
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be an RLE { size: [h, w], counts: Uint32Array }, got ${describeValue(rle)}`,
    );
  if (r.size.length !== 2) fail("invalid_value", `${fn}: \`${arg}.size\` must be [height, width]`);
  checkMaskSize(fn, `${arg}.size`, r.size[0], r.size[1]);
  checkCoverage(fn, arg, r.counts, r.size[0], r.size[1]);
}

/**
 * Counts must sum to h * w: runs that end early or late describe no mask, and pycocotools'
 * `rleIou` loops forever on a pair whose sums differ (a zero-length step that never advances).
 */
function checkCoverage(fn: string, arg: string, counts: ArrayLike<number>, h: number, w: number): void {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i]!;
  if (sum !== h * w)
    fail(
      "invalid_value",
      `${fn}: \`${arg}.counts\` must cover the ${h} x ${w} mask (sum to ${h * w}), got a sum of ${sum}`,
    );
}

function makeRle(h: number, w: number, counts: ArrayLike<number>): Rle {
  return { size: [h, w], counts: counts instanceof Uint32Array ? counts : Uint32Array.from(counts) };
}

/**
 * Encodes a binary mask (row-major `{ data, height, width }`, nonzero = inside) as an RLE, as
 * pycocotools `mask.encode` does on the same mask. O(h*w).
 */
export function rleEncode(mask: BinaryMask): Rle {
  if (mask === null || typeof mask !== "object")
    fail("invalid_value", `rleEncode: \`mask\` must be { data, height, width }, got ${describeValue(mask)}`);
  const { data, height: h, width: w } = mask;
  checkMaskSize("rleEncode", "mask", h, w);
  if (data === null || typeof data !== "object" || data.length !== h * w)
    fail(
      "shape_mismatch",
      `rleEncode: \`mask.data\` must have height * width = ${h * w} elements, got ${describeValue(data?.length)}`,
    );
  const counts: number[] = [];
  let previous = 0;
  let run = 0;
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      const v = data[y * w + x] ? 1 : 0;
      if (v !== previous) {
        counts.push(run);
        run = 0;
        previous = v;
      }
      run++;
    }
  }
  counts.push(run);
  return makeRle(h, w, counts);
}

/** Decodes an RLE to a row-major Uint8Array mask of 0 and 1 (pycocotools `mask.decode`, transposed to row-major). */
export function rleDecode(rle: Rle): Uint8Array {
  checkRle("rleDecode", "rle", rle);
  const [h, w] = rle.size;
  assertAllocation("rleDecode", `a ${h} x ${w} mask`, h * w, "invalid_value");
  const out = new Uint8Array(h * w);
  let pos = 0;
  let v = 0;
  const n = h * w;
  for (let j = 0; j < rle.counts.length; j++) {
    const c = rle.counts[j]!;
    if (v) {
      for (let k = 0; k < c && pos + k < n; k++) {
        const p = pos + k;
        const x = Math.floor(p / h);
        out[(p - x * h) * w + x] = 1;
      }
    }
    pos += c;
    v = v ? 0 : 1;
  }
  return out;
}

/** Number of pixels inside the mask (pycocotools `mask.area`): the sum of the odd runs. */
export function rleArea(rle: Rle): number {
  checkRle("rleArea", "rle", rle);
  let a = 0;
  for (let j = 1; j < rle.counts.length; j += 2) a += rle.counts[j]!;
  return a;
}

/**
 * Union (default) or intersection of masks of one size (pycocotools `mask.merge`). Masks of
 * different sizes give an empty RLE of size [0, 0], as pycocotools does.
 */
export function rleMerge(rles: readonly Rle[], intersect = false): Rle {
  if (!Array.isArray(rles))
    fail("invalid_value", `rleMerge: \`rles\` must be an array of RLEs, got ${describeValue(rles)}`);
  for (let i = 0; i < rles.length; i++) checkRle("rleMerge", `rles[${i}]`, rles[i]);
  if (typeof intersect !== "boolean")
    fail("invalid_value", `rleMerge: \`intersect\` must be true or false, got ${describeValue(intersect)}`);
  if (rles.length === 0) return makeRle(0, 0, []);
  const first = rles[0]!;
  if (rles.length === 1) return makeRle(first.size[0], first.size[1], first.counts.slice());
  let h = first.size[0];
  let w = first.size[1];
  let current: number[] = Array.from(first.counts);
  for (let i = 1; i < rles.length; i++) {
    const b = rles[i]!;
    if (b.size[0] !== h || b.size[1] !== w) {
      h = 0;
      w = 0;
      current = [];
      break;
    }
    const a = current;
    const out: number[] = [];
    let ca = a[0] ?? 0;
    let cb = b.counts[0] ?? 0;
    let v = 0;
    let va = 0;
    let vb = 0;
    let ia = 1;
    let ib = 1;
    let cc = 0;
    let ct = 1;
    while (ct > 0) {
      const c = Math.min(ca, cb);
      cc += c;
      ct = 0;
      ca -= c;
      if (!ca && ia < a.length) {
        ca = a[ia++]!;
        va = va ? 0 : 1;
      }
      ct += ca;
      cb -= c;
      if (!cb && ib < b.counts.length) {
        cb = b.counts[ib++]!;
        vb = vb ? 0 : 1;
      }
      ct += cb;
      const vp = v;
      v = intersect ? (va && vb ? 1 : 0) : va || vb ? 1 : 0;
      if (v !== vp || ct === 0) {
        out.push(cc);
        cc = 0;
      }
    }
    current = out;
  }
  return makeRle(h, w, current);
}

/**
 * Bounding box [x, y, w, h] of a mask (pycocotools `mask.toBbox`), including its quirk: a mask
 * whose runs wrap from one column to the next spans the full image height.
 */
export function rleToBbox(rle: Rle): [number, number, number, number] {
  checkRle("rleToBbox", "rle", rle);
  const [h, w] = rle.size;
  const m = Math.floor(rle.counts.length / 2) * 2;
  if (m === 0) return [0, 0, 0, 0];
  let xs = w;
  let ys = h;
  let xe = 0;
  let ye = 0;
  let cc = 0;
  let xp = 0;
  for (let j = 0; j < m; j++) {
    cc += rle.counts[j]!;
    const t = cc - (j % 2);
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = h - 1;
    }
    xs = Math.min(xs, x);
    xe = Math.max(xe, x);
    ys = Math.min(ys, y);
    ye = Math.max(ye, y);
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

/** Reused buffer of {@link rleFromPolygon}: the crossings' pixel indices (grown on demand; never escapes). */
let crossingIndex = new Uint32Array(1024);

/** Merge buffer and run starts of {@link sortAscending} (grown on demand; never escape). */
let mergeBuffer = new Uint32Array(1024);
let runStarts = new Int32Array(64);

/**
 * Sorts a[0..n) ascending by natural merge sort: a polygon's crossings come as one monotone run
 * per edge, so this is O(n log edges) (V8's typed-array sort costs about 30 ns an element here).
 */
export function sortAscending(a: Uint32Array, n: number): void {
  let runs = 0;
  let i = 0;
  while (i < n) {
    if (runs + 2 > runStarts.length) {
      const next = new Int32Array(2 * runStarts.length);
      next.set(runStarts);
      runStarts = next;
    }
    runStarts[runs++] = i;
    let j = i + 1;
    if (j < n && a[j]! < a[i]!) {
      while (j < n && a[j]! < a[j - 1]!) j++;
      for (let lo = i, hi = j - 1; lo < hi; lo++, hi--) {
        const t = a[lo]!;
        a[lo] = a[hi]!;
        a[hi] = t;
      }
    } else while (j < n && a[j]! >= a[j - 1]!) j++;
    i = j;
  }
  runStarts[runs] = n;
  if (mergeBuffer.length < n) mergeBuffer = new Uint32Array(2 * n);
  const b = mergeBuffer;
  while (runs > 1) {
    let merged = 0;
    for (let r = 0; r < runs; r += 2) {
      const start = runStarts[r]!;
      if (r + 1 === runs) {
        runStarts[merged++] = start;
        break;
      }
      const mid = runStarts[r + 1]!;
      const end = runStarts[r + 2]!;
      let p = start;
      let q = mid;
      let o = start;
      while (p < mid && q < end) b[o++] = a[p]! <= a[q]! ? a[p++]! : a[q++]!;
      while (p < mid) b[o++] = a[p++]!;
      while (q < end) b[o++] = a[q++]!;
      for (let t = start; t < end; t++) a[t] = b[t]!;
      runStarts[merged++] = start;
    }
    runStarts[merged] = n;
    runs = merged;
  }
}

/**
 * The pixel index (x * h + y) of the crossing between boundary points (up, vp) and (u, v), or -1.
 * maskApi.c keeps a crossing when xd = (x + 0.5) / 5 - 0.5 is an integer in [0, w - 1] and
 * takes yd = ceil((y + 0.5) / 5 - 0.5) clamped to [0, h]. In exact arithmetic (which those
 * doubles are, for pixel coordinates) that is x ≡ 2 (mod 5), xd = (x - 2) / 5, and
 * yd = ceil((y - 2) / 5): the same integers without divisions. At most h * w < 2^32.
 */
function crossingAt(u: number, v: number, up: number, vp: number, height: number, width: number): number {
  if (u === up || Number.isNaN(up)) return -1;
  const shifted = (u < up ? u : u - 1) - 2;
  if (shifted % 5 !== 0) return -1;
  const xd = shifted / 5;
  if (xd < 0 || xd > width - 1) return -1;
  const yy = Math.min(v, vp) - 2;
  return xd * height + (yy < 0 ? 0 : Math.min(height, Math.ceil(yy / 5)));
}

/**
 * Rasterises one polygon (flat [x0, y0, x1, y1, ...]) as pycocotools `rleFrPoly` does: the
 * boundary is upsampled 5x, walked with rounding, and only the y-boundary crossings at pixel
 * centres are kept. Reproduces pycocotools pixel for pixel, including its C integer casts.
 */
export function rleFromPolygon(polygon: ArrayLike<number>, height: number, width: number): Rle {
  checkMaskSize("rleFromPolygon", "height x width", height, width);
  const k = Math.floor(readPolygon("rleFromPolygon", "polygon", polygon).length / 2);
  const scale = 5;
  const x = new Int32Array(k + 1);
  const y = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) x[j] = Math.trunc(scale * polygon[j * 2]! + 0.5);
  x[k] = x[0]!;
  for (let j = 0; j < k; j++) y[j] = Math.trunc(scale * polygon[j * 2 + 1]! + 0.5);
  y[k] = y[0]!;
  let m = 0;
  for (let j = 0; j < k; j++) m += Math.max(Math.abs(x[j]! - x[j + 1]!), Math.abs(y[j]! - y[j + 1]!)) + 1;
  // The boundary is walked at 5x resolution: its length, not the mask size, bounds the work.
  assertAllocation("rleFromPolygon", `a polygon whose boundary is ${m} steps long`, m * 8, "invalid_value");
  // maskApi.c walks every edge into points (u, v) and keeps a crossing between consecutive
  // points (across edges too); the walk here keeps each crossing as it passes.
  if (crossingIndex.length < m + 1) crossingIndex = new Uint32Array(2 * (m + 1));
  const a = crossingIndex;
  let n = 0;
  let up = Number.NaN;
  let vp = 0;
  for (let j = 0; j < k; j++) {
    let xs = x[j]!;
    let xe = x[j + 1]!;
    let ys = y[j]!;
    let ye = y[j + 1]!;
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      let t = xs;
      xs = xe;
      xe = t;
      t = ys;
      ys = ye;
      ye = t;
    }
    const s = dx >= dy ? (ye - ys) / dx : (xe - xs) / dy;
    const steps = Math.max(dx, dy);
    for (let d = 0; d <= steps; d++) {
      const t = flip ? steps - d : d;
      const u = dx >= dy ? t + xs : Math.trunc(xs + s * t + 0.5);
      const v = dx >= dy ? Math.trunc(ys + s * t + 0.5) : t + ys;
      const at = crossingAt(u, v, up, vp, height, width);
      if (at >= 0) a[n++] = at;
      up = u;
      vp = v;
    }
  }
  // As maskApi.c: uint pixel indices, sorted, then differences merged into alternating runs.
  a[n] = (height * width) >>> 0;
  sortAscending(a, n + 1);
  const sorted = a;
  let p = 0;
  for (let j = 0; j <= n; j++) {
    const t = sorted[j]!;
    a[j] = t - p;
    p = t;
  }
  // Zero differences merge their neighbours; written in place (nb never passes j).
  let nb = 0;
  let j = 0;
  a[nb++] = a[j++]!;
  while (j < n + 1) {
    if (a[j]! > 0) a[nb++] = a[j++]!;
    else {
      j++;
      if (j < n + 1) a[nb - 1] = a[nb - 1]! + a[j++]!;
    }
  }
  return { size: [height, width], counts: a.slice(0, nb) };
}

/**
 * Checks a polygon's coordinates: finite numbers that pycocotools' `(int)(5 * x + 0.5)` can
 * represent (|x| below about 4.29e8); a 1e9 coordinate is refused, not wrapped around.
 */
function readPolygon(fn: string, arg: string, polygon: unknown): ArrayLike<number> {
  const p = polygon as ArrayLike<unknown> | null;
  if (p === null || typeof p !== "object" || typeof p.length !== "number")
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` must be a flat list of x, y coordinates, got ${describeValue(polygon)}`,
    );
  const limit = (2 ** 31 - 1) / 5 - 1;
  for (let j = 0; j < p.length; j++) {
    const v = p[j];
    if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > limit)
      fail(
        "invalid_value",
        `${fn}: \`${arg}\` must contain finite coordinates within ±${Math.floor(limit)}, got ${describeValue(v)} at index ${j}`,
      );
  }
  return p as ArrayLike<number>;
}

/** The mask of a box [x, y, w, h] (pycocotools `frBbox`: the box rasterised as a polygon). */
export function rleFromBbox(box: ArrayLike<number>, height: number, width: number): Rle {
  readPolygon("rleFromBbox", "box", box);
  if (box.length !== 4)
    fail("invalid_value", `rleFromBbox: \`box\` must be [x, y, width, height], got ${box.length} numbers`);
  const xs = box[0]!;
  const xe = xs + box[2]!;
  const ys = box[1]!;
  const ye = ys + box[3]!;
  return rleFromPolygon([xs, ys, xs, ye, xe, ye, xe, ys], height, width);
}

/** Encodes RLE counts as pycocotools' compressed string (`_toString`). */
export function rleToString(rle: Rle): string {
  checkRle("rleToString", "rle", rle);
  const chars: number[] = [];
  const cnts = rle.counts;
  for (let i = 0; i < cnts.length; i++) {
    let x = cnts[i]!;
    if (i > 2) x -= cnts[i - 2]!;
    let more = true;
    while (more) {
      const low = x - Math.floor(x / 32) * 32;
      let c = low;
      x = Math.floor(x / 32);
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      chars.push(c + 48);
    }
  }
  let out = "";
  for (let i = 0; i < chars.length; i += 4096) out += String.fromCharCode(...chars.slice(i, i + 4096));
  return out;
}

/**
 * Counts of decoded strings are carved out of shared blocks ({@link rleFromString} returns a
 * view of one): one allocation per block instead of one per mask, so decoding a results file
 * does not leave 100,000 small buffers behind for the garbage collector. A block is freed when
 * no view of it is left.
 */
const POOL_BLOCK = 1 << 14;
let pool = new Uint32Array(POOL_BLOCK);
let poolUsed = 0;

function badCharacter(text: string, at: number): never {
  return fail(
    "invalid_value",
    `rleFromString: \`counts\` must use characters 0..o, got ${describeValue(text[at])} at index ${at}`,
  );
}

/** Reused bytes of the strings {@link rleFromString} decodes. */
let textBytes = new Uint8Array(1024);
const encoder = new TextEncoder();

/**
 * Decodes pycocotools' compressed RLE string (`_frString`); counts wrap modulo 2^32 as in C.
 * The counts are a view of a shared block (`counts.buffer` holds other masks' counts too):
 * copy them (`counts.slice()`) before handing the buffer itself to something else.
 */
export function rleFromString(text: string, height: number, width: number): Rle {
  if (typeof text !== "string")
    fail("invalid_value", `rleFromString: \`counts\` must be a string, got ${describeValue(text)}`);
  checkMaskSize("rleFromString", "size", height, width);
  if (textBytes.length < text.length) textBytes = new Uint8Array(Math.max(2 * textBytes.length, text.length));
  // Every count character is ASCII: a string that does not encode to one byte per character is refused below.
  const { read, written } = encoder.encodeInto(text, textBytes);
  const counts =
    read === text.length && written === read ? rleCountsFromBytes(textBytes, 0, written) : undefined;
  if (counts === undefined) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 63) badCharacter(text, i);
    }
    fail("invalid_value", `rleFromString: \`counts\` ends inside a number at character ${text.length}`);
  }
  return { size: [height, width], counts };
}

/**
 * The counts spelled by the compressed RLE text in bytes[start, end) (see {@link rleFromString}),
 * as a view of a shared block; undefined when a byte is not a count character ('0'..'o') or the
 * text ends inside a number.
 */
export function rleCountsFromBytes(bytes: Uint8Array, start: number, end: number): Uint32Array | undefined {
  // At most one count per character.
  if (pool.length - poolUsed < end - start) {
    pool = new Uint32Array(Math.max(POOL_BLOCK, end - start));
    poolUsed = 0;
  }
  const base = poolUsed;
  const stop = decodeRleCounts(bytes, start, end, pool, base);
  if (stop < 0) return undefined;
  poolUsed = stop;
  return pool.subarray(base, stop);
}

/**
 * Decodes the compressed RLE text in bytes[start, end) into `out` from index `at` (room for
 * end - start counts needed: at most one count per character); returns the index after the
 * last count, or -1 when a byte is not a count character ('0'..'o') or the text ends inside a
 * number. Each count is 5 bits a character, low bits first; a character with 0x20 continues the
 * number, the last one's 0x10 is the sign; from the third count on, a count is stored as the
 * difference to the count two before (pycocotools `_frString`).
 */
function decodeRleCounts(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array,
  at: number,
): number {
  let m = at;
  let p = start;
  while (p < end) {
    let c = bytes[p++]! - 48;
    if (c < 0 || c > 63) return -1;
    let x: number;
    if ((c & 0x20) === 0) x = c & 0x10 ? (c & 0x1f) - 32 : c;
    else {
      x = c & 0x1f;
      let scale = 32;
      for (;;) {
        if (p >= end) return -1;
        c = bytes[p++]! - 48;
        if (c < 0 || c > 63) return -1;
        x += (c & 0x1f) * scale;
        scale *= 32;
        if ((c & 0x20) === 0) {
          if (c & 0x10) x -= scale;
          break;
        }
      }
    }
    if (m - at > 2) x += out[m - 2]!;
    // uint arithmetic, as maskApi.c: modulo 2^32 (|x| < 2^53, so >>> 0 is exact).
    out[m++] = x >>> 0;
  }
  return m;
}

/** The compressed JSON form `{ size, counts: string }` that COCO result files use. */
export function rleToCoco(rle: Rle): { size: [number, number]; counts: string } {
  return { size: [rle.size[0], rle.size[1]], counts: rleToString(rle) };
}

/**
 * Any COCO segmentation to one RLE, as pycocotools `COCO.annToRLE` does: polygons are each
 * rasterised and merged, an uncompressed RLE is read as it is, a compressed one decoded. A list
 * whose first entry has exactly 4 numbers is read as boxes, as pycocotools `frPyObjects` does.
 */
export function toRle(
  segmentation: unknown,
  height: number,
  width: number,
  fn = "toRle",
  arg = "segmentation",
): Rle {
  if (Array.isArray(segmentation)) {
    if (segmentation.length === 0) return makeRle(height, width, [height * width]);
    const parts: Rle[] = [];
    const boxes = Array.isArray(segmentation[0]) && (segmentation[0] as unknown[]).length === 4;
    for (let i = 0; i < segmentation.length; i++) {
      const poly = segmentation[i] as unknown;
      if (!Array.isArray(poly))
        fail(
          "invalid_value",
          `${fn}: \`${arg}\` polygons must be arrays of numbers, got ${describeValue(poly)} at index ${i}`,
        );
      readPolygon(fn, `${arg}[${i}]`, poly);
      if (boxes) parts.push(rleFromBbox(poly as number[], height, width));
      else parts.push(rleFromPolygon(poly as number[], height, width));
    }
    // pycocotools merges even a single polygon; merging one mask returns its counts unchanged.
    return parts.length === 1 ? parts[0]! : rleMerge(parts);
  }
  if (
    segmentation !== null &&
    typeof segmentation === "object" &&
    "counts" in segmentation &&
    "size" in segmentation
  ) {
    const { counts, size } = segmentation as { counts: unknown; size: unknown };
    if (!Array.isArray(size) || size.length !== 2)
      fail("invalid_value", `${fn}: \`${arg}.size\` must be [height, width], got ${describeValue(size)}`);
    checkMaskSize(fn, `${arg}.size`, size[0], size[1]);
    const [h, w] = size as [number, number];
    if (typeof counts === "string") {
      const rle = rleFromString(counts, h, w);
      checkCoverage(fn, arg, rle.counts, h, w);
      return rle;
    }
    if (Array.isArray(counts)) {
      for (let j = 0; j < counts.length; j++) {
        if (!Number.isInteger(counts[j]) || counts[j] < 0)
          fail(
            "invalid_value",
            `${fn}: \`${arg}.counts\` must contain non-negative integers, got ${describeValue(counts[j])} at index ${j}`,
          );
      }
      checkCoverage(fn, arg, counts as number[], h, w);
      return makeRle(h, w, counts as number[]);
    }
    if (counts instanceof Uint32Array) {
      checkCoverage(fn, arg, counts, h, w);
      return makeRle(h, w, counts);
    }
    fail(
      "invalid_value",
      `${fn}: \`${arg}.counts\` must be a string or an array of integers, got ${describeValue(counts)}`,
    );
  }
  return fail(
    "invalid_value",
    `${fn}: \`${arg}\` must be a list of polygons or an RLE { size, counts }, got ${describeValue(segmentation)}`,
  );
}

function bboxOverlap(a: readonly number[], b: readonly number[]): boolean {
  const w = Math.min(a[2]! + a[0]!, b[2]! + b[0]!) - Math.max(a[0]!, b[0]!);
  if (w <= 0) return false;
  const h = Math.min(a[3]! + a[1]!, b[3]! + b[1]!) - Math.max(a[1]!, b[1]!);
  return h > 0;
}

/** The last {@link rlePairCounts} result (one scratch object: no allocation per pair). */
const pairCounts = { intersection: 0, union: 0 };

/** Intersection and union pixel counts of two RLEs of the same size, into `pairCounts`. */
function rlePairCounts(dt: Rle, gt: Rle): void {
  const a = dt.counts;
  const b = gt.counts;
  let ca = a[0] ?? 0;
  let cb = b[0] ?? 0;
  let va = 0;
  let vb = 0;
  let ia = 1;
  let ib = 1;
  let inter = 0;
  let union = 0;
  let ct = 1;
  while (ct > 0) {
    const c = Math.min(ca, cb);
    if (va || vb) {
      union += c;
      if (va && vb) inter += c;
    }
    ct = 0;
    ca -= c;
    if (!ca && ia < a.length) {
      ca = a[ia++]!;
      va = va ? 0 : 1;
    }
    ct += ca;
    cb -= c;
    if (!cb && ib < b.length) {
      cb = b[ib++]!;
      vb = vb ? 0 : 1;
    }
    ct += cb;
  }
  pairCounts.intersection = inter;
  pairCounts.union = union;
}

/**
 * IoU matrix between detection masks and ground-truth masks (rows = detections), as pycocotools
 * `mask.iou(dt, gt, iscrowd)`: for a crowd ground truth the union is the detection's area;
 * masks of different sizes give -1 (when their boxes overlap), disjoint masks 0.
 * O(D * G * runs).
 */
export function rleIou(
  dts: readonly Rle[],
  gts: readonly Rle[],
  iscrowd?: ArrayLike<number | boolean>,
): number[][] {
  for (const [list, name] of [
    [dts, "dts"],
    [gts, "gts"],
  ] as const) {
    if (!Array.isArray(list))
      fail("invalid_value", `rleIou: \`${name}\` must be an array of RLEs, got ${describeValue(list)}`);
    for (let i = 0; i < list.length; i++) checkRle("rleIou", `${name}[${i}]`, list[i]);
  }
  if (
    iscrowd !== undefined &&
    (iscrowd === null || typeof iscrowd !== "object" || iscrowd.length !== gts.length)
  )
    fail("shape_mismatch", `rleIou: \`iscrowd\` must have one flag per ground truth (${gts.length})`);
  const matrix = new Float64Array(dts.length * gts.length);
  rleIouInto(dts, gts, (g) => iscrowd !== undefined && Boolean(iscrowd[g]), matrix);
  return Array.from({ length: dts.length }, (_, d) =>
    Array.from(matrix.subarray(d * gts.length, (d + 1) * gts.length)),
  );
}

/** Reused column ranges of {@link rleIouInto} (grown on demand; never escape). */
let firstColumn = new Float64Array(256);
let lastColumn = new Float64Array(256);

/**
 * Writes the first and last column holding a pixel of each mask at `offset + i` in the column
 * ranges (first > last for an empty mask): every pixel lies in these columns, so masks whose
 * ranges do not meet cannot intersect. O(runs), additions only.
 */
function columnRanges(rles: readonly Rle[], offset: number): void {
  for (let i = 0; i < rles.length; i++) {
    const { counts, size } = rles[i]!;
    const h = size[0];
    let at = 0;
    let first = -1;
    let last = -1;
    for (let j = 0; j < counts.length; j++) {
      const c = counts[j]!;
      if (j & 1 && c > 0) {
        if (first < 0) first = at;
        last = at + c - 1;
      }
      at += c;
    }
    firstColumn[offset + i] = first < 0 ? 1 : Math.floor(first / h);
    lastColumn[offset + i] = first < 0 ? 0 : Math.floor(last / h);
  }
}

/**
 * {@link rleIou} into a row-major D x G matrix, for inputs already checked (the COCO matcher).
 * Pairs whose masks share no column are 0 without walking their runs (maskApi.c skips pairs
 * whose boxes do not overlap: the same zeros, since disjoint masks have no intersection); masks
 * of different sizes are -1 when their pycocotools boxes overlap, else 0.
 */
export function rleIouInto(
  dts: readonly Rle[],
  gts: readonly Rle[],
  crowd: (g: number) => boolean,
  out: Float64Array,
): void {
  const D = dts.length;
  const G = gts.length;
  if (firstColumn.length < D + G) {
    firstColumn = new Float64Array(2 * (D + G));
    lastColumn = new Float64Array(2 * (D + G));
  }
  columnRanges(dts, 0);
  columnRanges(gts, D);
  for (let d = 0; d < D; d++) {
    const dt = dts[d]!;
    const d0 = firstColumn[d]!;
    const d1 = lastColumn[d]!;
    for (let g = 0; g < G; g++) {
      const gt = gts[g]!;
      if (dt.size[0] !== gt.size[0] || dt.size[1] !== gt.size[1]) {
        out[d * G + g] = bboxOverlap(rleToBbox(dt), rleToBbox(gt)) ? -1 : 0;
        continue;
      }
      if (d1 < firstColumn[D + g]! || lastColumn[D + g]! < d0) {
        out[d * G + g] = 0;
        continue;
      }
      rlePairCounts(dt, gt);
      const inter = pairCounts.intersection;
      const u = inter === 0 ? 1 : crowd(g) ? rleArea(dt) : pairCounts.union;
      out[d * G + g] = inter / u;
    }
  }
}
