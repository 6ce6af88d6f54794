import type { CatalogEntry } from "../../../catalog/types.js";
import { toFloat64 } from "../../../core/coerce.js";
import { describeValue, fail } from "../../../core/errors.js";
import { addExactSums, ExactSum, exactSums, exactSumsShape, exactToNumber } from "../../../core/exact-sum.js";
import { assertAllocation } from "../../../core/limits.js";
import { optInteger, optionNames, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, runOnce } from "../../../metric.js";

/** Scores per position: a nested `[batch][seq][vocab]` array or `{ data, shape: [batch, seq, vocab] }`. */
export type ScoreTensor =
  | readonly (readonly (readonly number[] | ArrayLike<number>)[])[]
  | { readonly data: ArrayLike<number>; readonly shape: readonly [number, number, number] };
/** Target token ids: a nested `[batch][seq]` array or `{ data, shape: [batch, seq] }`. */
export type TargetTensor =
  | readonly (readonly number[] | ArrayLike<number>)[]
  | { readonly data: ArrayLike<number>; readonly shape: readonly [number, number] };

export interface PerplexityOptions {
  /** Target value whose positions are left out (torchmetrics `ignore_index`; default none). */
  readonly ignoreIndex?: number;
  /** "logits" (default; softmax over the last axis) or "logProbs" (already log-probabilities, used as given). */
  readonly input?: "logits" | "logProbs";
}

/**
 * The negative log-likelihood (nats) summed exactly over the scored positions with a finite one
 * (`core/exact-sum.ts` limbs, so merges are bit-identical in any order), the number of positions
 * whose NLL is +Infinity (a log-probability of -Infinity), and the number of scored positions.
 */
export interface PerplexityState {
  nll: Float64Array;
  infinite: number;
  count: number;
}

export const perplexityMeta: CatalogEntry = {
  id: "text/perplexity",
  title: "Perplexity",
  kind: "metric",
  tasks: ["nlp"],
  formula: "\\mathrm{PPL} = \\exp\\Big(-\\frac{1}{N}\\sum_{t} \\log p(y_t \\mid \\cdot)\\Big)",
  range: [1, Number.POSITIVE_INFINITY],
  direction: "lower",
  differentiable: true,
  robustness: [
    "Only comparable between models with the same tokenizer and vocabulary.",
    "Dominated by the rarest tokens; a single near-zero probability can explode it.",
  ],
  references: [{ implementation: "torchmetrics 1.9.0 Perplexity / perplexity" }],
  traits: ["language-modeling", "probabilistic"],
  exports: ["perplexity", "perplexityDef", "bitsPerCharacter"],
};

function flatten3(value: unknown, fn: string): { data: ArrayLike<number>; b: number; s: number; v: number } {
  if (value && typeof value === "object" && "data" in value && "shape" in value) {
    const t = value as { data: ArrayLike<number>; shape: readonly number[] };
    if (!Array.isArray(t.shape) || t.shape.length !== 3)
      fail(
        "shape_mismatch",
        `${fn}: \`preds\` must have 3 dimensions [batch, seq, vocab], got ${describeValue(t.shape)}`,
      );
    const [b, s, v] = checkShape(fn, "preds", t.shape);
    if (t.data.length !== b * s * v)
      fail(
        "shape_mismatch",
        `${fn}: \`preds\` data length ${t.data.length} does not match its shape [${b}, ${s}, ${v}]`,
      );
    return { data: toFloat64(t.data, fn, "preds.data"), b, s, v };
  }
  if (!Array.isArray(value))
    fail(
      "invalid_value",
      `${fn}: \`preds\` must be a [batch][seq][vocab] array, got ${describeValue(value)}`,
    );
  const b = value.length;
  const s = b > 0 && Array.isArray(value[0]) ? (value[0] as unknown[]).length : 0;
  const first = s > 0 ? (value[0] as unknown[])[0] : undefined;
  const v =
    first !== null && typeof first === "object" && "length" in first
      ? (first as ArrayLike<number>).length
      : 0;
  // The vocabulary size comes from the data: copying it is bounded by the allocation budget.
  assertAllocation(fn, `\`preds\` of shape [${b}, ${s}, ${v}]`, 8 * b * s * v);
  const data = new Float64Array(b * s * v);
  let k = 0;
  for (let i = 0; i < b; i++) {
    const row = value[i] as ArrayLike<ArrayLike<number>>;
    if (!row || row.length !== s)
      fail(
        "shape_mismatch",
        `${fn}: \`preds\` must be rectangular, got a sequence of length ${row?.length} at index ${i}`,
      );
    for (let j = 0; j < s; j++) {
      const cell = row[j]!;
      if (!cell || cell.length !== v)
        fail(
          "shape_mismatch",
          `${fn}: \`preds\` must be rectangular, got a vocabulary of length ${cell?.length} at index ${i}.${j}`,
        );
      for (let c = 0; c < v; c++) data[k++] = numberAt(cell[c], fn, "preds", `${i}.${j}.${c}`);
    }
  }
  return { data, b, s, v };
}

/** A value that must be a number (no coercion of "0.7", null or true). */
function numberAt(value: unknown, fn: string, arg: string, at: string): number {
  if (typeof value !== "number")
    fail(
      "invalid_value",
      `${fn}: \`${arg}\` must contain only numbers, got ${describeValue(value)} at index ${at}`,
    );
  return value;
}

/** The dimensions of a `{ data, shape }` input: non-negative integers. */
function checkShape(fn: string, arg: string, shape: readonly unknown[]): number[] {
  for (const d of shape)
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0)
      fail(
        "shape_mismatch",
        `${fn}: \`${arg}\` shape must hold non-negative integers, got ${describeValue(d)}`,
      );
  return shape as number[];
}

function flatten2(value: unknown, fn: string): { data: ArrayLike<number>; b: number; s: number } {
  if (value && typeof value === "object" && "data" in value && "shape" in value) {
    const t = value as { data: ArrayLike<number>; shape: readonly number[] };
    if (!Array.isArray(t.shape) || t.shape.length !== 2)
      fail(
        "shape_mismatch",
        `${fn}: \`target\` must have 2 dimensions [batch, seq], got ${describeValue(t.shape)}`,
      );
    const [b, s] = checkShape(fn, "target", t.shape);
    if (t.data.length !== b * s)
      fail(
        "shape_mismatch",
        `${fn}: \`target\` data length ${t.data.length} does not match its shape [${b}, ${s}]`,
      );
    return { data: toFloat64(t.data, fn, "target.data"), b, s };
  }
  if (!Array.isArray(value))
    fail("invalid_value", `${fn}: \`target\` must be a [batch][seq] array, got ${describeValue(value)}`);
  const b = value.length;
  const s = b > 0 ? (value[0] as ArrayLike<number>).length : 0;
  const data = new Float64Array(b * s);
  let k = 0;
  for (let i = 0; i < b; i++) {
    const row = value[i] as ArrayLike<number>;
    if (!row || row.length !== s)
      fail(
        "shape_mismatch",
        `${fn}: \`target\` must be rectangular, got a row of length ${row?.length} at index ${i}`,
      );
    for (let j = 0; j < s; j++) data[k++] = numberAt(row[j], fn, "target", `${i}.${j}`);
  }
  return { data, b, s };
}

/**
 * Perplexity as a streaming metric, matching torchmetrics 1.9.0 `Perplexity`: per position
 * the negative log-probability of the target token (log-softmax of the logits, computed stably
 * in float64), positions whose target equals `ignoreIndex` left out; PPL = exp(sum NLL / count).
 * The state is the exact NLL sum and the counts, so `merge` adds them. No scored position:
 * NaN (0/0), as torchmetrics. Cost O(batch * seq * vocab).
 */
export function perplexityDef(
  options?: PerplexityOptions,
): MetricDef<PerplexityState, [preds: ScoreTensor, target: TargetTensor], number> {
  return perplexityDefWith(options, "perplexity", "text/perplexity", (nll, count) => Math.exp(nll / count));
}

function perplexityDefWith(
  options: unknown,
  fn: string,
  id: string,
  finish: (nll: number, count: number) => number,
): MetricDef<PerplexityState, [preds: ScoreTensor, target: TargetTensor], number> {
  const o = readOptions<PerplexityOptions>(fn, options, PERPLEXITY_OPTIONS);
  const input = optOneOf(fn, "input", o.input, ["logits", "logProbs"], "logits");
  const ignoreIndex = optInteger(fn, "ignoreIndex", o.ignoreIndex, undefined);
  return {
    id,
    meta: perplexityMeta,
    options: { input, ...(ignoreIndex !== undefined ? { ignoreIndex } : {}) },
    init: () => ({ nll: exactSums(1), infinite: 0, count: 0 }),
    update(state, preds, target) {
      const p = flatten3(preds, fn);
      const t = flatten2(target, fn);
      if (p.b !== t.b || p.s !== t.s)
        fail(
          "shape_mismatch",
          `${fn}: \`preds\` [${p.b}, ${p.s}, ${p.v}] and \`target\` [${t.b}, ${t.s}] must agree on [batch, seq]`,
        );
      const n = t.b * t.s;
      for (let k = 0; k < p.data.length; k++) {
        if (
          !Number.isFinite(p.data[k]!) &&
          !(input === "logProbs" && p.data[k] === Number.NEGATIVE_INFINITY)
        ) {
          fail(
            "invalid_value",
            `${fn}: \`preds\` must be finite, got ${describeValue(p.data[k])} at index ${k}`,
          );
        }
      }
      for (let k = 0; k < n; k++) {
        const y = t.data[k]!;
        if (ignoreIndex !== undefined && y === ignoreIndex) continue;
        if (!Number.isInteger(y) || y < 0 || y >= p.v)
          fail(
            "invalid_value",
            `${fn}: \`target\` must hold token ids in [0, ${p.v}), got ${describeValue(y)} at index ${k}`,
          );
      }
      const limbs = state.nll.slice();
      const sum = new ExactSum(limbs);
      let infinite = 0;
      let count = 0;
      for (let k = 0; k < n; k++) {
        const y = t.data[k]!;
        if (ignoreIndex !== undefined && y === ignoreIndex) continue;
        const base = k * p.v;
        let nll: number;
        if (input === "logits") {
          let max = Number.NEGATIVE_INFINITY;
          for (let c = 0; c < p.v; c++) if (p.data[base + c]! > max) max = p.data[base + c]!;
          let z = 0;
          for (let c = 0; c < p.v; c++) z += Math.exp(p.data[base + c]! - max);
          nll = max + Math.log(z) - p.data[base + y]!;
        } else nll = -p.data[base + y]!;
        // +Infinity: a log-probability of -Infinity (or logits too far apart for float64).
        if (nll === Number.POSITIVE_INFINITY) infinite++;
        else sum.add(nll);
        count++;
      }
      sum.finish();
      state.nll = limbs;
      state.infinite += infinite;
      state.count += count;
    },
    merge: (a, b) => ({
      nll: addExactSums(a.nll, b.nll),
      infinite: a.infinite + b.infinite,
      count: a.count + b.count,
    }),
    compute: (s) => finish(s.infinite > 0 ? Number.POSITIVE_INFINITY : exactToNumber(s.nll), s.count),
    validateState(state): asserts state is PerplexityState {
      checkState(id, state, { nll: exactSumsShape(1), infinite: field.count(), count: field.count() });
      const s = state as PerplexityState;
      stateInvariant(
        id,
        s.infinite <= s.count,
        `state.infinite (${s.infinite}) must not exceed state.count (${s.count})`,
      );
    },
  };
}

const PERPLEXITY_OPTIONS = optionNames<PerplexityOptions>()("ignoreIndex", "input");

/** Perplexity of `preds` (logits by default) for `target` (torchmetrics 1.9.0 `perplexity`). */
export function perplexity(preds: ScoreTensor, target: TargetTensor, options?: PerplexityOptions): number {
  return runOnce(perplexityDef(options), preds, target);
}

/**
 * Bits per character: the mean negative log2-probability of the target characters,
 * log2(perplexity) when the tokens are characters. Same state and merge as perplexity.
 */
export function bitsPerCharacterDef(
  options?: PerplexityOptions,
): MetricDef<PerplexityState, [preds: ScoreTensor, target: TargetTensor], number> {
  return perplexityDefWith(
    options,
    "bitsPerCharacter",
    "text/bits_per_character",
    (nll, count) => nll / count / Math.LN2,
  );
}

/** Bits per character of `preds` (logits by default) for character targets. */
export function bitsPerCharacter(
  preds: ScoreTensor,
  target: TargetTensor,
  options?: PerplexityOptions,
): number {
  return runOnce(bitsPerCharacterDef(options), preds, target);
}
