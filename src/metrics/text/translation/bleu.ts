import { optBoolean, optionNames, optNumber, optOneOf, optSize, readOptions } from "../../../core/options.js";
import { checkState, field } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import {
  checkHypothesis,
  checkReferenceStreams,
  type ReferenceStreams,
  refuseEmptyCorpus,
  sentenceStreams,
} from "../shared/inputs.js";
import { ngramMatches, tokenMatches } from "../shared/ngram-matches.js";
import {
  checkAtMost,
  checkSegmentCounts,
  mergeSegmentCounts,
  noSegments,
  nrefs,
  type SegmentCounts,
  segmentCountFields,
} from "../shared/state.js";
import { pyRstrip, pySplit } from "../tokenizers/python-strings.js";
import {
  preprocessBleuSegment,
  type SacrebleuTokenizerName,
  sacrebleuTokenizer,
  sacrebleuTokenizerNames,
  tokenize13aIds,
  tokenize13aTokens,
} from "../tokenizers/sacrebleu.js";
import { SpanInterner } from "../tokenizers/span-interner.js";

/** sacrebleu's BLEU smoothing methods (Chen & Cherry 2014). */
export type BleuSmoothMethod = "exp" | "floor" | "add-k" | "none";

/** sacrebleu's BLEU smoothing methods. */
export const bleuSmoothMethods: readonly BleuSmoothMethod[] = ["exp", "floor", "add-k", "none"];

/** Options of sacrebleu-compatible BLEU (sacrebleu 2.6.0 `BLEU` names, camelCased). */
export interface BleuOptions {
  /** sacrebleu tokenizer: "13a" (default), "intl", "zh", "char" or "none". */
  readonly tokenize?: SacrebleuTokenizerName;
  /** Lowercase hypotheses and references first (default false). */
  readonly lowercase?: boolean;
  /** "exp" (default; NIST geometric halving), "floor", "add-k" or "none". */
  readonly smoothMethod?: BleuSmoothMethod;
  /** Value for "floor" (default 0.1) and "add-k" (default 1). */
  readonly smoothValue?: number | null;
  /** Highest n-gram order (default 4). */
  readonly maxNgramOrder?: number;
  /** Average only over the orders that have hypothesis n-grams (default false for the corpus, true for {@link sentenceBleu}). */
  readonly effectiveOrder?: boolean;
}

/** BLEU with its sufficient statistics, as sacrebleu's `BLEUScore` reports them. */
export interface BleuScore {
  /** BLEU in [0, 100]. */
  readonly score: number;
  /** Clipped matching n-grams per order. */
  readonly counts: readonly number[];
  /** Hypothesis n-grams per order. */
  readonly totals: readonly number[];
  /** Precision per order in percent (after smoothing). */
  readonly precisions: readonly number[];
  /** Brevity penalty. */
  readonly bp: number;
  readonly sysLen: number;
  readonly refLen: number;
  /** sysLen / refLen (0 when refLen is 0). */
  readonly ratio: number;
  /** sacrebleu's reproducibility signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  readonly signature: string;
}

/** Streaming state: sums of per-segment statistics (all exact integer counts). */
export interface BleuState extends SegmentCounts {
  sysLen: number;
  refLen: number;
  correct: number[];
  total: number[];
}

/** The sacrebleu version whose behaviour (and signature) plumbline reproduces. */
export const SACREBLEU_VERSION = "2.6.0";

const SMOOTH_DEFAULTS: Readonly<Record<BleuSmoothMethod, number | null>> = {
  none: null,
  floor: 0.1,
  "add-k": 1,
  exp: null,
};

export const corpusBleuMeta: MetricMeta = {
  id: "text/corpus_bleu",
  range: [0, 100],
  direction: "higher",
  conventions: ["sacrebleu-2.6.0"],
};

interface ResolvedBleuOptions {
  readonly tokenize: SacrebleuTokenizerName;
  readonly lowercase: boolean;
  readonly smoothMethod: BleuSmoothMethod;
  readonly smoothValue: number | null;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean;
}

const BLEU_OPTIONS = optionNames<BleuOptions>()(
  "tokenize",
  "lowercase",
  "smoothMethod",
  "smoothValue",
  "maxNgramOrder",
  "effectiveOrder",
);

/** Bytes of state per n-gram order (clipped matches and totals, float64 each). */
const BYTES_PER_ORDER = 16;

function resolveOptions(options: unknown, fn: string, effectiveDefault: boolean): ResolvedBleuOptions {
  const o = readOptions<BleuOptions>(fn, options, BLEU_OPTIONS);
  const tokenize = optOneOf(fn, "tokenize", o.tokenize, sacrebleuTokenizerNames, "13a");
  const smoothMethod = optOneOf(fn, "smoothMethod", o.smoothMethod, bleuSmoothMethods, "exp");
  const smoothValue =
    o.smoothValue === null || o.smoothValue === undefined
      ? SMOOTH_DEFAULTS[smoothMethod]
      : optNumber(fn, "smoothValue", o.smoothValue, 0, { min: 0 });
  const maxNgramOrder = optSize(fn, "maxNgramOrder", o.maxNgramOrder, 4, {
    bytesPerUnit: BYTES_PER_ORDER,
  }) as number;
  return {
    tokenize,
    lowercase: optBoolean(fn, "lowercase", o.lowercase, false),
    smoothMethod,
    smoothValue,
    maxNgramOrder,
    effectiveOrder: optBoolean(fn, "effectiveOrder", o.effectiveOrder, effectiveDefault),
  };
}

/** sacrebleu's closest reference length: smallest |hyp - ref|, ties to the shorter reference. */
export function closestRefLength(hypLen: number, refLens: readonly number[]): number {
  let bestDiff = -1;
  let best = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = len;
    } else if (diff === bestDiff && len < best) best = len;
  }
  return best;
}

/**
 * BLEU from sufficient statistics, as sacrebleu 2.6.0 `BLEU.compute_bleu`: brevity penalty
 * `exp(1 - r/c)` when c < r (0 when c = 0); no match at all gives 0; orders with no hypothesis
 * n-gram stop the loop; "exp" replaces a zero precision by 100 / (2^k * total), "floor" by
 * 100 * value / total, "add-k" adds k to counts and totals of orders >= 2; log(0) is floored at
 * -9999999999 as sacrebleu does. With `effectiveOrder` the mean runs over the orders reached.
 */
export function computeBleuFromStatistics(
  correctIn: readonly number[],
  totalIn: readonly number[],
  sysLen: number,
  refLen: number,
  smoothMethod: BleuSmoothMethod = "none",
  smoothValue: number | null = null,
  effectiveOrder = false,
  maxNgramOrder = correctIn.length,
): { score: number; bp: number; precisions: number[]; counts: number[]; totals: number[] } {
  const value = smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const correct = correctIn.slice(0, maxNgramOrder);
  const total = totalIn.slice(0, maxNgramOrder);
  let bp = 1;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  const precisions = new Array<number>(maxNgramOrder).fill(0);
  if (!correct.some((c) => c !== 0)) return { score: 0, bp, precisions, counts: correct, totals: total };
  let smoothMteval = 1;
  let effOrder = maxNgramOrder;
  for (let n = 1; n <= maxNgramOrder; n++) {
    if (smoothMethod === "add-k" && n > 1) {
      correct[n - 1]! += value;
      total[n - 1]! += value;
    }
    if (total[n - 1] === 0) break;
    if (effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (smoothMethod === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (smoothMethod === "floor") {
        precisions[n - 1] = (100 * value) / total[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  let logSum = 0;
  for (let n = 0; n < effOrder; n++) {
    const p = precisions[n]!;
    logSum += p === 0 ? -9999999999 : Math.log(p);
  }
  return { score: bp * Math.exp(logSum / effOrder), bp, precisions, counts: correct, totals: total };
}

/** sacrebleu's BLEU signature string, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
export function bleuSignature(
  options: BleuOptions | undefined,
  nrefs: number | "var",
  short = false,
): string {
  const o = resolveOptions(options, "bleuSignature", false);
  let smooth: string = o.smoothMethod;
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  if (def !== null) smooth += `[${(o.smoothValue ?? def).toFixed(2)}]`;
  const pairs: [string, string, string][] = [
    ["nrefs", "#", String(nrefs)],
    ["case", "c", o.lowercase ? "lc" : "mixed"],
    ["eff", "e", o.effectiveOrder ? "yes" : "no"],
    ["tok", "tok", o.tokenize],
    ["smooth", "s", smooth],
    ["version", "v", SACREBLEU_VERSION],
  ];
  return pairs.map(([long, abbr, v]) => `${short ? abbr : long}:${v}`).join("|");
}

/**
 * BLEU statistics of one segment with one reference under the `13a` tokenizer, without token
 * strings: tokens are interned to corpus ids straight from the line, remapped to segment-local
 * ids in reused buffers, and matched by {@link ngramMatches}. Same counts as the general path.
 */
class SingleReference13a {
  #interner = new SpanInterner(4096);
  readonly #tokens = { ids: new Int32Array(256) };
  #stamp = new Int32Array(4096);
  #localOf = new Int32Array(4096);
  #generation = 0;
  #hypIds = new Int32Array(256);
  #refIds = new Int32Array(256);
  #perOrder = new Int32Array(12);
  readonly #refs: Int32Array[] = [];
  readonly #refLengths: number[] = [];
  hypLength = 0;
  refLength = 0;

  /** Adds clipped matches and totals per order. */
  segment(hyp: string, ref: string, maxOrder: number, correct: number[], total: number[]): void {
    // The interner lives as long as the definition (batches of any size reuse it); a fresh one
    // past a million distinct tokens bounds its memory.
    if (this.#interner.size > 1 << 20) this.#interner = new SpanInterner(4096);
    const hypEnd = tokenize13aIds(hyp, this.#interner, this.#tokens, 0);
    const refEnd = tokenize13aIds(ref, this.#interner, this.#tokens, hypEnd);
    const ids = this.#tokens.ids;
    const hl = hypEnd;
    const rl = refEnd - hypEnd;
    if (this.#stamp.length < this.#interner.size) {
      const size = Math.max(this.#interner.size, 2 * this.#stamp.length);
      this.#stamp = new Int32Array(size);
      this.#localOf = new Int32Array(size);
      this.#generation = 0;
    }
    if (++this.#generation === 0x7fffffff) {
      this.#stamp.fill(0);
      this.#generation = 1;
    }
    if (this.#hypIds.length < hl) this.#hypIds = new Int32Array(2 * hl);
    if (this.#refIds.length < rl) this.#refIds = new Int32Array(2 * rl);
    const size = this.#local(ids, hypEnd, this.#refIds, rl, this.#local(ids, 0, this.#hypIds, hl, 0));
    if (this.#perOrder.length < 3 * maxOrder) this.#perOrder = new Int32Array(3 * maxOrder);
    const perOrder = this.#perOrder;
    this.#refs[0] = this.#refIds;
    this.#refLengths[0] = rl;
    ngramMatches(this.#hypIds, hl, this.#refs, this.#refLengths, size, maxOrder, perOrder);
    for (let n = 0; n < maxOrder; n++) {
      total[n]! += perOrder[3 * n]!;
      correct[n]! += perOrder[3 * n + 2]!;
    }
    this.hypLength = hl;
    this.refLength = rl;
  }

  /** Writes the segment-local ids of `ids[from .. from + length)` to `to`; returns the ids in use. */
  #local(ids: Int32Array, from: number, to: Int32Array, length: number, size: number): number {
    const g = this.#generation;
    const stamp = this.#stamp;
    const localOf = this.#localOf;
    let next = size;
    for (let k = 0; k < length; k++) {
      const id = ids[from + k]!;
      if (stamp[id] !== g) {
        stamp[id] = g;
        localOf[id] = next++;
      }
      to[k] = localOf[id]!;
    }
    return next;
  }
}

function bleuDef(
  options: unknown,
  fn: string,
  effectiveDefault: boolean,
  id: string,
): MetricDef<BleuState, [hypotheses: readonly string[], references: ReferenceStreams], BleuScore> {
  const o = resolveOptions(options, fn, effectiveDefault);
  const tokenizer = sacrebleuTokenizer(o.tokenize, fn);
  const maxOrder = o.maxNgramOrder;
  const strip = (s: string): string => pyRstrip(o.lowercase ? s.toLowerCase() : s);
  const prep =
    o.tokenize === "13a"
      ? (s: string): string[] => tokenize13aTokens(pyRstrip(o.lowercase ? s.toLowerCase() : s))
      : (s: string): string[] => pySplit(preprocessBleuSegment(s, tokenizer, o.lowercase));
  // The 13a fast path's buffers and interner, made on first use and reused by every update.
  let fast: SingleReference13a | null = null;
  return {
    id,
    meta: corpusBleuMeta,
    options: { ...o },
    init: () => ({
      ...noSegments(),
      sysLen: 0,
      refLen: 0,
      correct: new Array<number>(maxOrder).fill(0),
      total: new Array<number>(maxOrder).fill(0),
    }),
    update(state, hypotheses, references) {
      const checked = checkReferenceStreams(hypotheses, references, fn);
      if (o.tokenize === "13a") fast ??= new SingleReference13a();
      const correct = new Array<number>(maxOrder).fill(0);
      const total = new Array<number>(maxOrder).fill(0);
      let sysLen = 0;
      let refLen = 0;
      const scratch: string[] = [];
      const perOrder = new Int32Array(3 * maxOrder);
      for (let i = 0; i < checked.hypotheses.length; i++) {
        const refs = checked.referencesOf(i, scratch);
        if (fast !== null && refs.length === 1) {
          fast.segment(strip(checked.hypotheses[i]!), strip(refs[0]!), maxOrder, correct, total);
          sysLen += fast.hypLength;
          refLen += fast.refLength;
          continue;
        }
        const refTokens = refs.map(prep);
        const hypTokens = prep(checked.hypotheses[i]!);
        sysLen += hypTokens.length;
        refLen += closestRefLength(
          hypTokens.length,
          refTokens.map((t) => t.length),
        );
        tokenMatches(hypTokens, refTokens, maxOrder, perOrder);
        for (let n = 0; n < maxOrder; n++) {
          total[n]! += perOrder[3 * n]!;
          correct[n]! += perOrder[3 * n + 2]!;
        }
      }
      state.segments += checked.hypotheses.length;
      state.sysLen += sysLen;
      state.refLen += refLen;
      for (let n = 0; n < maxOrder; n++) {
        state.correct[n]! += correct[n]!;
        state.total[n]! += total[n]!;
      }
      state.minRefs = Math.min(state.minRefs, checked.minRefs);
      state.maxRefs = Math.max(state.maxRefs, checked.maxRefs);
    },
    merge: (a, b) => ({
      ...mergeSegmentCounts(a, b),
      sysLen: a.sysLen + b.sysLen,
      refLen: a.refLen + b.refLen,
      correct: a.correct.map((v, i) => v + b.correct[i]!),
      total: a.total.map((v, i) => v + b.total[i]!),
    }),
    compute(state) {
      if (state.segments === 0) refuseEmptyCorpus(fn, "sacrebleu raises");
      const r = computeBleuFromStatistics(
        state.correct,
        state.total,
        state.sysLen,
        state.refLen,
        o.smoothMethod,
        o.smoothValue,
        o.effectiveOrder,
        maxOrder,
      );
      return {
        score: r.score,
        counts: r.counts,
        totals: r.totals,
        precisions: r.precisions,
        bp: r.bp,
        sysLen: state.sysLen,
        refLen: state.refLen,
        ratio: state.refLen ? state.sysLen / state.refLen : 0,
        signature: bleuSignature(o, nrefs(state)),
      };
    },
    validateState(state): asserts state is BleuState {
      checkState(id, state, {
        ...segmentCountFields,
        sysLen: field.count(),
        refLen: field.count(),
        correct: field.array(field.count(), maxOrder),
        total: field.array(field.count(), maxOrder),
      });
      const s = state as BleuState;
      checkSegmentCounts(id, s);
      checkAtMost(id, s, "correct", "total");
    },
  };
}

/**
 * Corpus BLEU as a streaming metric, identical to sacrebleu 2.6.0 `BLEU(...).corpus_score`.
 *
 * `update(hypotheses, references)`: `references` are sacrebleu's reference streams, exactly as
 * `corpus_bleu(hyps, [refs])`: `references[k][i]` is the k-th reference of `hypotheses[i]`
 * (`null` where a segment has fewer references; see {@link toReferenceStreams} for
 * per-hypothesis lists). Per segment: n-grams of orders 1..N of the tokenized
 * hypothesis, clipped by the per-n-gram maximum over its references; the reference length is
 * the closest one (ties to the shorter). The state sums lengths, clipped counts and totals, so
 * `merge` adds them up and any split of the corpus gives the same score. Empty and
 * whitespace-only segments count as zero tokens (as in sacrebleu). Cost O(total tokens * N).
 */
export function corpusBleuDef(
  options?: BleuOptions,
): MetricDef<BleuState, [hypotheses: readonly string[], references: ReferenceStreams], BleuScore> {
  return bleuDef(options, "corpusBleu", false, "text/corpus_bleu");
}

/**
 * Corpus BLEU, identical to sacrebleu 2.6.0 `corpus_bleu(hyps, [refs])` / `BLEU.corpus_score`
 * (score in [0, 100], with counts, totals, precisions, brevity penalty and signature).
 * `references` are reference streams: `[refs]` for one reference per hypothesis, `[refs1,
 * refs2]` for two.
 *
 * @example corpusBleu(["the cat sat on the mat", "a dog"], [["the cat sat on the mat", "a dog"]]).score // 100
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: ReferenceStreams,
  options?: BleuOptions,
): BleuScore {
  return runOnce(corpusBleuDef(options), hypotheses, references);
}

/**
 * Sentence BLEU, identical to sacrebleu 2.6.0 `sentence_bleu(hypothesis, references)`:
 * corpus BLEU of one segment with `effectiveOrder` on by default (sacrebleu's
 * `use_effective_order=True`) and "exp" smoothing.
 */
export function sentenceBleu(
  hypothesis: string,
  references: string | readonly string[],
  options?: BleuOptions,
): BleuScore {
  const fn = "sentenceBleu";
  const def = bleuDef(options, fn, true, "text/sentence_bleu");
  return runOnce(def, [checkHypothesis(hypothesis, fn)], sentenceStreams(references, fn));
}
