import { type NdArray, readNdArray } from "../../../core/coerce.js";
import { shapeMismatch } from "../../../core/errors.js";
import { addExactSums, ExactSum, exactSums, exactSumsShape, exactToNumber } from "../../../core/exact-sum.js";
import { optInteger, optionNames, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { refuse } from "../shared/inputs.js";
import { checkAtMost } from "../shared/state.js";

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

export const perplexityMeta: MetricMeta = {
  id: "text/perplexity",
  range: [1, Infinity],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

/** The dimensions of `preds` and `target`. */
const DIMENSIONS = { preds: ["batch", "seq", "vocab"], target: ["batch", "seq"] } as const;

/**
 * `preds` ([batch][seq][vocab]) or `target` ([batch][seq]) as flat data and its shape, read by
 * the core's one coercion path (`readNdArray`: nested arrays, numbers only, rectangular, or
 * `{ data, shape }`). An empty nested array has every dimension 0.
 */
function flatten(value: unknown, fn: string, arg: "preds" | "target"): NdArray {
  const names = DIMENSIONS[arg];
  const { data, shape } = readNdArray(value, fn, arg);
  if (data.length === 0 && Array.isArray(value) && shape.length < names.length)
    return { data, shape: [...shape, ...new Array<number>(names.length - shape.length).fill(0)] };
  if (shape.length !== names.length)
    shapeMismatch(
      `${fn}: \`${arg}\` must have ${names.length} dimensions [${names.join(", ")}], got shape [${shape.join(", ")}]`,
    );
  return { data, shape };
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
      const { data: pd, shape: ps } = flatten(preds, fn, "preds");
      const { data: td, shape: ts } = flatten(target, fn, "target");
      const p = { data: pd, v: ps[2]! };
      const t = { data: td };
      if (ps[0] !== ts[0] || ps[1] !== ts[1])
        shapeMismatch(
          `${fn}: \`preds\` [${ps.join(", ")}] and \`target\` [${ts.join(", ")}] must agree on [batch, seq]`,
        );
      const n = td.length;
      for (let k = 0; k < p.data.length; k++) {
        if (!Number.isFinite(p.data[k]!) && !(input === "logProbs" && p.data[k] === -Infinity)) {
          refuse(fn, "preds", "must be finite", p.data[k], ` at index ${k}`);
        }
      }
      for (let k = 0; k < n; k++) {
        const y = t.data[k]!;
        if (ignoreIndex !== undefined && y === ignoreIndex) continue;
        if (!Number.isInteger(y) || y < 0 || y >= p.v)
          refuse(fn, "target", `must hold token ids in [0, ${p.v})`, y, ` at index ${k}`);
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
          let max = -Infinity;
          for (let c = 0; c < p.v; c++) if (p.data[base + c]! > max) max = p.data[base + c]!;
          let z = 0;
          for (let c = 0; c < p.v; c++) z += Math.exp(p.data[base + c]! - max);
          nll = max + Math.log(z) - p.data[base + y]!;
        } else nll = -p.data[base + y]!;
        // +Infinity: a log-probability of -Infinity (or logits too far apart for float64).
        if (nll === Infinity) infinite++;
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
    compute: (s) => finish(s.infinite > 0 ? Infinity : exactToNumber(s.nll), s.count),
    validateState(state): asserts state is PerplexityState {
      checkState(id, state, { nll: exactSumsShape(1), infinite: field.count(), count: field.count() });
      checkAtMost(id, state as PerplexityState, "infinite", "count");
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
