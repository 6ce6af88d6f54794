import { describeValue, fail } from "../../core/errors.js";
import type { CocoImage, Resolved } from "./coco-eval.js";
import { checkMaskSize, checkRle, type Rle, rleArea, toRle } from "./rle.js";

/**
 * Initial rows of a table: enough for a chunk of `cocoEvaluate` (32 images) of usual size, so
 * that the columns keep their first arrays (V8 compiles code that assumes a field keeps its first
 * value; growing one later throws that code away).
 */
const ROWS = 1024;

/**
 * The objects the COCO matcher reads, after validation, as columns: one table of ground truth
 * and one of detections, reused from image to image (an image's objects are the rows
 * [from, to)), so that evaluating an image allocates no object per detection or ground truth.
 * `prepareImage` fills them from a {@link CocoImage}; `cocoEvaluate` fills them straight from a
 * COCO ground truth and `readCocoResults` columns when every value is one it accepts.
 */

export class ObjectTable {
  /** Rows in use. */
  n = 0;
  cat = new Float64Array(ROWS);
  score = new Float64Array(ROWS);
  /** Area for the area ranges. */
  area = new Float64Array(ROWS);
  /** Bit {@link CROWD}, {@link IGNORE} (ground truth left out of the counts), {@link ID_ZERO} (pycocotools treats a match to id 0 as none). */
  flags = new Uint8Array(ROWS);
  /** [x, y, width, height] per row (zeros when an object has none: segm ground truth). */
  box = new Float64Array(4 * ROWS);
  /** Row r's keypoints are `kps[kpsFrom[r] .. kpsTo[r])`: the table's own values, or shared ones ({@link shareKeypoints}). */
  kpsFrom = new Int32Array(ROWS);
  kpsTo = new Int32Array(ROWS);
  kps: Float64Array;
  private ownKps = new Float64Array(16 * ROWS);
  private kpsFill = 0;
  /** Masks (segm only). */
  rle: (Rle | undefined)[] = [];
  /** Scratch of `sortRows`: the rows of an image in group order. */
  order = new Int32Array(ROWS);

  constructor() {
    this.kps = this.ownKps;
  }

  /** Empties the table (and goes back to its own keypoint values). */
  clear(): void {
    this.n = 0;
    this.kpsFill = 0;
    this.kps = this.ownKps;
  }

  /** Reads keypoints from `values` (never written) instead: rows then get their range with {@link setKeypointRange}. */
  shareKeypoints(values: Float64Array): void {
    this.kps = values;
  }

  setKeypointRange(r: number, from: number, to: number): void {
    this.kpsFrom[r] = from;
    this.kpsTo[r] = to;
  }

  /**
   * Adds a row (category, score, area, flags and box 0, no keypoints) and returns its index; the
   * caller writes its columns (numbers written in place: a call with number arguments that V8
   * does not inline boxes them).
   */
  addRow(): number {
    const r = this.n;
    if (r >= this.cat.length) this.grow(r + 1);
    this.cat[r] = 0;
    this.score[r] = 0;
    this.area[r] = 0;
    this.flags[r] = 0;
    // Four stores, not box.fill (a builtin call per row).
    this.box[4 * r] = 0;
    this.box[4 * r + 1] = 0;
    this.box[4 * r + 2] = 0;
    this.box[4 * r + 3] = 0;
    this.kpsFrom[r] = 0;
    this.kpsTo[r] = 0;
    this.n = r + 1;
    return r;
  }

  setBox(r: number, x: number, y: number, w: number, h: number): void {
    this.box[4 * r] = x;
    this.box[4 * r + 1] = y;
    this.box[4 * r + 2] = w;
    this.box[4 * r + 3] = h;
  }

  /** Copies `from[start, end)` into the table's own values as row r's keypoints. */
  addKeypoints(r: number, from: ArrayLike<number>, start: number, end: number): void {
    const at = this.kpsFill;
    const length = end - start;
    if (at + length > this.ownKps.length) {
      const next = new Float64Array(Math.max(2 * this.ownKps.length, at + length));
      next.set(this.ownKps.subarray(0, at));
      this.ownKps = next;
    }
    this.kps = this.ownKps;
    const kps = this.ownKps;
    for (let j = 0; j < length; j++) kps[at + j] = from[start + j]!;
    this.kpsFrom[r] = at;
    this.kpsTo[r] = at + length;
    this.kpsFill = at + length;
  }

  private grow(rows: number): void {
    const capacity = Math.max(2 * this.cat.length, rows);
    this.cat = widen(this.cat, capacity);
    this.score = widen(this.score, capacity);
    this.area = widen(this.area, capacity);
    this.flags = widen(this.flags, capacity);
    this.box = widen(this.box, 4 * capacity);
    this.kpsFrom = widen(this.kpsFrom, capacity);
    this.kpsTo = widen(this.kpsTo, capacity);
    this.order = new Int32Array(capacity);
  }
}

/** A copy of `a` in a new array of `size` elements (the same type). */
export function widen<A extends Float64Array | Uint8Array | Int32Array>(a: A, size: number): A {
  const next = new (a.constructor as new (n: number) => A)(size);
  next.set(a as never);
  return next;
}

/**
 * The box of keypoints [x, y, v, ...] in values[start, end), as pycocotools' loadRes takes it
 * (Math.min/max: NaN wins, as numpy's min/max), into `out`: [x0, y0, width, height], and the
 * largest |v| at out[4].
 */
export function keypointBox(values: ArrayLike<number>, start: number, end: number, out: Float64Array): void {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  let vMax = 0;
  for (let j = start; j + 1 < end; j += 3) {
    const x = values[j]!;
    const y = values[j + 1]!;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
    if (j + 2 < end) vMax = Math.max(vMax, Math.abs(values[j + 2]!));
  }
  out[0] = x0;
  out[1] = y0;
  out[2] = x1 - x0;
  out[3] = y1 - y0;
  out[4] = vMax;
}

/** Where {@link keypointBox} writes (read right after each call). */
export const keypointBoxOut = new Float64Array(5);

export const CROWD = 1;
export const IGNORE = 2;
export const ID_ZERO = 4;

const FN = "cocoEval";

/** `where(j)` names the object in messages (built only on failure); the box is written to row r. */
function readBox(table: ObjectTable, r: number, box: unknown, where: (j: number) => string, j: number): void {
  if (box === undefined) fail("invalid_value", `${FN}: ${where(j)}.bbox is missing`);
  const b = box as ArrayLike<number>;
  if (typeof b !== "object" || b === null || b.length !== 4)
    fail("invalid_value", `${FN}: ${where(j)}.bbox must be [x, y, width, height], got ${describeValue(box)}`);
  for (let i = 0; i < 4; i++)
    if (typeof b[i] !== "number" || !Number.isFinite(b[i]!))
      fail(
        "invalid_value",
        `${FN}: ${where(j)}.bbox must contain finite numbers, got ${describeValue(b[i])} at index ${i}`,
      );
  if (b[2]! < 0 || b[3]! < 0)
    fail(
      "invalid_value",
      `${FN}: ${where(j)}.bbox is degenerate (negative width or height), got [${Array.from(b).join(", ")}]`,
    );
  table.setBox(r, b[0]!, b[1]!, b[2]!, b[3]!);
}

function readKeypoints(value: unknown, where: (j: number) => string, j: number): ArrayLike<number> {
  const k = value as ArrayLike<number>;
  if (
    k === undefined ||
    k === null ||
    typeof k !== "object" ||
    typeof k.length !== "number" ||
    k.length % 3 !== 0 ||
    k.length === 0
  ) {
    fail(
      "invalid_value",
      `${FN}: ${where(j)}.keypoints must be a flat list of [x, y, v] triplets, got ${describeValue(value)}`,
    );
  }
  // Typed and plain lists in separate loops, each reading one kind of list (a loop that sees both is slower).
  const bad = k instanceof Float64Array ? firstNonFiniteTyped(k) : firstNonFinite(k);
  if (bad >= 0)
    fail(
      "invalid_value",
      `${FN}: ${where(j)}.keypoints must contain finite numbers, got ${describeValue(k[bad])} at index ${bad}`,
    );
  return k;
}

/** Index of the first value of `k` that is not a finite number, or -1. */
function firstNonFinite(k: ArrayLike<number>): number {
  for (let i = 0; i < k.length; i++) if (typeof k[i] !== "number" || !Number.isFinite(k[i]!)) return i;
  return -1;
}

/** {@link firstNonFinite} for a Float64Array. */
function firstNonFiniteTyped(k: Float64Array): number {
  for (let i = 0; i < k.length; i++) if (!Number.isFinite(k[i]!)) return i;
  return -1;
}

/** The area of the keypoints' box (loadRes' area of keypoint results). */
function extentArea(kps: ArrayLike<number>): number {
  keypointBox(kps, 0, kps.length, keypointBoxOut);
  return keypointBoxOut[2]! * keypointBoxOut[3]!;
}

/**
 * Checks one image's objects and appends them to `gts` and `dts` (as pycocotools reads them:
 * ground truth ignored when crowd, or, for keypoints, without a visible keypoint; detection area
 * from its `area`, else its box, mask or keypoints' extent). Messages name the image and the
 * object's index.
 */
export function prepareImage(
  image: CocoImage,
  index: number,
  p: Resolved,
  known: ReadonlySet<number> | undefined,
  gts: ObjectTable,
  dts: ObjectTable,
): void {
  if (image === null || typeof image !== "object")
    fail(
      "invalid_value",
      `${FN}: \`images\` must contain objects, got ${describeValue(image)} at index ${index}`,
    );
  const imageId = image.imageId;
  if (typeof imageId !== "number" || !Number.isFinite(imageId))
    fail(
      "invalid_value",
      `${FN}: \`images[${index}].imageId\` must be a finite number, got ${describeValue(imageId)}`,
    );
  const where = `image ${imageId}`;
  if (!Array.isArray(image.groundTruth))
    fail(
      "invalid_value",
      `${FN}: ${where}: \`groundTruth\` must be an array, got ${describeValue(image.groundTruth)}`,
    );
  if (!Array.isArray(image.detections))
    fail(
      "invalid_value",
      `${FN}: ${where}: \`detections\` must be an array, got ${describeValue(image.detections)}`,
    );
  const segm = p.iouType === "segm";
  const kp = p.iouType === "keypoints";
  let h = 0;
  let w = 0;
  if (segm) {
    h = image.height as number;
    w = image.width as number;
    const needsSize = [...image.groundTruth, ...image.detections].some(
      (o) => Array.isArray(o?.segmentation) || o?.segmentation === undefined,
    );
    if (needsSize && (!Number.isInteger(h) || !Number.isInteger(w) || h <= 0 || w <= 0)) {
      fail(
        "invalid_value",
        `${FN}: ${where}: \`height\` and \`width\` must be positive integers to rasterise polygons, got ${describeValue(h)} x ${describeValue(w)}`,
      );
    }
    if (needsSize) checkMaskSize(FN, `${where}: height x width`, h, w);
  }
  // Object names for messages, built only when one is needed.
  const gtWhere = (j: number) => `${where} groundTruth[${j}]`;
  const dtWhere = (j: number) => `${where} detections[${j}]`;
  const checkCat = (cat: unknown, what: (j: number) => string, j: number): number => {
    if (typeof cat !== "number" || !Number.isFinite(cat))
      fail(
        "invalid_value",
        `${FN}: ${what(j)}.categoryId must be a finite number, got ${describeValue(cat)}`,
      );
    if (known && !known.has(cat))
      fail(
        "invalid_value",
        `${FN}: ${what(j)}.categoryId ${cat} is not one of the categories (${p.categoryIds!.join(", ")})`,
      );
    return cat;
  };
  const gtFrom = gts.n;
  image.groundTruth.forEach((g, j) => {
    if (g === null || typeof g !== "object")
      fail("invalid_value", `${FN}: ${gtWhere(j)} must be an object, got ${describeValue(g)}`);
    const cat = checkCat(g.categoryId, gtWhere, j);
    const flag = g.iscrowd;
    if (flag !== undefined && typeof flag !== "boolean" && flag !== 0 && flag !== 1)
      fail(
        "invalid_value",
        `${FN}: ${gtWhere(j)}.iscrowd must be 0, 1 or a boolean, got ${describeValue(flag)}`,
      );
    const crowd = flag === true || flag === 1;
    const r = gts.addRow();
    gts.cat[r] = cat;
    if (kp || !segm || g.bbox !== undefined) readBox(gts, r, g.bbox, gtWhere, j);
    let rle: Rle | undefined;
    if (segm) {
      if (g.segmentation === undefined)
        fail("invalid_value", `${FN}: ${gtWhere(j)}.segmentation is missing (iouType "segm")`);
      rle = isRle(g.segmentation)
        ? g.segmentation
        : toRle(g.segmentation, h, w, FN, `${gtWhere(j)}.segmentation`);
    }
    gts.rle[r] = rle;
    const kps = kp ? readKeypoints(g.keypoints, gtWhere, j) : undefined;
    let area = g.area;
    if (area === undefined) area = segm ? rleArea(rle!) : gts.box[4 * r + 2]! * gts.box[4 * r + 3]!;
    if (typeof area !== "number" || Number.isNaN(area))
      fail("invalid_value", `${FN}: ${gtWhere(j)}.area must be a number, got ${describeValue(area)}`);
    let ignore = crowd;
    if (kp) {
      let nk = g.numKeypoints;
      if (nk === undefined) {
        nk = 0;
        for (let i = 2; i < kps!.length; i += 3) if (kps![i]! > 0) nk++;
      }
      ignore = nk === 0 || crowd;
      gts.addKeypoints(r, kps!, 0, kps!.length);
    }
    const id = g.id ?? j + 1;
    if (typeof id !== "number")
      fail("invalid_value", `${FN}: ${gtWhere(j)}.id must be a number, got ${describeValue(id)}`);
    gts.area[r] = area;
    gts.flags[r] = (crowd ? CROWD : 0) | (ignore ? IGNORE : 0) | (id === 0 ? ID_ZERO : 0);
  });
  const dtFrom = dts.n;
  image.detections.forEach((d, j) => {
    if (d === null || typeof d !== "object")
      fail("invalid_value", `${FN}: ${dtWhere(j)} must be an object, got ${describeValue(d)}`);
    const cat = checkCat(d.categoryId, dtWhere, j);
    if (typeof d.score !== "number" || Number.isNaN(d.score))
      fail("invalid_value", `${FN}: ${dtWhere(j)}.score must be a number, got ${describeValue(d.score)}`);
    const r = dts.addRow();
    dts.cat[r] = cat;
    dts.score[r] = d.score;
    const hasBox = d.bbox !== undefined;
    if (hasBox) readBox(dts, r, d.bbox, dtWhere, j);
    else if (p.iouType === "bbox") readBox(dts, r, undefined, dtWhere, j);
    const box = dts.box;
    let rle: Rle | undefined;
    if (segm) {
      if (d.segmentation !== undefined)
        rle = isRle(d.segmentation)
          ? d.segmentation
          : toRle(d.segmentation, h, w, FN, `${dtWhere(j)}.segmentation`);
      else if (hasBox) {
        const x = box[4 * r]!;
        const y = box[4 * r + 1]!;
        const bw = box[4 * r + 2]!;
        const bh = box[4 * r + 3]!;
        rle = toRle([[x, y, x, y + bh, x + bw, y + bh, x + bw, y]], h, w, FN, `${dtWhere(j)}.bbox`);
      } else fail("invalid_value", `${FN}: ${dtWhere(j)}.segmentation is missing (iouType "segm")`);
    }
    dts.rle[r] = rle;
    const kps = kp ? readKeypoints(d.keypoints, dtWhere, j) : undefined;
    let area = d.area;
    if (area === undefined)
      area = hasBox ? box[4 * r + 2]! * box[4 * r + 3]! : segm ? rleArea(rle!) : kps ? extentArea(kps) : 0;
    if (typeof area !== "number" || Number.isNaN(area))
      fail("invalid_value", `${FN}: ${dtWhere(j)}.area must be a number, got ${describeValue(area)}`);
    dts.area[r] = area;
    if (kps) dts.addKeypoints(r, kps, 0, kps.length);
  });
  if (segm) checkMaskSizes(where, image, gts, gtFrom, dts, dtFrom);
}

/**
 * Every mask of an image must have the image's size (or, when the image states none, one size):
 * pycocotools (cocoapi master) scores a pair of masks of different sizes IoU -1, so a result RLE
 * of the wrong size silently gives AP 0. plumbline refuses it instead.
 */
function checkMaskSizes(
  where: string,
  image: CocoImage,
  gts: ObjectTable,
  gtFrom: number,
  dts: ObjectTable,
  dtFrom: number,
): void {
  const stated = Number.isInteger(image.height) && Number.isInteger(image.width);
  let size: readonly number[] | undefined = stated ? [image.height!, image.width!] : undefined;
  let from = stated ? "the image" : "";
  const check = (table: ObjectTable, first: number, what: string) => {
    for (let r = first; r < table.n; r++) {
      const s = table.rle[r]!.size;
      if (size === undefined) {
        size = s;
        from = `${what}[${r - first}]`;
      } else if (s[0] !== size[0] || s[1] !== size[1])
        fail(
          "invalid_value",
          `${FN}: ${where}: ${what}[${r - first}] has a ${s[0]}x${s[1]} mask but ${from} is ${size[0]}x${size[1]} (pycocotools would score it IoU -1, silently)`,
        );
    }
  };
  check(gts, gtFrom, "groundTruth");
  check(dts, dtFrom, "detections");
}

/** True for an {@link Rle} object (a Uint32Array of counts), which is then checked like any input. */
function isRle(value: unknown): value is Rle {
  const rle =
    typeof value === "object" &&
    value !== null &&
    (value as Rle).counts instanceof Uint32Array &&
    Array.isArray((value as Rle).size);
  if (rle) checkRle(FN, "segmentation", value);
  return rle;
}
