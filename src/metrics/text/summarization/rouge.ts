import { describeValue, invalidOption } from "../../../core/errors.js";
import { optBoolean, optionNames, optNumber, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { fsum } from "../shared/fsum.js";
import { checkHypothesis, checkPairs } from "../shared/inputs.js";
import { internIn, ngramMatches } from "../shared/ngram-matches.js";
import { makeRougeTokenizer, type RougeTokenizer, type TokenizeFn } from "../tokenizers/rouge-score.js";
import { RougeTokenIds } from "../tokenizers/rouge-score-ids.js";
import { rougeSkipBigram } from "./rouge-skip-bigram.js";
import { rougeWeightedLcs } from "./rouge-weighted-lcs.js";

/**
 * `rouge1` ... `rouge9` (n-gram overlap), `rougeL` (LCS), `rougeLsum` (summary-level union LCS
 * over lines), `rougeW` (weighted LCS, ROUGE-1.5.5's ROUGE-W with `weightFactor`), `rougeS<d>`
 * and `rougeSU<d>` (skip-bigrams at most d words apart, d in 0..99, `*` for any distance; SU adds
 * unigrams), as ROUGE-1.5.5's ROUGE-S<d> / ROUGE-SU<d>.
 */
export type RougeType =
  | `rouge${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
  | "rougeL"
  | "rougeLsum"
  | "rougeW"
  | `rougeS${number}`
  | `rougeSU${number}`
  | "rougeS*"
  | "rougeSU*";

/** Precision, recall and F1 of one ROUGE type. */
export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

/**
 * How a prediction with several references is scored.
 *
 * - `"max-per-type"` (default): rouge-score's `score_multi`: per ROUGE type, the whole score of
 *   the reference with the highest F1 (the first such reference on ties).
 * - `"max-by-first-type"`: torchmetrics 1.9.0 `accumulate="best"`: the reference with the highest
 *   F1 of the FIRST requested type gives the scores of every type.
 * - `"mean"`: torchmetrics `accumulate="avg"`: the mean of precision, recall and F1 over references.
 */
export type RougeMultiReference = "max-per-type" | "max-by-first-type" | "mean";

export interface RougeOptions {
  /** Default `["rouge1", "rouge2", "rougeL"]`. */
  readonly rougeTypes?: readonly RougeType[];
  /** Porter-stem tokens longer than 3 characters (nltk NLTK_EXTENSIONS). Default false, as rouge-score. */
  readonly useStemmer?: boolean;
  /** Default `"rouge-score"` for parity with the references; `"unicode"` scores non-Latin scripts. */
  readonly tokenizer?: RougeTokenizer;
  /** Default `"max-per-type"`. */
  readonly multiReference?: RougeMultiReference;
  /** ROUGE-W's weighting f(k) = k^weightFactor (ROUGE-1.5.5's `-w`), > 0; default 1.2. */
  readonly weightFactor?: number;
}

/** Mean precision, recall and F1 per ROUGE type. */
export type RougeResult = Record<string, RougeScore>;

/** Per ROUGE type, the per-pair precision, recall, F1 as consecutive triples (in update order). */
export interface RougeState {
  count: number;
  scores: Record<string, number[]>;
}

const DEFAULT_TYPES: readonly RougeType[] = ["rouge1", "rouge2", "rougeL"];
const UNIT_INTERVAL = { test: (v: number) => v >= 0 && v <= 1, words: "numbers in [0, 1]" };
const TYPE_PATTERN = /^(rouge[1-9]|rougeL|rougeLsum|rougeW|rougeSU?(?:[0-9]{1,2}|\*))$/;
const TYPE_WORDS = "rouge1..rouge9, rougeL, rougeLsum, rougeW, rougeS<d> or rougeSU<d> (d in 0..99 or *)";

/** How one ROUGE type is scored. */
type TypeKind =
  | { readonly kind: "n"; readonly order: number }
  | { readonly kind: "L" }
  | { readonly kind: "Lsum" }
  | { readonly kind: "W" }
  | { readonly kind: "S"; readonly distance: number; readonly unigrams: boolean };

function kindOf(type: string): TypeKind {
  if (type === "rougeL") return { kind: "L" };
  if (type === "rougeLsum") return { kind: "Lsum" };
  if (type === "rougeW") return { kind: "W" };
  if (type.startsWith("rougeS")) {
    const unigrams = type.startsWith("rougeSU");
    const d = type.slice(unigrams ? 7 : 6);
    return { kind: "S", distance: d === "*" ? -1 : Number(d), unigrams };
  }
  return { kind: "n", order: Number(type.slice(5)) };
}

export const rougeMeta: MetricMeta = {
  id: "text/rouge",
  range: [0, 1],
  direction: "higher",
  conventions: ["rouge-score-0.1.2", "torchmetrics-1.9.0", "rouge-score"],
};

interface Resolved {
  readonly types: readonly RougeType[];
  /** How each type is scored. */
  readonly kinds: readonly TypeKind[];
  /** The highest order n of the ROUGE-N types asked (0 for none). */
  readonly maxN: number;
  readonly weightFactor: number;
  readonly tokenizer: RougeTokenizer;
  readonly useStemmer: boolean;
  readonly tokenize: TokenizeFn;
  readonly multiReference: RougeMultiReference;
}

const ROUGE_OPTIONS = optionNames<RougeOptions>()(
  "rougeTypes",
  "useStemmer",
  "tokenizer",
  "multiReference",
  "weightFactor",
);

function resolveOptions(options: unknown, fn: string): Resolved {
  const o = readOptions<RougeOptions>(fn, options, ROUGE_OPTIONS);
  const types = o.rougeTypes ?? DEFAULT_TYPES;
  if (!Array.isArray(types) || types.length === 0) {
    invalidOption(
      `${fn}: option \`rougeTypes\` must be a non-empty array of ${TYPE_WORDS}, got ${describeValue(types)}`,
    );
  }
  types.forEach((t, i) => {
    if (typeof t !== "string" || !TYPE_PATTERN.test(t)) {
      invalidOption(
        `${fn}: option \`rougeTypes\` must contain ${TYPE_WORDS}, got ${describeValue(t)} at index ${i}`,
      );
    }
    if (types.indexOf(t) !== i)
      invalidOption(`${fn}: option \`rougeTypes\` lists ${JSON.stringify(t)} twice`);
  });
  const tokenizer = optOneOf(fn, "tokenizer", o.tokenizer, ["rouge-score", "unicode"], "rouge-score");
  const multiReference = optOneOf(
    fn,
    "multiReference",
    o.multiReference,
    ["max-per-type", "max-by-first-type", "mean"],
    "max-per-type",
  );
  const useStemmer = optBoolean(fn, "useStemmer", o.useStemmer, false);
  const weightFactor = optNumber(fn, "weightFactor", o.weightFactor, 1.2, { min: 0, minExclusive: true });
  const kinds = types.map(kindOf);
  return {
    types: [...types],
    kinds,
    maxN: Math.max(0, ...kinds.map((k) => (k.kind === "n" ? k.order : 0))),
    weightFactor,
    tokenizer,
    useStemmer,
    tokenize: makeRougeTokenizer(tokenizer, useStemmer),
    multiReference,
  };
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** Writes precision, recall and F1 (by default their harmonic mean) to `out[at .. at + 3)`. */
function putScore(
  out: Float64Array,
  at: number,
  precision: number,
  recall: number,
  f1 = fmeasure(precision, recall),
): void {
  out[at] = precision;
  out[at + 1] = recall;
  out[at + 2] = f1;
}

/** The score whose precision, recall and F1 are `out[at .. at + 3)`. */
function scoreAt(out: Float64Array, at: number): RougeScore {
  return { precision: out[at]!, recall: out[at + 1]!, fmeasure: out[at + 2]! };
}

/**
 * Reusable scratch space for scoring many pairs: one token-id dictionary and growable buffers, so
 * a pair costs no Map or array allocation beyond its tokens.
 */
class Workspace {
  readonly ids = new Map<string, number>();
  /** The fused tokenizer + dictionary of the "rouge-score" tokenizer (undefined for "unicode"). */
  readonly fast: RougeTokenIds | undefined;

  /** Per order up to the highest ROUGE-N: n-grams and clipped matches ({@link ngramMatches}). */
  readonly perOrder: Int32Array;

  constructor(resolved: Resolved) {
    this.fast = resolved.tokenizer === "rouge-score" ? new RougeTokenIds(resolved.useStemmer) : undefined;
    this.perOrder = new Int32Array(3 * resolved.maxN);
  }

  /** Number of token ids in use (ids are below it). */
  get vocabulary(): number {
    return this.fast === undefined ? this.ids.size : this.fast.size;
  }

  counts = new Int32Array(1024);
  row0 = new Int32Array(64);
  row1 = new Int32Array(64);

  encode(tokens: readonly string[]): Int32Array {
    return Int32Array.from(tokens, (token) => internIn(this.ids, token));
  }

  countsFor(size: number): Int32Array {
    if (this.counts.length < size) this.counts = new Int32Array(Math.max(size, 2 * this.counts.length));
    return this.counts;
  }

  rows(size: number): [Int32Array, Int32Array] {
    if (this.row0.length < size) {
      this.row0 = new Int32Array(2 * size);
      this.row1 = new Int32Array(2 * size);
    }
    return [this.row0, this.row1];
  }
}

/** rouge-score `_score_ngrams`: clipped overlap over max(count, 1). */
function scoreNgrams(
  target: Int32Array,
  prediction: Int32Array,
  n: number,
  perOrder: Int32Array,
  out: Float64Array,
  at: number,
): void {
  const overlap = perOrder[3 * (n - 1) + 2]!;
  const targetCount = Math.max(target.length - n + 1, 0);
  const predictionCount = Math.max(prediction.length - n + 1, 0);
  putScore(out, at, overlap / Math.max(predictionCount, 1), overlap / Math.max(targetCount, 1));
}

/**
 * LCS length by bit-parallel dynamic programming (Allison & Dix 1986; Hyyro 2004) when the shorter
 * side has at most 31 tokens: one 32-bit word holds a whole DP row, O(|longer|) word operations.
 * Row update: U = V & M[a_i]; V = (V + U) | (V & ~U); the LCS is the number of zero bits of V.
 */
function lcsLengthBits(a: Int32Array, b: Int32Array, ws: Workspace): number {
  const m = b.length;
  const full = m === 31 ? 0x7fffffff : (1 << m) - 1;
  const masks = ws.countsFor(ws.vocabulary);
  for (let j = 0; j < m; j++) masks[b[j] as number] = (masks[b[j] as number] as number) | (1 << j);
  let v = full;
  for (let i = 0; i < a.length; i++) {
    const u = v & (masks[a[i] as number] as number);
    v = ((v + u) | (v & ~u)) & full;
  }
  for (let j = 0; j < m; j++) masks[b[j] as number] = 0;
  let ones = 0;
  for (let x = v; x !== 0; x &= x - 1) ones++;
  return m - ones;
}

/** Length of the longest common subsequence (bit-parallel for short sides, else two DP rows). */
function lcsLength(a: Int32Array, b: Int32Array, ws: Workspace): number {
  if (b.length <= 31 && b.length <= a.length) return lcsLengthBits(a, b, ws);
  if (a.length <= 31) return lcsLengthBits(b, a, ws);
  return lcsLengthRows(a, b, ws);
}

/** Length of the longest common subsequence, two reusable rows of the DP table. */
function lcsLengthRows(a: Int32Array, b: Int32Array, ws: Workspace): number {
  const cols = b.length;
  let [previous, current] = ws.rows(cols + 1);
  previous.fill(0, 0, cols + 1);
  current.fill(0, 0, cols + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= cols; j++) {
      if (ai === b[j - 1]) current[j] = (previous[j - 1] as number) + 1;
      else {
        const up = previous[j] as number;
        const left = current[j - 1] as number;
        current[j] = Math.max(up, left);
      }
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[cols] as number;
}

function scoreLcs(
  target: Int32Array,
  prediction: Int32Array,
  ws: Workspace,
  out: Float64Array,
  at: number,
): void {
  const lcs = target.length === 0 || prediction.length === 0 ? 0 : lcsLength(target, prediction, ws);
  putScore(out, at, lcs / Math.max(prediction.length, 1), lcs / Math.max(target.length, 1));
}

/** Indices into `ref` of one LCS, read back exactly as rouge-score's `_backtrack_norec`. */
function lcsIndices(ref: Int32Array, can: Int32Array): number[] {
  const rows = ref.length;
  const cols = can.length;
  const width = cols + 1;
  const table = new Int32Array((rows + 1) * width);
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      if (ref[i - 1] === can[j - 1]) table[i * width + j] = (table[(i - 1) * width + j - 1] as number) + 1;
      else
        table[i * width + j] = Math.max(
          table[(i - 1) * width + j] as number,
          table[i * width + j - 1] as number,
        );
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if ((table[i * width + j - 1] as number) > (table[(i - 1) * width + j] as number)) j--;
    else i--;
  }
  return out;
}

/** rouge-score `_summary_level_lcs`: union LCS per reference sentence, with per-token hit budgets. */
function scoreSummaryLcs(refSentences: readonly string[][], canSentences: readonly string[][]): RougeScore {
  if (refSentences.length === 0 || canSentences.length === 0) return ZERO;
  let m = 0;
  let n = 0;
  for (const s of refSentences) m += s.length;
  for (const s of canSentences) n += s.length;
  if (m === 0 || n === 0) return ZERO;
  const ids = new Map<string, number>();
  const encode = (tokens: readonly string[]): Int32Array => Int32Array.from(tokens, (t) => internIn(ids, t));
  const refs = refSentences.map(encode);
  const cans = canSentences.map(encode);
  const budgetRef = new Int32Array(ids.size);
  const budgetCan = new Int32Array(ids.size);
  for (const s of refs) for (const id of s) budgetRef[id] = (budgetRef[id] as number) + 1;
  for (const s of cans) for (const id of s) budgetCan[id] = (budgetCan[id] as number) + 1;
  let hits = 0;
  for (const ref of refs) {
    const union = new Set<number>();
    for (const can of cans) for (const index of lcsIndices(ref, can)) union.add(index);
    const sorted = [...union].sort((a, b) => a - b);
    for (const index of sorted) {
      const id = ref[index] as number;
      if ((budgetCan[id] as number) > 0 && (budgetRef[id] as number) > 0) {
        hits++;
        budgetCan[id] = (budgetCan[id] as number) - 1;
        budgetRef[id] = (budgetRef[id] as number) - 1;
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function sentences(text: string): string[] {
  return text.split("\n").filter((line) => line.length > 0);
}

/** Scores one pair into `out` (precision, recall, F1 of type t at 3t, 3t+1, 3t+2). */
function scorePairInto(
  target: string,
  prediction: string,
  resolved: Resolved,
  ws: Workspace,
  out: Float64Array,
): void {
  const { types, tokenize, kinds } = resolved;
  let targetIds: Int32Array | undefined;
  let predictionIds: Int32Array | undefined;
  let perOrder: Int32Array | undefined;
  const encode = (text: string): Int32Array =>
    ws.fast !== undefined ? ws.fast.encode(text) : ws.encode(tokenize(text));
  for (let t = 0; t < types.length; t++) {
    const kind = kinds[t]!;
    if (kind.kind === "Lsum") {
      const s = scoreSummaryLcs(sentences(target).map(tokenize), sentences(prediction).map(tokenize));
      putScore(out, 3 * t, s.precision, s.recall, s.fmeasure);
      continue;
    }
    if (targetIds === undefined || predictionIds === undefined) {
      // One dictionary for the whole batch (a fresh Map per pair costs more than the lookups),
      // cleared between pairs only to bound memory.
      if (ws.fast !== undefined) {
        if (ws.fast.size > 1 << 20) ws.fast.clear();
      } else if (ws.ids.size > 1 << 20) ws.ids.clear();
      targetIds = encode(target);
      predictionIds = encode(prediction);
    }
    let scores: [number, number, number] | undefined;
    if (kind.kind === "W") {
      const refSentences = sentences(target).map(encode);
      const candSentences = sentences(prediction).map(encode);
      scores = rougeWeightedLcs(refSentences, candSentences, ws.vocabulary, resolved.weightFactor);
    } else if (kind.kind === "S")
      scores = rougeSkipBigram(targetIds, predictionIds, ws.vocabulary, kind.distance, kind.unigrams);
    if (scores !== undefined) putScore(out, 3 * t, ...scores);
    else if (kind.kind === "L") scoreLcs(targetIds, predictionIds, ws, out, 3 * t);
    else if (kind.kind === "n") {
      // The clipped matches of every order up to the highest ROUGE-N asked, once per pair.
      if (perOrder === undefined) {
        perOrder = ws.perOrder;
        ngramMatches(
          predictionIds,
          predictionIds.length,
          [targetIds],
          [targetIds.length],
          ws.vocabulary,
          resolved.maxN,
          perOrder,
        );
      }
      scoreNgrams(targetIds, predictionIds, kind.order, perOrder, out, 3 * t);
    }
  }
}

function scorePair(
  target: string,
  prediction: string,
  resolved: Resolved,
  ws: Workspace,
): Record<string, RougeScore> {
  const out = new Float64Array(3 * resolved.types.length);
  scorePairInto(target, prediction, resolved, ws, out);
  const result: Record<string, RougeScore> = {};
  resolved.types.forEach((type, t) => {
    result[type] = scoreAt(out, 3 * t);
  });
  return result;
}

function combineReferences(
  scores: readonly Record<string, RougeScore>[],
  resolved: Resolved,
): Record<string, RougeScore> {
  if (scores.length === 1) return scores[0] as Record<string, RougeScore>;
  const out: Record<string, RougeScore> = {};
  const argmaxF = (type: string): number => {
    let best = 0;
    for (let i = 1; i < scores.length; i++) {
      if ((scores[i]?.[type]?.fmeasure as number) > (scores[best]?.[type]?.fmeasure as number)) best = i;
    }
    return best;
  };
  if (resolved.multiReference === "max-by-first-type") {
    const best = argmaxF(resolved.types[0] as string);
    for (const type of resolved.types) out[type] = scores[best]?.[type] as RougeScore;
    return out;
  }
  for (const type of resolved.types) {
    if (resolved.multiReference === "max-per-type") {
      out[type] = scores[argmaxF(type)]?.[type] as RougeScore;
    } else {
      let p = 0;
      let r = 0;
      let f = 0;
      for (const s of scores) {
        const t = s[type] as RougeScore;
        p += t.precision;
        r += t.recall;
        f += t.fmeasure;
      }
      out[type] = { precision: p / scores.length, recall: r / scores.length, fmeasure: f / scores.length };
    }
  }
  return out;
}

/** Predictions with one reference (a string) or several (a non-empty array) each. */
function validateBatch(
  fn: string,
  predictions: unknown,
  references: unknown,
): readonly (readonly string[])[] {
  return checkPairs(predictions, references, fn, "predictions").references;
}

/**
 * ROUGE of one pair, as rouge-score 0.1.2 `RougeScorer(types, use_stemmer).score(target,
 * prediction)`; plumbline takes the prediction first, as every text metric does.
 *
 * Empty or token-less sides give precision = recall = F1 = 0 (rouge-score's convention).
 *
 * @example rougeScore("the cat ran", "the cat sat", { rougeTypes: ["rouge1"] }).rouge1.fmeasure // 2/3
 */
export function rougeScore(
  prediction: string,
  target: string,
  options?: RougeOptions,
): Record<string, RougeScore> {
  const resolved = resolveOptions(options, "rougeScore");
  checkHypothesis(prediction, "rougeScore", "prediction");
  checkHypothesis(target, "rougeScore", "target");
  return scorePair(target, prediction, resolved, new Workspace(resolved));
}

/**
 * rouge-score 0.1.2 `score_multi(targets, prediction)` (or the torchmetrics variants by
 * `multiReference`); plumbline takes the prediction first.
 */
export function rougeScoreMulti(
  prediction: string,
  targets: readonly string[],
  options?: RougeOptions,
): Record<string, RougeScore> {
  const resolved = resolveOptions(options, "rougeScoreMulti");
  const refs = validateBatch("rougeScoreMulti", [prediction], [targets])[0]!;
  const ws = new Workspace(resolved);
  return combineReferences(
    refs.map((t) => scorePair(t, prediction, resolved, ws)),
    resolved,
  );
}

/** Per-pair scores for a batch (each reference a string or a list of strings). */
export function rougePairs(
  predictions: readonly string[],
  references: readonly (string | readonly string[])[],
  options?: RougeOptions,
): Record<string, RougeScore>[] {
  const resolved = resolveOptions(options, "rougePairs");
  const refs = validateBatch("rougePairs", predictions, references);
  const ws = new Workspace(resolved);
  return predictions.map((p, i) =>
    combineReferences(
      refs[i]!.map((t) => scorePair(t, p, resolved, ws)),
      resolved,
    ),
  );
}

/**
 * ROUGE as a mergeable metric: the mean over pairs of precision, recall and F1 per type (the mean
 * torchmetrics 1.9.0 ROUGEScore reports, and the `mid` of rouge-score's BootstrapAggregator without
 * resampling). The state keeps every pair's scores, so {@link rougeBootstrap} can resample it.
 *
 * Cost: O(|ref| * |hyp|) per pair for rougeL/Lsum, O(|ref| + |hyp|) for rougeN.
 * With no pairs, every mean is NaN.
 */
export function rougeDef(
  options?: RougeOptions,
): MetricDef<
  RougeState,
  [predictions: readonly string[], references: readonly (string | readonly string[])[]],
  RougeResult
> {
  const resolved = resolveOptions(options, "rouge");
  const id = rougeMeta.id;
  return {
    id,
    meta: rougeMeta,
    options: {
      rougeTypes: [...resolved.types],
      useStemmer: resolved.useStemmer,
      tokenizer: resolved.tokenizer,
      multiReference: resolved.multiReference,
      weightFactor: resolved.weightFactor,
    },
    init: () => ({ count: 0, scores: Object.fromEntries(resolved.types.map((t) => [t, [] as number[]])) }),
    update(state, predictions, references) {
      const refs = validateBatch("rouge", predictions, references);
      const ws = new Workspace(resolved);
      const types = resolved.types;
      const columns = types.map((t) => state.scores[t] as number[]);
      const row = new Float64Array(3 * types.length);
      const batch: number[][] = types.map(() => []);
      for (let i = 0; i < predictions.length; i++) {
        const p = predictions[i] as string;
        const set = refs[i]!;
        if (set.length === 1) scorePairInto(set[0] as string, p, resolved, ws, row);
        else {
          const best = combineReferences(
            set.map((t) => scorePair(t, p, resolved, ws)),
            resolved,
          );
          types.forEach((type, t) => {
            const s = best[type] as RougeScore;
            putScore(row, 3 * t, s.precision, s.recall, s.fmeasure);
          });
        }
        for (let t = 0; t < types.length; t++)
          (batch[t] as number[]).push(
            row[3 * t] as number,
            row[3 * t + 1] as number,
            row[3 * t + 2] as number,
          );
      }
      // Mutate the state only after the whole batch scored.
      columns.forEach((column, t) => {
        for (const v of batch[t] as number[]) column.push(v);
      });
      state.count += predictions.length;
    },
    merge: (a, b) => ({
      count: a.count + b.count,
      scores: Object.fromEntries(
        resolved.types.map((t) => [t, [...(a.scores[t] ?? []), ...(b.scores[t] ?? [])]]),
      ),
    }),
    compute(state) {
      const out: RougeResult = {};
      for (const type of resolved.types) {
        // Exactly rounded sums: the mean does not depend on the order pairs were merged in.
        const column = state.scores[type] as number[];
        out[type] = {
          precision: fsum(column, 0, 3) / state.count,
          recall: fsum(column, 1, 3) / state.count,
          fmeasure: fsum(column, 2, 3) / state.count,
        };
      }
      return out;
    },
    validateState(state): asserts state is RougeState {
      checkState(id, state, {
        count: field.count(),
        scores: field.object(
          Object.fromEntries(resolved.types.map((t) => [t, field.array(field.number(UNIT_INTERVAL))])),
        ),
      });
      const s = state as RougeState;
      for (const type of resolved.types)
        stateInvariant(
          id,
          s.scores[type]!.length === 3 * s.count,
          `state.scores.${type} must hold 3 numbers (precision, recall, F1) per pair: ${3 * s.count} for ${s.count} pairs, got ${s.scores[type]!.length}`,
        );
    },
  };
}

/**
 * Mean ROUGE precision, recall and F1 per type over (prediction, reference) pairs.
 *
 * Matches rouge-score 0.1.2 `RougeScorer.score` / `score_multi` per pair and torchmetrics 1.9.0
 * `rouge_score` (rouge1/2/L) for the mean. Defaults: `rougeTypes` rouge1, rouge2, rougeL; no
 * stemming; rouge-score's ASCII tokenizer (see {@link RougeTokenizer}); rougeLsum splits on "\n".
 *
 * @example rouge(["the cat sat"], ["the cat ran"]).rouge1.fmeasure // 2/3
 */
export function rouge(
  predictions: readonly string[],
  references: readonly (string | readonly string[])[],
  options?: RougeOptions,
): RougeResult {
  return runOnce(rougeDef(options), predictions, references);
}
