import type { CatalogEntry } from "../../catalog/types.js";
import { describeValue, fail } from "../../core/errors.js";
import { type MetricDef, runOnce } from "../../metric.js";
import {
  addArrayFields,
  assertSameShape,
  checkFloatFields,
  type LabelMapInput,
  readBoolean,
  readLabelMaps,
} from "./label-maps.js";

/**
 * Panoptic quality with torchmetrics 1.9 `PanopticQuality` conventions: inputs are
 * [batch, ...spatial, 2] maps of (category_id, instance_id); stuff instance ids are reset to 0;
 * target pixels of unknown categories become VOID; a prediction and a target segment of the
 * same category match when their IoU (union without the VOID parts) exceeds 0.5; unmatched
 * segments more than half VOID are neither false positives nor false negatives.
 */

/** Options of {@link panopticQualityDef} (torchmetrics names). */
export interface PanopticQualityOptions {
  readonly things: readonly number[];
  readonly stuffs: readonly number[];
  /** Map unknown prediction categories to VOID instead of raising (default false). */
  readonly allowUnknownPredsCategory?: boolean;
  /** Return [PQ, SQ, RQ] (default false). */
  readonly returnSqAndRq?: boolean;
  /** Return per-class values (things sorted, then stuffs sorted) (default false). */
  readonly returnPerClass?: boolean;
}

/** State per class (things sorted, then stuffs sorted): IoU sum, TP, FP, FN. */
export interface PanopticQualityState {
  iouSum: Float64Array;
  truePositives: Float64Array;
  falsePositives: Float64Array;
  falseNegatives: Float64Array;
}

/** Everything {@link panopticQualityDetails} reports. */
export interface PanopticQualityDetails {
  readonly pq: number;
  readonly sq: number;
  readonly rq: number;
  readonly things: { pq: number; sq: number; rq: number };
  readonly stuffs: { pq: number; sq: number; rq: number };
  readonly perClass: {
    categoryId: number;
    isThing: boolean;
    pq: number;
    sq: number;
    rq: number;
    tp: number;
    fp: number;
    fn: number;
  }[];
}

/** Catalog entry of panoptic quality. */
export const panopticQualityMeta: CatalogEntry = {
  id: "segmentation/panoptic_quality",
  title: "Panoptic quality (PQ = SQ × RQ)",
  kind: "metric",
  tasks: ["segmentation"],
  formula:
    "\\mathrm{PQ}=\\frac{\\sum_{(p,g)\\in TP}\\mathrm{IoU}(p,g)}{|TP|}\\cdot\\frac{|TP|}{|TP|+\\frac12|FP|+\\frac12|FN|}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "matches need IoU > 0.5, so matching is unique",
    "segments mostly VOID are not counted as errors",
  ],
  references: [
    {
      paper: "Kirillov et al. 2019, Panoptic Segmentation",
      implementation: "torchmetrics 1.9.0 PanopticQuality; panopticapi pq_compute for panopticQualityCoco",
    },
  ],
  traits: ["instances", "pixel-labels"],
  exports: ["panopticQualityDef", "panopticQuality", "panopticQualityDetails"],
};

const FN = "panopticQuality";
const PAIR = 4294967296;

function parseCategories(things: unknown, stuffs: unknown): { things: number[]; stuffs: number[] } {
  for (const [v, name] of [
    [things, "things"],
    [stuffs, "stuffs"],
  ] as const) {
    if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || x < 0))
      fail(
        "invalid_option",
        `${FN}: option \`${name}\` must be an array of non-negative integer category ids, got ${describeValue(v)}`,
      );
  }
  const t = [...new Set(things as number[])].sort((a, b) => a - b);
  const s = [...new Set(stuffs as number[])].sort((a, b) => a - b);
  if (t.some((x) => s.includes(x)))
    fail(
      "invalid_option",
      `${FN}: options \`things\` and \`stuffs\` must be disjoint, got [${t.join(", ")}] and [${s.join(", ")}]`,
    );
  if (t.length + s.length === 0)
    fail("invalid_option", `${FN}: at least one of \`things\` and \`stuffs\` must be non-empty`);
  return { things: t, stuffs: s };
}

interface Colors {
  /** color index per pixel */
  index: Int32Array;
  /** (category, instance) per color index */
  cats: number[];
  insts: number[];
  area: number[];
}

function colorize(
  data: Float64Array,
  start: number,
  pixels: number,
  things: Set<number>,
  stuffs: Set<number>,
  voidCat: number,
  allowUnknown: boolean,
  arg: string,
): Colors {
  const lookup = new Map<number, number>();
  const out: Colors = { index: new Int32Array(pixels), cats: [], insts: [], area: [] };
  for (let i = 0; i < pixels; i++) {
    let cat = data[(start + i) * 2]!;
    let inst = data[(start + i) * 2 + 1]!;
    if (
      !Number.isInteger(cat) ||
      !Number.isInteger(inst) ||
      cat < 0 ||
      inst < 0 ||
      inst >= PAIR ||
      cat >= 2 ** 20
    ) {
      fail(
        "invalid_value",
        `${FN}: \`${arg}\` must hold non-negative integer (category, instance) pairs, got (${describeValue(cat)}, ${describeValue(inst)}) at pixel ${start + i}`,
      );
    }
    if (stuffs.has(cat)) inst = 0;
    else if (!things.has(cat)) {
      if (!allowUnknown)
        fail(
          "invalid_value",
          `${FN}: \`${arg}\` has unknown category ${cat} at pixel ${start + i} (set allowUnknownPredsCategory to map it to VOID)`,
        );
      cat = voidCat;
      inst = 0;
    }
    const key = cat * PAIR + inst;
    let idx = lookup.get(key);
    if (idx === undefined) {
      idx = out.cats.length;
      lookup.set(key, idx);
      out.cats.push(cat);
      out.insts.push(inst);
      out.area.push(0);
    }
    out.area[idx]!++;
    out.index[i] = idx;
  }
  return out;
}

function updateImage(
  state: PanopticQualityState,
  p: Colors,
  t: Colors,
  voidCat: number,
  continuous: Map<number, number>,
): void {
  const nT = t.cats.length;
  const inter = new Map<number, number>();
  for (let i = 0; i < p.index.length; i++) {
    const key = p.index[i]! * nT + t.index[i]!;
    inter.set(key, (inter.get(key) ?? 0) + 1);
  }
  const pVoid = p.cats.findIndex((c, i) => c === voidCat && p.insts[i] === 0);
  const tVoid = t.cats.findIndex((c, i) => c === voidCat && t.insts[i] === 0);
  const at = (pi: number, ti: number) => (pi < 0 || ti < 0 ? 0 : (inter.get(pi * nT + ti) ?? 0));
  const pMatched = new Uint8Array(p.cats.length);
  const tMatched = new Uint8Array(nT);
  // Sorted pair order, as torch.unique over (pred color, target color).
  const keys = [...inter.keys()].sort((x, y) => {
    const px = Math.floor(x / nT);
    const py = Math.floor(y / nT);
    const a = p.cats[px]! - p.cats[py]! || p.insts[px]! - p.insts[py]!;
    if (a !== 0) return a;
    const tx = x - px * nT;
    const ty = y - py * nT;
    return t.cats[tx]! - t.cats[ty]! || t.insts[tx]! - t.insts[ty]!;
  });
  for (const key of keys) {
    const pi = Math.floor(key / nT);
    const ti = key - pi * nT;
    if (ti === tVoid) continue;
    if (p.cats[pi] !== t.cats[ti]) continue;
    const intersection = inter.get(key)!;
    const union = p.area[pi]! - at(pi, tVoid) + t.area[ti]! - at(pVoid, ti) - intersection;
    const iou = intersection / union;
    if (iou > 0.5) {
      const c = continuous.get(t.cats[ti]!)!;
      pMatched[pi] = 1;
      tMatched[ti] = 1;
      state.iouSum[c]! += iou;
      state.truePositives[c]!++;
    }
  }
  for (let ti = 0; ti < nT; ti++) {
    if (tMatched[ti] || ti === tVoid) continue;
    if (at(pVoid, ti) / t.area[ti]! <= 0.5) state.falseNegatives[continuous.get(t.cats[ti]!)!]!++;
  }
  for (let pi = 0; pi < p.cats.length; pi++) {
    if (pMatched[pi] || pi === pVoid) continue;
    if (at(pi, tVoid) / p.area[pi]! <= 0.5) state.falsePositives[continuous.get(p.cats[pi]!)!]!++;
  }
}

function perClassValues(state: PanopticQualityState): {
  pq: number[];
  sq: number[];
  rq: number[];
  valid: boolean[];
} {
  const n = state.iouSum.length;
  const pq: number[] = [];
  const sq: number[] = [];
  const rq: number[] = [];
  const valid: boolean[] = [];
  for (let c = 0; c < n; c++) {
    const tp = state.truePositives[c]!;
    const s = tp > 0 ? state.iouSum[c]! / tp : 0;
    const den = tp + 0.5 * state.falsePositives[c]! + 0.5 * state.falseNegatives[c]!;
    const r = den > 0 ? tp / den : 0;
    sq.push(s);
    rq.push(r);
    pq.push(s * r);
    valid.push(den > 0);
  }
  return { pq, sq, rq, valid };
}

function meanWhere(values: number[], keep: boolean[]): number {
  let s = 0;
  let n = 0;
  values.forEach((v, i) => {
    if (keep[i]) {
      s += v;
      n++;
    }
  });
  return n ? s / n : Number.NaN;
}

/**
 * Streaming panoptic quality (torchmetrics 1.9.0 `PanopticQuality`). `update(state, preds,
 * target)` takes [batch, ...spatial, 2] (category, instance) maps; matching is per image. The
 * result is PQ averaged over classes with TP + FP/2 + FN/2 > 0 (NaN if none), or [PQ, SQ, RQ],
 * or per-class values, as the options say. O(pixels + segment pairs · log) per image.
 */
export function panopticQualityDef(
  options: PanopticQualityOptions,
): MetricDef<
  PanopticQualityState,
  [preds: LabelMapInput, target: LabelMapInput],
  number | number[] | number[][]
> {
  if (options === null || typeof options !== "object")
    fail("invalid_option", `${FN}: options with \`things\` and \`stuffs\` are required`);
  const { things, stuffs } = parseCategories(options.things, options.stuffs);
  const allowUnknown = readBoolean(options.allowUnknownPredsCategory, false, FN, "allowUnknownPredsCategory");
  const returnSqAndRq = readBoolean(options.returnSqAndRq, false, FN, "returnSqAndRq");
  const returnPerClass = readBoolean(options.returnPerClass, false, FN, "returnPerClass");
  const voidCat = 1 + Math.max(0, ...things, ...stuffs);
  const continuous = new Map<number, number>();
  [...things, ...stuffs].forEach((c, i) => {
    continuous.set(c, i);
  });
  const n = things.length + stuffs.length;
  const thingSet = new Set(things);
  const stuffSet = new Set(stuffs);
  const zero = (): PanopticQualityState => ({
    iouSum: new Float64Array(n),
    truePositives: new Float64Array(n),
    falsePositives: new Float64Array(n),
    falseNegatives: new Float64Array(n),
  });
  const merge = (a: PanopticQualityState, b: PanopticQualityState) => addArrayFields(a, b);
  return {
    id: panopticQualityMeta.id,
    meta: panopticQualityMeta,
    options: { things, stuffs, allowUnknownPredsCategory: allowUnknown, returnSqAndRq, returnPerClass },
    init: zero,
    update(state, preds, target) {
      const p = readLabelMaps(preds, FN, "preds");
      const t = readLabelMaps(target, FN, "target");
      assertSameShape(p, t, FN);
      if (p.shape.length < 3 || p.shape[p.shape.length - 1] !== 2)
        fail(
          "shape_mismatch",
          `${FN}: \`preds\` must have shape [batch, ...spatial, 2], got [${p.shape.join(", ")}]`,
        );
      const pixels = p.pixels / 2;
      const scratch = zero();
      for (let img = 0; img < p.images; img++) {
        const pc = colorize(p.data, img * pixels, pixels, thingSet, stuffSet, voidCat, allowUnknown, "preds");
        const tc = colorize(t.data, img * pixels, pixels, thingSet, stuffSet, voidCat, true, "target");
        updateImage(scratch, pc, tc, voidCat, continuous);
      }
      Object.assign(state, merge(state, scratch));
    },
    merge,
    compute(state) {
      const { pq, sq, rq, valid } = perClassValues(state);
      if (returnPerClass) return returnSqAndRq ? pq.map((v, c) => [v, sq[c]!, rq[c]!]) : [pq];
      const avg = [meanWhere(pq, valid), meanWhere(sq, valid), meanWhere(rq, valid)];
      return returnSqAndRq ? avg : avg[0]!;
    },
    validateState(state: unknown): asserts state is PanopticQualityState {
      checkFloatFields(state, { iouSum: n, truePositives: n, falsePositives: n, falseNegatives: n }, FN);
    },
  };
}

/** One-shot form: `runOnce(panopticQualityDef(options), preds, target)`. */
export function panopticQuality(
  preds: LabelMapInput,
  target: LabelMapInput,
  options: PanopticQualityOptions,
): number | number[] | number[][] {
  return runOnce(panopticQualityDef(options), preds, target);
}

/**
 * PQ, SQ and RQ overall, over things and over stuffs, and per class, from a panoptic state
 * (`createMetric(panopticQualityDef(o)).state`). Averages skip classes with no segment.
 */
export function panopticQualityDetails(
  state: PanopticQualityState,
  options: Pick<PanopticQualityOptions, "things" | "stuffs">,
): PanopticQualityDetails {
  const { things, stuffs } = parseCategories(options.things, options.stuffs);
  const { pq, sq, rq, valid } = perClassValues(state);
  const ids = [...things, ...stuffs];
  const isThing = ids.map((_, i) => i < things.length);
  const part = (keep: (i: number) => boolean) => {
    const k = valid.map((v, i) => v && keep(i));
    return { pq: meanWhere(pq, k), sq: meanWhere(sq, k), rq: meanWhere(rq, k) };
  };
  return {
    ...part(() => true),
    things: part((i) => isThing[i]!),
    stuffs: part((i) => !isThing[i]),
    perClass: ids.map((categoryId, i) => ({
      categoryId,
      isThing: isThing[i]!,
      pq: pq[i]!,
      sq: sq[i]!,
      rq: rq[i]!,
      tp: state.truePositives[i]!,
      fp: state.falsePositives[i]!,
      fn: state.falseNegatives[i]!,
    })),
  };
}
