import { toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import {
  addToCells,
  cellToNumber,
  type ExactCells,
  emptyExactCells,
  exactCellsShape,
  mergeExactCells,
} from "../../core/exact-cells.js";
import { assertAllocation } from "../../core/limits.js";
import { optionNames, readOptions, required } from "../../core/options.js";
import { checkState, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { addArrayFields, float64Field } from "./label-maps.js";

/**
 * Panoptic quality with the COCO panoptic API's conventions (panopticapi `pq_compute`): each
 * image is a map of segment ids (0 = VOID) with a list of segments (id, category, iscrowd);
 * crowd ground-truth segments are never matched and never false negatives; the IoU's union
 * leaves out the prediction's overlap with VOID; an unmatched prediction more than half on VOID
 * or on a crowd region of its category is not a false positive. Ground-truth areas come from
 * the segments' `area` when given (panopticapi reads them from the JSON), prediction areas are
 * counted. PQ, SQ and RQ are averaged over categories with TP + FP + FN > 0, for all, things and
 * stuff.
 */

/** One segment of an image (COCO panoptic `segments_info`, camelCase). */
export interface PanopticSegment {
  readonly id: number;
  readonly categoryId: number;
  readonly iscrowd?: number | boolean;
  /** Ground truth only: the JSON's area (panopticapi uses it in the union); default: counted. */
  readonly area?: number;
}

/** One side of an image: segment ids per pixel (row-major) and the segments. */
export interface PanopticAnnotation {
  readonly ids: ArrayLike<number>;
  readonly segments: readonly PanopticSegment[];
}

/** One image: prediction and ground truth of the same size. */
export interface PanopticImage {
  readonly preds: PanopticAnnotation;
  readonly target: PanopticAnnotation;
}

/** Options: the categories, with their thing/stuff flag (COCO panoptic `categories`). */
export interface PanopticQualityCocoOptions {
  readonly categories: readonly { readonly id: number; readonly isthing: number | boolean }[];
}

/**
 * State per category (in `categories` order): IoU sum (exact cells, `core/exact-cells.ts`: the
 * same bits for any split and merge order), TP, FP, FN.
 */
export interface PanopticQualityCocoState {
  iou: ExactCells;
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
}

/** PQ, SQ, RQ and the number of categories averaged. */
export interface PqSummary {
  readonly pq: number;
  readonly sq: number;
  readonly rq: number;
  readonly n: number;
}

/** Result of {@link panopticQualityCocoDef}: panopticapi's All / Things / Stuff rows and per class. */
export interface PanopticQualityCocoResult {
  readonly all: PqSummary;
  readonly things: PqSummary;
  readonly stuff: PqSummary;
  readonly perClass: {
    categoryId: number;
    pq: number;
    sq: number;
    rq: number;
    tp: number;
    fp: number;
    fn: number;
  }[];
}

export const panopticQualityCocoMeta: MetricMeta = {
  id: "segmentation/panoptic_quality_coco",
  range: [0, 1],
  direction: "higher",
  conventions: ["panopticapi"],
};

const FN = "panopticQualityCoco";
const PQ_COCO_OPTIONS = optionNames<PanopticQualityCocoOptions>()("categories");

/** panopticapi `rgb2id`: id = R + 256 G + 256² B for each pixel of interleaved RGB(A) data. */
export function rgbToPanopticId(rgb: ArrayLike<number>, channels = 3): Float64Array {
  if (channels !== 3 && channels !== 4)
    fail(
      "invalid_value",
      `rgbToPanopticId: \`channels\` must be 3 (RGB) or 4 (RGBA), got ${describeValue(channels)}`,
    );
  if (rgb === null || typeof rgb !== "object" || typeof rgb.length !== "number")
    fail(
      "invalid_value",
      `rgbToPanopticId: \`rgb\` must be an array of pixel values, got ${describeValue(rgb)}`,
    );
  if (rgb.length % channels !== 0)
    fail(
      "shape_mismatch",
      `rgbToPanopticId: \`rgb\` length ${rgb.length} is not a multiple of ${channels} channels`,
    );
  const out = new Float64Array(rgb.length / channels);
  for (let i = 0; i < out.length; i++)
    out[i] = rgb[i * channels]! + 256 * rgb[i * channels + 1]! + 65536 * rgb[i * channels + 2]!;
  return out;
}

function readSide(
  side: PanopticAnnotation,
  where: string,
  known: Map<number, number>,
): { ids: Float64Array; segs: Map<number, PanopticSegment> } {
  if (!side || typeof side !== "object")
    fail("invalid_value", `${FN}: ${where} must be { ids, segments }, got ${describeValue(side)}`);
  const ids = toFloat64(side.ids, FN, `${where}.ids`);
  if (!Array.isArray(side.segments))
    fail("invalid_value", `${FN}: ${where}.segments must be an array, got ${describeValue(side.segments)}`);
  const segs = new Map<number, PanopticSegment>();
  side.segments.forEach((s, j) => {
    if (!s || typeof s.id !== "number" || typeof s.categoryId !== "number")
      fail(
        "invalid_value",
        `${FN}: ${where}.segments[${j}] must have numeric id and categoryId, got ${describeValue(s)}`,
      );
    if (!known.has(s.categoryId))
      fail("invalid_value", `${FN}: ${where}.segments[${j}] has unknown categoryId ${s.categoryId}`);
    if (segs.has(s.id)) fail("invalid_value", `${FN}: ${where}.segments has segment id ${s.id} twice`);
    segs.set(s.id, s);
  });
  return { ids, segs };
}

/**
 * Streaming panoptic quality with panopticapi conventions. `update(state, images)`; matching is
 * per image. A prediction pixel id without a segment (other than VOID 0), or a segment without
 * pixels, is an error, as in panopticapi. O(pixels) per image.
 */
export function panopticQualityCocoDef(
  options: PanopticQualityCocoOptions,
): MetricDef<PanopticQualityCocoState, [images: readonly PanopticImage[]], PanopticQualityCocoResult> {
  const o = readOptions<PanopticQualityCocoOptions>(FN, options, PQ_COCO_OPTIONS);
  const categories = required(FN, "categories", o.categories) as unknown;
  if (!Array.isArray(categories) || categories.length === 0)
    fail(
      "invalid_option",
      `${FN}: option \`categories\` must be a non-empty array of { id, isthing }, got ${describeValue(categories)}`,
    );
  assertAllocation(FN, `option \`categories\` with ${categories.length} entries`, categories.length * 64);
  const seen = new Set<number>();
  const cats = categories.map((c: unknown, i) => {
    const entry = c as { id?: unknown; isthing?: unknown } | null;
    if (
      entry === null ||
      typeof entry !== "object" ||
      typeof entry.id !== "number" ||
      !Number.isInteger(entry.id) ||
      seen.has(entry.id) ||
      !(
        entry.isthing === undefined ||
        typeof entry.isthing === "boolean" ||
        entry.isthing === 0 ||
        entry.isthing === 1
      )
    )
      fail(
        "invalid_option",
        `${FN}: option \`categories[${i}]\` must be { id: a unique integer, isthing: 0 | 1 | boolean }, got ${describeValue(c)}`,
      );
    seen.add(entry.id);
    return { id: entry.id, isthing: Boolean(entry.isthing) };
  });
  const index = new Map<number, number>();
  cats.forEach((c, i) => {
    index.set(c.id, i);
  });
  const K = cats.length;
  const zero = (): PanopticQualityCocoState => ({
    iou: emptyExactCells(),
    tp: new Float64Array(K),
    fp: new Float64Array(K),
    fn: new Float64Array(K),
  });
  const merge = (a: PanopticQualityCocoState, b: PanopticQualityCocoState): PanopticQualityCocoState => {
    const { iou: x, ...countsA } = a;
    const { iou: y, ...countsB } = b;
    return { ...addArrayFields(countsA, countsB), iou: mergeExactCells(x, y, K) };
  };
  return {
    id: panopticQualityCocoMeta.id,
    meta: panopticQualityCocoMeta,
    options: { categories: cats.map((c) => ({ id: c.id, isthing: c.isthing ? 1 : 0 })) },
    init: zero,
    update(state, images) {
      if (!Array.isArray(images))
        fail(
          "invalid_value",
          `${FN}: \`images\` must be an array of { preds, target }, got ${describeValue(images)}`,
        );
      const scratch = zero();
      const matchedCells: number[] = [];
      const matchedIous: number[] = [];
      images.forEach((img, n) => {
        const gt = readSide(img?.target, `images[${n}].target`, index);
        const pr = readSide(img?.preds, `images[${n}].preds`, index);
        if (gt.ids.length !== pr.ids.length)
          fail(
            "shape_mismatch",
            `${FN}: images[${n}] preds and target must have the same number of pixels, got ${pr.ids.length} and ${gt.ids.length}`,
          );
        const predArea = new Map<number, number>();
        const gtArea = new Map<number, number>();
        const inter = new Map<string, number>();
        for (let i = 0; i < pr.ids.length; i++) {
          const p = pr.ids[i]!;
          const g = gt.ids[i]!;
          predArea.set(p, (predArea.get(p) ?? 0) + 1);
          gtArea.set(g, (gtArea.get(g) ?? 0) + 1);
          const key = `${g},${p}`;
          inter.set(key, (inter.get(key) ?? 0) + 1);
        }
        for (const id of predArea.keys())
          if (id !== 0 && !pr.segs.has(id))
            fail(
              "invalid_value",
              `${FN}: images[${n}].preds has pixels of segment ${id}, which is not in its segments`,
            );
        for (const id of pr.segs.keys())
          if (!predArea.has(id))
            fail("invalid_value", `${FN}: images[${n}].preds segment ${id} has no pixels`);
        const gtMatched = new Set<number>();
        const prMatched = new Set<number>();
        const at = (g: number, p: number) => inter.get(`${g},${p}`) ?? 0;
        for (const [key, intersection] of inter) {
          const [g, p] = key.split(",").map(Number) as [number, number];
          const gs = gt.segs.get(g);
          const ps = pr.segs.get(p);
          if (!gs || !ps || gs.iscrowd === 1 || gs.iscrowd === true || gs.categoryId !== ps.categoryId)
            continue;
          const union = predArea.get(p)! + (gs.area ?? gtArea.get(g) ?? 0) - intersection - at(0, p);
          const iou = intersection / union;
          if (iou > 0.5) {
            const k = index.get(gs.categoryId)!;
            scratch.tp[k]!++;
            matchedCells.push(k);
            matchedIous.push(iou);
            gtMatched.add(g);
            prMatched.add(p);
          }
        }
        const crowdByCat = new Map<number, number>();
        for (const [g, gs] of gt.segs) {
          if (gtMatched.has(g)) continue;
          if (gs.iscrowd === 1 || gs.iscrowd === true) {
            crowdByCat.set(gs.categoryId, g);
            continue;
          }
          scratch.fn[index.get(gs.categoryId)!]!++;
        }
        for (const [p, ps] of pr.segs) {
          if (prMatched.has(p)) continue;
          let covered = at(0, p);
          const crowd = crowdByCat.get(ps.categoryId);
          if (crowd !== undefined) covered += at(crowd, p);
          if (covered / predArea.get(p)! > 0.5) continue;
          scratch.fp[index.get(ps.categoryId)!]!++;
        }
      });
      scratch.iou = addToCells(scratch.iou, K, matchedCells, matchedIous);
      Object.assign(state, merge(state, scratch));
    },
    merge,
    compute(state) {
      const perClass = cats.map((c, k) => {
        const iou = cellToNumber(state.iou, K, k);
        const tp = state.tp[k]!;
        const fp = state.fp[k]!;
        const fn = state.fn[k]!;
        const den = tp + 0.5 * fp + 0.5 * fn;
        if (tp + fp + fn === 0) return { categoryId: c.id, pq: 0, sq: 0, rq: 0, tp, fp, fn };
        return {
          categoryId: c.id,
          pq: iou / den,
          sq: tp !== 0 ? iou / tp : 0,
          rq: tp / den,
          tp,
          fp,
          fn,
        };
      });
      const average = (keep: (k: number) => boolean): PqSummary => {
        let pq = 0;
        let sq = 0;
        let rq = 0;
        let n = 0;
        perClass.forEach((r, k) => {
          if (!keep(k) || r.tp + r.fp + r.fn === 0) return;
          n++;
          pq += r.pq;
          sq += r.sq;
          rq += r.rq;
        });
        return n
          ? { pq: pq / n, sq: sq / n, rq: rq / n, n }
          : { pq: Number.NaN, sq: Number.NaN, rq: Number.NaN, n };
      };
      return {
        all: average(() => true),
        things: average((k) => cats[k]!.isthing),
        stuff: average((k) => !cats[k]!.isthing),
        perClass,
      };
    },
    validateState(state: unknown): asserts state is PanopticQualityCocoState {
      const id = panopticQualityCocoMeta.id;
      checkState(id, state, {
        iou: exactCellsShape(K),
        tp: float64Field(K, "count"),
        fp: float64Field(K, "count"),
        fn: float64Field(K, "count"),
      });
      const s = state as PanopticQualityCocoState;
      for (let k = 0; k < K; k++) {
        const iou = cellToNumber(s.iou, K, k);
        stateInvariant(
          id,
          iou <= s.tp[k]!,
          `state.iou cell ${k} (${iou}) exceeds state.tp[${k}] (${s.tp[k]})`,
        );
      }
    },
  };
}

/** One-shot form: `runOnce(panopticQualityCocoDef(options), images)`. */
export function panopticQualityCoco(
  images: readonly PanopticImage[],
  options: PanopticQualityCocoOptions,
): PanopticQualityCocoResult {
  return runOnce(panopticQualityCocoDef(options), images);
}
