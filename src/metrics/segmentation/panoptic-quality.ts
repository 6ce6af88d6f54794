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
import { optBoolean, optionNames, readOptions, required } from "../../core/options.js";
import { checkState, stateInvariant } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import {
  addArrayFields,
  assertSameShape,
  float64Field,
  type LabelMapInput,
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

/**
 * State per class (things sorted, then stuffs sorted): IoU sum (exact cells,
 * `core/exact-cells.ts`: the same bits for any split and merge order), TP, FP, FN.
 */
export interface PanopticQualityState {
  iouSum: ExactCells;
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

export const panopticQualityMeta: MetricMeta = {
  id: "segmentation/panoptic_quality",
  range: [0, 1],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0", "panopticapi"],
};

const FN = "panopticQuality";
const PAIR = 4294967296;
/** Largest category id (VOID is the largest id + 1; category * 2^32 + instance stays exact). */
const MAX_CATEGORY = 2 ** 20 - 2;
const PQ_OPTIONS = optionNames<PanopticQualityOptions>()(
  "things",
  "stuffs",
  "allowUnknownPredsCategory",
  "returnSqAndRq",
  "returnPerClass",
);

/** Reads `things` and `stuffs` (disjoint integer category ids in [0, 2^20 - 2], not both empty). */
export function parseCategories(
  fn: string,
  things: unknown,
  stuffs: unknown,
): { things: number[]; stuffs: number[] } {
  for (const [v, name] of [
    [things, "things"],
    [stuffs, "stuffs"],
  ] as const) {
    if (!Array.isArray(v))
      fail(
        "invalid_option",
        `${fn}: option \`${name}\` must be an array of integer category ids in [0, ${MAX_CATEGORY}], got ${describeValue(v)}`,
      );
    assertAllocation(fn, `option \`${name}\` with ${v.length} categories`, v.length * 64);
    const bad = v.findIndex((x) => !Number.isInteger(x) || x < 0 || x > MAX_CATEGORY);
    if (bad >= 0)
      fail(
        "invalid_option",
        `${fn}: option \`${name}\` must hold integer category ids in [0, ${MAX_CATEGORY}], got ${describeValue(v[bad])} at index ${bad}`,
      );
  }
  const t = [...new Set(things as number[])].sort((a, b) => a - b);
  const s = [...new Set(stuffs as number[])].sort((a, b) => a - b);
  const stuffSet = new Set(s);
  if (t.some((x) => stuffSet.has(x)))
    fail(
      "invalid_option",
      `${fn}: options \`things\` and \`stuffs\` must be disjoint, got [${t.join(", ")}] and [${s.join(", ")}]`,
    );
  if (t.length + s.length === 0)
    fail("invalid_option", `${fn}: at least one of \`things\` and \`stuffs\` must be non-empty`);
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
  fn: string,
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
        `${fn}: \`${arg}\` must hold non-negative integer (category, instance) pairs, got (${describeValue(cat)}, ${describeValue(inst)}) at pixel ${start + i}`,
      );
    }
    if (stuffs.has(cat)) inst = 0;
    else if (!things.has(cat)) {
      if (!allowUnknown)
        fail(
          "invalid_value",
          `${fn}: \`${arg}\` has unknown category ${cat} at pixel ${start + i} (set allowUnknownPredsCategory to map it to VOID)`,
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

/** IoUs matched in a batch and their classes, added to the exact sums at the end of the batch. */
interface Matches {
  cells: number[];
  ious: number[];
}

function updateImage(
  state: PanopticQualityState,
  matches: Matches,
  p: Colors,
  t: Colors,
  voidCat: number,
  continuous: Map<number, number>,
  modified: ReadonlySet<number>,
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
    // torchmetrics divides integer pixel counts, which gives a float32 IoU: compared and summed as such.
    const iou = Math.fround(intersection / union);
    const c = continuous.get(t.cats[ti]!)!;
    if (modified.has(t.cats[ti]!)) {
      // Modified PQ (Porzi et al. 2019): a stuff class sums its IoU whenever it overlaps at all.
      if (iou > 0) {
        matches.cells.push(c);
        matches.ious.push(iou);
      }
    } else if (iou > 0.5) {
      pMatched[pi] = 1;
      tMatched[ti] = 1;
      matches.cells.push(c);
      matches.ious.push(iou);
      state.truePositives[c]!++;
    }
  }
  for (let ti = 0; ti < nT; ti++) {
    if (ti === tVoid) continue;
    const cat = t.cats[ti]!;
    // Modified PQ counts each target stuff segment once in place of its true positives.
    if (modified.has(cat)) state.truePositives[continuous.get(cat)!]!++;
    else if (!tMatched[ti] && at(pVoid, ti) / t.area[ti]! <= 0.5)
      state.falseNegatives[continuous.get(cat)!]!++;
  }
  for (let pi = 0; pi < p.cats.length; pi++) {
    if (pMatched[pi] || pi === pVoid || modified.has(p.cats[pi]!)) continue;
    if (at(pi, tVoid) / p.area[pi]! <= 0.5) state.falsePositives[continuous.get(p.cats[pi]!)!]!++;
  }
}

function perClassValues(state: PanopticQualityState): {
  pq: number[];
  sq: number[];
  rq: number[];
  valid: boolean[];
} {
  const n = state.truePositives.length;
  const pq: number[] = [];
  const sq: number[] = [];
  const rq: number[] = [];
  const valid: boolean[] = [];
  for (let c = 0; c < n; c++) {
    const tp = state.truePositives[c]!;
    const s = tp > 0 ? cellToNumber(state.iouSum, n, c) / tp : 0;
    const den = tp + 0.5 * state.falsePositives[c]! + 0.5 * state.falseNegatives[c]!;
    // torchmetrics computes RQ in float32 (its integer counts promote to the default float
    // dtype), SQ and PQ in float64: RQ is rounded to float32 the same way.
    const r = den > 0 ? Math.fround(tp / den) : 0;
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

/** The panoptic definition shared by {@link panopticQualityDef} and modified PQ. */
export function panopticDef<R>(
  meta: MetricMeta,
  fn: string,
  options: { things?: unknown; stuffs?: unknown; allowUnknownPredsCategory?: unknown },
  modifiedStuffs: boolean,
  storedOptions: (categories: {
    things: number[];
    stuffs: number[];
    allowUnknown: boolean;
  }) => Record<string, unknown>,
  compute: (state: PanopticQualityState) => R,
): MetricDef<PanopticQualityState, [preds: LabelMapInput, target: LabelMapInput], R> {
  const { things, stuffs } = parseCategories(
    fn,
    required(fn, "things", options.things),
    required(fn, "stuffs", options.stuffs),
  );
  const allowUnknown = optBoolean(fn, "allowUnknownPredsCategory", options.allowUnknownPredsCategory, false);
  const voidCat = 1 + Math.max(0, ...things, ...stuffs);
  const continuous = new Map<number, number>();
  [...things, ...stuffs].forEach((c, i) => {
    continuous.set(c, i);
  });
  const n = things.length + stuffs.length;
  const thingSet = new Set(things);
  const stuffSet = new Set(stuffs);
  const modified: ReadonlySet<number> = modifiedStuffs ? stuffSet : new Set();
  const zero = (): PanopticQualityState => ({
    iouSum: emptyExactCells(),
    truePositives: new Float64Array(n),
    falsePositives: new Float64Array(n),
    falseNegatives: new Float64Array(n),
  });
  const merge = (a: PanopticQualityState, b: PanopticQualityState): PanopticQualityState => {
    const { iouSum: x, ...countsA } = a;
    const { iouSum: y, ...countsB } = b;
    return { ...addArrayFields(countsA, countsB), iouSum: mergeExactCells(x, y, n) };
  };
  return {
    id: meta.id,
    meta,
    options: storedOptions({ things, stuffs, allowUnknown }),
    init: zero,
    update(state, preds, target) {
      const p = readLabelMaps(preds, fn, "preds");
      const t = readLabelMaps(target, fn, "target");
      assertSameShape(p, t, fn);
      if (p.shape.length < 3 || p.shape[p.shape.length - 1] !== 2)
        fail(
          "shape_mismatch",
          `${fn}: \`preds\` must have shape [batch, ...spatial, 2], got [${p.shape.join(", ")}]`,
        );
      const pixels = p.pixels / 2;
      const scratch = zero();
      const matches: Matches = { cells: [], ious: [] };
      for (let img = 0; img < p.images; img++) {
        const pc = colorize(
          p.data,
          img * pixels,
          pixels,
          thingSet,
          stuffSet,
          voidCat,
          allowUnknown,
          fn,
          "preds",
        );
        const tc = colorize(t.data, img * pixels, pixels, thingSet, stuffSet, voidCat, true, fn, "target");
        updateImage(scratch, matches, pc, tc, voidCat, continuous, modified);
      }
      scratch.iouSum = addToCells(scratch.iouSum, n, matches.cells, matches.ious);
      Object.assign(state, merge(state, scratch));
    },
    merge,
    compute,
    validateState(state: unknown): asserts state is PanopticQualityState {
      checkState(meta.id, state, {
        iouSum: exactCellsShape(n),
        truePositives: float64Field(n, "count"),
        falsePositives: float64Field(n, "count"),
        falseNegatives: float64Field(n, "count"),
      });
      const s = state as PanopticQualityState;
      for (let c = 0; c < n; c++) {
        // Modified stuff classes sum one IoU (<= 1) per target segment counted in truePositives.
        const iouSum = cellToNumber(s.iouSum, n, c);
        stateInvariant(
          meta.id,
          iouSum <= s.truePositives[c]!,
          `state.iouSum cell ${c} (${iouSum}) exceeds state.truePositives[${c}] (${s.truePositives[c]}): each match adds an IoU of at most 1`,
        );
      }
    },
  };
}

/**
 * The per-class and averaged values of a PQ state, torchmetrics' `_panoptic_quality_compute`:
 * SQ = iouSum / TP (0 without TP), RQ = TP / (TP + FP/2 + FN/2) (0 when that is 0), PQ = SQ·RQ,
 * averaged over the classes with TP + FP/2 + FN/2 > 0 (NaN if none).
 */
export function panopticAverages(state: PanopticQualityState): {
  pq: number[];
  sq: number[];
  rq: number[];
  average: [number, number, number];
} {
  const { pq, sq, rq, valid } = perClassValues(state);
  return { pq, sq, rq, average: [meanWhere(pq, valid), meanWhere(sq, valid), meanWhere(rq, valid)] };
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
  const o = readOptions<PanopticQualityOptions>(FN, options, PQ_OPTIONS);
  const returnSqAndRq = optBoolean(FN, "returnSqAndRq", o.returnSqAndRq, false);
  const returnPerClass = optBoolean(FN, "returnPerClass", o.returnPerClass, false);
  return panopticDef(
    panopticQualityMeta,
    FN,
    o,
    false,
    ({ things, stuffs, allowUnknown }) => ({
      things,
      stuffs,
      allowUnknownPredsCategory: allowUnknown,
      returnSqAndRq,
      returnPerClass,
    }),
    (state) => {
      const { pq, sq, rq, average } = panopticAverages(state);
      if (returnPerClass) return returnSqAndRq ? pq.map((v, c) => [v, sq[c]!, rq[c]!]) : [pq];
      return returnSqAndRq ? average : average[0];
    },
  );
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
  const o = readOptions<Pick<PanopticQualityOptions, "things" | "stuffs">>(
    "panopticQualityDetails",
    options,
    ["things", "stuffs"],
  );
  const { things, stuffs } = parseCategories("panopticQualityDetails", o.things, o.stuffs);
  const validate: (s: unknown) => void = panopticQualityDef({ things, stuffs }).validateState!;
  validate(state);
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
