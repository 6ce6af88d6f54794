import type { CatalogEntry } from "../../../catalog/types.js";
import { fail } from "../../../core/errors.js";
import { assertAllocation } from "../../../core/limits.js";
import { optBoolean, optionNames, optNumber, optSize, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, runOnce } from "../../../metric.js";
import {
  checkHypothesis,
  checkReferenceStreams,
  type ReferenceStreams,
  sentenceStreams,
} from "../shared/inputs.js";
import {
  allOrderCodes,
  classMatches,
  codesFit,
  directMatches,
  hashedMatches,
  hashedMatchesN,
  localIds,
} from "../shared/ngram-codes.js";
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

export const chrfMeta: CatalogEntry = {
  id: "text/chrf",
  title: "chrF / chrF++ (sacrebleu)",
  kind: "metric",
  tasks: ["nlp"],
  formula:
    "\\mathrm{chrF}_\\beta = 100\\cdot\\frac{(1+\\beta^2)\\,\\overline{P}\\,\\overline{R}}{\\beta^2\\overline{P}+\\overline{R}}, \\overline{P},\\overline{R}\\text{ averaged over character (and word) n-gram orders}",
  range: [0, 100],
  direction: "higher",
  differentiable: false,
  robustness: [
    "Character n-grams reward partial word matches (morphology) and need no tokenizer.",
    "Corpus chrF pools counts; it is not the mean of sentence chrF.",
  ],
  references: [
    { paper: "Popović 2015, chrF: character n-gram F-score; Popović 2017, chrF++" },
    { implementation: "sacrebleu 2.6.0 CHRF.corpus_score / sentence_chrf" },
  ],
  traits: ["machine-translation", "reference-based", "character-level"],
  exports: ["chrf", "chrfDef", "sentenceChrf"],
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

function charNgrams(line: string, maxOrder: number, whitespace: boolean): Map<string, number>[] {
  const text = whitespace ? line : pySplit(line).join("");
  // UTF-16 offsets of code points, so that an n-gram of n code points is one slice.
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    offsets.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  offsets.push(text.length);
  const len = offsets.length - 1;
  const maps: Map<string, number>[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const map = new Map<string, number>();
    for (let i = 0; i + n <= len; i++) {
      const key = text.slice(offsets[i], offsets[i + n]);
      map.set(key, (map.get(key) ?? 0) + 1);
    }
    maps.push(map);
  }
  return maps;
}

function wordNgrams(words: readonly string[], n: number): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(" ");
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

function allNgrams(
  line: string,
  charOrder: number,
  wordOrder: number,
  whitespace: boolean,
): Map<string, number>[] {
  const maps = charNgrams(line, charOrder, whitespace);
  if (wordOrder > 0) {
    const words = chrfWords(line);
    for (let n = 1; n <= wordOrder; n++) maps.push(wordNgrams(words, n));
  }
  return maps;
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
 * Character statistics of one segment with one reference (chrF without word orders), added to
 * `sums` as [hyp, ref, match] per order; false (nothing added) when the codes would not be
 * exact. Same numbers as {@link segmentStatistics}: characters get segment-local ids, the codes
 * of each order are built in place from the previous order in reused buffers, and codes below
 * 2^16 are counted in a direct table instead of hashed.
 */
function singleReferenceCharStatistics(
  hypothesis: string,
  reference: string,
  charOrder: number,
  whitespace: boolean,
  sums: number[],
): boolean {
  newCharGeneration();
  if (hypIdBuffer.length < hypothesis.length) {
    hypIdBuffer = new Int32Array(2 * hypothesis.length);
    hypCodeBuffer = new Float64Array(2 * hypothesis.length);
  }
  if (refIdBuffer.length < reference.length) {
    refIdBuffer = new Int32Array(2 * reference.length);
    refCodeBuffer = new Float64Array(2 * reference.length);
  }
  const hl = charIdsInto(hypothesis, whitespace, hypIdBuffer, 0);
  const rl = charIdsInto(reference, whitespace, refIdBuffer, charSize);
  const size = charSize;
  if (perOrder.length < 3 * charOrder) perOrder = new Int32Array(3 * charOrder);
  if (classMatches(hypIdBuffer, hl, refIdBuffer, rl, size, charOrder, perOrder)) {
    for (let k = 0; k < charOrder; k++) {
      const at = 3 * k;
      const r = perOrder[at + 1]!;
      sums[at]! += r > 0 ? perOrder[at]! : 0;
      sums[at + 1]! += r;
      sums[at + 2]! += perOrder[at + 2]!;
    }
    return true;
  }
  if (!codesFit(size, charOrder)) return false;
  const base = Math.max(size, 2);
  const hypIds = hypIdBuffer;
  const refIds = refIdBuffer;
  const hc = hypCodeBuffer;
  const rc = refCodeBuffer;
  let largest = 1;
  for (let n = 1; n <= charOrder; n++) {
    const hn = hl - n + 1;
    const rn = rl - n + 1;
    if (n === 1) {
      for (let k = 0; k < hl; k++) hc[k] = hypIds[k]!;
      for (let k = 0; k < rl; k++) rc[k] = refIds[k]!;
    } else {
      for (let k = 0; k < hn; k++) hc[k] = hc[k]! * base + hypIds[k + n - 1]!;
      for (let k = 0; k < rn; k++) rc[k] = rc[k]! * base + refIds[k + n - 1]!;
    }
    largest *= base;
    const h = Math.max(hn, 0);
    const r = Math.max(rn, 0);
    const at = 3 * (n - 1);
    sums[at]! += r > 0 ? h : 0;
    sums[at + 1]! += r;
    if (h > 0 && r > 0)
      sums[at + 2]! += largest <= 65536 ? directMatches(hc, h, rc, r) : hashedMatchesN(hc, h, rc, r);
  }
  return true;
}

let hypIdBuffer = new Int32Array(512);
let perOrder = new Int32Array(18);
let refIdBuffer = new Int32Array(512);
let hypCodeBuffer = new Float64Array(512);
let refCodeBuffer = new Float64Array(512);

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

/** [hyp, ref, match] per order for one hypothesis and one reference given sorted codes per order. */
function pairStatistics(hyp: readonly number[][], ref: readonly number[][]): number[] {
  const stats: number[] = [];
  for (let k = 0; k < hyp.length; k++) {
    const h = hyp[k]!;
    const r = ref[k]!;
    stats.push(r.length > 0 ? h.length : 0, r.length, hashedMatches(h, r));
  }
  return stats;
}

/**
 * The statistics of the best reference (highest sentence chrF, first on ties) for one segment.
 * Character and word n-grams become numeric codes over segment-local ids (matched through a hash table); string keys are the fallback when the local vocabulary is too large.
 */
function segmentStatistics(hypothesis: string, references: readonly string[], o: ResolvedChrf): number[] {
  const chars = charIds([hypothesis, ...references], o.whitespace);
  const words = o.wordOrder > 0 ? localIds([chrfWords(hypothesis), ...references.map(chrfWords)]) : null;
  const fits = codesFit(chars.size, o.charOrder) && (words === null || codesFit(words.size, o.wordOrder));
  let best: number[] = [];
  let bestF = -1;
  if (fits) {
    const cb = Math.max(chars.size, 2);
    const wb = words === null ? 2 : Math.max(words.size, 2);
    const codes = (k: number): number[][] => {
      const out = allOrderCodes(chars.ids[k]!, o.charOrder, cb);
      if (words !== null) out.push(...allOrderCodes(words.ids[k]!, o.wordOrder, wb));
      return out;
    };
    const hyp = codes(0);
    for (let r = 0; r < references.length; r++) {
      const stats = pairStatistics(hyp, codes(r + 1));
      const f = chrfFromStatistics(stats, o.beta, o.epsSmoothing);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    return best;
  }
  const hyp = allNgrams(hypothesis, o.charOrder, o.wordOrder, o.whitespace);
  for (const ref of references) {
    const refMaps = allNgrams(ref, o.charOrder, o.wordOrder, o.whitespace);
    const stats: number[] = [];
    for (let k = 0; k < hyp.length; k++) {
      const h = hyp[k]!;
      const r = refMaps[k]!;
      let match = 0;
      let hypCount = 0;
      for (const [key, count] of h) {
        hypCount += count;
        const rc = r.get(key);
        if (rc !== undefined) match += Math.min(count, rc);
      }
      let refCount = 0;
      for (const c of r.values()) refCount += c;
      stats.push(r.size > 0 ? hypCount : 0, refCount, match);
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
    fail("invalid_option", `${fn}: options \`charOrder\` + \`wordOrder\` must be >= 1, got 0`);
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
        if (
          singleChar &&
          refs.length === 1 &&
          singleReferenceCharStatistics(
            prep(checked.hypotheses[i]!),
            prep(refs[0]!),
            o.charOrder,
            o.whitespace,
            sums,
          )
        )
          continue;
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
      if (state.segments === 0)
        fail("empty_input", `${fn}: no segments to score (sacrebleu raises on an empty corpus)`);
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
