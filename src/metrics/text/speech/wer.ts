import { describeValue, emptyInput, invalidOption, invalidState } from "../../../core/errors.js";
import { assertAllocation } from "../../../core/limits.js";
import { optBoolean, optionNames, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkSinglePairs, checkStrings, refuse } from "../shared/inputs.js";
import { internIn } from "../shared/ngram-matches.js";
import { jiwerChars, jiwerPairWordIds, jiwerWords, PairWordIds } from "../tokenizers/jiwer.js";
import { pyStrip } from "../tokenizers/python-strings.js";
import { type AlignmentBacktrace, alignBitParallel } from "./bit-parallel-alignment.js";

export { jiwerChars, jiwerWords };

/**
 * Word- and character-level error rates of speech recognition: WER, CER, MER, WIL, WIP.
 *
 * Conventions, chosen by `convention` (all count hits H, substitutions S, deletions D and
 * insertions I from an alignment of each reference onto its hypothesis, summed over the corpus):
 * - `"jiwer"` (default; jiwer 2.3.0 with its default transforms): runs of 2+ whitespace become
 *   one space, the text is stripped and split on spaces (CER: stripped, then characters, spaces
 *   included); the alignment is python-Levenshtein 0.12.2's `editops`; WER = (S+D+I)/(H+S+D),
 *   MER = (S+D+I)/(H+S+D+I), WIP = (H/N)(H/P) (0 when the hypotheses have no token),
 *   WIL = 1 - WIP. An empty (or, after the transform, token-less) reference raises, as jiwer
 *   2.x does.
 * - `"jiwer3"` (jiwer 3.1.0): the same transforms and formulas, but the alignment is rapidfuzz's
 *   `Levenshtein.opcodes`, which picks other edit operations on ties, so MER, WIL and WIP (not
 *   WER) can differ from 2.3.0. Empty references still raise.
 * - `"jiwer4"` (jiwer 4.0.0): as jiwer3, and empty references are scored: a reference with no
 *   words aligns as insertions; when the whole corpus has no reference word, WER is the number
 *   of inserted words, MER 0 and WIP 1 for an empty hypothesis, else MER 1 and WIP 0.
 * - `"torchmetrics"` (torchmetrics 1.9.0 functional WER/CER/MER/WIL/WIP): Python `str.split()`
 *   tokens (CER: raw characters, no strip); E = edit distance; WER = E/N, CER = E/N on
 *   characters, MER = E / sum max(N_i, P_i), WIP = (sum max(N_i,P_i) - E)^2 / (N * P),
 *   WIL = 1 - WIP. Empty references are allowed (0/0 gives NaN, as torch does).
 *
 * `contiguous: true` (jiwer conventions) is jiwer's `wer_contiguous` / `cer_contiguous`
 * transform: every hypothesis and every reference is joined into one text (empty ones left out,
 * " " between the others) and the two texts are aligned as one pair, so the numbers of
 * hypotheses and references may differ. The state then keeps the texts (merge concatenates in
 * order) and the alignment runs at `compute`, bounded by the allocation budget (about
 * tokens(hypotheses) * tokens(references) / 2 bytes).
 *
 * Otherwise the state holds integer sums (H, S, D, I, N, P, sum of max(N_i, P_i)), so `merge`
 * adds them and corpus-level values equal one pass over all pairs. Corpus WER is not the mean of
 * sentence WERs. Arguments are (hypotheses, references) in that order.
 */
export type ErrorRateConvention = "jiwer" | "jiwer3" | "jiwer4" | "torchmetrics";

export interface ErrorRateOptions {
  /** "jiwer" (default, 2.3.0), "jiwer3", "jiwer4" or "torchmetrics" (see above). */
  readonly convention?: ErrorRateConvention;
  /** jiwer's `wer_contiguous` / `cer_contiguous`: align all the text as one pair (default false). */
  readonly contiguous?: boolean;
}

/** Summed alignment counts over pairs. */
export interface ErrorRateState {
  pairs: number;
  hits: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  referenceTokens: number;
  hypothesisTokens: number;
  maxTokens: number;
}

/**
 * The state of `contiguous: true`: the transformed, non-empty hypothesis and reference texts in
 * update order (words joined by one space for WER; stripped text for CER).
 */
export interface ContiguousErrorRateState {
  hypotheses: string[];
  references: string[];
}

/** jiwer's `compute_measures` / `process_words` result. */
export interface AlignmentMeasures {
  readonly wer: number;
  readonly mer: number;
  readonly wil: number;
  readonly wip: number;
  readonly hits: number;
  readonly substitutions: number;
  readonly deletions: number;
  readonly insertions: number;
}

type Unit = "word" | "char";

/** The error-rate conventions (see {@link ErrorRateConvention}). */
export const errorRateConventions: readonly ErrorRateConvention[] = [
  "jiwer",
  "jiwer3",
  "jiwer4",
  "torchmetrics",
];

const REFERENCE_VERSION: Readonly<Record<Exclude<ErrorRateConvention, "torchmetrics">, string>> = {
  jiwer: "jiwer 2.3.0",
  jiwer3: "jiwer 3.x",
  jiwer4: "jiwer 4.0.0",
};

/** The backtrace whose edit-operation choice a convention reproduces. */
function backtraceOf(convention: ErrorRateConvention): AlignmentBacktrace {
  return convention === "jiwer" || convention === "torchmetrics" ? "python-levenshtein" : "rapidfuzz";
}

/** The characters a convention aligns (words take the id path of {@link accumulateWords}). */
function characters(text: string, convention: ErrorRateConvention): string[] {
  return convention === "torchmetrics" ? Array.from(text) : jiwerChars(text);
}

/** Aligns one pair of token lists (ids from `vocab`) and adds its counts to `s`. */
function addAlignment(
  s: ErrorRateState,
  refTokens: readonly string[],
  hypTokens: readonly string[],
  vocab: Map<string, number>,
  backtrace: AlignmentBacktrace,
): void {
  const ids = (tokens: readonly string[]): Int32Array => Int32Array.from(tokens, (t) => internIn(vocab, t));
  const ref = ids(refTokens);
  const hyp = ids(hypTokens);
  const counts = new Int32Array(3);
  alignBitParallel(ref, 0, ref.length, hyp, 0, hyp.length, vocab.size, backtrace, counts);
  addPair(s, ref.length, hyp.length, counts);
}

/** The fields of {@link ErrorRateState}, all counts. */
const COUNT_FIELDS: readonly (keyof ErrorRateState)[] = [
  "pairs",
  "hits",
  "substitutions",
  "deletions",
  "insertions",
  "referenceTokens",
  "hypothesisTokens",
  "maxTokens",
];

function emptyState(): ErrorRateState {
  return Object.fromEntries(COUNT_FIELDS.map((k) => [k, 0])) as unknown as ErrorRateState;
}

function emptyReference(fn: string, convention: ErrorRateConvention, reference: unknown, i: number): never {
  return refuse(
    fn,
    "references",
    `must not be empty or whitespace-only (${REFERENCE_VERSION[convention as "jiwer"]} raises; convention "jiwer4" scores empty references)`,
    reference,
    ` at index ${i}`,
  );
}

/** Adds the alignment counts of every pair to `state` (all pairs checked before it changes). */
function accumulate(
  state: ErrorRateState,
  hypotheses: unknown,
  references: unknown,
  unit: Unit,
  convention: ErrorRateConvention,
  fn: string,
): void {
  const pairs = checkSinglePairs(hypotheses, references, fn);
  if (unit === "word") {
    accumulateWords(state, pairs.hypotheses, pairs.references, convention, fn);
    return;
  }
  const refTokens: string[][] = [];
  for (let i = 0; i < pairs.references.length; i++) {
    const tokens = characters(pairs.references[i]!, convention);
    if (tokens.length === 0 && (convention === "jiwer" || convention === "jiwer3"))
      emptyReference(fn, convention, pairs.references[i], i);
    refTokens.push(tokens);
  }
  const vocab = new Map<string, number>();
  const delta = emptyState();
  const backtrace = backtraceOf(convention);
  for (let i = 0; i < pairs.hypotheses.length; i++)
    addAlignment(delta, refTokens[i]!, characters(pairs.hypotheses[i]!, convention), vocab, backtrace);
  delta.pairs = pairs.hypotheses.length;
  addStates(state, delta);
}

/** Adds one aligned pair ([S, D, I] in `counts`) to `s`. */
function addPair(s: ErrorRateState, refLength: number, hypLength: number, counts: Int32Array): void {
  s.hits += refLength - counts[0]! - counts[1]!;
  s.substitutions += counts[0]!;
  s.deletions += counts[1]!;
  s.insertions += counts[2]!;
  s.referenceTokens += refLength;
  s.hypothesisTokens += hypLength;
  s.maxTokens += Math.max(refLength, hypLength);
}

function addStates(target: ErrorRateState, delta: ErrorRateState): void {
  for (const k of Object.keys(delta) as (keyof ErrorRateState)[]) target[k] += delta[k];
}

/**
 * The word path of {@link accumulate}: words get ids local to their pair straight from the text
 * (no word strings; {@link PairWordIds}), on reused buffers. Every reference is checked before
 * any count is added to the state.
 */
function accumulateWords(
  state: ErrorRateState,
  hypotheses: readonly string[],
  references: readonly string[],
  convention: ErrorRateConvention,
  fn: string,
): void {
  // torchmetrics splits with Python's str.split(): every whitespace run separates words.
  const everyWhitespace = convention === "torchmetrics";
  const emptyAllowed = convention === "torchmetrics" || convention === "jiwer4";
  if (!emptyAllowed)
    for (let i = 0; i < references.length; i++)
      if (pyStrip(references[i]!).length === 0) emptyReference(fn, convention, references[i], i);
  const table = new PairWordIds();
  let ids = new Int32Array(256);
  const counts = new Int32Array(3);
  const delta = emptyState();
  const backtrace = backtraceOf(convention);
  for (let i = 0; i < hypotheses.length; i++) {
    const ref = references[i]!;
    const hyp = hypotheses[i]!;
    const room = ((ref.length + hyp.length + 2) >> 1) + 2;
    if (ids.length < room) ids = new Int32Array(2 * room);
    table.reset(room);
    const refLength = jiwerPairWordIds(ref, table, ids, 0, everyWhitespace);
    const hypLength = jiwerPairWordIds(hyp, table, ids, refLength, everyWhitespace) - refLength;
    alignBitParallel(ids, 0, refLength, ids, refLength, hypLength, table.size, backtrace, counts);
    addPair(delta, refLength, hypLength, counts);
  }
  delta.pairs = hypotheses.length;
  addStates(state, delta);
}

function mergeStates(a: ErrorRateState, b: ErrorRateState): ErrorRateState {
  const out = emptyState();
  for (const k of Object.keys(out) as (keyof ErrorRateState)[]) out[k] = a[k] + b[k];
  return out;
}

/**
 * jiwer's measures from summed counts: `compute_measures` of jiwer 2.3.0 and `process_words` of
 * jiwer 3.x; with `convention: "jiwer4"`, jiwer 4.0.0's rule for a corpus without reference
 * words (WER = insertions, MER and WIP from whether the hypotheses are empty).
 */
export function measuresFromCounts(
  s: ErrorRateState,
  convention: ErrorRateConvention = "jiwer",
): AlignmentMeasures {
  const { hits: H, substitutions: S, deletions: D, insertions: I } = s;
  const counts = { hits: H, substitutions: S, deletions: D, insertions: I };
  if (convention === "jiwer4" && s.referenceTokens === 0) {
    const silent = s.hypothesisTokens === 0;
    return { wer: I, mer: silent ? 0 : 1, wil: silent ? 0 : 1, wip: silent ? 1 : 0, ...counts };
  }
  const wip = s.hypothesisTokens >= 1 ? (H / s.referenceTokens) * (H / s.hypothesisTokens) : 0;
  return { wer: (S + D + I) / (H + S + D), mer: (S + D + I) / (H + S + D + I), wil: 1 - wip, wip, ...counts };
}

type RateKind = "wer" | "cer" | "mer" | "wil" | "wip";

function rate(kind: RateKind, s: ErrorRateState, convention: ErrorRateConvention): number {
  if (convention !== "torchmetrics") {
    const m = measuresFromCounts(s, convention);
    return kind === "cer" ? m.wer : m[kind];
  }
  const errors = s.substitutions + s.deletions + s.insertions;
  switch (kind) {
    case "wer":
    case "cer":
      return errors / s.referenceTokens;
    case "mer":
      return errors / s.maxTokens;
    case "wip": {
      const h = s.maxTokens - errors;
      return (h / s.referenceTokens) * (h / s.hypothesisTokens);
    }
    case "wil": {
      const h = s.maxTokens - errors;
      return 1 - (h / s.referenceTokens) * (h / s.hypothesisTokens);
    }
  }
}

// ---- contiguous (jiwer's wer_contiguous / cer_contiguous) ----

/** jiwer's per-sentence transform before ReduceToSingleSentence: collapsed and stripped (words) or stripped (characters). */
function contiguousPiece(text: string, unit: Unit): string {
  return unit === "word" ? jiwerWords(text).join(" ") : jiwerChars(text).join("");
}

function accumulateContiguous(
  state: ContiguousErrorRateState,
  hypotheses: unknown,
  references: unknown,
  unit: Unit,
  convention: ErrorRateConvention,
  fn: string,
): void {
  const hyps = typeof hypotheses === "string" ? [hypotheses] : checkStrings(hypotheses, fn, "hypotheses");
  const refs = typeof references === "string" ? [references] : checkStrings(references, fn, "references");
  // jiwer 2.3.0 and 3.x refuse a raw empty reference before any transform, even contiguous.
  if (convention !== "jiwer4") {
    const at = refs.indexOf("");
    if (at >= 0) emptyReference(fn, convention, "", at);
  }
  const h = hyps.map((t) => contiguousPiece(t, unit)).filter((t) => t.length > 0);
  const r = refs.map((t) => contiguousPiece(t, unit)).filter((t) => t.length > 0);
  for (const t of h) state.hypotheses.push(t);
  for (const t of r) state.references.push(t);
}

/** The counts of the one contiguous pair (ReduceToSingleSentence joins with " "). */
function contiguousCounts(
  state: ContiguousErrorRateState,
  unit: Unit,
  convention: ErrorRateConvention,
  fn: string,
): ErrorRateState {
  const split = (texts: readonly string[]): string[] => {
    const joined = texts.join(" ");
    return unit === "word" ? (joined === "" ? [] : joined.split(" ")) : Array.from(joined);
  };
  const refTokens = split(state.references);
  const hypTokens = split(state.hypotheses);
  if (refTokens.length === 0 && convention !== "jiwer4")
    emptyInput(
      `${fn}: the references hold no ${unit === "word" ? "word" : "character"} (${REFERENCE_VERSION[convention as "jiwer"]} raises; convention "jiwer4" scores empty references)`,
    );
  // The alignment keeps 4 words per 32 reference tokens per hypothesis token.
  assertAllocation(
    fn,
    `the contiguous alignment of ${hypTokens.length} hypothesis and ${refTokens.length} reference tokens`,
    16 * Math.ceil(refTokens.length / 32) * hypTokens.length,
    "invalid_value",
  );
  const s = emptyState();
  addAlignment(s, refTokens, hypTokens, new Map(), backtraceOf(convention));
  s.pairs = 1;
  return s;
}

const ERROR_RATE_OPTIONS = optionNames<ErrorRateOptions>()("convention", "contiguous");

function readConvention(
  fn: string,
  options: unknown,
): { convention: ErrorRateConvention; contiguous: boolean } {
  const o = readOptions<ErrorRateOptions>(fn, options, ERROR_RATE_OPTIONS);
  const convention = optOneOf(fn, "convention", o.convention, errorRateConventions, "jiwer");
  const contiguous = optBoolean(fn, "contiguous", o.contiguous, false);
  if (contiguous && convention === "torchmetrics")
    invalidOption(`${fn}: option \`contiguous\` is jiwer's transform; torchmetrics has none`);
  return { convention, contiguous };
}

export const werMeta: MetricMeta = {
  id: "text/wer",
  range: [0, Infinity],
  direction: "lower",
  conventions: ["jiwer-2.3.0", "torchmetrics-1.9.0"],
};

export const cerMeta: MetricMeta = {
  id: "text/cer",
  range: [0, Infinity],
  direction: "lower",
  conventions: ["jiwer-2.3.0", "torchmetrics-1.9.0"],
};

export const merMeta: MetricMeta = {
  id: "text/mer",
  range: [0, 1],
  direction: "lower",
  conventions: ["jiwer-2.3.0", "torchmetrics-1.9.0"],
};

export const wilMeta: MetricMeta = {
  id: "text/wil",
  range: [0, 1],
  direction: "lower",
  conventions: ["jiwer-2.3.0", "torchmetrics-1.9.0"],
};

export const wipMeta: MetricMeta = {
  id: "text/wip",
  range: [0, 1],
  direction: "higher",
  conventions: ["jiwer-2.3.0", "torchmetrics-1.9.0"],
};

type Args = [hypotheses: readonly string[] | string, references: readonly string[] | string];

/** The state of a WER-family definition: summed counts, or the texts with `contiguous: true`. */
export type WordErrorRateState = ErrorRateState | ContiguousErrorRateState;

/**
 * The definition of one rate (`result` picks it from the counts) under `convention`, summing
 * counts per pair or, with `contiguous`, keeping the texts.
 */
function countsDef<R>(
  id: string,
  meta: MetricMeta,
  fn: string,
  unit: Unit,
  convention: ErrorRateConvention,
  contiguous: boolean,
  options: Record<string, unknown>,
  result: (s: ErrorRateState) => R,
): MetricDef<WordErrorRateState, Args, R> {
  if (contiguous)
    return {
      id,
      meta,
      options,
      init: (): ContiguousErrorRateState => ({ hypotheses: [], references: [] }),
      update: (state, hypotheses, references) =>
        accumulateContiguous(state as ContiguousErrorRateState, hypotheses, references, unit, convention, fn),
      merge: (a, b) => {
        const x = a as ContiguousErrorRateState;
        const y = b as ContiguousErrorRateState;
        return {
          hypotheses: [...x.hypotheses, ...y.hypotheses],
          references: [...x.references, ...y.references],
        };
      },
      compute: (state) => result(contiguousCounts(state as ContiguousErrorRateState, unit, convention, fn)),
      validateState(state): asserts state is WordErrorRateState {
        const nonEmpty = { kind: "custom" as const, check: checkNonEmptyText };
        checkState(id, state, { hypotheses: field.array(nonEmpty), references: field.array(nonEmpty) });
      },
    };
  return {
    id,
    meta,
    options,
    init: emptyState,
    update: (state, hypotheses, references) =>
      accumulate(state as ErrorRateState, hypotheses, references, unit, convention, fn),
    merge: (a, b) => mergeStates(a as ErrorRateState, b as ErrorRateState),
    compute(state) {
      const s = state as ErrorRateState;
      if (s.pairs === 0) emptyInput(`${fn}: no pairs to score`);
      return result(s);
    },
    validateState(state): asserts state is WordErrorRateState {
      checkErrorRateState(id, state);
    },
  };
}

function checkNonEmptyText(value: unknown, path: string, id: string): void {
  if (typeof value !== "string" || value.length === 0)
    invalidState(`${id}: ${path} must be a non-empty string, got ${describeValue(value)}`);
}

function rateDef(
  kind: RateKind,
  meta: MetricMeta,
  fn: string,
  options: unknown,
): MetricDef<WordErrorRateState, Args, number> {
  const { convention, contiguous } = readConvention(fn, options);
  const unit: Unit = kind === "cer" ? "char" : "word";
  return countsDef(meta.id, meta, fn, unit, convention, contiguous, { convention, contiguous }, (s) =>
    rate(kind, s, convention),
  );
}

/** The counts must describe alignments: H + S + D reference tokens, H + S + I hypothesis tokens. */
function checkErrorRateState(id: string, state: unknown): void {
  checkState(id, state, Object.fromEntries(COUNT_FIELDS.map((k) => [k, field.count()])));
  const s = state as ErrorRateState;
  stateInvariant(
    id,
    s.hits + s.substitutions + s.deletions === s.referenceTokens,
    `state: hits + substitutions + deletions (${s.hits + s.substitutions + s.deletions}) must equal referenceTokens (${s.referenceTokens})`,
  );
  stateInvariant(
    id,
    s.hits + s.substitutions + s.insertions === s.hypothesisTokens,
    `state: hits + substitutions + insertions (${s.hits + s.substitutions + s.insertions}) must equal hypothesisTokens (${s.hypothesisTokens})`,
  );
  stateInvariant(
    id,
    s.maxTokens >= Math.max(s.referenceTokens, s.hypothesisTokens) &&
      s.maxTokens <= s.referenceTokens + s.hypothesisTokens,
    `state.maxTokens (${s.maxTokens}) must lie between max and sum of referenceTokens and hypothesisTokens`,
  );
}

/** Streaming corpus WER (see the module notes for the conventions). */
export function werDef(options?: ErrorRateOptions): MetricDef<WordErrorRateState, Args, number> {
  return rateDef("wer", werMeta, "wordErrorRate", options);
}
/** Streaming corpus CER. */
export function cerDef(options?: ErrorRateOptions): MetricDef<WordErrorRateState, Args, number> {
  return rateDef("cer", cerMeta, "charErrorRate", options);
}
/** Streaming corpus MER. */
export function merDef(options?: ErrorRateOptions): MetricDef<WordErrorRateState, Args, number> {
  return rateDef("mer", merMeta, "matchErrorRate", options);
}
/** Streaming corpus WIL. */
export function wilDef(options?: ErrorRateOptions): MetricDef<WordErrorRateState, Args, number> {
  return rateDef("wil", wilMeta, "wordInformationLost", options);
}
/** Streaming corpus WIP. */
export function wipDef(options?: ErrorRateOptions): MetricDef<WordErrorRateState, Args, number> {
  return rateDef("wip", wipMeta, "wordInformationPreserved", options);
}

/** Corpus word error rate (S+D+I)/N; jiwer 2.3.0 `wer` by default (see {@link ErrorRateConvention}). */
export function wordErrorRate(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(werDef(options), hypotheses, references);
}
/** Corpus character error rate; jiwer 2.3.0 `cer` by default / torchmetrics 1.9.0 `char_error_rate`. */
export function charErrorRate(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(cerDef(options), hypotheses, references);
}
/** Corpus match error rate; jiwer 2.3.0 `mer` by default / torchmetrics 1.9.0 `match_error_rate`. */
export function matchErrorRate(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(merDef(options), hypotheses, references);
}
/** Corpus word information lost; jiwer 2.3.0 `wil` by default / torchmetrics 1.9.0 `word_information_lost`. */
export function wordInformationLost(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(wilDef(options), hypotheses, references);
}
/** Corpus word information preserved; jiwer 2.3.0 `wip` by default / torchmetrics 1.9.0 `word_information_preserved`. */
export function wordInformationPreserved(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(wipDef(options), hypotheses, references);
}

export interface AlignmentMeasuresOptions extends ErrorRateOptions {
  /** "word" (default, jiwer `compute_measures` / `process_words`) or "char" (jiwer `cer(return_dict=True)` / `process_characters` counts). */
  readonly unit?: "word" | "char";
}

const ALIGNMENT_MEASURES_OPTIONS = optionNames<AlignmentMeasuresOptions>()(
  "unit",
  "convention",
  "contiguous",
);

/**
 * jiwer's `compute_measures` (2.3.0) / `process_words` (3.x, 4.x) as a streaming metric: WER,
 * MER, WIL, WIP and the alignment counts (hits, substitutions, deletions, insertions) summed over
 * all pairs, under a jiwer `convention` (torchmetrics has no such function).
 */
export function alignmentMeasuresDef(
  options?: AlignmentMeasuresOptions,
): MetricDef<WordErrorRateState, Args, AlignmentMeasures> {
  const fn = "alignmentMeasures";
  const o = readOptions<AlignmentMeasuresOptions>(fn, options, ALIGNMENT_MEASURES_OPTIONS);
  const unit = optOneOf(fn, "unit", o.unit, ["word", "char"], "word");
  const { convention, contiguous } = readConvention(fn, {
    convention: o.convention,
    contiguous: o.contiguous,
  });
  if (convention === "torchmetrics")
    invalidOption(
      `${fn}: option \`convention\` must be a jiwer convention ("jiwer", "jiwer3", "jiwer4"), got "torchmetrics"`,
    );
  return countsDef(
    "text/alignment_measures",
    werMeta,
    fn,
    unit,
    convention,
    contiguous,
    { unit, convention, contiguous },
    (s) => measuresFromCounts(s, convention),
  );
}

/** jiwer's `compute_measures(references, hypotheses)` (plumbline takes hypotheses first). */
export function alignmentMeasures(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: AlignmentMeasuresOptions,
): AlignmentMeasures {
  return runOnce(alignmentMeasuresDef(options), hypotheses, references);
}
