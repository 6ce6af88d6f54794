import { describeValue, fail } from "../../core/errors.js";
import { optOneOf, readOptions } from "../../core/options.js";
import {
  COCO_EVAL_OPTIONS,
  type CocoDetectionObject,
  type CocoEvalOptions,
  type CocoEvalResult,
  type CocoGroundTruthObject,
  type CocoImage,
  cocoEvalWithEvaluator,
  type ImageEvaluator,
  type IouType,
} from "./coco-eval.js";
import { CROWD, ID_ZERO, IGNORE, keypointBox, keypointBoxOut, type ObjectTable } from "./coco-objects.js";
import {
  type CocoResultColumns,
  HAS_KEYPOINTS,
  isCocoResultColumns,
  type ResultRows,
  resultRows,
} from "./coco-results.js";
import { checkMaskSize, rleArea, toRle } from "./rle.js";

/**
 * Readers for COCO JSON: the ground-truth dict (`images`, `annotations`, `categories`) and the
 * results list, turned into the per-image form {@link cocoEvaluateImages} streams, with
 * pycocotools `COCO.loadRes` conventions: result ids are 1-based positions; if the first result
 * has a non-empty `bbox`, every result's area is its box w*h (and a missing segmentation is the
 * box polygon); otherwise with `segmentation` the area is the mask area (bbox from the mask);
 * otherwise with `keypoints` the area is the keypoints' extent. Ground-truth area is the
 * annotation's `area` field; an annotation's `ignore` field is overridden by `iscrowd`, as in
 * pycocotools (crowd regions are the only ignored ground truth, plus, for keypoints, ground truth
 * with `num_keypoints` 0). Unknown image or category ids are errors (pycocotools asserts on
 * images and silently drops unknown categories; plumbline says so instead).
 */

/** A parsed COCO ground-truth file. */
export interface CocoGroundTruth {
  readonly images: readonly { id: number; height?: number; width?: number; file_name?: string }[];
  readonly annotations: readonly Record<string, unknown>[];
  readonly categories: readonly { id: number; name?: string; [key: string]: unknown }[];
}

const FN = "cocoEvaluate";

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * `obj[key]`, failing when the key is missing. The object is `list[index]` in messages, a name
 * built only on failure (a string per annotation cost the checks of a large file more than the checks).
 */
function need(obj: Record<string, unknown>, key: string, list: string, index: number): unknown {
  if (!(key in obj)) fail("invalid_value", `${FN}: ${list}[${index}] is missing the key "${key}"`);
  return obj[key];
}

function needNumber(obj: Record<string, unknown>, key: string, list: string, index: number): number {
  const v = need(obj, key, list, index);
  if (typeof v !== "number" || !Number.isFinite(v))
    fail("invalid_value", `${FN}: ${list}[${index}].${key} must be a finite number, got ${describeValue(v)}`);
  return v;
}

/** Validates a COCO ground-truth dict (keys, ids) and returns it typed. */
export function parseCocoGroundTruth(value: unknown): CocoGroundTruth {
  if (!isObject(value))
    fail(
      "invalid_value",
      `${FN}: \`groundTruth\` must be a COCO dict with images, annotations and categories, got ${describeValue(value)}`,
    );
  for (const key of ["images", "annotations", "categories"]) {
    if (!Array.isArray(value[key]))
      fail(
        "invalid_value",
        `${FN}: \`groundTruth.${key}\` must be an array, got ${describeValue(value[key])}`,
      );
  }
  const images = value.images as unknown[];
  const imageIds = new Set<number>();
  images.forEach((img, i) => {
    if (!isObject(img))
      fail("invalid_value", `${FN}: groundTruth.images[${i}] must be an object, got ${describeValue(img)}`);
    const id = needNumber(img, "id", "groundTruth.images", i);
    if (imageIds.has(id)) fail("invalid_value", `${FN}: groundTruth.images has image id ${id} twice`);
    imageIds.add(id);
  });
  const cats = value.categories as unknown[];
  const catIds = new Set<number>();
  cats.forEach((c, i) => {
    if (!isObject(c))
      fail("invalid_value", `${FN}: groundTruth.categories[${i}] must be an object, got ${describeValue(c)}`);
    catIds.add(needNumber(c, "id", "groundTruth.categories", i));
  });
  (value.annotations as unknown[]).forEach((a, i) => {
    const where = "groundTruth.annotations";
    if (!isObject(a))
      fail("invalid_value", `${FN}: ${where}[${i}] must be an object, got ${describeValue(a)}`);
    const img = needNumber(a, "image_id", where, i);
    if (!imageIds.has(img))
      fail("invalid_value", `${FN}: ${where}[${i}].image_id ${img} is not in groundTruth.images`);
    const cat = needNumber(a, "category_id", where, i);
    if (!catIds.has(cat))
      fail("invalid_value", `${FN}: ${where}[${i}].category_id ${cat} is not in groundTruth.categories`);
  });
  return value as unknown as CocoGroundTruth;
}

/** A COCO dataset and results, validated and grouped by image, whose images are built on demand. */
interface CocoImageSource {
  readonly categoryIds: number[];
  readonly count: number;
  /** The i-th image (ascending id) as {@link CocoImage}, built now (loadRes conventions). */
  image(i: number): CocoImage;
  /**
   * Puts the objects of images [start, end) straight into the evaluator's tables (image k's rows
   * from `ranges.gtStart[k - start]`, `ranges.dtStart[k - start]`), when every value is one the
   * {@link image} path accepts as is; false (tables to be discarded) otherwise, and then the
   * images go through {@link image}, which refuses or reads them with its usual messages.
   * Undefined when results are not `readCocoResults` columns of keypoints (iouType keypoints).
   */
  /** Number of results (detections of every image). */
  readonly detections: number;
  /** The i-th image's id. */
  imageId(i: number): number;
  readonly fillTables:
    | ((start: number, end: number, evaluator: ImageEvaluator, ranges: TableRanges) => boolean)
    | undefined;
}

/** Where each image's rows start in the tables, one entry per image plus the end. */
interface TableRanges {
  gtStart: Int32Array;
  dtStart: Int32Array;
}

/**
 * Validates a COCO ground truth and results list and groups both by image (every ground-truth
 * image, in ascending id order), without building the per-object inputs yet: `cocoEvaluate`
 * builds and evaluates a few images at a time, so its intermediate objects die young.
 */
function cocoImageSource(groundTruth: unknown, results: unknown, iouType: IouType): CocoImageSource {
  optOneOf("cocoToImages", "iouType", iouType, ["bbox", "segm", "keypoints"] as const);
  const gt = parseCocoGroundTruth(groundTruth);
  const rows = resultRows(results);
  const sortedImages = [...gt.images].sort((a, b) => a.id - b.id);
  const position = new Map<number, number>();
  sortedImages.forEach((img, i) => {
    position.set(img.id, i);
  });
  const catIds = new Set(gt.categories.map((c) => c.id));
  const annotationsOf = groupByImage(annotationImages(gt, position), sortedImages.length);
  const resultsOf = groupByImage(resultImages(rows, position, catIds), sortedImages.length);
  const kp = iouType === "keypoints";
  const mode =
    rows.count === 0 || (rows.list(0, "bbox")?.length ?? 0) > 0
      ? "bbox"
      : rows.has(0, "segmentation")
        ? "segm"
        : "keypoints";
  const groundTruthObject = (i: number): CocoGroundTruthObject => {
    const a = gt.annotations[i]!;
    const where = "groundTruth.annotations";
    const obj: Record<string, unknown> = {
      categoryId: a.category_id,
      iscrowd:
        "iscrowd" in a
          ? Boolean(a.iscrowd)
          : fail("invalid_value", `${FN}: ${where}[${i}] is missing the key "iscrowd"`),
      area: needNumber(a, "area", where, i),
    };
    if ("id" in a) obj.id = a.id;
    if (iouType !== "segm" || "bbox" in a) obj.bbox = need(a, "bbox", where, i);
    if (iouType === "segm") obj.segmentation = need(a, "segmentation", where, i);
    if (kp) {
      obj.keypoints = need(a, "keypoints", where, i);
      obj.numKeypoints = needNumber(a, "num_keypoints", where, i);
    }
    return obj as unknown as CocoGroundTruthObject;
  };
  const detection = (
    i: number,
    height: number | undefined,
    width: number | undefined,
  ): CocoDetectionObject => {
    const categoryId = rows.categoryId[i]!;
    const score = rows.score[i]!;
    const where = () => `results[${i}]`;
    let obj: CocoDetectionObject;
    if (mode === "bbox") {
      const bb = rows.list(i, "bbox");
      if (bb?.length !== 4)
        fail(
          "invalid_value",
          `${FN}: ${where()}.bbox must be [x, y, width, height], got ${describeValue(rows.need(i, "bbox"))}`,
        );
      obj = rows.has(i, "segmentation")
        ? { categoryId, score, bbox: bb, area: bb[2]! * bb[3]!, segmentation: rows.get(i, "segmentation") }
        : { categoryId, score, bbox: bb, area: bb[2]! * bb[3]! };
    } else if (mode === "segm") {
      const seg = rows.need(i, "segmentation");
      const rle = toRle(seg, height ?? 0, width ?? 0, FN, `${where()}.segmentation`);
      // loadRes also stores toBbox(mask); mask IoU and area ranges never read it, so it is not computed.
      obj = rows.has(i, "bbox")
        ? { categoryId, score, segmentation: rle, area: rleArea(rle), bbox: rows.get(i, "bbox") as number[] }
        : { categoryId, score, segmentation: rle, area: rleArea(rle) };
    } else {
      const k = rows.list(i, "keypoints");
      if (k === undefined || k.length === 0)
        fail(
          "invalid_value",
          `${FN}: ${where()}.keypoints must be a non-empty array, got ${describeValue(rows.need(i, "keypoints"))}`,
        );
      keypointBox(k, 0, k.length, keypointBoxOut);
      const x0 = keypointBoxOut[0]!;
      const y0 = keypointBoxOut[1]!;
      const w = keypointBoxOut[2]!;
      const h = keypointBoxOut[3]!;
      return {
        categoryId,
        score,
        // A plain array, as JSON.parse gives (the same checks and messages in prepareImage).
        keypoints: Array.isArray(k) ? k : Array.from(k),
        area: w * h,
        bbox: [x0, y0, w, h],
      };
    }
    return kp ? { ...obj, keypoints: rows.need(i, "keypoints") as number[] } : obj;
  };
  const columns = isCocoResultColumns(results) ? results : undefined;
  const fillTables =
    columns && kp && mode === "keypoints"
      ? (start: number, end: number, evaluator: ImageEvaluator, ranges: TableRanges): boolean => {
          const { gts, dts, known } = evaluator;
          gts.clear();
          dts.clear();
          dts.shareKeypoints(columns.keypointValues);
          // One call per image (loops in a small function: V8 optimises it as a whole after a
          // few images, instead of compiling this function on the stack in its first call).
          for (let k = start; k < end; k++) {
            ranges.gtStart[k - start] = gts.n;
            ranges.dtStart[k - start] = dts.n;
            if (!keypointImageRows(gt.annotations, annotationsOf, columns, resultsOf, k, gts, dts, known))
              return false;
          }
          ranges.gtStart[end - start] = gts.n;
          ranges.dtStart[end - start] = dts.n;
          return true;
        }
      : undefined;
  return {
    fillTables,
    categoryIds: [...catIds].sort((a, b) => a - b),
    count: sortedImages.length,
    detections: rows.count,
    imageId: (i) => sortedImages[i]!.id,
    image(i) {
      const info = sortedImages[i]!;
      const height = typeof info.height === "number" ? info.height : undefined;
      const width = typeof info.width === "number" ? info.width : undefined;
      if (iouType === "segm" && height !== undefined && width !== undefined)
        checkMaskSize(FN, `image ${info.id}: height x width`, height, width);
      const img: {
        imageId: number;
        groundTruth: CocoGroundTruthObject[];
        detections: CocoDetectionObject[];
        height?: number;
        width?: number;
      } = {
        imageId: info.id,
        groundTruth: Array.from(
          annotationsOf.order.subarray(annotationsOf.start[i], annotationsOf.start[i + 1]),
          groundTruthObject,
        ),
        detections: Array.from(resultsOf.order.subarray(resultsOf.start[i], resultsOf.start[i + 1]), (j) =>
          detection(j, height, width),
        ),
      };
      if (height !== undefined) img.height = height;
      if (width !== undefined) img.width = width;
      return img;
    },
  };
}

/** The image position of each annotation (its image id checked by `parseCocoGroundTruth`). */
function annotationImages(gt: CocoGroundTruth, position: ReadonlyMap<number, number>): Int32Array {
  const at = new Int32Array(gt.annotations.length);
  for (let i = 0; i < at.length; i++) at[i] = position.get(gt.annotations[i]!.image_id as number)!;
  return at;
}

/**
 * The image position of each result, refusing unknown image and category ids (one lookup per
 * run of results of one image or category).
 */
function resultImages(
  rows: ResultRows,
  position: ReadonlyMap<number, number>,
  catIds: ReadonlySet<number>,
): Int32Array {
  const at = new Int32Array(rows.count);
  let lastImage = Number.NaN;
  let lastAt = 0;
  let lastCat = Number.NaN;
  for (let i = 0; i < rows.count; i++) {
    const img = rows.imageId[i]!;
    if (img !== lastImage) {
      const k = position.get(img);
      if (k === undefined)
        fail("invalid_value", `${FN}: results[${i}].image_id ${img} is not in groundTruth.images`);
      lastImage = img;
      lastAt = k;
    }
    const cat = rows.categoryId[i]!;
    if (cat !== lastCat) {
      if (!catIds.has(cat))
        fail("invalid_value", `${FN}: results[${i}].category_id ${cat} is not in groundTruth.categories`);
      lastCat = cat;
    }
    at[i] = lastAt;
  }
  return at;
}

/** Items of each image: image k's are `order[start[k] .. start[k + 1])`. */
interface ImageGroups {
  start: Int32Array;
  order: Int32Array;
}

/**
 * Items grouped by image, in item order within an image (a counting sort of `at`, each item's
 * image position): image k's items are `order[start[k] .. start[k + 1])`.
 */
function groupByImage(at: Int32Array, images: number): ImageGroups {
  const n = at.length;
  const start = new Int32Array(images + 1);
  for (let i = 0; i < n; i++) start[at[i]! + 1]!++;
  for (let k = 0; k < images; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, images);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[at[i]!]!++] = i;
  return { start, order };
}

/** True for an array of `length` finite numbers (length 0: any length). */
function finiteList(value: unknown, length: number): value is number[] {
  if (!Array.isArray(value) || (length > 0 && value.length !== length)) return false;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== "number" || !Number.isFinite(v)) return false;
  }
  return true;
}

/**
 * Appends image k's annotations and results to the tables; false as soon as one is declined. A
 * result is taken as `detection` and `prepareImage` would read it (keypoints present, a list of
 * numbers, whole finite triplets, a known category; area the keypoints' extent, as loadRes) and
 * keeps box 0 (OKS reads no detection box). Its keypoints are read here, just before the image's
 * OKS reads them again (from cache, not from memory).
 */
function keypointImageRows(
  annotations: readonly Record<string, unknown>[],
  annotationsOf: ImageGroups,
  columns: CocoResultColumns,
  resultsOf: ImageGroups,
  k: number,
  gts: ObjectTable,
  dts: ObjectTable,
  known: ReadonlySet<number> | undefined,
): boolean {
  for (let j = annotationsOf.start[k]!; j < annotationsOf.start[k + 1]!; j++)
    if (!keypointGroundTruthRow(annotations[annotationsOf.order[j]!]!, gts, known)) return false;
  const { categoryId, score, keypointStart, keypointValues, present, otherKeypoints } = columns;
  for (let j = resultsOf.start[k]!; j < resultsOf.start[k + 1]!; j++) {
    const i = resultsOf.order[j]!;
    const cat = categoryId[i]!;
    if (
      (present[i]! & HAS_KEYPOINTS) === 0 ||
      (otherKeypoints.size > 0 && otherKeypoints.has(i)) ||
      (known !== undefined && !known.has(cat))
    )
      return false;
    const from = keypointStart[i]!;
    const to = keypointStart[i + 1]!;
    const area = keypointColumnArea(keypointValues, from, to);
    if (area < 0) return false;
    const r = dts.addRow();
    dts.cat[r] = cat;
    dts.score[r] = score[i]!;
    dts.area[r] = area;
    dts.setKeypointRange(r, from, to);
  }
  return true;
}

/**
 * Appends a keypoints ground-truth annotation to `table` as `groundTruthObject` and
 * `prepareImage` would read it; false when any of its values is one they refuse (or read
 * otherwise than plainly: a non-numeric id, a box or keypoints that are not plain arrays).
 */
function keypointGroundTruthRow(
  a: Record<string, unknown>,
  table: ObjectTable,
  known: ReadonlySet<number> | undefined,
): boolean {
  const cat = a.category_id as number;
  const area = a.area;
  const id = a.id;
  const box = a.bbox;
  const kps = a.keypoints;
  const nk = a.num_keypoints;
  if (
    !("iscrowd" in a) ||
    typeof area !== "number" ||
    !Number.isFinite(area) ||
    (id !== undefined && typeof id !== "number") ||
    !finiteList(box, 4) ||
    box[2]! < 0 ||
    box[3]! < 0 ||
    !finiteList(kps, 0) ||
    kps.length === 0 ||
    kps.length % 3 !== 0 ||
    typeof nk !== "number" ||
    !Number.isFinite(nk) ||
    (known !== undefined && !known.has(cat))
  )
    return false;
  const crowd = Boolean(a.iscrowd);
  const flags = (crowd ? CROWD : 0) | (nk === 0 || crowd ? IGNORE : 0) | (id === 0 ? ID_ZERO : 0);
  const r = table.addRow();
  table.cat[r] = cat;
  table.area[r] = area;
  table.flags[r] = flags;
  for (let k = 0; k < 4; k++) table.box[4 * r + k] = box[k]!;
  table.addKeypoints(r, kps, 0, kps.length);
  return true;
}

/**
 * The area of keypoints `values[start, end)` from `readCocoResults` columns as loadRes takes it
 * (the extent's w * h, `keypointBox`), or -1 when the table path declines them (empty, not whole
 * triplets, or a value not finite: x and y are finite when the width and height are, v when the
 * largest |v| is). The box by comparisons, not Math.min/max calls: column values are never NaN
 * (JSON has none), and where a comparison keeps +0 and Math.min -0, the width x1 - x0 is the
 * same (+0 when every x is a zero).
 */
export function keypointColumnArea(values: Float64Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length % 3 !== 0) return -1;
  let x0 = values[start]!;
  let x1 = x0;
  let y0 = values[start + 1]!;
  let y1 = y0;
  let v = values[start + 2]!;
  let vMax = v < 0 ? -v : v;
  for (let j = start + 3; j < end; j += 3) {
    const x = values[j]!;
    const y = values[j + 1]!;
    v = values[j + 2]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (v > vMax) vMax = v;
    else if (-v > vMax) vMax = -v;
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (!(vMax < Number.POSITIVE_INFINITY) || !Number.isFinite(w) || !Number.isFinite(h)) return -1;
  return w * h;
}

/**
 * Turns a COCO ground truth and a results list into per-image inputs (every ground-truth image,
 * in ascending id order) plus the category ids, applying `loadRes` conventions.
 */
export function cocoToImages(
  groundTruth: unknown,
  results: unknown,
  iouType: IouType = "bbox",
): { images: CocoImage[]; categoryIds: number[] } {
  const source = cocoImageSource(groundTruth, results, iouType);
  return {
    images: Array.from({ length: source.count }, (_, i) => source.image(i)),
    categoryIds: source.categoryIds,
  };
}

/**
 * Images per update in {@link cocoEvaluate}: enough to amortise an update, few enough that their
 * objects die young (32 ran faster than 256 on the segm and keypoints benches: fewer objects
 * survive each scavenge).
 */
const CHUNK = 32;

/**
 * Evaluates a COCO results list against a COCO ground-truth dict, as
 * `COCOeval(coco, coco.loadRes(results), iouType)` with `evaluate(); accumulate(); summarize()`
 * in pycocotools (cocoapi master). Categories are the ground truth's (`-1` for those without
 * ground truth), images every ground-truth image.
 * @example cocoEvaluate(gt, results, { iouType: "bbox" }).stats[0] // AP@[.50:.95]
 */
export function cocoEvaluate(
  groundTruth: unknown,
  results: unknown,
  options: CocoEvalOptions = {},
): CocoEvalResult {
  const o = readOptions<CocoEvalOptions>(FN, options, COCO_EVAL_OPTIONS);
  const iouType = optOneOf(FN, "iouType", o.iouType, ["bbox", "segm", "keypoints"] as const, "bbox");
  const source = cocoImageSource(groundTruth, results, iouType);
  const { def, evaluator } = cocoEvalWithEvaluator({
    ...o,
    categoryIds: o.categoryIds ?? source.categoryIds,
  });
  const state = def.init();
  evaluator.reserve(state, source.detections);
  const ranges = { gtStart: new Int32Array(CHUNK + 1), dtStart: new Int32Array(CHUNK + 1) };
  for (let start = 0; start < source.count; start += CHUNK) {
    const end = Math.min(source.count, start + CHUNK);
    if (source.fillTables?.(start, end, evaluator, ranges)) {
      evaluator.update(state, end - start, (k) => source.imageId(start + k), ranges);
      continue;
    }
    const images: CocoImage[] = [];
    for (let i = start; i < end; i++) images.push(source.image(i));
    def.update(state, images);
  }
  return def.compute(state);
}
