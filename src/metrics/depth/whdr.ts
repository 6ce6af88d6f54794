import { describeValue, fail } from "../../core/errors.js";
import {
  addExactSums,
  bigRatioToNumber,
  ExactSum,
  exactBigInt,
  exactSums,
  exactSumsShape,
} from "../../core/exact-sum.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import { checkState } from "../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../metric.js";
import { type TensorInput, toTensor } from "../image/tensor.js";

export const whdrMeta: MetricMeta = {
  id: "depth/whdr",
  range: [0, 1],
  direction: "lower",
};

/** A point of the Intrinsic Images in the Wild judgements: normalised coordinates in [0, 1). */
export interface WhdrPoint {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly opaque: boolean;
}

/** One human comparison: which point is darker ("1", "2", or "E" for about equal) and its confidence. */
export interface WhdrComparison {
  readonly point1: number;
  readonly point2: number;
  readonly darker: string;
  readonly darker_score: number | null;
}

/** The judgements of one image, as the IIW dataset's JSON files hold them. */
export interface WhdrJudgements {
  readonly intrinsic_points: readonly WhdrPoint[];
  readonly intrinsic_comparisons: readonly WhdrComparison[];
}

/** Options of {@link whdr}. */
export interface WhdrOptions {
  /** The ratio past which one point counts as darker; default 0.10 (IIW). */
  readonly delta?: number;
}

/** State: exact sums of the disagreeing weight and of the total weight. */
export interface WhdrState {
  sums: Float64Array;
}

const WHDR_OPTIONS = optionNames<WhdrOptions>()("delta");

/** The mean over channels of the reflectance at a normalised point (IIW: `int(y rows), int(x cols)`). */
function luminance(r: { data: Float64Array; shape: readonly number[] }, p: WhdrPoint, fn: string): number {
  const [rows, cols] = r.shape as [number, number];
  const channels = r.shape.length === 3 ? r.shape[2]! : 1;
  const row = Math.trunc(p.y * rows);
  const col = Math.trunc(p.x * cols);
  if (!(row >= 0 && row < rows && col >= 0 && col < cols))
    fail(
      "invalid_value",
      `${fn}: point ${p.id} at (${p.x}, ${p.y}) lies outside the ${rows} x ${cols} image`,
    );
  let s = 0;
  for (let c = 0; c < channels; c++) s += r.data[(row * cols + col) * channels + c]!;
  return Math.max(1e-10, s / channels);
}

function expectField(
  fn: string,
  where: string,
  key: string,
  value: unknown,
  kind: "number" | "boolean" | "string",
): void {
  if (typeof value !== kind || (kind === "number" && !Number.isFinite(value)))
    fail(
      "invalid_value",
      `${fn}: ${where}.${key} must be a ${kind === "number" ? "finite number" : kind}, got ${describeValue(value)}`,
    );
}

/** Reads IIW judgements, checking every point and comparison field (no coercion of "0.7" or null). */
function readJudgements(value: unknown, fn: string): WhdrJudgements {
  const j = value as Partial<WhdrJudgements> | null;
  if (
    typeof j !== "object" ||
    j === null ||
    !Array.isArray(j.intrinsic_points) ||
    !Array.isArray(j.intrinsic_comparisons)
  )
    fail(
      "invalid_value",
      `${fn}: \`judgements\` must be an IIW judgements object { intrinsic_points, intrinsic_comparisons }, got ${describeValue(value)}`,
    );
  j.intrinsic_points.forEach((p: unknown, i) => {
    const where = `intrinsic_points[${i}]`;
    if (typeof p !== "object" || p === null)
      fail("invalid_value", `${fn}: ${where} must be an object, got ${describeValue(p)}`);
    const point = p as Record<string, unknown>;
    expectField(fn, where, "id", point.id, "number");
    expectField(fn, where, "x", point.x, "number");
    expectField(fn, where, "y", point.y, "number");
    expectField(fn, where, "opaque", point.opaque, "boolean");
  });
  j.intrinsic_comparisons.forEach((c: unknown, i) => {
    const where = `intrinsic_comparisons[${i}]`;
    if (typeof c !== "object" || c === null)
      fail("invalid_value", `${fn}: ${where} must be an object, got ${describeValue(c)}`);
    const comparison = c as Record<string, unknown>;
    expectField(fn, where, "point1", comparison.point1, "number");
    expectField(fn, where, "point2", comparison.point2, "number");
    expectField(fn, where, "darker", comparison.darker, "string");
    if (comparison.darker_score !== null)
      expectField(fn, where, "darker_score", comparison.darker_score, "number");
  });
  return j as WhdrJudgements;
}

/**
 * WHDR: the weighted share of human reflectance judgements an intrinsic-image reflectance
 * disagrees with (Bell et al. 2014, section 3.5). For each comparison with darker in {1, 2, E}, a
 * positive weight and two opaque points, the algorithm says "1" when l2 / l1 > 1 + delta, "2" when
 * l1 / l2 > 1 + delta, else "E", with l the mean over channels of the reflectance at the point
 * (at least 1e-10). Matches IIW's `whdr.py` `compute_whdr`; an image without usable comparisons
 * contributes nothing (`compute_whdr` returns None), and a metric that saw none computes NaN.
 * `update(reflectance, judgements)` takes one H x W (or H x W x C, channels last, as IIW's images)
 * linear reflectance image and its judgements. State O(1).
 */
export function whdrDef(
  options: WhdrOptions = {},
): MetricDef<WhdrState, [reflectance: TensorInput, judgements: WhdrJudgements], number> {
  const fn = "whdr";
  const delta = optNumber(fn, "delta", readOptions<WhdrOptions>(fn, options, WHDR_OPTIONS).delta, 0.1, {
    min: 0,
  });
  return {
    id: whdrMeta.id,
    meta: whdrMeta,
    options: { delta },
    init: () => ({ sums: exactSums(2) }),
    update(state, reflectance, judgements) {
      const r = toTensor(reflectance, fn, "reflectance");
      if (r.shape.length !== 2 && r.shape.length !== 3)
        fail(
          "shape_mismatch",
          `${fn}: \`reflectance\` must be H x W or H x W x C, got shape [${r.shape.join(", ")}]`,
        );
      for (let i = 0; i < r.data.length; i++)
        if (!Number.isFinite(r.data[i]!))
          fail(
            "invalid_value",
            `${fn}: \`reflectance\` must be finite, got ${describeValue(r.data[i])} at flat index ${i}`,
          );
      const { intrinsic_points: points, intrinsic_comparisons: comparisons } = readJudgements(judgements, fn);
      const byId = new Map(points.map((p) => [p.id, p]));
      const errors: number[] = [];
      const weights: number[] = [];
      for (const c of comparisons) {
        if (c.darker !== "1" && c.darker !== "2" && c.darker !== "E") continue;
        const weight = c.darker_score;
        if (weight === null || !(weight > 0)) continue;
        if (!Number.isFinite(weight))
          fail("invalid_value", `${fn}: \`darker_score\` must be finite, got ${describeValue(weight)}`);
        const p1 = byId.get(c.point1);
        const p2 = byId.get(c.point2);
        if (!p1 || !p2)
          fail(
            "invalid_value",
            `${fn}: comparison names point ${p1 ? c.point2 : c.point1}, which is not in intrinsic_points`,
          );
        if (!p1.opaque || !p2.opaque) continue;
        const l1 = luminance(r, p1, fn);
        const l2 = luminance(r, p2, fn);
        const algorithm = l2 / l1 > 1 + delta ? "1" : l1 / l2 > 1 + delta ? "2" : "E";
        if (algorithm !== c.darker) errors.push(weight);
        weights.push(weight);
      }
      const sums = state.sums.slice();
      const error = new ExactSum(sums, 0);
      const total = new ExactSum(sums, 1);
      error.addRun(Float64Array.from(errors), 0, errors.length);
      total.addRun(Float64Array.from(weights), 0, weights.length);
      error.finish();
      total.finish();
      state.sums = sums;
    },
    merge: (a, b) => ({ sums: addExactSums(a.sums, b.sums) }),
    validateState(state: unknown): asserts state is WhdrState {
      checkState(whdrMeta.id, state, { sums: exactSumsShape(2) });
    },
    compute(state) {
      const total = exactBigInt(state.sums, 1);
      return total === 0n ? Number.NaN : bigRatioToNumber(exactBigInt(state.sums, 0), total);
    },
  };
}

/**
 * WHDR of one reflectance image against its IIW judgements.
 * @example whdr([[0.2, 0.8]], { intrinsic_points: [{ id: 1, x: 0.1, y: 0.5, opaque: true }, { id: 2, x: 0.9, y: 0.5, opaque: true }], intrinsic_comparisons: [{ point1: 1, point2: 2, darker: "1", darker_score: 0.9 }] }) // 0 (point 1 is darker)
 */
export function whdr(
  reflectance: TensorInput,
  judgements: WhdrJudgements,
  options: WhdrOptions = {},
): number {
  return runOnce(whdrDef(options), reflectance, judgements);
}
