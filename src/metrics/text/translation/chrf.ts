import { invalidOption } from "../../../core/errors.js";
import { assertAllocation } from "../../../core/limits.js";
import { optBoolean, optionNames, optNumber, optSize, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import {
  checkHypothesis,
  checkReferenceStreams,
  type ReferenceStreams,
  refuseEmptyCorpus,
  sentenceStreams,
} from "../shared/inputs.js";
import { localIds, ngramMatches } from "../shared/ngram-matches.js";
import {
  checkSegmentCounts,
  mergeSegmentCounts,
  noSegments,
  nrefs,
  type SegmentCounts,
  segmentCountFields,
} from "../shared/state.js";
import { isPythonWhitespace, pySplit } from "../tokenizers/python-strings.js";
import { SACREBLEU_VERSION } from "./bleu.js";

/** Options of chrF / chrF++ (sacrebleu 2.6.0 `CHRF` names, camelCased). */
export interface ChrfOptions {
  /** Character n-gram order (default 6). */
  readonly charOrder?: number;
  /** Word n-gram order (default 0; 2 gives chrF++). */
  readonly wordOrder?: number;
  /** Recall weight beta (default 2). */
  readonly beta?: number;
  /** Lowercase first (default false). */
  readonly lowercase?: boolean;
  /** Keep whitespace inside character n-grams (default false). */
  readonly whitespace?: boolean;
  /** chrF++.py / NLTK-style epsilon smoothing instead of sacrebleu's effective order (default false). */
  readonly epsSmoothing?: boolean;
}

export interface ChrfScore {
  /** chrF in [0, 100]. */
  readonly score: number;
  /** "chrF2" or "chrF2++" as sacrebleu names it. */
  readonly name: string;
  /** sacrebleu's signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
  readonly signature: string;
}

/** Streaming state: per order [hyp n-grams, ref n-grams, matches], summed over segments. */
export interface ChrfState extends SegmentCounts {
  stats: number[];
}

export const chrfMeta: MetricMeta = {
  id: "text/chrf",
  range: [0, 100],
  direction: "higher",
  conventions: ["sacrebleu-2.6.0"],
};

const PUNCTS = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

/** sacrebleu's chrF word splitting: one leading or trailing ASCII punctuation mark split off a word. */
export function chrfWords(sentence: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sentence)) {
    const cps = Array.from(w);
    if (cps.length === 1) out.push(w);
    else if (PUNCTS.has(cps[cps.length - 1]!)) {
      const last = cps[cps.length - 1]!;
      out.push(w.slice(0, w.length - last.length), last);
    } else if (PUNCTS.has(cps[0]!)) out.push(cps[0]!, w.slice(cps[0]!.length));
    else out.push(w);
  }
  return out;
}

/**
 * chrF from summed statistics, as sacrebleu 2.6.0 `CHRF._compute_f_score`: precision and
 * recall are averaged over the orders where both hypothesis and reference have n-grams
 * (effective order), then combined as an F-beta score; with `epsSmoothing`, the mean of the
 * per-order F scores with 1e-16 for undefined parts.
 */
export function chrfFromStatistics(stats: readonly number[], beta: number, epsSmoothing = false): number {
  const eps = 1e-16;
  const order = stats.length / 3;
  const factor = beta ** 2;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder++;
    }
  }
  if (epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = 0;
    avgRec = 0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    return (100 * ((1 + factor) * avgPrec * avgRec)) / (factor * avgPrec + avgRec);
  }
  return 0;
}

// Per-segment character ids without a Map: a stamp marks which BMP code points have an id in
// the current segment (astral code points use a small Map).
const bmpStamp = new Int32Array(65536);
const bmpId = new Int32Array(65536);
let charGeneration = 0;
const astralIds = new Map<number, number>();
let charSize = 0;

/** Starts a new id generation: no code point has an id until {@link charIdsInto} gives it one. */
function newCharGeneration(): void {
  charGeneration++;
  if (charGeneration === 0x7fffffff) {
    bmpStamp.fill(0);
    charGeneration = 1;
  }
  astralIds.clear();
  charSize = 0;
}

/**
 * Shared local ids of the code points of several segments, as sacrebleu's chrF sees them
 * (Python whitespace removed unless `whitespace`).
 */
function charIds(texts: readonly string[], whitespace: boolean): { ids: Int32Array[]; size: number } {
  newCharGeneration();
  const ids = texts.map((text) => {
    const out = new Int32Array(text.length);
    return out.subarray(0, charIdsInto(text, whitespace, out, charSize));
  });
  return { ids, size: charSize };
}

/**
 * Adds [hyp, ref, match] per order of one hypothesis and one reference (ids below `size`) to
 * `stats` from index `at`, as sacrebleu counts them: the hypothesis n-grams of an order count only
 * when the reference has n-grams of that order.
 */
function addPairStatistics(
  hyp: Int32Array,
  hl: number,
  ref: Int32Array,
  rl: number,
  size: number,
  order: number,
  stats: number[],
  at: number,
): void {
  if (perOrder.length < 3 * order) perOrder = new Int32Array(3 * order);
  ngramMatches(hyp, hl, [ref], [rl], size, order, perOrder);
  for (let k = 0; k < 3 * order; k += 3) {
    const r = perOrder[k + 1]!;
    stats[at + k]! += r > 0 ? perOrder[k]! : 0;
    stats[at + k + 1]! += r;
    stats[at + k + 2]! += perOrder[k + 2]!;
  }
}

/**
 * Character statistics of one segment with one reference (chrF without word orders), added to
 * `sums` as [hyp, ref, match] per order: the numbers of {@link segmentStatistics} without its
 * allocations (characters get segment-local ids in reused buffers).
 */
function singleReferenceCharStatistics(
  hypothesis: string,
  reference: string,
  charOrder: number,
  whitespace: boolean,
  sums: number[],
): void {
  newCharGeneration();
  if (hypIdBuffer.length < hypothesis.length) hypIdBuffer = new Int32Array(2 * hypothesis.length);
  if (refIdBuffer.length < reference.length) refIdBuffer = new Int32Array(2 * reference.length);
  const hl = charIdsInto(hypothesis, whitespace, hypIdBuffer, 0);
  const rl = charIdsInto(reference, whitespace, refIdBuffer, charSize);
  addPairStatistics(hypIdBuffer, hl, refIdBuffer, rl, charSize, charOrder, sums, 0);
}

let hypIdBuffer = new Int32Array(512);
let perOrder = new Int32Array(18);
let refIdBuffer = new Int32Array(512);

/**
 * The character ids of `text` (Python whitespace dropped unless `whitespace`) written to `out`,
 * sharing ids with the other texts of the current generation; `size` is the number of ids
 * given out so far in this generation. Returns the number of characters.
 */
function charIdsInto(text: string, whitespace: boolean, out: Int32Array, size: number): number {
  const generation = charGeneration;
  let next = size;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!whitespace && isPythonWhitespace(c)) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
        let v = astralIds.get(cp);
        if (v === undefined) {
          v = next++;
          astralIds.set(cp, v);
        }
        out[k++] = v;
        continue;
      }
    }
    if (bmpStamp[c] !== generation) {
      bmpStamp[c] = generation;
      bmpId[c] = next++;
    }
    out[k++] = bmpId[c]!;
  }
  charSize = next;
  return k;
}

/**
 * The statistics of the best reference (highest sentence chrF, first on ties) for one segment:
 * characters and words get segment-local ids, matched by {@link ngramMatches}.
 */
function segmentStatistics(hypothesis: string, references: readonly string[], o: ResolvedChrf): number[] {
  const chars = charIds([hypothesis, ...references], o.whitespace);
  const words = o.wordOrder > 0 ? localIds([chrfWords(hypothesis), ...references.map(chrfWords)]) : null;
  let best: number[] = [];
  let bestF = -1;
  for (let r = 1; r <= references.length; r++) {
    const stats = new Array<number>(3 * (o.charOrder + o.wordOrder)).fill(0);
    const [hc, rc] = [chars.ids[0]!, chars.ids[r]!];
    addPairStatistics(hc, hc.length, rc, rc.length, chars.size, o.charOrder, stats, 0);
    if (words !== null) {
      const [hw, rw] = [words.ids[0]!, words.ids[r]!];
      addPairStatistics(hw, hw.length, rw, rw.length, words.size, o.wordOrder, stats, 3 * o.charOrder);
    }
    const f = chrfFromStatistics(stats, o.beta, o.epsSmoothing);
    if (f > bestF) {
      bestF = f;
      best = stats;
    }
  }
  return best;
}

interface ResolvedChrf {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  epsSmoothing: boolean;
}

const CHRF_OPTIONS = optionNames<ChrfOptions>()(
  "charOrder",
  "wordOrder",
  "beta",
  "lowercase",
  "whitespace",
  "epsSmoothing",
);

/** Bytes of state per n-gram order ([hyp, ref, match] counts, float64 each). */
const BYTES_PER_ORDER = 24;

function resolve(options: unknown, fn: string): ResolvedChrf {
  const o = readOptions<ChrfOptions>(fn, options, CHRF_OPTIONS);
  const charOrder = optSize(fn, "charOrder", o.charOrder, 6, {
    min: 0,
    bytesPerUnit: BYTES_PER_ORDER,
  }) as number;
  const wordOrder = optSize(fn, "wordOrder", o.wordOrder, 0, {
    min: 0,
    bytesPerUnit: BYTES_PER_ORDER,
  }) as number;
  if (charOrder + wordOrder === 0)
    invalidOption(`${fn}: options \`charOrder\` + \`wordOrder\` must be >= 1, got 0`);
  assertAllocation(
    fn,
    `options \`charOrder\` + \`wordOrder\` = ${charOrder + wordOrder}`,
    BYTES_PER_ORDER * (charOrder + wordOrder),
  );
  return {
    charOrder,
    wordOrder,
    beta: optNumber(fn, "beta", o.beta, 2, { min: 0 }),
    lowercase: optBoolean(fn, "lowercase", o.lowercase, false),
    whitespace: optBoolean(fn, "whitespace", o.whitespace, false),
    epsSmoothing: optBoolean(fn, "epsSmoothing", o.epsSmoothing, false),
  };
}

/** sacrebleu's chrF signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
export function chrfSignature(options: ChrfOptions | undefined, nrefs: number | "var"): string {
  const o = resolve(options, "chrfSignature");
  return [
    `nrefs:${nrefs}`,
    `case:${o.lowercase ? "lc" : "mixed"}`,
    `eff:${o.epsSmoothing ? "no" : "yes"}`,
    `nc:${o.charOrder}`,
    `nw:${o.wordOrder}`,
    `space:${o.whitespace ? "yes" : "no"}`,
    `version:${SACREBLEU_VERSION}`,
  ].join("|");
}

function chrfDefWith(
  options: unknown,
  fn: string,
  id: string,
): MetricDef<ChrfState, [hypotheses: readonly string[], references: ReferenceStreams], ChrfScore> {
  const o = resolve(options, fn);
  const order = o.charOrder + o.wordOrder;
  const prep = (s: string): string => (o.lowercase ? s.toLowerCase() : s);
  return {
    id,
    meta: chrfMeta,
    options: { ...o },
    init: () => ({ ...noSegments(), stats: new Array<number>(3 * order).fill(0) }),
    update(state, hypotheses, references) {
      const checked = checkReferenceStreams(hypotheses, references, fn);
      const sums = new Array<number>(3 * order).fill(0);
      // The segment's F score decides only between references; with one reference the stats are
      // always taken, except when the score is NaN (beta = 0 or beta^2 = Infinity), which the
      // general path reproduces.
      const singleChar = o.wordOrder === 0 && o.beta > 0 && Number.isFinite(o.beta ** 2);
      const scratch: string[] = [];
      for (let i = 0; i < checked.hypotheses.length; i++) {
        const refs = checked.referencesOf(i, scratch);
        if (singleChar && refs.length === 1) {
          singleReferenceCharStatistics(
            prep(checked.hypotheses[i]!),
            prep(refs[0]!),
            o.charOrder,
            o.whitespace,
            sums,
          );
          continue;
        }
        const best = segmentStatistics(prep(checked.hypotheses[i]!), refs.map(prep), o);
        for (let k = 0; k < best.length; k++) sums[k]! += best[k]!;
      }
      state.segments += checked.hypotheses.length;
      for (let k = 0; k < sums.length; k++) state.stats[k]! += sums[k]!;
      state.minRefs = Math.min(state.minRefs, checked.minRefs);
      state.maxRefs = Math.max(state.maxRefs, checked.maxRefs);
    },
    merge: (a, b) => ({ ...mergeSegmentCounts(a, b), stats: a.stats.map((v, i) => v + b.stats[i]!) }),
    compute(state) {
      if (state.segments === 0) refuseEmptyCorpus(fn, "sacrebleu raises");
      return {
        score: chrfFromStatistics(state.stats, o.beta, o.epsSmoothing),
        name: `chrF${o.beta}${"+".repeat(o.wordOrder)}`,
        signature: chrfSignature(o, nrefs(state)),
      };
    },
    validateState(state): asserts state is ChrfState {
      checkState(id, state, { ...segmentCountFields, stats: field.array(field.count(), 3 * order) });
      const s = state as ChrfState;
      checkSegmentCounts(id, s);
      for (let k = 0; k < order; k++)
        stateInvariant(
          id,
          s.stats[3 * k + 2]! <= s.stats[3 * k]! && s.stats[3 * k + 2]! <= s.stats[3 * k + 1]!,
          `state.stats: the matches of order ${k + 1} (${s.stats[3 * k + 2]}) must not exceed its hypothesis (${s.stats[3 * k]}) and reference (${s.stats[3 * k + 1]}) n-grams`,
        );
    },
  };
}

/**
 * chrF (and chrF++ with `wordOrder: 2`) as a streaming metric, identical to sacrebleu 2.6.0
 * `CHRF(...).corpus_score`; `update(hypotheses, references)` takes reference streams as
 * {@link corpusBleuDef}. Per segment, the reference with the best sentence chrF is chosen
 * and its [hyp, ref, match] counts per order are added to the state; `merge` adds the counts.
 * Characters are code points; whitespace is removed before character n-grams unless
 * `whitespace`. An empty hypothesis or reference contributes zero counts (score 0 for that
 * segment). Cost O(characters * charOrder) per segment and reference.
 */
export function chrfDef(
  options?: ChrfOptions,
): MetricDef<ChrfState, [hypotheses: readonly string[], references: ReferenceStreams], ChrfScore> {
  return chrfDefWith(options, "chrf", "text/chrf");
}

/**
 * Corpus chrF / chrF++ (sacrebleu 2.6.0 `corpus_chrf(hyps, [refs])`), score in [0, 100];
 * `references` are reference streams, as for {@link corpusBleu}.
 */
export function chrf(
  hypotheses: readonly string[],
  references: ReferenceStreams,
  options?: ChrfOptions,
): ChrfScore {
  return runOnce(chrfDef(options), hypotheses, references);
}

/** Sentence chrF (sacrebleu 2.6.0 `sentence_chrf`): chrF of one segment. */
export function sentenceChrf(
  hypothesis: string,
  references: string | readonly string[],
  options?: ChrfOptions,
): ChrfScore {
  const fn = "sentenceChrf";
  return runOnce(
    chrfDefWith(options, fn, "text/chrf"),
    [checkHypothesis(hypothesis, fn)],
    sentenceStreams(references, fn),
  );
}
