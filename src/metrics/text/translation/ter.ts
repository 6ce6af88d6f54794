import { addExactSums, exactSums, exactSumsShape, exactToNumber } from "../../../core/exact-sum.js";
import { optBoolean, optionNames, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import {
  beamLevenshteinDistance,
  OP_DELETE as OP_DEL,
  OP_INSERT as OP_INS,
  OP_MATCH as OP_NOP,
  OP_SUBSTITUTE as OP_SUB,
} from "../shared/beam-edit-distance.js";
import {
  checkHypothesis,
  checkReferenceStreams,
  type ReferenceStreams,
  refuse,
  refuseEmptyCorpus,
  sentenceStreams,
} from "../shared/inputs.js";
import {
  checkSegmentCounts,
  mergeSegmentCounts,
  noSegments,
  nrefs,
  plusScores,
  type SegmentCounts,
  segmentCountFields,
} from "../shared/state.js";
import { pyRstrip, pySplit } from "../tokenizers/python-strings.js";
import { SACREBLEU_VERSION } from "./bleu.js";

/** Options of TER (sacrebleu 2.6.0 `TER` names, camelCased). */
export interface TerOptions {
  /** Tercom normalization: XML entities, punctuation split (default false). */
  readonly normalized?: boolean;
  /** Remove punctuation (default false). */
  readonly noPunct?: boolean;
  /** CJK-aware normalization / punctuation removal (default false). */
  readonly asianSupport?: boolean;
  /** Keep case (default false: lowercase). */
  readonly caseSensitive?: boolean;
}

export interface TerScore {
  /** TER in percent (can exceed 100). */
  readonly score: number;
  /** Total edits (shifts + Levenshtein edits) over the corpus. */
  readonly numEdits: number;
  /** Sum over segments of the average reference length. */
  readonly refLength: number;
  /** sacrebleu's signature, e.g. `nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0`. */
  readonly signature: string;
}

export interface TerState extends SegmentCounts {
  edits: number;
  /**
   * Sum over segments of the mean reference length (fractional with several references), as
   * one exact sum (`core/exact-sum.ts` limbs), so merges are bit-identical in any order.
   */
  refLength: Float64Array;
}

export const terMeta: MetricMeta = {
  id: "text/ter",
  range: [0, Infinity],
  direction: "lower",
  conventions: ["sacrebleu-2.6.0"],
};

const RE_SYMBOLS = /([{-~[-` -&(-+:-@/])/gu;
const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/gu;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/gu;

function normalizeGeneralAndWestern(input: string): string {
  let s = input.replaceAll("\n-", "").replaceAll("\n", " ");
  s = s.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
  s = ` ${s} `;
  s = s.replace(RE_SYMBOLS, " $1 ");
  s = s.replaceAll("'s ", " 's ");
  s = s.replace(/'s$/u, " 's");
  s = s.replace(/([^0-9])([.,])/gu, "$1 $2 ");
  s = s.replace(/([.,])([^0-9])/gu, " $1 $2");
  s = s.replace(/([0-9])(-)/gu, "$1 $2 ");
  return s;
}

function normalizeAsian(input: string): string {
  let s = input.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/gu, " $1 ");
  s = s.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/gu, " $1 ");
  s = s.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/gu, " $1 ");
  s = s.replace(/([\u3200-\u3f22])/gu, " $1 ");
  // Tercom's kana rules; anchored at the start of the (space-padded) line, so in practice inert.
  s = s.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/gu, "$1 $2 ");
  s = s.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/gu, "$1 $2 ");
  s = s.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/gu, "$1 $2 ");
  s = s.replace(ASIAN_PUNCT, " $1 ");
  s = s.replace(FULL_WIDTH_PUNCT, " $1 ");
  return s;
}

/**
 * sacrebleu's `TercomTokenizer`: lowercase unless case-sensitive, Tercom normalization when
 * `normalized` (plus CJK splitting with `asianSupport`), punctuation removal with `noPunct`,
 * then whitespace collapsed.
 */
export function tercomTokenize(sentence: string, options?: TerOptions): string {
  const fn = "tercomTokenize";
  const o = resolve(options, fn);
  if (typeof sentence !== "string") refuse(fn, "sentence", "must be a string", sentence);
  return tokenizeTercom(sentence, o);
}

function tokenizeTercom(sentence: string, o: ResolvedTer): string {
  if (!sentence) return "";
  let s = o.caseSensitive ? sentence : sentence.toLowerCase();
  if (o.normalized) {
    s = normalizeGeneralAndWestern(s);
    if (o.asianSupport) s = normalizeAsian(s);
  }
  if (o.noPunct) {
    s = s.replace(/[.,?:;!"()]/gu, "");
    if (o.asianSupport) s = s.replace(ASIAN_PUNCT, "").replace(FULL_WIDTH_PUNCT, "");
  }
  return pySplit(s).join(" ");
}

type ResolvedTer = Required<TerOptions>;

const TER_OPTIONS = optionNames<TerOptions>()("normalized", "noPunct", "asianSupport", "caseSensitive");

function resolve(options: unknown, fn: string): ResolvedTer {
  const o = readOptions<TerOptions>(fn, options, TER_OPTIONS);
  return {
    normalized: optBoolean(fn, "normalized", o.normalized, false),
    noPunct: optBoolean(fn, "noPunct", o.noPunct, false),
    asianSupport: optBoolean(fn, "asianSupport", o.asianSupport, false),
    caseSensitive: optBoolean(fn, "caseSensitive", o.caseSensitive, false),
  };
}

// ---- Tercom edit distance with shifts (sacrebleu lib_ter) ----

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const MAX_SHIFT_CANDIDATES = 1000;
const INF = 1e16;

/**
 * Beam-restricted Levenshtein distance between a hypothesis (word ids) and the fixed reference,
 * with the trace of operations, as sacrebleu's `BeamEditDistance` (without its row cache, which
 * only saves time): {@link beamLevenshteinDistance} with unit costs, read back from the end.
 */
function beamEditDistance(hyp: Int32Array, ref: Int32Array): { distance: number; trace: Uint8Array } {
  const width = ref.length + 1;
  const ops = new Uint8Array((hyp.length + 1) * width);
  const distance = beamLevenshteinDistance(hyp, ref, 1, 1, 1, ops);
  const trace: number[] = [];
  let i = hyp.length;
  let j = ref.length;
  while (i > 0 || j > 0) {
    const op = ops[i * width + j]!;
    trace.push(op);
    if (op === OP_SUB || op === OP_NOP) {
      i--;
      j--;
    } else if (op === OP_INS) j--;
    else i--;
  }
  trace.reverse();
  return { distance, trace: Uint8Array.from(trace) };
}

function shiftWords(words: Int32Array, start: number, length: number, target: number): Int32Array {
  const out = new Int32Array(words.length);
  let k = 0;
  const copy = (from: number, to: number): void => {
    for (let x = from; x < to; x++) out[k++] = words[x]!;
  };
  if (target < start) {
    copy(0, target);
    copy(start, start + length);
    copy(target, start);
    copy(start + length, words.length);
  } else if (target > start + length) {
    copy(0, start);
    copy(start + length, target);
    copy(start, start + length);
    copy(target, words.length);
  } else {
    copy(0, start);
    copy(start + length, length + target);
    copy(start, start + length);
    copy(length + target, words.length);
  }
  return out;
}

/**
 * One round of Tercom's greedy shift search (sacrebleu `_shift`): among shifts of matching
 * word blocks (at most 10 words, 50 positions away) whose words are errors on both sides,
 * the one that lowers the edit distance most, then longest, then earliest, then earliest target.
 */
function bestShift(
  words: Int32Array,
  ref: Int32Array,
  checkedIn: number,
): { delta: number; words: Int32Array; checked: number } {
  const { distance: preScore, trace: invTrace } = beamEditDistance(words, ref);
  // Flip insertions and deletions (rewrite reference into hypothesis), then align.
  const align = new Int32Array(ref.length).fill(-1);
  const refErr: number[] = [];
  const hypErr: number[] = [];
  let posHyp = -1;
  let posRef = -1;
  for (const raw of invTrace) {
    const op = raw === OP_INS ? OP_DEL : raw === OP_DEL ? OP_INS : raw;
    if (op === OP_NOP || op === OP_SUB) {
      posHyp++;
      posRef++;
      align[posRef] = posHyp;
      const e = op === OP_SUB ? 1 : 0;
      hypErr.push(e);
      refErr.push(e);
    } else if (op === OP_INS) {
      posHyp++;
      hypErr.push(1);
    } else {
      posRef++;
      align[posRef] = posHyp;
      refErr.push(1);
    }
  }
  let checked = checkedIn;
  let best: { score: number; length: number; startH: number; idx: number; words: Int32Array } | null = null;
  const nh = words.length;
  const nr = ref.length;
  outer: for (let startH = 0; startH < nh; startH++) {
    for (let startR = 0; startR < nr; startR++) {
      if (Math.abs(startR - startH) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (words[startH + length] === ref[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        // candidate (startH, startR, length)
        let hypErrSum = 0;
        for (let x = startH; x < Math.min(startH + length, hypErr.length); x++) hypErrSum += hypErr[x]!;
        let refErrSum = 0;
        for (let x = startR; x < Math.min(startR + length, refErr.length); x++) refErrSum += refErr[x]!;
        const skip =
          hypErrSum === 0 ||
          refErrSum === 0 ||
          (startH <= align[startR]! && align[startR]! < startH + length);
        if (!skip) {
          let prevIdx = -1;
          for (let offset = -1; offset < length; offset++) {
            let idx: number;
            if (startR + offset === -1) idx = 0;
            else if (startR + offset < nr) idx = align[startR + offset]! + 1;
            else break;
            if (idx === prevIdx) continue;
            prevIdx = idx;
            const shifted = shiftWords(words, startH, length, idx);
            const score = preScore - beamEditDistance(shifted, ref).distance;
            checked++;
            if (
              best === null ||
              score > best.score ||
              (score === best.score &&
                (length > best.length ||
                  (length === best.length &&
                    (-startH > -best.startH || (startH === best.startH && -idx > -best.idx)))))
            ) {
              best = { score, length, startH, idx, words: shifted };
            }
          }
          if (checked >= MAX_SHIFT_CANDIDATES) break outer;
        }
        if (nh === startH + length || nr === startR + length) break;
      }
    }
  }
  if (best === null) return { delta: 0, words, checked };
  return { delta: best.score, words: best.words, checked };
}

/**
 * Tercom's number of edits for one hypothesis against one reference (sacrebleu 2.6.0
 * `translation_edit_rate`): greedy block shifts while they lower the edit distance (and fewer
 * than 1000 candidates were tried), plus the final beam Levenshtein distance. An empty
 * reference gives (hypothesis length, 0).
 */
export function translationEditRate(
  hypWords: readonly string[],
  refWords: readonly string[],
): { edits: number; refLength: number } {
  if (refWords.length === 0) return { edits: hypWords.length, refLength: 0 };
  const vocab = new Map<string, number>();
  const id = (w: string): number => {
    let v = vocab.get(w);
    if (v === undefined) {
      v = vocab.size;
      vocab.set(w, v);
    }
    return v;
  };
  const ref = Int32Array.from(refWords, id);
  let words: Int32Array = Int32Array.from(hypWords, id);
  let shifts = 0;
  let checked = 0;
  for (;;) {
    const r = bestShift(words, ref, checked);
    checked = r.checked;
    if (checked >= MAX_SHIFT_CANDIDATES) break;
    if (r.delta <= 0) break;
    shifts++;
    words = r.words;
  }
  return { edits: shifts + beamEditDistance(words, ref).distance, refLength: refWords.length };
}

/** sacrebleu's TER signature. */
export function terSignature(options: TerOptions | undefined, nrefs: number | "var"): string {
  const o = resolve(options, "terSignature");
  const yn = (b: boolean): string => (b ? "yes" : "no");
  return [
    `nrefs:${nrefs}`,
    `case:${o.caseSensitive ? "mixed" : "lc"}`,
    "tok:tercom",
    `norm:${yn(o.normalized)}`,
    `punct:${yn(!o.noPunct)}`,
    `asian:${yn(o.asianSupport)}`,
    `version:${SACREBLEU_VERSION}`,
  ].join("|");
}

function terDefWith(
  options: unknown,
  fn: string,
): MetricDef<TerState, [hypotheses: readonly string[], references: ReferenceStreams], TerScore> {
  const o = resolve(options, fn);
  const id = "text/ter";
  const tokenize = (s: string): string => tokenizeTercom(pyRstrip(s), o);
  const prepHyp = (s: string): string[] => pySplit(tokenize(s));
  // sacrebleu 2.6.0 tokenizes references twice (once when caching them, once more when
  // extracting their words); with `normalized` the second pass can split further ("x's" -> "x 's").
  const prepRef = (s: string): string[] => pySplit(tokenize(tokenize(s)));
  return {
    id,
    meta: terMeta,
    options: { ...o },
    init: () => ({ ...noSegments(), edits: 0, refLength: exactSums(1) }),
    update(state, hypotheses, references) {
      const checked = checkReferenceStreams(hypotheses, references, fn);
      let edits = 0;
      const refLengths: number[] = [];
      const scratch: string[] = [];
      for (let i = 0; i < checked.hypotheses.length; i++) {
        const refs = checked.referencesOf(i, scratch);
        const hyp = prepHyp(checked.hypotheses[i]!);
        let best = INF;
        let lengths = 0;
        for (const ref of refs) {
          const r = translationEditRate(hyp, prepRef(ref));
          lengths += r.refLength;
          if (r.edits < best) best = r.edits;
        }
        edits += best;
        refLengths.push(lengths / refs.length);
      }
      state.segments += checked.hypotheses.length;
      state.edits += edits;
      state.refLength = plusScores(state.refLength, refLengths, fn);
      state.minRefs = Math.min(state.minRefs, checked.minRefs);
      state.maxRefs = Math.max(state.maxRefs, checked.maxRefs);
    },
    merge: (a, b) => ({
      ...mergeSegmentCounts(a, b),
      edits: a.edits + b.edits,
      refLength: addExactSums(a.refLength, b.refLength),
    }),
    compute(state) {
      if (state.segments === 0) refuseEmptyCorpus(fn, "sacrebleu raises");
      const refLength = exactToNumber(state.refLength);
      let score: number;
      if (refLength > 0) score = state.edits / refLength;
      else score = state.edits > 0 ? 1 : 0;
      return {
        score: 100 * score,
        numEdits: state.edits,
        refLength,
        signature: terSignature(o, nrefs(state)),
      };
    },
    validateState(state): asserts state is TerState {
      checkState(id, state, {
        ...segmentCountFields,
        edits: field.count(),
        refLength: exactSumsShape(1),
      });
      checkSegmentCounts(id, state as TerState);
      stateInvariant(
        id,
        exactToNumber((state as TerState).refLength) >= 0,
        "state.refLength must not be negative",
      );
    },
  };
}

/**
 * TER as a streaming metric, identical to sacrebleu 2.6.0 `TER(...).corpus_score` (including its
 * double tokenization of references, which matters with `normalized`): per
 * segment the fewest edits over its references and the average reference length are added to
 * the state; `merge` adds both; the score is 100 * edits / reference length (100 when all
 * references are empty and there are edits, 0 when both are empty). Cost per segment about
 * O(shift rounds * candidates * L * beam).
 */
export function terDef(
  options?: TerOptions,
): MetricDef<TerState, [hypotheses: readonly string[], references: ReferenceStreams], TerScore> {
  return terDefWith(options, "ter");
}

/** Corpus TER (sacrebleu 2.6.0 `corpus_ter(hyps, [refs])`), in percent; `references` are reference streams, as for {@link corpusBleu}. */
export function ter(
  hypotheses: readonly string[],
  references: ReferenceStreams,
  options?: TerOptions,
): TerScore {
  return runOnce(terDef(options), hypotheses, references);
}

/** Sentence TER (sacrebleu 2.6.0 `sentence_ter`). */
export function sentenceTer(
  hypothesis: string,
  references: string | readonly string[],
  options?: TerOptions,
): TerScore {
  const fn = "sentenceTer";
  return runOnce(terDefWith(options, fn), [checkHypothesis(hypothesis, fn)], sentenceStreams(references, fn));
}
