import {
  append,
  compact,
  concatGrowable,
  type GrowableFloat64,
  type GrowableInt32,
  type GrowableUint8,
  growableFloat64,
  growableInt32,
  growableUint8,
} from "../../core/buffer.js";
import { describeValue, fail } from "../../core/errors.js";
import { assertAllocation, getLimits } from "../../core/limits.js";
import { type OptionRecord, optBoolean, optionNames, optOneOf, readOptions } from "../../core/options.js";
import { argsortDescending } from "../../core/sort.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { CROWD, ID_ZERO, IGNORE, ObjectTable, prepareImage } from "./coco-objects.js";
import { type Rle, rleIouInto } from "./rle.js";

/**
 * COCO detection evaluation, reproducing pycocotools `COCOeval` (cocoapi master) number for
 * number: per-image greedy matching at each IoU threshold, crowd regions, area ranges, maxDets
 * per image per class, the 101-point interpolated precision, and the 12 (10 for keypoints)
 * summary numbers. Streaming: each image is matched as it arrives (matching is local to an
 * image), the state keeps one small record per kept detection, and `compute` accumulates.
 */

/** What is compared: boxes, instance masks, or keypoints (OKS). */
export type IouType = "bbox" | "segm" | "keypoints";

/** How the summary rows pick maxDets. */
export type SummaryMode = "pycocotools" | "intended";

/** One named area range, [lo, hi] in pixels² (inclusive, as pycocotools compares). */
export interface AreaRange {
  readonly label: string;
  readonly range: readonly [number, number];
}

/** Options of {@link cocoEvalDef}; defaults are pycocotools' `Params`. */
export interface CocoEvalOptions {
  /** Default "bbox". */
  readonly iouType?: IouType;
  /** IoU thresholds; default 0.50:0.05:0.95 (numpy linspace, as pycocotools). */
  readonly iouThresholds?: readonly number[];
  /** Recall thresholds; default 0:0.01:1 (101 points). */
  readonly recallThresholds?: readonly number[];
  /** Max detections per image per class, sorted ascending; default [1, 10, 100] ([20] for keypoints). */
  readonly maxDets?: readonly number[];
  /** Default all/small/medium/large = [0, 1e10], [0, 1024], [1024, 9216], [9216, 1e10] (keypoints: all/medium/large). */
  readonly areaRanges?: readonly AreaRange[];
  /** Match only within a category (default true); false pools every category (proposal scoring). */
  readonly useCats?: boolean;
  /** Categories evaluated (per-class outputs in this order, sorted). Default: every category seen. */
  readonly categoryIds?: readonly number[];
  /** OKS sigmas: one list for every category or one per category id. Default: COCO's 17 person sigmas. */
  readonly keypointSigmas?: readonly number[] | Readonly<Record<string, readonly number[]>>;
  /**
   * "pycocotools" (default) reproduces `summarize()`: its AP rows ask for maxDets 100 (20 for
   * keypoints) whatever `maxDets` holds, so a list without 100 gives -1 there (cocoapi issue 558).
   * "intended" uses the largest maxDets for AP rows and maxDets[0..2] for the AR rows.
   */
  readonly summary?: SummaryMode;
}

/** One ground-truth object of an image (COCO annotation fields, camelCase). */
export interface CocoGroundTruthObject {
  /** Annotation id; pycocotools treats a match to id 0 as no match (reproduced). Default: 1-based position. */
  readonly id?: number;
  readonly categoryId: number;
  /** [x, y, width, height]. Required for bbox and keypoints. */
  readonly bbox?: ArrayLike<number>;
  /** Area used for area ranges (COCO's `area` field). Default: mask area (segm) or box area. */
  readonly area?: number;
  readonly iscrowd?: boolean | number;
  /** Polygons, RLE (compressed or not) or an {@link Rle}. Required for segm. */
  readonly segmentation?: unknown;
  /** Flat [x, y, v] triplets. Required for keypoints. */
  readonly keypoints?: ArrayLike<number>;
  /** Default: number of keypoints with v > 0. A ground truth with none is ignored (keypoints). */
  readonly numKeypoints?: number;
}

/** One detection of an image. */
export interface CocoDetectionObject {
  readonly categoryId: number;
  readonly score: number;
  readonly bbox?: ArrayLike<number>;
  readonly segmentation?: unknown;
  readonly keypoints?: ArrayLike<number>;
  /** Area used for area ranges; default box w*h, else mask area, else the keypoints' extent. */
  readonly area?: number;
}

/** The streaming unit: one image with its ground truth and detections. */
export interface CocoImage {
  readonly imageId: number;
  /** Needed to rasterise polygons (segm). */
  readonly height?: number;
  readonly width?: number;
  readonly groundTruth: readonly CocoGroundTruthObject[];
  readonly detections: readonly CocoDetectionObject[];
}

/** State: per-category non-ignored GT counts per area range and one record per kept detection. */
export interface CocoEvalState {
  images: number[];
  categories: number[];
  /** `${categoryId}` → count of non-ignored ground truths per area range. */
  gtCounts: Record<string, number[]>;
  dtScore: GrowableFloat64;
  dtImage: GrowableFloat64;
  dtCategory: GrowableFloat64;
  dtRank: GrowableInt32;
  /** A*T codes per detection: 0 false positive, 1 true positive, 2 ignored. */
  dtCode: GrowableUint8;
}

/** Everything `accumulate` and `summarize` produce. */
export interface CocoEvalResult {
  /** The summary numbers in pycocotools' order (12 for bbox/segm, 10 for keypoints); -1 where undefined. */
  readonly stats: number[];
  /** Row labels of `stats`, e.g. "AP @[ IoU=0.50:0.95 | area=all | maxDets=100 ]". */
  readonly statLabels: string[];
  /** Per-category AP over every IoU threshold, area "all", the largest maxDets; -1 if undefined. */
  readonly perClassAp: number[];
  /** Per-category AR, same settings. */
  readonly perClassAr: number[];
  /** The evaluated categories (sorted; [-1] when useCats is false). */
  readonly categoryIds: number[];
  /** Precision, shape [T, R, K, A, M] row-major, -1 where undefined (pycocotools `eval['precision']`). */
  readonly precision: Float64Array;
  /** Recall, shape [T, K, A, M]. */
  readonly recall: Float64Array;
  /** Score at each recall threshold, shape [T, R, K, A, M]. */
  readonly scores: Float64Array;
  readonly shape: { T: number; R: number; K: number; A: number; M: number };
  readonly iouThresholds: number[];
  readonly recallThresholds: number[];
  readonly maxDets: number[];
  readonly areaLabels: string[];
}

export const cocoMapMeta: MetricMeta = {
  id: "detection/coco_map",
  range: [0, 1],
  direction: "higher",
  conventions: ["pycocotools"],
};

/** numpy `linspace(start, stop, num)`: start + i * step, the last value exactly `stop`. */
export function linspace(start: number, stop: number, num: number): number[] {
  const out: number[] = [];
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out.push(i * step + start);
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * `np.sum` / `np.mean` of a contiguous float64 array, bit for bit: numpy reduces in buffers of
 * 8192 elements, summed one after the other, each by pairwise summation ({@link pairwiseSum}).
 */
export function numpySum(values: ArrayLike<number>, start = 0, n = values.length - start): number {
  if (n <= NUMPY_BUFFER) return pairwiseSum(values, start, n);
  let total = 0;
  for (let at = 0; at < n; at += NUMPY_BUFFER)
    total += pairwiseSum(values, start + at, Math.min(NUMPY_BUFFER, n - at));
  return total;
}

/** numpy's default buffer size (`np.getbufsize()`), the length of the chunks its reductions see. */
const NUMPY_BUFFER = 8192;

/**
 * numpy's pairwise summation of `n` values from `start` (blocks of 8 accumulators up to 128; below
 * 8 values, one running sum from 0). The short case shares the tail loop of the blocked one, so
 * that no loop of it is first met after V8 has compiled its caller (the OKS of a ground truth
 * with fewer than 8 visible keypoints would otherwise throw that code away).
 */
function pairwiseSum(values: ArrayLike<number>, start: number, n: number): number {
  if (n > 128) {
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
  }
  let res = 0;
  let i = 0;
  if (n >= 8) {
    // Eight accumulators r0..r7 (numpy's r[8]), in locals: no array per call.
    let r0 = values[start]!;
    let r1 = values[start + 1]!;
    let r2 = values[start + 2]!;
    let r3 = values[start + 3]!;
    let r4 = values[start + 4]!;
    let r5 = values[start + 5]!;
    let r6 = values[start + 6]!;
    let r7 = values[start + 7]!;
    for (i = 8; i < n - (n % 8); i += 8) {
      const at = start + i;
      r0 += values[at]!;
      r1 += values[at + 1]!;
      r2 += values[at + 2]!;
      r3 += values[at + 3]!;
      r4 += values[at + 4]!;
      r5 += values[at + 5]!;
      r6 += values[at + 6]!;
      r7 += values[at + 7]!;
    }
    res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
  }
  for (; i < n; i++) res += values[start + i]!;
  return res;
}

/** COCO's 17 person keypoint sigmas (pycocotools `kpt_oks_sigmas`). */
export const COCO_KEYPOINT_SIGMAS: readonly number[] = [
  0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89,
].map((s) => s / 10);

/** The COCO evaluation options after checking. */
export interface Resolved {
  iouType: IouType;
  iouThrs: number[];
  recThrs: number[];
  maxDets: number[];
  areas: AreaRange[];
  useCats: boolean;
  categoryIds: number[] | undefined;
  sigmas: readonly number[] | Readonly<Record<string, readonly number[]>>;
  summary: SummaryMode;
}

const FN = "cocoEval";

/** The option names of {@link cocoEvalDef}. */
export const COCO_EVAL_OPTIONS = optionNames<CocoEvalOptions>()(
  "iouType",
  "iouThresholds",
  "recallThresholds",
  "maxDets",
  "areaRanges",
  "useCats",
  "categoryIds",
  "keypointSigmas",
  "summary",
);

/** Longest list option (thresholds, maxDets, area ranges, sigmas): far beyond any protocol. */
const MAX_LIST = 10_000;

function numberList(
  fn: string,
  value: unknown,
  option: string,
  check: (v: number) => boolean,
  what: string,
  maxLength = MAX_LIST,
): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxLength)
    fail(
      "invalid_option",
      `${fn}: option \`${option}\` must be a non-empty array of at most ${maxLength} numbers, got ${describeValue(value)}`,
    );
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== "number" || !check(value[i]))
      fail(
        "invalid_option",
        `${fn}: option \`${option}\` must contain ${what}, got ${describeValue(value[i])} at index ${i}`,
      );
  }
  return value.slice() as number[];
}

function readSigmas(
  fn: string,
  value: unknown,
): readonly number[] | Readonly<Record<string, readonly number[]>> {
  if (value === undefined) return COCO_KEYPOINT_SIGMAS;
  const positive = (v: number) => Number.isFinite(v) && v > 0;
  if (Array.isArray(value)) return numberList(fn, value, "keypointSigmas", positive, "positive numbers");
  if (value === null || typeof value !== "object")
    fail(
      "invalid_option",
      `${fn}: option \`keypointSigmas\` must be a list of sigmas or { categoryId: sigmas }, got ${describeValue(value)}`,
    );
  const out: Record<string, readonly number[]> = {};
  const keys = Object.keys(value);
  if (keys.length > MAX_LIST)
    fail(
      "invalid_option",
      `${fn}: option \`keypointSigmas\` has ${keys.length} categories, above ${MAX_LIST}`,
    );
  for (const key of keys) {
    if (!/^-?\d+(\.\d+)?$/.test(key))
      fail(
        "invalid_option",
        `${fn}: option \`keypointSigmas\` keys must be category ids, got ${describeValue(key)}`,
      );
    out[key] = numberList(
      fn,
      (value as Record<string, unknown>)[key],
      `keypointSigmas.${key}`,
      positive,
      "positive numbers",
    );
  }
  return out;
}

/**
 * Reads and checks the options of the COCO evaluation (strict names, value domains, list
 * lengths, and the precision arrays' allocation when the categories are known).
 */
export function resolveCocoOptions(fn: string, o: OptionRecord<CocoEvalOptions>): Resolved {
  const iouType = optOneOf(fn, "iouType", o.iouType, ["bbox", "segm", "keypoints"] as const, "bbox");
  const kp = iouType === "keypoints";
  const unit = (v: number) => v >= 0 && v <= 1;
  const iouThrs =
    o.iouThresholds !== undefined
      ? numberList(fn, o.iouThresholds, "iouThresholds", unit, "numbers in [0, 1]")
      : linspace(0.5, 0.95, 10);
  const recThrs =
    o.recallThresholds !== undefined
      ? numberList(fn, o.recallThresholds, "recallThresholds", unit, "numbers in [0, 1]")
      : linspace(0, 1, 101);
  const maxDets = (
    o.maxDets !== undefined
      ? numberList(fn, o.maxDets, "maxDets", (v) => Number.isSafeInteger(v) && v >= 1, "integers >= 1")
      : kp
        ? [20]
        : [1, 10, 100]
  ).sort((a, b) => a - b);
  let areas: AreaRange[];
  if (o.areaRanges !== undefined) {
    const list = o.areaRanges as unknown;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LIST)
      fail(
        "invalid_option",
        `${fn}: option \`areaRanges\` must be a non-empty array of { label, range: [lo, hi] }, got ${describeValue(list)}`,
      );
    areas = list.map((a: unknown, i) => {
      const r = a as { label?: unknown; range?: unknown } | null;
      if (
        r === null ||
        typeof r !== "object" ||
        Object.keys(r).some((k) => k !== "label" && k !== "range") ||
        typeof r.label !== "string" ||
        !Array.isArray(r.range) ||
        r.range.length !== 2 ||
        r.range.some((v) => typeof v !== "number" || Number.isNaN(v))
      ) {
        fail(
          "invalid_option",
          `${fn}: option \`areaRanges\` entries must be { label, range: [lo, hi] }, got ${describeValue(a)} at index ${i}`,
        );
      }
      return { label: r.label, range: [r.range[0], r.range[1]] as [number, number] };
    });
  } else
    areas = kp
      ? [
          { label: "all", range: [0, 1e10] },
          { label: "medium", range: [1024, 9216] },
          { label: "large", range: [9216, 1e10] },
        ]
      : [
          { label: "all", range: [0, 1e10] },
          { label: "small", range: [0, 1024] },
          { label: "medium", range: [1024, 9216] },
          { label: "large", range: [9216, 1e10] },
        ];
  const useCats = optBoolean(fn, "useCats", o.useCats, true);
  const categoryIds =
    o.categoryIds !== undefined
      ? numberList(fn, o.categoryIds, "categoryIds", Number.isFinite, "finite numbers", 10_000_000)
      : undefined;
  const summary = optOneOf(fn, "summary", o.summary, ["pycocotools", "intended"] as const, "pycocotools");
  const p: Resolved = {
    iouType,
    iouThrs,
    recThrs,
    maxDets,
    areas,
    useCats,
    categoryIds,
    sigmas: readSigmas(fn, o.keypointSigmas),
    summary,
  };
  assertAllocation(
    fn,
    "the options' thresholds and area ranges",
    precisionBytes(p, categoryIds?.length ?? 1),
  );
  return p;
}

/** Bytes of the precision, scores and recall arrays `accumulate` fills for K categories. */
function precisionBytes(p: Resolved, K: number): number {
  return 8 * K * p.areas.length * p.maxDets.length * p.iouThrs.length * (2 * p.recThrs.length + 1);
}

/**
 * Reused scratch buffers of the matcher (grown on demand; single-threaded, never escape). Sized
 * for any usual image: V8 compiles code that assumes a field keeps its first value, so growing
 * one later throws that code away.
 */
const scratch = {
  iou: new Float64Array(16384),
  /** Table rows of the current group: detections (in score order, at most maxDets) and ground truth. */
  dRows: new Int32Array(1024),
  gRows: new Int32Array(1024),
  /** Per detection of the group: area; per ground truth: area, crowd, ignore and id-0 flags. */
  dArea: new Float64Array(1024),
  gArea: new Float64Array(1024),
  gIgnore: new Uint8Array(1024),
  ign: new Uint8Array(1024),
  matched: new Int32Array(16384),
  stamp: 0,
  crowd: new Uint8Array(1024),
  idZero: new Uint8Array(1024),
  rowBest: new Float64Array(1024),
  /** Per detection d: its candidates (ground truth it may match) at `cand[d * G ..]`, `candCount[d]` of them. */
  cand: new Int32Array(16384),
  candCount: new Int32Array(1024),
};

/** Box IoU of every (detection, ground truth) pair of the group, rows = detections (pycocotools' maskApi.c bbIou). */
function bboxIouMatrix(dts: ObjectTable, D: number, gts: ObjectTable, G: number): Float64Array {
  if (scratch.iou.length < D * G) scratch.iou = new Float64Array(2 * D * G);
  const out = scratch.iou;
  out.fill(0, 0, D * G);
  const { dRows, gRows } = scratch;
  const db = dts.box;
  const gb = gts.box;
  for (let g = 0; g < G; g++) {
    const o = 4 * gRows[g]!;
    const gx = gb[o]!;
    const gy = gb[o + 1]!;
    const gw = gb[o + 2]!;
    const gh = gb[o + 3]!;
    const ga = gw * gh;
    const crowd = (gts.flags[gRows[g]!]! & CROWD) !== 0;
    for (let d = 0; d < D; d++) {
      const q = 4 * dRows[d]!;
      const dx = db[q]!;
      const dy = db[q + 1]!;
      const dw = db[q + 2]!;
      const dh = db[q + 3]!;
      const da = dw * dh;
      const w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
      if (w <= 0) continue;
      const h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
      if (h <= 0) continue;
      const i = w * h;
      out[d * G + g] = i / (crowd ? da : da + ga - i);
    }
  }
  return out;
}

const SPACING1 = 2.220446049250313e-16;

function sigmasFor(p: Resolved, cat: number): readonly number[] {
  const s = p.sigmas;
  if (Array.isArray(s)) return s as readonly number[];
  const own = (s as Record<string, readonly number[]>)[String(cat)];
  if (!own) fail("invalid_option", `${FN}: option \`keypointSigmas\` has no entry for category ${cat}`);
  return own;
}

/** Reused buffers of {@link oksMatrix} (grown on demand; never escape). */
const oksScratch = {
  out: new Float64Array(16384),
  terms: new Float64Array(32),
  vars: new Float64Array(32),
  /** Keypoint indices the e terms run over (the visible ones, or all), and 1 / (2 vars (area + eps)) of each. */
  index: new Int32Array(32),
  scale: new Float64Array(32),
};

/** Fails unless every row of the group has 3k keypoint values (one triplet per sigma). */
function checkTriplets(table: ObjectTable, rows: Int32Array, count: number, k: number, what: string): void {
  for (let i = 0; i < count; i++) {
    const length = table.kpsTo[rows[i]!]! - table.kpsFrom[rows[i]!]!;
    if (length !== 3 * k)
      fail(
        "shape_mismatch",
        `${FN}: ${what} keypoints must have ${k} triplets (one per sigma), got ${length / 3}`,
      );
  }
}

/**
 * Object keypoint similarity of every (detection, ground truth) pair of the group, as
 * pycocotools `computeOks`: e = d² / vars / (area + eps) / 2 per keypoint, OKS = mean of
 * exp(-e) over the ground truth's visible keypoints (all of them, measured to its doubled box,
 * when none is visible), summed as numpy does. OKS only decides matches against thresholds, so a
 * pair whose upper bound mean(1 / (1 + e + e²/2)) >= mean(exp(-e)) lies below `below` by a
 * margin far above rounding is written as 0, without its exponentials: it can match at no
 * threshold either way. The bound reads e as d² times a precomputed 1 / (2 vars (area + eps)) (a
 * few ulps from the exact e, far inside the 1e-9 margin) and stops as soon as the terms left
 * cannot lift it to `below`; pairs that pass get the exact e and exponentials. A ground truth
 * whose area is below -eps (e < 0, where the bound fails) gets every pair computed exactly.
 */
function oksMatrix(
  dts: ObjectTable,
  D: number,
  gts: ObjectTable,
  G: number,
  sigmas: readonly number[],
  below: number,
): Float64Array {
  const k = sigmas.length;
  if (oksScratch.out.length < D * G) oksScratch.out = new Float64Array(2 * D * G);
  if (oksScratch.terms.length < k) {
    oksScratch.terms = new Float64Array(2 * k);
    oksScratch.vars = new Float64Array(2 * k);
    oksScratch.index = new Int32Array(2 * k);
    oksScratch.scale = new Float64Array(2 * k);
  }
  const { out, terms: ex, vars, index, scale } = oksScratch;
  const { dRows, gRows } = scratch;
  for (let q = 0; q < k; q++) vars[q] = (sigmas[q]! * 2) ** 2;
  checkTriplets(gts, gRows, G, k, "ground truth");
  checkTriplets(dts, dRows, D, k, "detection");
  const skipBelow = below - 1e-9;
  const gk = gts.kps;
  const dk = dts.kps;
  const dStart = dts.kpsFrom;
  for (let j = 0; j < G; j++) {
    const row = gRows[j]!;
    const go = gts.kpsFrom[row]!;
    let n = 0;
    for (let q = 0; q < k; q++) if (gk[go + 3 * q + 2]! > 0) index[n++] = q;
    const visible = n > 0;
    if (!visible) for (; n < k; n++) index[n] = n;
    const bo = 4 * row;
    const bb = gts.box;
    const x0 = bb[bo]! - bb[bo + 2]!;
    const x1 = bb[bo]! + bb[bo + 2]! * 2;
    const y0 = bb[bo + 1]! - bb[bo + 3]!;
    const y1 = bb[bo + 1]! + bb[bo + 3]! * 2;
    const denom = gts.area[row]! + SPACING1;
    for (let u = 0; u < n; u++) scale[u] = 1 / (vars[index[u]!]! * denom * 2);
    // The bound must reach n * skipBelow; each term left adds at most 1.
    const need = n * skipBelow;
    // e < 0 (an area below -eps) voids the bound: then every pair is computed exactly.
    const bounded = denom > 0;
    for (let i = 0; i < D; i++) {
      const dOff = dStart[dRows[i]!]!;
      let bound = 0;
      let u = 0;
      for (; u < n; u++) {
        const q = 3 * index[u]!;
        const xd = dk[dOff + q]!;
        const yd = dk[dOff + q + 1]!;
        let dx: number;
        let dy: number;
        if (visible) {
          dx = xd - gk[go + q]!;
          dy = yd - gk[go + q + 1]!;
        } else {
          dx = Math.max(0, x0 - xd) + Math.max(0, xd - x1);
          dy = Math.max(0, y0 - yd) + Math.max(0, yd - y1);
        }
        // d² as numpy computes it (dx**2 + dy**2), kept for the exact e below.
        const squared = dx * dx + dy * dy;
        ex[u] = squared;
        if (!bounded) continue;
        const e = squared * scale[u]!;
        bound += 1 / (1 + e + 0.5 * e * e);
        if (bound + (n - u - 1) < need) break;
      }
      out[i * G + j] = bounded && (u < n || bound < need) ? 0 : exactOks(n, denom);
    }
  }
  return out;
}

/**
 * pycocotools' OKS of one pair from its n squared distances in `oksScratch.terms` (overwritten):
 * mean of exp(-d² / vars / (area + eps) / 2), summed as numpy does. Its own function: the rare
 * exact pairs then never cost the bound loop a recompilation.
 */
function exactOks(n: number, denom: number): number {
  const { terms: ex, vars, index } = oksScratch;
  for (let v = 0; v < n; v++) ex[v] = Math.exp(-(ex[v]! / vars[index[v]!]! / denom / 2));
  return numpySum(ex, 0, n) / n;
}

/** What one update's images add to the state, appended at once when every image is evaluated. */
interface BatchRecords {
  images: number[];
  scores: GrowableFloat64;
  imageIds: GrowableFloat64;
  cats: GrowableFloat64;
  ranks: GrowableInt32;
  codes: GrowableUint8;
  gtCounts: Map<number, number[]>;
  seen: Set<number>;
  /** The last category added to `seen` (NaN: none). */
  lastSeen: number;
}

function emptyBatch(): BatchRecords {
  return resetBatch({
    images: [],
    scores: growableFloat64(),
    imageIds: growableFloat64(),
    cats: growableFloat64(),
    ranks: growableInt32(),
    codes: growableUint8(),
    gtCounts: new Map(),
    seen: new Set(),
    lastSeen: Number.NaN,
  });
}

/** Empties a batch, keeping its buffers. */
function resetBatch(batch: BatchRecords): BatchRecords {
  batch.images.length = 0;
  batch.scores.length = 0;
  batch.imageIds.length = 0;
  batch.cats.length = 0;
  batch.ranks.length = 0;
  batch.codes.length = 0;
  batch.gtCounts.clear();
  batch.seen.clear();
  batch.lastSeen = Number.NaN;
  return batch;
}

/** Makes room for `extra` more values in a growable buffer (amortised doubling). */
function reserve<B extends GrowableFloat64 | GrowableInt32 | GrowableUint8>(buffer: B, extra: number): void {
  const needed = buffer.length + extra;
  if (needed <= buffer.data.length) return;
  let capacity = Math.max(64, buffer.data.length * 2);
  while (capacity < needed) capacity *= 2;
  const next = new (buffer.data.constructor as new (n: number) => B["data"])(capacity);
  next.set(buffer.data.subarray(0, buffer.length) as never);
  buffer.data = next;
}

/** The IoU (bbox, segm) or OKS (keypoints) matrix of the group (`scratch.dRows`, `scratch.gRows`), rows = detections. */
function groupIous(
  dts: ObjectTable,
  D: number,
  gts: ObjectTable,
  G: number,
  p: Resolved,
  cat: number,
  minThreshold: number,
): Float64Array {
  if (p.iouType === "bbox") return bboxIouMatrix(dts, D, gts, G);
  if (p.iouType === "keypoints") return oksMatrix(dts, D, gts, G, sigmasFor(p, cat), minThreshold);
  if (scratch.iou.length < D * G) scratch.iou = new Float64Array(2 * D * G);
  const { dRows, gRows } = scratch;
  const dtMasks: Rle[] = new Array(D);
  for (let d = 0; d < D; d++) dtMasks[d] = dts.rle[dRows[d]!]!;
  const gtMasks: Rle[] = new Array(G);
  for (let g = 0; g < G; g++) gtMasks[g] = gts.rle[gRows[g]!]!;
  rleIouInto(dtMasks, gtMasks, (g) => (gts.flags[gRows[g]!]! & CROWD) !== 0, scratch.iou);
  return scratch.iou;
}

/** Grows the per-group scratch arrays to hold D detections and G ground truths. */
function reserveGroup(D: number, G: number): void {
  if (scratch.dRows.length < D) {
    scratch.dRows = new Int32Array(2 * D);
    scratch.dArea = new Float64Array(2 * D);
  }
  if (scratch.gRows.length < G) {
    scratch.gRows = new Int32Array(2 * G);
    scratch.gArea = new Float64Array(2 * G);
    scratch.gIgnore = new Uint8Array(2 * G);
    scratch.ign = new Uint8Array(2 * G);
    scratch.crowd = new Uint8Array(2 * G);
    scratch.idZero = new Uint8Array(2 * G);
  }
}

/**
 * pycocotools `evaluateImg` for one category of one image (`scratch.dRows`, `scratch.gRows`),
 * every area range and threshold: the A*T match codes of each detection (0 false positive, 1
 * true positive, 2 ignored) into `batch.codes`, and the non-ignored ground truth per area range
 * into `counts`.
 */
function matchGroup(
  dts: ObjectTable,
  D: number,
  gts: ObjectTable,
  G: number,
  ious: Float64Array | undefined,
  p: Resolved,
  thresholds: readonly number[],
  counts: number[],
  batch: BatchRecords,
): void {
  const A = p.areas.length;
  const T = thresholds.length;
  const AT = A * T;
  reserve(batch.codes, D * AT);
  const codes = batch.codes.data;
  const base = batch.codes.length;
  groupFacts(dts, D, gts, G);
  let minThreshold = thresholds[0]!;
  for (let t = 1; t < T; t++) minThreshold = Math.min(minThreshold, thresholds[t]!);
  if (ious) candidatesPerDetection(ious, D, G, minThreshold);
  for (let a = 0; a < A; a++) {
    const range = p.areas[a]!.range;
    const at = base + a * T;
    counts[a]! += ious
      ? matchAreaRange(codes, at, AT, D, G, range[0], range[1], ious, thresholds, minThreshold)
      : codesWithoutPairs(codes, at, AT, T, D, G, range[0], range[1]);
  }
  batch.codes.length += D * AT;
}

/**
 * The match codes (D x A x T, 0 false positive, 1 true positive, 2 ignored) and per-range counts
 * of one group: detection rows 0..D of `dts` (in score order) against ground-truth rows 0..G of
 * `gts` with the given IoU matrix (rows = detections). For tests of the matcher against
 * pycocotools' `evaluateImg` loop.
 */
export function groupCodes(
  dts: ObjectTable,
  D: number,
  gts: ObjectTable,
  G: number,
  ious: Float64Array,
  areas: readonly AreaRange[],
  thresholds: readonly number[],
): { codes: Uint8Array; counts: number[] } {
  reserveGroup(D, G);
  for (let d = 0; d < D; d++) scratch.dRows[d] = d;
  for (let g = 0; g < G; g++) scratch.gRows[g] = g;
  const batch = emptyBatch();
  const counts = new Array<number>(areas.length).fill(0);
  const p = { areas } as Resolved;
  matchGroup(dts, D, gts, G, D > 0 && G > 0 ? ious : undefined, p, thresholds, counts, batch);
  return { codes: batch.codes.data.slice(0, batch.codes.length), counts };
}

/** The group's detection areas and ground-truth areas and flags, in `scratch`, in group order. */
function groupFacts(dts: ObjectTable, D: number, gts: ObjectTable, G: number): void {
  const { dRows, gRows, dArea, gArea, gIgnore, crowd, idZero } = scratch;
  for (let d = 0; d < D; d++) dArea[d] = dts.area[dRows[d]!]!;
  for (let g = 0; g < G; g++) {
    const row = gRows[g]!;
    const flags = gts.flags[row]!;
    gArea[g] = gts.area[row]!;
    crowd[g] = flags & CROWD ? 1 : 0;
    gIgnore[g] = flags & IGNORE ? 1 : 0;
    idZero[g] = flags & ID_ZERO ? 1 : 0;
  }
}

/**
 * Each detection's best IoU into `scratch.rowBest` (+Infinity when one is NaN, which the matcher
 * takes): below a threshold it matches nothing there. And its candidates, the ground truth (in
 * group order) whose IoU reaches the smallest threshold: the only ones the
 * greedy matching can pick at any threshold (every ground truth when the row holds a NaN).
 */
function candidatesPerDetection(ious: Float64Array, D: number, G: number, minThreshold: number): void {
  if (scratch.rowBest.length < D) {
    scratch.rowBest = new Float64Array(2 * D);
    scratch.candCount = new Int32Array(2 * D);
  }
  if (scratch.cand.length < D * G) scratch.cand = new Int32Array(2 * D * G);
  const { rowBest, cand, candCount } = scratch;
  for (let d = 0; d < D; d++) {
    let best = Number.NEGATIVE_INFINITY;
    const row = d * G;
    let n = 0;
    for (let g = 0; g < G; g++) {
      const v = ious[row + g]!;
      if (v > best) best = v;
      else if (Number.isNaN(v)) best = Number.POSITIVE_INFINITY;
      if (v >= minThreshold) cand[row + n++] = g;
    }
    rowBest[d] = best;
    candCount[d] = n;
    if (best === Number.POSITIVE_INFINITY) {
      // After a NaN (taken, as `v < NaN` is false) pycocotools' scan takes any later free ground
      // truth whatever its IoU: every ground truth is a candidate.
      for (let g = 0; g < G; g++) cand[row + g] = g;
      candCount[d] = G;
    }
  }
}

/**
 * One area range [lo, hi] of a group without pairs: a detection is ignored outside the range,
 * else a false positive (T codes each, from `at`, detections AT apart). Returns the ground truth
 * counted (not ignored, inside the range).
 */
function codesWithoutPairs(
  codes: Uint8Array,
  at: number,
  AT: number,
  T: number,
  D: number,
  G: number,
  lo: number,
  hi: number,
): number {
  const { dArea, gArea, gIgnore } = scratch;
  for (let d = 0; d < D; d++) {
    const area = dArea[d]!;
    const code = area < lo || area > hi ? 2 : 0;
    for (let t = 0; t < T; t++) codes[at + d * AT + t] = code;
  }
  let counted = 0;
  for (let g = 0; g < G; g++) if (!(gIgnore[g] || gArea[g]! < lo || gArea[g]! > hi)) counted++;
  return counted;
}

/**
 * pycocotools `evaluateImg`'s greedy matching for one area range [lo, hi]: ground truth ignored
 * or outside the range goes last (stable), each detection in score order takes the best free
 * ground truth at each threshold (crowd regions stay free; after a non-ignored match, ignored
 * ground truth is not looked at; of equal IoUs, the last in that order). Writes T codes per
 * detection from `at` (detections AT apart) and returns the ground truth counted.
 *
 * Only a detection's candidates ({@link candidatesPerDetection}, in group order) are looked at:
 * any other ground truth lies below every threshold, so pycocotools' scan skips it. The scan in
 * pycocotools' order is then: the non-ignored candidates, and only if none matched, the ignored ones.
 */
function matchAreaRange(
  codes: Uint8Array,
  at: number,
  AT: number,
  D: number,
  G: number,
  lo: number,
  hi: number,
  ious: Float64Array,
  thresholds: readonly number[],
  minThreshold: number,
): number {
  const T = thresholds.length;
  if (scratch.matched.length < T * G) {
    scratch.matched = new Int32Array(2 * T * G);
    scratch.stamp = 0;
  }
  const { dArea, gArea, gIgnore, ign, matched, idZero, rowBest, candCount } = scratch;
  let ignored = 0;
  for (let g = 0; g < G; g++) {
    ign[g] = gIgnore[g] || gArea[g]! < lo || gArea[g]! > hi ? 1 : 0;
    ignored += ign[g]!;
  }
  // matched[t * G + g] === stamp: ground truth g is taken at threshold t (this area range).
  if (scratch.stamp === 0x3fffffff) {
    matched.fill(0);
    scratch.stamp = 0;
  }
  const stamp = ++scratch.stamp;
  for (let d = 0; d < D; d++) {
    const area = dArea[d]!;
    const outside = area < lo || area > hi ? 2 : 0;
    const best0 = rowBest[d]!;
    const row = d * G;
    const from = at + d * AT;
    const n = candCount[d]!;
    if (n === 0 || !(best0 >= minThreshold)) {
      // Below every threshold: it matches nothing.
      for (let t = 0; t < T; t++) codes[from + t] = outside;
      continue;
    }
    for (let t = 0; t < T; t++) {
      const thr = thresholds[t]!;
      let code = outside;
      if (best0 >= thr) {
        const m = bestFree(ious, row, n, thr, matched, t * G, stamp, 0);
        const g = m > -1 ? m : bestFree(ious, row, n, thr, matched, t * G, stamp, 1);
        if (g > -1) {
          matched[t * G + g] = stamp;
          if (ign[g]) code = 2;
          else if (!idZero[g]) code = 1;
        }
      }
      codes[from + t] = code;
    }
  }
  return G - ignored;
}

/**
 * The candidate of detection row `row` (ignored flag `ignored`) with the highest IoU not below
 * `thr` that is free at this threshold (or a crowd region), the last of equal IoUs (a NaN IoU
 * counts as higher than any, as in pycocotools' comparisons); -1 when none.
 */
function bestFree(
  ious: Float64Array,
  row: number,
  n: number,
  thr: number,
  matched: Int32Array,
  taken: number,
  stamp: number,
  ignored: number,
): number {
  const { cand, ign, crowd } = scratch;
  let best = thr;
  let m = -1;
  for (let c = 0; c < n; c++) {
    const g = cand[row + c]!;
    if (ign[g] !== ignored) continue;
    if (matched[taken + g] === stamp && !crowd[g]) continue;
    const v = ious[row + g]!;
    if (v < best) continue;
    best = v;
    m = g;
  }
  return m;
}

/** True when row x goes before row y (see {@link sortRows}). */
function before(
  cat: Float64Array,
  score: Float64Array,
  useCats: boolean,
  byScore: boolean,
  x: number,
  y: number,
) {
  if (useCats && cat[x] !== cat[y]) return cat[x]! < cat[y]!;
  if (byScore && score[x] !== score[y]) return score[x]! > score[y]!;
  if (!useCats && cat[x] !== cat[y]) return cat[x]! < cat[y]!;
  return x < y;
}

/**
 * Orders the rows [from, to) of a table into `table.order[0 .. to - from)`: detections by
 * (key, descending score, [category,] input order) and ground truth by (key, [category,] input
 * order), key = category (useCats) or none: a total order (equal scores, infinite ones
 * included, tie), so any correct sort gives the same result. An image's objects (up to 256) go
 * through insertion sort over the typed columns, without a comparator closure.
 */
export function sortRows(
  table: ObjectTable,
  from: number,
  to: number,
  useCats: boolean,
  byScore: boolean,
): void {
  const n = to - from;
  const order = table.order;
  const { cat, score } = table;
  for (let i = 0; i < n; i++) order[i] = from + i;
  if (n > 256) {
    const list = Array.from(order.subarray(0, n));
    list.sort((x, y) => (before(cat, score, useCats, byScore, x, y) ? -1 : 1));
    order.set(list);
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = order[i]!;
    let j = i - 1;
    while (j >= 0 && before(cat, score, useCats, byScore, x, order[j]!)) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = x;
  }
}

/**
 * Evaluates one image (pycocotools computeIoU/computeOks + evaluateImg for every category and area
 * range), the ground-truth rows [gFrom, gTo) and detection rows [dFrom, dTo), into `batch`.
 * Detections are ordered once per image by (category, descending score, input order) and ground
 * truth by category (with useCats false: one group, ground truth by category then input order,
 * detections by descending score then category then input order, as pycocotools concatenates
 * its per-category lists), so each category is a contiguous range.
 * Kept in small functions: one large function took V8 longer to optimise than to run.
 */
function evaluateImage(
  imageId: number,
  gts: ObjectTable,
  gFrom: number,
  gTo: number,
  dts: ObjectTable,
  dFrom: number,
  dTo: number,
  p: Resolved,
  batch: BatchRecords,
  thresholds: readonly number[],
  minThreshold: number,
): void {
  const A = p.areas.length;
  const maxDet = p.maxDets[p.maxDets.length - 1]!;
  const useCats = p.useCats;
  sortRows(dts, dFrom, dTo, useCats, true);
  sortRows(gts, gFrom, gTo, useCats, false);
  const dOrder = dts.order;
  const gOrder = gts.order;
  addCategories(batch, gts.cat, gFrom, gTo);
  addCategories(batch, dts.cat, dFrom, dTo);
  batch.images.push(imageId);
  const nd = dTo - dFrom;
  const ng = gTo - gFrom;
  let di = 0;
  let gi = 0;
  while (di < nd || gi < ng) {
    const dk = di < nd ? (useCats ? dts.cat[dOrder[di]!]! : -1) : Number.POSITIVE_INFINITY;
    const gk = gi < ng ? (useCats ? gts.cat[gOrder[gi]!]! : -1) : Number.POSITIVE_INFINITY;
    const cat = Math.min(dk, gk);
    const dStart = di;
    while (di < nd && (useCats ? dts.cat[dOrder[di]!]! : -1) === cat) di++;
    const gStart = gi;
    while (gi < ng && (useCats ? gts.cat[gOrder[gi]!]! : -1) === cat) gi++;
    const G = gi - gStart;
    const D = Math.min(di - dStart, maxDet);
    reserveGroup(D, G);
    for (let j = 0; j < G; j++) scratch.gRows[j] = gOrder[gStart + j]!;
    for (let j = 0; j < D; j++) scratch.dRows[j] = dOrder[dStart + j]!;
    const ious = G > 0 && D > 0 ? groupIous(dts, D, gts, G, p, cat, minThreshold) : undefined;
    let counts = batch.gtCounts.get(cat);
    if (!counts) {
      counts = new Array<number>(A).fill(0);
      batch.gtCounts.set(cat, counts);
    }
    matchGroup(dts, D, gts, G, ious, p, thresholds, counts, batch);
    appendRecords(dts, D, imageId, cat, batch);
  }
}

/**
 * Adds the categories of rows [from, to) to `batch.seen` (a run of one category, within these rows
 * or continuing the last category added, costs no add).
 */
function addCategories(batch: BatchRecords, cat: Float64Array, from: number, to: number): void {
  let last = batch.lastSeen;
  for (let r = from; r < to; r++) {
    if (cat[r] === last) continue;
    last = cat[r]!;
    batch.seen.add(last);
  }
  batch.lastSeen = last;
}

/** The per-detection records of one group: score, image, category, rank within the group. */
function appendRecords(dts: ObjectTable, D: number, imageId: number, cat: number, batch: BatchRecords): void {
  // The four record buffers always hold the same number of records.
  const at = batch.scores.length;
  if (at + D > batch.scores.data.length || at + D > batch.ranks.data.length) growRecords(batch, D);
  const scores = batch.scores.data;
  const images = batch.imageIds.data;
  const cats = batch.cats.data;
  const ranks = batch.ranks.data;
  const rows = scratch.dRows;
  for (let d = 0; d < D; d++) {
    scores[at + d] = dts.score[rows[d]!]!;
    images[at + d] = imageId;
    cats[at + d] = cat;
    ranks[at + d] = d;
  }
  batch.scores.length = at + D;
  batch.imageIds.length = at + D;
  batch.cats.length = at + D;
  batch.ranks.length = at + D;
}

/** Makes room for `D` more records in each record buffer of a batch. */
function growRecords(batch: BatchRecords, D: number): void {
  reserve(batch.scores, D);
  reserve(batch.imageIds, D);
  reserve(batch.cats, D);
  reserve(batch.ranks, D);
}

function emptyState(): CocoEvalState {
  return {
    images: [],
    categories: [],
    gtCounts: {},
    dtScore: growableFloat64(),
    dtImage: growableFloat64(),
    dtCategory: growableFloat64(),
    dtRank: growableInt32(),
    dtCode: growableUint8(),
  };
}

function addCounts(target: Record<string, number[]>, key: string, counts: readonly number[]): void {
  const own = target[key];
  if (!own) target[key] = counts.slice();
  else for (let a = 0; a < counts.length; a++) own[a]! += counts[a]!;
}

function pushBatch(state: CocoEvalState, batch: BatchRecords): void {
  state.images.push(...batch.images);
  const known = new Set(state.categories);
  for (const c of batch.seen) if (!known.has(c)) state.categories.push(c);
  for (const [cat, counts] of batch.gtCounts) addCounts(state.gtCounts, String(cat), counts);
  append(state.dtScore, batch.scores.data.subarray(0, batch.scores.length));
  append(state.dtImage, batch.imageIds.data.subarray(0, batch.imageIds.length));
  append(state.dtCategory, batch.cats.data.subarray(0, batch.cats.length));
  append(state.dtRank, batch.ranks.data.subarray(0, batch.ranks.length));
  append(state.dtCode, batch.codes.data.subarray(0, batch.codes.length));
}

/**
 * The detection records of each category in pycocotools' order: by descending score, ties in
 * the order its stable sort sees them (images by ascending id, then rank within the image). An
 * image's records are contiguous in the state (one `pushImage` each), so visiting image blocks
 * in id order gives that tie order; one stable sort of every record by score, then a stable
 * split by category, gives each category's list (one sort of N instead of one per category).
 */
function recordsByCategory(state: CocoEvalState): Map<number, Int32Array> {
  const n = state.dtScore.length;
  const image = state.dtImage.data;
  const score = state.dtScore.data.subarray(0, n);
  // Image blocks in id order (each image's records are one block); usually already so.
  const starts = imageBlocks(image, n);
  let visit: Int32Array | undefined;
  let visitScore = score;
  if (!inIdOrder(image, starts)) {
    const blocks = starts.map((start, b) => ({ start, end: starts[b + 1] ?? n, id: image[start]! }));
    blocks.sort((x, y) => x.id - y.id || x.start - y.start);
    visit = new Int32Array(n);
    visitScore = new Float64Array(n);
    let at = 0;
    for (const { start, end } of blocks)
      for (let i = start; i < end; i++) {
        visit[at] = i;
        visitScore[at++] = score[i]!;
      }
  }
  const byScore = argsortDescending(visitScore);
  const lists = new Map<number, Int32Array>();
  for (const [c, size] of categorySizes(state.dtCategory.data, n)) lists.set(c, new Int32Array(size));
  splitByCategory(byScore, visit, state.dtCategory.data, lists);
  return lists;
}

/** Where each image's block of records starts (a new block wherever the image id changes). */
function imageBlocks(image: Float64Array, n: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || image[i] !== image[i - 1]) starts.push(i);
  return starts;
}

/** True when the blocks come in ascending image id. */
function inIdOrder(image: Float64Array, starts: readonly number[]): boolean {
  for (let b = 1; b < starts.length; b++) if (image[starts[b]!]! < image[starts[b - 1]!]!) return false;
  return true;
}

/** Records per category: a category's records are runs within each image block, one count per run. */
function categorySizes(category: Float64Array, n: number): Map<number, number> {
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; ) {
    const c = category[i]!;
    let j = i + 1;
    while (j < n && category[j] === c) j++;
    sizes.set(c, (sizes.get(c) ?? 0) + j - i);
    i = j;
  }
  return sizes;
}

/** Fills each category's list with its records in score order (`visit` maps positions to records). */
function splitByCategory(
  byScore: Uint32Array,
  visit: Int32Array | undefined,
  category: Float64Array,
  lists: Map<number, Int32Array>,
): void {
  const n = byScore.length;
  if (lists.size === 1) {
    // One category: its list is the score order.
    const list = lists.values().next().value as Int32Array;
    if (visit) for (let j = 0; j < n; j++) list[j] = visit[byScore[j]!]!;
    else list.set(byScore);
    return;
  }
  const fill = new Map<number, number>();
  let last = Number.NaN;
  let target: Int32Array = new Int32Array(0);
  let at = 0;
  for (let j = 0; j < n; j++) {
    const i = visit ? visit[byScore[j]!]! : byScore[j]!;
    const c = category[i]!;
    if (c !== last) {
      if (!Number.isNaN(last)) fill.set(last, at);
      target = lists.get(c)!;
      at = fill.get(c) ?? 0;
      last = c;
    }
    target[at++] = i;
  }
}

/** True-positive events of one (category, maxDets) pass, per (area range, IoU threshold). */
interface TruePositiveEvents {
  tp: Int32Array;
  fp: Int32Array;
  /** Per area range: records that are a false positive at every threshold (see countEvents). */
  fpAll: Int32Array;
  /** Precision tp / (fp + tp + eps) at each true positive, `capacity` slots per (a, t). */
  precision: Float64Array;
  /** Score of the detection at each true positive. */
  score: Float64Array;
  capacity: number;
  /** Detections within maxDets, and the score of the first of them. */
  detections: number;
  firstScore: number;
}

/** Walks one category's detections (sorted by score) with rank below `maxDet`, recording its true-positive events. */
function countEvents(
  state: CocoEvalState,
  sorted: Int32Array,
  maxDet: number,
  maxRank: number,
  A: number,
  T: number,
  events: TruePositiveEvents,
): void {
  const score = state.dtScore.data;
  const rank = state.dtRank.data;
  const code = state.dtCode.data;
  const AT = A * T;
  const { tp, fp, capacity } = events;
  const eventPrecision = events.precision;
  const eventScore = events.score;
  tp.fill(0);
  fp.fill(0);
  // False positives at every threshold of an area range, counted once per record (most records
  // are a false positive or ignored at every threshold of an area range): fp of (a, t) is
  // fp[a * T + t] + fpAll[a].
  const fpAll = events.fpAll;
  fpAll.fill(0);
  let nd = 0;
  let firstScore = 0;
  // Every rank is below the last maxDets (the evaluator keeps no more, validateState checks it):
  // with that maxDet, no record's rank need be read.
  const everyRank = maxDet >= maxRank;
  for (let j = 0; j < sorted.length; j++) {
    const i = sorted[j]!;
    if (!everyRank && rank[i]! >= maxDet) continue;
    if (nd++ === 0) firstScore = score[i]!;
    const base = i * AT;
    for (let a = 0; a < A; a++) {
      const from = base + a * T;
      const c0 = code[from]!;
      let t = 1;
      while (t < T && code[from + t] === c0) t++;
      if (t === T && c0 !== 1) {
        if (c0 === 0) fpAll[a]!++;
        continue;
      }
      for (t = 0; t < T; t++) {
        const c = code[from + t]!;
        const at = a * T + t;
        if (c === 0) fp[at]!++;
        else if (c === 1) {
          const n = tp[at]!++;
          const tps = n + 1;
          // Beyond the area range's ground-truth count only in a hostile state: ignore.
          if (n < capacity) {
            eventPrecision[at * capacity + n] = tps / (fp[at]! + fpAll[a]! + tps + SPACING1);
            eventScore[at * capacity + n] = score[i]!;
          }
        }
      }
    }
  }
  events.detections = nd;
  events.firstScore = firstScore;
}

/** values[offset + e] = max(values[offset + e ..  offset + count)) for every e: the precision envelope. */
function suffixMaximum(values: Float64Array, offset: number, count: number): void {
  for (let e = count - 1; e > 0; e--)
    if (values[offset + e]! > values[offset + e - 1]!) values[offset + e - 1] = values[offset + e]!;
}

/**
 * The interpolated precision and score at each recall threshold for one (a, t) of `events`:
 * the precision envelope (suffix maximum over true positives), then searchsorted per threshold,
 * written at `base + r * stride`.
 */
function interpolate(
  events: TruePositiveEvents,
  at: number,
  npig: number,
  recThrs: Float64Array,
  precision: Float64Array,
  scoresOut: Float64Array,
  base: number,
  stride: number,
): void {
  const { capacity, detections: nd } = events;
  const eventPrecision = events.precision;
  const eventScore = events.score;
  const count = Math.min(events.tp[at]!, capacity);
  const offset = at * capacity;
  suffixMaximum(eventPrecision, offset, count);
  const R = recThrs.length;
  for (let r = 0; r < R; r++) {
    const thr = recThrs[r]!;
    const to = base + r * stride;
    if (thr <= 0 && nd > 0) {
      // searchsorted gives index 0, whatever the first detection is: the envelope's
      // maximum (0 without true positives) and the first detection's score.
      precision[to] = count > 0 ? eventPrecision[offset]! : 0;
      scoresOut[to] = events.firstScore;
      continue;
    }
    // First true positive whose recall (e + 1) / npig reaches the threshold (searchsorted left).
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((mid + 1) / npig < thr) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= count) {
      // pycocotools' try/except: this and every later recall threshold stay 0.
      for (let r2 = r; r2 < R; r2++) {
        precision[base + r2 * stride] = 0;
        scoresOut[base + r2 * stride] = 0;
      }
      return;
    }
    precision[to] = eventPrecision[offset + lo]!;
    scoresOut[to] = eventScore[offset + lo]!;
  }
}

/**
 * pycocotools `accumulate`, bit for bit, in one pass per (category, maxDets) over the category's
 * detections sorted by score: for each (area range, IoU threshold) it counts true and false
 * positives and records the precision tp / (fp + tp + eps) at each true positive. Between true
 * positives precision only falls (ignored detections leave it unchanged) and recall only rises at
 * them, so the interpolated precision at a recall threshold, max_{i >= first i with rc_i >= r}
 * pr_i, is the suffix maximum over true-positive events: the same numbers with one division per
 * true positive instead of two per detection.
 */
function accumulate(state: CocoEvalState, p: Resolved): CocoEvalResult {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const A = p.areas.length;
  const M = p.maxDets.length;
  const catIds = p.useCats ? (p.categoryIds ?? state.categories).slice().sort((a, b) => a - b) : [-1];
  const K = catIds.length;
  assertAllocation(FN, `the precision arrays of ${K} categories`, precisionBytes(p, K), "invalid_state");
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const scoresOut = new Float64Array(T * R * K * A * M).fill(-1);
  const lists = recordsByCategory(state);
  const AT = A * T;
  const events: TruePositiveEvents = {
    tp: new Int32Array(AT),
    fp: new Int32Array(AT),
    fpAll: new Int32Array(A),
    precision: new Float64Array(0),
    score: new Float64Array(0),
    capacity: 0,
    detections: 0,
    firstScore: 0,
  };
  const recThrs = Float64Array.from(p.recThrs);
  for (let k = 0; k < K; k++) {
    const counts = state.gtCounts[String(catIds[k])];
    if (!counts) continue;
    const sorted = lists.get(catIds[k]!) ?? new Int32Array(0);
    // True positives per (a, t) are at most the ground truth and at most the detections.
    const capacity = Math.max(1, Math.min(Math.max(...counts), sorted.length));
    events.capacity = capacity;
    events.precision = new Float64Array(AT * capacity);
    events.score = new Float64Array(AT * capacity);
    for (let m = 0; m < M; m++) {
      countEvents(state, sorted, p.maxDets[m]!, p.maxDets[M - 1]!, A, T, events);
      for (let a = 0; a < A; a++) {
        const npig = counts[a]!;
        if (npig === 0) continue;
        for (let t = 0; t < T; t++) {
          const at = a * T + t;
          recall[((t * K + k) * A + a) * M + m] = events.detections ? events.tp[at]! / npig : 0;
          // Precision and scores of (t, r, k, a, m) sit at base + r * stride.
          const base = ((t * R * K + k) * A + a) * M + m;
          interpolate(events, at, npig, recThrs, precision, scoresOut, base, K * A * M);
        }
      }
    }
  }
  return summarize(precision, recall, scoresOut, catIds, p);
}

function meanValid(values: number[]): number {
  const valid = values.filter((v) => v > -1);
  return valid.length === 0 ? -1 : numpySum(valid) / valid.length;
}

function summarize(
  precision: Float64Array,
  recall: Float64Array,
  scores: Float64Array,
  catIds: number[],
  p: Resolved,
): CocoEvalResult {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const K = catIds.length;
  const A = p.areas.length;
  const M = p.maxDets.length;
  const labels = p.areas.map((a) => a.label);
  const select = (ap: boolean, iouThr: number | undefined, area: string, maxDets: number): number => {
    // Plain loops (no callbacks: this runs ten times and should not cost V8 a large compile).
    const ts: number[] = [];
    for (let t = 0; t < T; t++) if (iouThr === undefined || p.iouThrs[t] === iouThr) ts.push(t);
    const as: number[] = [];
    for (let a = 0; a < A; a++) if (labels[a] === area) as.push(a);
    const ms: number[] = [];
    for (let m = 0; m < M; m++) if (p.maxDets[m] === maxDets) ms.push(m);
    // The valid (> -1) values in numpy's s[t][:, :, :, aind, mind][s > -1] order (C order): for
    // AP the rows (t, r), for AR the rows t, each over (k, a, m).
    const source = ap ? precision : recall;
    const rows = ap ? R : 1;
    const vals = new Float64Array(ts.length * rows * K * as.length * ms.length);
    let n = 0;
    for (let ti = 0; ti < ts.length; ti++)
      for (let r = 0; r < rows; r++) {
        const row = (ts[ti]! * rows + r) * K;
        for (let k = 0; k < K; k++)
          for (let ai = 0; ai < as.length; ai++) {
            const base = ((row + k) * A + as[ai]!) * M;
            for (let mi = 0; mi < ms.length; mi++) {
              const v = source[base + ms[mi]!]!;
              if (v > -1) vals[n++] = v;
            }
          }
      }
    return n === 0 ? -1 : numpySum(vals, 0, n) / n;
  };
  const stats: number[] = [];
  const statLabels: string[] = [];
  const iouStr = (thr: number | undefined) =>
    thr === undefined ? `${p.iouThrs[0]!.toFixed(2)}:${p.iouThrs[T - 1]!.toFixed(2)}` : thr.toFixed(2);
  const row = (ap: boolean, iouThr: number | undefined, area: string, maxDets: number) => {
    stats.push(select(ap, iouThr, area, maxDets));
    statLabels.push(`${ap ? "AP" : "AR"} @[ IoU=${iouStr(iouThr)} | area=${area} | maxDets=${maxDets} ]`);
  };
  const last = p.maxDets[M - 1]!;
  const at = (i: number) => p.maxDets[Math.min(i, M - 1)]!;
  if (p.iouType === "keypoints") {
    const md = p.summary === "pycocotools" ? 20 : last;
    row(true, undefined, "all", md);
    row(true, 0.5, "all", md);
    row(true, 0.75, "all", md);
    row(true, undefined, "medium", md);
    row(true, undefined, "large", md);
    row(false, undefined, "all", md);
    row(false, 0.5, "all", md);
    row(false, 0.75, "all", md);
    row(false, undefined, "medium", md);
    row(false, undefined, "large", md);
  } else {
    if (p.summary === "pycocotools" && M < 3) {
      fail(
        "invalid_option",
        `${FN}: summary "pycocotools" needs at least 3 maxDets (pycocotools raises IndexError), got [${p.maxDets.join(", ")}]; use summary "intended"`,
      );
    }
    const apDets = p.summary === "pycocotools" ? p.maxDets[2]! : last;
    row(true, undefined, "all", p.summary === "pycocotools" ? 100 : last);
    row(true, 0.5, "all", apDets);
    row(true, 0.75, "all", apDets);
    row(true, undefined, "small", apDets);
    row(true, undefined, "medium", apDets);
    row(true, undefined, "large", apDets);
    row(false, undefined, "all", at(0));
    row(false, undefined, "all", at(1));
    row(false, undefined, "all", at(2));
    row(false, undefined, "small", at(2));
    row(false, undefined, "medium", at(2));
    row(false, undefined, "large", at(2));
  }
  const allIndex = Math.max(0, labels.indexOf("all"));
  const perClassAp: number[] = [];
  const perClassAr: number[] = [];
  for (let k = 0; k < K; k++) {
    const pv: number[] = [];
    const rv: number[] = [];
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < R; r++) pv.push(precision[(((t * R + r) * K + k) * A + allIndex) * M + M - 1]!);
      rv.push(recall[((t * K + k) * A + allIndex) * M + M - 1]!);
    }
    perClassAp.push(meanValid(pv));
    perClassAr.push(meanValid(rv));
  }
  return {
    stats,
    statLabels,
    perClassAp,
    perClassAr,
    categoryIds: catIds,
    precision,
    recall,
    scores,
    shape: { T, R, K, A, M },
    iouThresholds: p.iouThrs,
    recallThresholds: p.recThrs,
    maxDets: p.maxDets,
    areaLabels: labels,
  };
}

/**
 * The streaming COCO evaluation: `update(state, images)` matches each image at once (pycocotools
 * `evaluateImg` for every category and area range) and keeps one record per detection (score,
 * image, rank, A*T match codes); `merge` concatenates; `compute` runs pycocotools `accumulate` and
 * `summarize`. Equal scores are ordered by image id, then by rank within the image, exactly as
 * pycocotools' stable sort over images in id order, so the result does not depend on the order
 * of updates or merges. An image id may be evaluated once per state.
 *
 * Matches pycocotools `COCOeval` (cocoapi master) with `iouType` bbox, segm or keypoints.
 * Cost: O(D·G·A·T) per image for matching, O(N log N + K·A·M·T·N/K) for compute.
 */
export function cocoEvalDef(
  options: CocoEvalOptions = {},
): MetricDef<CocoEvalState, [images: readonly CocoImage[]], CocoEvalResult> {
  return cocoEvalWithEvaluator(options).def;
}

/** {@link cocoEvalDef} with the {@link ImageEvaluator} its `update` runs (for `cocoEvaluate`'s column path). */
export function cocoEvalWithEvaluator(options: CocoEvalOptions): ReturnType<typeof cocoEvalParts> {
  const o = readOptions<CocoEvalOptions>(FN, options, COCO_EVAL_OPTIONS);
  return cocoEvalParts(cocoMapMeta, resolveCocoOptions(FN, o), structuredClone(o) as Record<string, unknown>);
}

/** The COCO evaluation definition for resolved options, under `meta`'s id (COCO mAP, mask AP, detection mAP). */
export function cocoEvalDefFrom(
  meta: MetricMeta,
  p: Resolved,
  storedOptions: Record<string, unknown>,
): MetricDef<CocoEvalState, [images: readonly CocoImage[]], CocoEvalResult> {
  return cocoEvalParts(meta, p, storedOptions).def;
}

/**
 * Evaluates images whose objects are already in the tables of an {@link ImageEvaluator}: what
 * `update` runs after `prepareImage`, and what `cocoEvaluate` runs on tables it fills straight
 * from a COCO file's columns.
 */
export class ImageEvaluator {
  private tables: { gts: ObjectTable; dts: ObjectTable } | undefined;
  readonly known: ReadonlySet<number> | undefined;
  private readonly thresholds: readonly number[];
  private readonly minThreshold: number;
  /** What an update adds, appended to the state once every image of the update is evaluated. */
  private readonly batch = emptyBatch();
  constructor(readonly p: Resolved) {
    this.known = p.categoryIds ? new Set(p.categoryIds) : undefined;
    // pycocotools matches at min(t, 1 - 1e-10).
    this.thresholds = p.iouThrs.map((t) => Math.min(t, 1 - 1e-10));
    this.minThreshold = Math.min(...this.thresholds);
  }

  /** The ground-truth table (made on first use: a definition that never updates holds none). */
  get gts(): ObjectTable {
    this.tables ??= { gts: new ObjectTable(), dts: new ObjectTable() };
    return this.tables.gts;
  }

  /** The detection table. */
  get dts(): ObjectTable {
    this.tables ??= { gts: new ObjectTable(), dts: new ObjectTable() };
    return this.tables.dts;
  }

  /**
   * Makes room in `state` for `detections` more records when their number is known (no
   * regrowth), unless the codes would exceed the allocation budget (they then grow as records
   * arrive, as without a reservation).
   */
  reserve(state: CocoEvalState, detections: number): void {
    if (detections * this.p.areas.length * this.thresholds.length > getLimits().maxAllocationBytes) return;
    reserve(state.dtScore, detections);
    reserve(state.dtImage, detections);
    reserve(state.dtCategory, detections);
    reserve(state.dtRank, detections);
    reserve(state.dtCode, detections * this.p.areas.length * this.thresholds.length);
  }

  /**
   * Adds `count` images to `state`: `fill(i)` puts image i's objects in the tables (rows from
   * `gts.n`, `dts.n` on) and returns its id; the image is then checked to be new and evaluated.
   * Tables are cleared once an image is evaluated unless `keepRows` (the caller filled them all
   * beforehand: `fill` then only returns the id and each image's rows are given by `ranges`).
   */
  update(
    state: CocoEvalState,
    count: number,
    fill: (i: number) => number,
    ranges?: { gtStart: Int32Array; dtStart: Int32Array },
  ): void {
    const seen = imagesOf(state);
    const batch = resetBatch(this.batch);
    const { gts, dts } = this;
    for (let i = 0; i < count; i++) {
      if (!ranges) {
        gts.clear();
        dts.clear();
      }
      const imageId = fill(i);
      if (seen.has(imageId))
        fail(
          "invalid_value",
          `${FN}: image ${imageId} was already evaluated (each image must arrive once, with all its objects)`,
        );
      seen.add(imageId);
      const gFrom = ranges ? ranges.gtStart[i]! : 0;
      const gTo = ranges ? ranges.gtStart[i + 1]! : gts.n;
      const dFrom = ranges ? ranges.dtStart[i]! : 0;
      const dTo = ranges ? ranges.dtStart[i + 1]! : dts.n;
      evaluateImage(
        imageId,
        gts,
        gFrom,
        gTo,
        dts,
        dFrom,
        dTo,
        this.p,
        batch,
        this.thresholds,
        this.minThreshold,
      );
    }
    pushBatch(state, batch);
  }
}

/** {@link cocoEvalDefFrom} with the {@link ImageEvaluator} its `update` runs. */
export function cocoEvalParts(
  meta: MetricMeta,
  p: Resolved,
  storedOptions: Record<string, unknown>,
): {
  def: MetricDef<CocoEvalState, [images: readonly CocoImage[]], CocoEvalResult>;
  evaluator: ImageEvaluator;
} {
  const evaluator = new ImageEvaluator(p);
  const def: MetricDef<CocoEvalState, [images: readonly CocoImage[]], CocoEvalResult> = {
    id: meta.id,
    meta,
    options: storedOptions,
    init: emptyState,
    update(state, images) {
      if (!Array.isArray(images))
        fail(
          "invalid_value",
          `${FN}: \`images\` must be an array of { imageId, groundTruth, detections }, got ${describeValue(images)}`,
        );
      evaluator.update(state, images.length, (i) => {
        prepareImage(images[i]!, i, p, evaluator.known, evaluator.gts, evaluator.dts);
        return images[i]!.imageId;
      });
    },
    merge(a, b) {
      const ids = new Set(a.images);
      for (const id of b.images)
        if (ids.has(id)) fail("invalid_state", `${FN}: cannot merge states that both evaluated image ${id}`);
      const gtCounts: Record<string, number[]> = {};
      for (const [k, v] of Object.entries(a.gtCounts)) addCounts(gtCounts, k, v);
      for (const [k, v] of Object.entries(b.gtCounts)) addCounts(gtCounts, k, v);
      const cats = [...a.categories];
      const set = new Set(cats);
      for (const c of b.categories) if (!set.has(c)) cats.push(c);
      return {
        images: [...a.images, ...b.images],
        categories: cats,
        gtCounts,
        dtScore: concatGrowable(compact(a.dtScore), compact(b.dtScore)),
        dtImage: concatGrowable(compact(a.dtImage), compact(b.dtImage)),
        dtCategory: concatGrowable(compact(a.dtCategory), compact(b.dtCategory)),
        dtRank: concatGrowable(compact(a.dtRank), compact(b.dtRank)),
        dtCode: concatGrowable(compact(a.dtCode), compact(b.dtCode)),
      };
    },
    compute(state) {
      return accumulate(state, p);
    },
    validateState(state: unknown): asserts state is CocoEvalState {
      validateCocoState(meta.id, state, p);
    },
  };
  return { def, evaluator };
}

/** The image ids of each state, kept beside it so that an update checks its images in O(batch). */
const imageSets = new WeakMap<CocoEvalState, Set<number>>();

/** The set of `state.images`, rebuilt when it no longer matches (a failed update, a new state). */
function imagesOf(state: CocoEvalState): Set<number> {
  let set = imageSets.get(state);
  if (set === undefined || set.size !== state.images.length) {
    set = new Set(state.images);
    imageSets.set(state, set);
  }
  return set;
}

/**
 * Checks a decoded COCO evaluation state: unique finite image and category ids, per-category
 * ground-truth counts (one count per area range, for a known category), and per-detection
 * records of equal length whose image and category are known, whose rank is below the largest
 * maxDets and whose A·T match codes are 0, 1 or 2.
 */
function validateCocoState(id: string, state: unknown, p: Resolved): asserts state is CocoEvalState {
  const A = p.areas.length;
  const AT = A * p.iouThrs.length;
  const maxDet = p.maxDets[p.maxDets.length - 1]!;
  checkState(id, state, {
    images: field.array(field.number()),
    categories: field.array(field.number()),
    gtCounts: field.custom((value, path) => {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        fail(
          "invalid_state",
          `${id}: ${path} must be an object of counts per category, got ${describeValue(value)}`,
        );
    }),
    dtScore: field.growable(Float64Array, { test: (v) => !Number.isNaN(v), words: "scores (not NaN)" }),
    dtImage: field.growable(Float64Array),
    dtCategory: field.growable(Float64Array),
    dtRank: field.growable(Int32Array, {
      test: (v) => v >= 0 && v < maxDet,
      words: `ranks in [0, ${maxDet})`,
    }),
    dtCode: field.growable(Uint8Array, { test: (v) => v <= 2, words: "match codes 0, 1 or 2" }),
  });
  const s = state as CocoEvalState;
  const images = new Set(s.images);
  stateInvariant(id, images.size === s.images.length, "state.images lists an image twice");
  const categories = new Set(s.categories);
  stateInvariant(id, categories.size === s.categories.length, "state.categories lists a category twice");
  // Class-agnostic matching (useCats false) pools every object under the category key -1.
  if (!p.useCats) categories.add(-1);
  for (const [key, counts] of Object.entries(s.gtCounts)) {
    stateInvariant(
      id,
      categories.has(Number(key)) && String(Number(key)) === key,
      `state.gtCounts has counts for ${JSON.stringify(key)}, which is not in state.categories`,
    );
    stateInvariant(
      id,
      Array.isArray(counts) &&
        counts.length === A &&
        counts.every((c) => typeof c === "number" && Number.isSafeInteger(c) && c >= 0),
      `state.gtCounts[${JSON.stringify(key)}] must hold ${A} counts (one per area range)`,
    );
  }
  const n = s.dtScore.length;
  stateInvariant(
    id,
    s.dtImage.length === n &&
      s.dtCategory.length === n &&
      s.dtRank.length === n &&
      s.dtCode.length === n * AT,
    `the detection records must have equal lengths (${n} scores) and ${AT} match codes each, got ${s.dtImage.length} images, ${s.dtCategory.length} categories, ${s.dtRank.length} ranks and ${s.dtCode.length} codes`,
  );
  for (let i = 0; i < n; i++) {
    stateInvariant(id, images.has(s.dtImage.data[i]!), `state.dtImage[${i}] is not in state.images`);
    stateInvariant(
      id,
      categories.has(s.dtCategory.data[i]!),
      `state.dtCategory[${i}] is not in state.categories`,
    );
  }
}

/** One-shot COCO evaluation over per-image inputs: `runOnce(cocoEvalDef(options), images)`. */
export function cocoEvaluateImages(
  images: readonly CocoImage[],
  options: CocoEvalOptions = {},
): CocoEvalResult {
  return runOnce(cocoEvalDef(options), images);
}
