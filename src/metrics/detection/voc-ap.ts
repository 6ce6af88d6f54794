import {
  append,
  compact,
  concatGrowable,
  filled,
  type GrowableFloat64,
  growableFloat64,
} from "../../core/buffer.js";
import { toFloat64 } from "../../core/coerce.js";
import { describeValue, fail } from "../../core/errors.js";
import { optBoolean, optionNames, optNumber, readOptions } from "../../core/options.js";
import { checkState, field, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { numpySum } from "./coco-eval.js";

export const vocApMeta: MetricMeta = {
  id: "detection/voc_ap",
  range: [0, 1],
  direction: "higher",
  conventions: ["py-faster-rcnn"],
};

const VOC_AP_OPTIONS = optionNames<VocApOptions>()("iouThreshold", "use07Metric");

/** Options of {@link vocApDef}. */
export interface VocApOptions {
  /** A match needs IoU strictly greater than this; default 0.5. */
  readonly iouThreshold?: number;
  /** true: VOC2007 11-point interpolation; false (default): VOC2010+ all-point area. */
  readonly use07Metric?: boolean;
}

/** One image: ground-truth boxes (xywh) with class and difficult flag, detections with scores. */
export interface VocImage {
  readonly imageId: number;
  readonly groundTruth: readonly {
    readonly categoryId: number;
    readonly bbox: ArrayLike<number>;
    readonly difficult?: boolean | number;
    readonly iscrowd?: boolean | number;
  }[];
  readonly detections: readonly {
    readonly categoryId: number;
    readonly bbox: ArrayLike<number>;
    readonly score: number;
  }[];
}

/** Per-class state: scores, image ids and outcome (1 TP, 0 FP, 2 ignored) of each detection, and npos. */
export interface VocApState {
  images: number[];
  classes: Record<
    string,
    { npos: number; score: GrowableFloat64; image: GrowableFloat64; outcome: GrowableFloat64 }
  >;
}

/** Result: per-class AP (ascending category id) and their mean. */
export interface VocApResult {
  readonly map: number;
  readonly categoryIds: number[];
  readonly perClassAp: number[];
}

/**
 * AP from a recall/precision curve (py-faster-rcnn `voc_ap`): 11-point mean of the max precision
 * at recall >= t for t = 0, 0.1, ..., 1 (VOC2007), or the area under the monotone precision
 * envelope (VOC2010+).
 * @example vocApFromCurve([0.5, 1], [1, 0.5], false) // 0.5*1 + 0.5*0.5 = 0.75
 */
export function vocApFromCurve(
  recall: ArrayLike<number>,
  precision: ArrayLike<number>,
  use07Metric = false,
): number {
  const rec = toFloat64(recall, "vocApFromCurve", "recall");
  const prec = toFloat64(precision, "vocApFromCurve", "precision");
  if (rec.length !== prec.length)
    fail(
      "shape_mismatch",
      `vocApFromCurve: \`recall\` and \`precision\` must have the same length, got ${rec.length} and ${prec.length}`,
    );
  if (use07Metric) {
    let ap = 0;
    for (let i = 0; i < 11; i++) {
      const t = i * 0.1;
      let p = 0;
      let any = false;
      for (let j = 0; j < rec.length; j++) {
        if (rec[j]! >= t) {
          p = any ? Math.max(p, prec[j]!) : prec[j]!;
          any = true;
        }
      }
      ap = ap + (any ? p : 0) / 11;
    }
    return ap;
  }
  const n = rec.length;
  const mrec = new Float64Array(n + 2);
  const mpre = new Float64Array(n + 2);
  mrec.set(rec, 1);
  mrec[n + 1] = 1;
  mpre.set(prec, 1);
  for (let i = n + 1; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1]!, mpre[i]!);
  const terms: number[] = [];
  for (let i = 0; i < n + 1; i++)
    if (mrec[i + 1] !== mrec[i]) terms.push((mrec[i + 1]! - mrec[i]!) * mpre[i + 1]!);
  return numpySum(terms);
}

function box(b: ArrayLike<number>, where: string): [number, number, number, number] {
  if (b?.length !== 4)
    fail("invalid_value", `vocAp: ${where}.bbox must be [x, y, width, height], got ${describeValue(b)}`);
  for (let i = 0; i < 4; i++)
    if (typeof b[i] !== "number" || !Number.isFinite(b[i]!))
      fail(
        "invalid_value",
        `vocAp: ${where}.bbox must contain finite numbers, got ${describeValue(b[i])} at index ${i}`,
      );
  if (b[2]! < 0 || b[3]! < 0)
    fail(
      "invalid_value",
      `vocAp: ${where}.bbox is degenerate (negative width or height), got [${Array.from(b).join(", ")}]`,
    );
  return [b[0]!, b[1]!, b[0]! + b[2]!, b[1]! + b[3]!];
}

interface ImageOutcome {
  imageId: number;
  perClass: Map<number, { npos: number; scores: number[]; outcomes: number[] }>;
}

function evaluateVocImage(img: VocImage, index: number, thr: number): ImageOutcome {
  if (img === null || typeof img !== "object" || typeof img.imageId !== "number")
    fail(
      "invalid_value",
      `vocAp: \`images[${index}]\` must be { imageId, groundTruth, detections }, got ${describeValue(img)}`,
    );
  if (!Array.isArray(img.groundTruth) || !Array.isArray(img.detections))
    fail("invalid_value", `vocAp: image ${img.imageId}: \`groundTruth\` and \`detections\` must be arrays`);
  const perClass = new Map<number, { npos: number; scores: number[]; outcomes: number[] }>();
  const gtsByClass = new Map<number, { b: number[]; difficult: boolean }[]>();
  img.groundTruth.forEach((g, j) => {
    const where = `image ${img.imageId} groundTruth[${j}]`;
    if (typeof g?.categoryId !== "number")
      fail(
        "invalid_value",
        `vocAp: ${where}.categoryId must be a number, got ${describeValue(g?.categoryId)}`,
      );
    const list = gtsByClass.get(g.categoryId) ?? [];
    gtsByClass.set(g.categoryId, list);
    list.push({ b: box(g.bbox, where), difficult: Boolean(g.difficult ?? g.iscrowd) });
  });
  const dtsByClass = new Map<number, { b: number[]; score: number; i: number }[]>();
  img.detections.forEach((d, j) => {
    const where = `image ${img.imageId} detections[${j}]`;
    if (typeof d?.categoryId !== "number")
      fail(
        "invalid_value",
        `vocAp: ${where}.categoryId must be a number, got ${describeValue(d?.categoryId)}`,
      );
    if (typeof d.score !== "number" || Number.isNaN(d.score))
      fail("invalid_value", `vocAp: ${where}.score must be a number, got ${describeValue(d.score)}`);
    const list = dtsByClass.get(d.categoryId) ?? [];
    dtsByClass.set(d.categoryId, list);
    list.push({ b: box(d.bbox, where), score: d.score, i: j });
  });
  for (const cat of new Set([...gtsByClass.keys(), ...dtsByClass.keys()])) {
    const gts = gtsByClass.get(cat) ?? [];
    const dts = (dtsByClass.get(cat) ?? []).sort((a, b) => b.score - a.score || a.i - b.i);
    const det = new Uint8Array(gts.length);
    const entry = {
      npos: gts.filter((g) => !g.difficult).length,
      scores: [] as number[],
      outcomes: [] as number[],
    };
    for (const d of dts) {
      let ovmax = Number.NEGATIVE_INFINITY;
      let jmax = -1;
      for (let j = 0; j < gts.length; j++) {
        const g = gts[j]!.b;
        const iw = Math.max(Math.min(g[2]!, d.b[2]!) - Math.max(g[0]!, d.b[0]!), 0);
        const ih = Math.max(Math.min(g[3]!, d.b[3]!) - Math.max(g[1]!, d.b[1]!), 0);
        const inter = iw * ih;
        const uni = (d.b[2]! - d.b[0]!) * (d.b[3]! - d.b[1]!) + (g[2]! - g[0]!) * (g[3]! - g[1]!) - inter;
        const ov = inter / uni;
        if (ov > ovmax || jmax === -1) {
          ovmax = ov;
          jmax = j;
        }
      }
      let outcome = 0;
      if (jmax >= 0 && ovmax > thr) {
        if (gts[jmax]!.difficult) outcome = 2;
        else if (!det[jmax]) {
          outcome = 1;
          det[jmax] = 1;
        }
      }
      entry.scores.push(d.score);
      entry.outcomes.push(outcome);
    }
    perClass.set(cat, entry);
  }
  return { imageId: img.imageId, perClass };
}

/**
 * Streaming VOC AP over every class: images are matched as they arrive; `compute` sorts each
 * class's detections by score (ties by image id, then score order within the image), builds the
 * precision/recall curve (precision = tp / max(tp + fp, eps)) and applies {@link vocApFromCurve}.
 * A class without any non-difficult ground truth gets NaN (py-faster-rcnn divides by npos = 0).
 * Matches py-faster-rcnn `voc_eval` with continuous coordinates. O(N log N).
 */
export function vocApDef(
  options: VocApOptions = {},
): MetricDef<VocApState, [images: readonly VocImage[]], VocApResult> {
  const o = readOptions<VocApOptions>("vocAp", options, VOC_AP_OPTIONS);
  const thr = optNumber("vocAp", "iouThreshold", o.iouThreshold, 0.5, { min: 0, max: 1 });
  const use07 = optBoolean("vocAp", "use07Metric", o.use07Metric, false);
  return {
    id: vocApMeta.id,
    meta: vocApMeta,
    options: { iouThreshold: thr, use07Metric: use07 },
    init: () => ({ images: [], classes: {} }),
    update(state, images) {
      if (!Array.isArray(images))
        fail("invalid_value", `vocAp: \`images\` must be an array, got ${describeValue(images)}`);
      const seen = new Set(state.images);
      const outcomes: ImageOutcome[] = [];
      images.forEach((img, i) => {
        const o = evaluateVocImage(img, i, thr);
        if (seen.has(o.imageId))
          fail(
            "invalid_value",
            `vocAp: image ${o.imageId} was already evaluated (each image must arrive once, with all its objects)`,
          );
        seen.add(o.imageId);
        outcomes.push(o);
      });
      for (const o of outcomes) {
        state.images.push(o.imageId);
        for (const [cat, e] of o.perClass) {
          const key = String(cat);
          if (!state.classes[key])
            state.classes[key] = {
              npos: 0,
              score: growableFloat64(),
              image: growableFloat64(),
              outcome: growableFloat64(),
            };
          const c = state.classes[key]!;
          c.npos += e.npos;
          append(c.score, e.scores);
          append(c.image, new Array<number>(e.scores.length).fill(o.imageId));
          append(c.outcome, e.outcomes);
        }
      }
    },
    merge(a, b) {
      const ids = new Set(a.images);
      for (const id of b.images)
        if (ids.has(id)) fail("invalid_state", `vocAp: cannot merge states that both evaluated image ${id}`);
      const classes: VocApState["classes"] = {};
      for (const key of new Set([...Object.keys(a.classes), ...Object.keys(b.classes)])) {
        const x = a.classes[key];
        const y = b.classes[key];
        const empty = {
          npos: 0,
          score: growableFloat64(),
          image: growableFloat64(),
          outcome: growableFloat64(),
        };
        const p = x ?? empty;
        const q = y ?? empty;
        classes[key] = {
          npos: p.npos + q.npos,
          score: concatGrowable(compact(p.score), compact(q.score)),
          image: concatGrowable(compact(p.image), compact(q.image)),
          outcome: concatGrowable(compact(p.outcome), compact(q.outcome)),
        };
      }
      return { images: [...a.images, ...b.images], classes };
    },
    compute(state) {
      const categoryIds = Object.keys(state.classes)
        .map(Number)
        .sort((x, y) => x - y);
      const perClassAp = categoryIds.map((cat) => {
        const c = state.classes[String(cat)]!;
        const score = filled(c.score);
        const image = filled(c.image);
        const outcome = filled(c.outcome);
        // Within an image the records are already in score order; a stable sort keeps it.
        const order = Array.from({ length: score.length }, (_, i) => i).sort(
          (x, y) => score[y]! - score[x]! || image[x]! - image[y]! || x - y,
        );
        const rec: number[] = [];
        const prec: number[] = [];
        let tp = 0;
        let fp = 0;
        for (const i of order) {
          if (outcome[i] === 1) tp++;
          else if (outcome[i] === 0) fp++;
          rec.push(tp / c.npos);
          prec.push(tp / Math.max(tp + fp, 2.220446049250313e-16));
        }
        if (c.npos === 0) return Number.NaN;
        return vocApFromCurve(rec, prec, use07);
      });
      const valid = perClassAp.filter((v) => !Number.isNaN(v));
      return { map: valid.length ? numpySum(valid) / valid.length : Number.NaN, categoryIds, perClassAp };
    },
    validateState: validateVocState,
  };
}

/**
 * Checks a decoded VOC state: unique image ids; per class a count of non-difficult ground truth
 * and equal-length detection records (score not NaN, a known image, outcome 0, 1 or 2) with no
 * more true positives than ground truth.
 */
function validateVocState(state: unknown): asserts state is VocApState {
  const id = vocApMeta.id;
  const record = field.object({
    npos: field.count(),
    score: field.growable(Float64Array, { test: (v) => !Number.isNaN(v), words: "scores (not NaN)" }),
    image: field.growable(Float64Array),
    outcome: field.growable(Float64Array, {
      test: (v) => v === 0 || v === 1 || v === 2,
      words: "outcomes 0, 1 or 2",
    }),
  });
  checkState(id, state, {
    images: field.array(field.number()),
    classes: field.custom((value, path) => {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        fail("invalid_state", `${id}: ${path} must be an object of classes, got ${describeValue(value)}`);
      for (const [key, c] of Object.entries(value)) {
        stateInvariant(
          id,
          String(Number(key)) === key,
          `${path} has the class key ${JSON.stringify(key)}, not a category id`,
        );
        checkState(id, { c }, { c: record });
      }
    }),
  });
  const s = state as VocApState;
  const images = new Set(s.images);
  stateInvariant(id, images.size === s.images.length, "state.images lists an image twice");
  for (const [key, c] of Object.entries(s.classes)) {
    const n = c.score.length;
    stateInvariant(
      id,
      c.image.length === n && c.outcome.length === n,
      `state.classes[${key}] must hold one image and outcome per score`,
    );
    let tp = 0;
    for (let i = 0; i < n; i++) {
      stateInvariant(
        id,
        images.has(c.image.data[i]!),
        `state.classes[${key}].image[${i}] is not in state.images`,
      );
      if (c.outcome.data[i] === 1) tp++;
    }
    stateInvariant(
      id,
      tp <= c.npos,
      `state.classes[${key}] has ${tp} true positives for ${c.npos} ground-truth objects`,
    );
  }
}

/** One-shot VOC AP: `runOnce(vocApDef(options), images)`. */
export function vocAp(images: readonly VocImage[], options: VocApOptions = {}): VocApResult {
  return runOnce(vocApDef(options), images);
}
