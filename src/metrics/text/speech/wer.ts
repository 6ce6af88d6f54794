import type { CatalogEntry } from "../../../catalog/types.js";
import { describeValue, fail } from "../../../core/errors.js";
import { optionNames, optOneOf, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, runOnce } from "../../../metric.js";
import { checkSinglePairs } from "../shared/inputs.js";
import { isPythonWhitespace, pySplit, pyStrip } from "../tokenizers/python-strings.js";
import { SpanInterner } from "../tokenizers/span-interner.js";
import { levenshteinAlignment, levenshteinAlignmentInto, toIds } from "./edit-distance.js";

/**
 * Word- and character-level error rates of speech recognition: WER, CER, MER, WIL, WIP.
 *
 * Two conventions, chosen by `convention`:
 * - "jiwer" (default; jiwer 2.3.0 with its default transforms): runs of 2+ whitespace become one
 *   space, the text is stripped and split on spaces (CER: stripped, then characters, spaces
 *   included); hits, substitutions, deletions and insertions come from python-Levenshtein's
 *   `editops` alignment; WER = (S+D+I)/(H+S+D), MER = (S+D+I)/(H+S+D+I),
 *   WIP = (H/N)(H/P) (0 when the hypotheses have no token), WIL = 1 - WIP. An empty (or, after
 *   the transform, token-less) reference raises, as jiwer 2.x does.
 * - "torchmetrics" (torchmetrics 1.9.0 functional WER/CER/MER/WIL/WIP): Python `str.split()`
 *   tokens (CER: raw characters, no strip); E = edit distance; WER = E/N, CER = E/N on
 *   characters, MER = E / sum max(N_i, P_i), WIP = (sum max(N_i,P_i) - E)^2 / (N * P),
 *   WIL = 1 - WIP. Empty references are allowed (0/0 gives NaN, as torch does).
 *
 * The state holds integer sums (H, S, D, I, N, P, sum of max(N_i, P_i)), so `merge` adds them
 * and corpus-level values equal one pass over all pairs. Corpus WER is not the mean of
 * sentence WERs. Arguments are (hypotheses, references) in that order.
 */
export type ErrorRateConvention = "jiwer" | "torchmetrics";

export interface ErrorRateOptions {
  /** "jiwer" (default) or "torchmetrics" (see above). */
  readonly convention?: ErrorRateConvention;
}

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

/** jiwer's `compute_measures` result. */
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

/** jiwer 2.3.0 `wer_default` words: collapse whitespace runs, strip, split on " ". */
export function jiwerWords(text: string): string[] {
  // One scan: strip Python whitespace at both ends; inside, a run of 2+ whitespace characters
  // or a single space separates words, and a lone other whitespace character (a tab) stays
  // inside its word, as `re.sub(r"\s\s+", " ")` then `split(" ")` leave it.
  let begin = 0;
  let end = text.length;
  while (begin < end && isPythonWhitespace(text.charCodeAt(begin))) begin++;
  while (end > begin && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  const words: string[] = [];
  let start = begin;
  let i = begin;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isPythonWhitespace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isPythonWhitespace(text.charCodeAt(j))) j++;
    if (j - i >= 2 || c === 32) {
      if (i > start) words.push(text.slice(start, i));
      start = j;
    }
    i = j;
  }
  if (end > start) words.push(text.slice(start, end));
  return words;
}

/** jiwer 2.3.0 `cer_default_transform` characters: strip, then code points. */
export function jiwerChars(text: string): string[] {
  return Array.from(pyStrip(text));
}

type Unit = "word" | "char";

function tokenize(text: string, unit: Unit, convention: ErrorRateConvention): string[] {
  if (convention === "jiwer") return unit === "word" ? jiwerWords(text) : jiwerChars(text);
  return unit === "word" ? pySplit(text) : Array.from(text);
}

function emptyState(): ErrorRateState {
  return {
    pairs: 0,
    hits: 0,
    substitutions: 0,
    deletions: 0,
    insertions: 0,
    referenceTokens: 0,
    hypothesisTokens: 0,
    maxTokens: 0,
  };
}

function accumulate(
  state: ErrorRateState,
  hypotheses: unknown,
  references: unknown,
  unit: Unit,
  convention: ErrorRateConvention,
  fn: string,
): void {
  const pairs = checkSinglePairs(hypotheses, references, fn);
  const delta = emptyState();
  if (unit === "word") {
    accumulateWords(state, delta, pairs.hypotheses, pairs.references, convention, fn);
    return;
  }
  const refTokens: string[][] = [];
  for (let i = 0; i < pairs.references.length; i++) {
    const ref = pairs.references[i]!;
    const tokens = tokenize(ref, unit, convention);
    if (convention === "jiwer" && tokens.length === 0) {
      fail(
        "invalid_value",
        `${fn}: \`references\` must not be empty or whitespace-only (jiwer 2.3.0 raises), got ${describeValue(ref)} at index ${i}`,
      );
    }
    refTokens.push(tokens);
  }
  const vocab = new Map<string, number>();
  for (let i = 0; i < pairs.hypotheses.length; i++) {
    const ref = refTokens[i]!;
    const hyp = tokenize(pairs.hypotheses[i]!, unit, convention);
    const [r, h] = toIds(ref, hyp, vocab);
    const a = levenshteinAlignment(r, h);
    delta.hits += a.hits;
    delta.substitutions += a.substitutions;
    delta.deletions += a.deletions;
    delta.insertions += a.insertions;
    delta.referenceTokens += ref.length;
    delta.hypothesisTokens += hyp.length;
    delta.maxTokens += Math.max(ref.length, hyp.length);
  }
  delta.pairs = pairs.hypotheses.length;
  for (const k of Object.keys(delta) as (keyof ErrorRateState)[]) state[k] += delta[k];
}

/** Appends the word ids of `text` to `buffer` from `at` (split as {@link jiwerWords}, or as Python `str.split()` with `everyWhitespace`); returns the new end. */
function jiwerWordIds(
  text: string,
  interner: SpanInterner,
  buffer: { ids: Int32Array },
  at: number,
  everyWhitespace = false,
): number {
  // Same boundaries as jiwerWords, interning each word span instead of slicing it.
  let begin = 0;
  let end = text.length;
  while (begin < end && isPythonWhitespace(text.charCodeAt(begin))) begin++;
  while (end > begin && isPythonWhitespace(text.charCodeAt(end - 1))) end--;
  // At most one word per two code units (+1), so this bounds the growth.
  const need = at + ((end - begin + 2) >> 1) + 1;
  if (buffer.ids.length < need) {
    const grown = new Int32Array(Math.max(need, 2 * buffer.ids.length));
    grown.set(buffer.ids.subarray(0, at));
    buffer.ids = grown;
  }
  const ids = buffer.ids;
  let k = at;
  let start = begin;
  let i = begin;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 0x85) {
      i++;
      continue;
    }
    if (!isPythonWhitespace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && isPythonWhitespace(text.charCodeAt(j))) j++;
    if (j - i >= 2 || c === 32 || everyWhitespace) {
      if (i > start) ids[k++] = interner.intern(text, start, i);
      start = j;
    }
    i = j;
  }
  if (end > start) ids[k++] = interner.intern(text, start, end);
  return k;
}

/**
 * The word path of {@link accumulate} (jiwer's or torchmetrics' word split): words interned to ids straight from the text (no
 * word strings), all references' ids in one buffer, one reused cost matrix. Same counts as the
 * general path (the references are checked before any state changes).
 */
function accumulateWords(
  state: ErrorRateState,
  delta: ErrorRateState,
  hypotheses: readonly string[],
  references: readonly string[],
  convention: ErrorRateConvention,
  fn: string,
): void {
  // torchmetrics splits with Python's str.split(): every whitespace run separates words.
  const everyWhitespace = convention === "torchmetrics";
  const interner = new SpanInterner(4096);
  const refBuffer = { ids: new Int32Array(1024) };
  const refStart = new Int32Array(references.length + 1);
  let end = 0;
  for (let i = 0; i < references.length; i++) {
    const next = jiwerWordIds(references[i]!, interner, refBuffer, end, everyWhitespace);
    if (next === end && !everyWhitespace) {
      fail(
        "invalid_value",
        `${fn}: \`references\` must not be empty or whitespace-only (jiwer 2.3.0 raises), got ${describeValue(references[i])} at index ${i}`,
      );
    }
    end = next;
    refStart[i + 1] = end;
  }
  const hypBuffer = { ids: new Int32Array(256) };
  const counts = new Int32Array(3);
  let hits = 0;
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let referenceTokens = 0;
  let hypothesisTokens = 0;
  let maxTokens = 0;
  for (let i = 0; i < hypotheses.length; i++) {
    const hypLength = jiwerWordIds(hypotheses[i]!, interner, hypBuffer, 0, everyWhitespace);
    const r0 = refStart[i]!;
    const refLength = refStart[i + 1]! - r0;
    levenshteinAlignmentInto(refBuffer.ids, r0, refLength, hypBuffer.ids, 0, hypLength, counts);
    hits += refLength - counts[0]! - counts[1]!;
    substitutions += counts[0]!;
    deletions += counts[1]!;
    insertions += counts[2]!;
    referenceTokens += refLength;
    hypothesisTokens += hypLength;
    maxTokens += Math.max(refLength, hypLength);
  }
  delta.hits = hits;
  delta.substitutions = substitutions;
  delta.deletions = deletions;
  delta.insertions = insertions;
  delta.referenceTokens = referenceTokens;
  delta.hypothesisTokens = hypothesisTokens;
  delta.maxTokens = maxTokens;
  delta.pairs = hypotheses.length;
  for (const k of Object.keys(delta) as (keyof ErrorRateState)[]) state[k] += delta[k];
}

function mergeStates(a: ErrorRateState, b: ErrorRateState): ErrorRateState {
  const out = emptyState();
  for (const k of Object.keys(out) as (keyof ErrorRateState)[]) out[k] = a[k] + b[k];
  return out;
}

/** jiwer 2.3.0 `compute_measures` from summed counts. */
export function measuresFromCounts(s: ErrorRateState): AlignmentMeasures {
  const { hits: H, substitutions: S, deletions: D, insertions: I } = s;
  const wip = s.hypothesisTokens >= 1 ? (H / s.referenceTokens) * (H / s.hypothesisTokens) : 0;
  return {
    wer: (S + D + I) / (H + S + D),
    mer: (S + D + I) / (H + S + D + I),
    wil: 1 - wip,
    wip,
    hits: H,
    substitutions: S,
    deletions: D,
    insertions: I,
  };
}

type RateKind = "wer" | "cer" | "mer" | "wil" | "wip";

function rate(kind: RateKind, s: ErrorRateState, convention: ErrorRateConvention): number {
  if (convention === "jiwer") {
    const m = measuresFromCounts(s);
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

const META_BASE = {
  kind: "metric" as const,
  tasks: ["nlp" as const],
  differentiable: false,
  traits: ["speech-recognition", "edit-distance"],
};

export const werMeta: CatalogEntry = {
  ...META_BASE,
  id: "text/wer",
  title: "Word error rate",
  formula: "\\mathrm{WER} = \\frac{S + D + I}{N}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  robustness: [
    "Corpus WER (summed edits over summed reference words) is not the mean of sentence WERs.",
    "Can exceed 1 with many insertions.",
  ],
  references: [
    { implementation: "jiwer 2.3.0 wer / compute_measures (python-Levenshtein 0.12.2)" },
    { implementation: "torchmetrics 1.9.0 WordErrorRate" },
  ],
  exports: ["wordErrorRate", "werDef", "alignmentMeasures", "alignmentMeasuresDef"],
};
export const cerMeta: CatalogEntry = {
  ...META_BASE,
  id: "text/cer",
  title: "Character error rate",
  formula: "\\mathrm{CER} = \\frac{S + D + I}{N_{chars}}",
  range: [0, Number.POSITIVE_INFINITY],
  direction: "lower",
  references: [{ implementation: "jiwer 2.3.0 cer" }, { implementation: "torchmetrics 1.9.0 CharErrorRate" }],
  exports: ["charErrorRate", "cerDef"],
};
export const merMeta: CatalogEntry = {
  ...META_BASE,
  id: "text/mer",
  title: "Match error rate",
  formula: "\\mathrm{MER} = \\frac{S + D + I}{H + S + D + I}",
  range: [0, 1],
  direction: "lower",
  references: [
    { paper: "Morris et al. 2004" },
    { implementation: "jiwer 2.3.0 mer" },
    { implementation: "torchmetrics 1.9.0 MatchErrorRate" },
  ],
  exports: ["matchErrorRate", "merDef"],
};
export const wilMeta: CatalogEntry = {
  ...META_BASE,
  id: "text/wil",
  title: "Word information lost",
  formula: "\\mathrm{WIL} = 1 - \\frac{H}{N}\\cdot\\frac{H}{P}",
  range: [0, 1],
  direction: "lower",
  references: [
    { paper: "Morris et al. 2004" },
    { implementation: "jiwer 2.3.0 wil" },
    { implementation: "torchmetrics 1.9.0 WordInfoLost" },
  ],
  exports: ["wordInformationLost", "wilDef"],
};
export const wipMeta: CatalogEntry = {
  ...META_BASE,
  id: "text/wip",
  title: "Word information preserved",
  formula: "\\mathrm{WIP} = \\frac{H}{N}\\cdot\\frac{H}{P}",
  range: [0, 1],
  direction: "higher",
  references: [
    { paper: "Morris et al. 2004" },
    { implementation: "jiwer 2.3.0 wip" },
    { implementation: "torchmetrics 1.9.0 WordInfoPreserved" },
  ],
  exports: ["wordInformationPreserved", "wipDef"],
};

type Args = [hypotheses: readonly string[] | string, references: readonly string[] | string];

function rateDef(
  kind: RateKind,
  meta: CatalogEntry,
  fn: string,
  options: unknown,
): MetricDef<ErrorRateState, Args, number> {
  const o = readOptions<ErrorRateOptions>(fn, options, ERROR_RATE_OPTIONS);
  const convention = optOneOf(fn, "convention", o.convention, ["jiwer", "torchmetrics"], "jiwer");
  const unit: Unit = kind === "cer" ? "char" : "word";
  return {
    id: meta.id,
    meta,
    options: { convention },
    init: emptyState,
    update: (state, hypotheses, references) =>
      accumulate(state, hypotheses, references, unit, convention, fn),
    merge: mergeStates,
    compute(state) {
      if (state.pairs === 0) fail("empty_input", `${fn}: no pairs to score`);
      return rate(kind, state, convention);
    },
    validateState(state): asserts state is ErrorRateState {
      checkErrorRateState(meta.id, state);
    },
  };
}

const ERROR_RATE_OPTIONS = optionNames<ErrorRateOptions>()("convention");

/** The counts must describe alignments: H + S + D reference tokens, H + S + I hypothesis tokens. */
function checkErrorRateState(id: string, state: unknown): void {
  checkState(id, state, {
    pairs: field.count(),
    hits: field.count(),
    substitutions: field.count(),
    deletions: field.count(),
    insertions: field.count(),
    referenceTokens: field.count(),
    hypothesisTokens: field.count(),
    maxTokens: field.count(),
  });
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

/** Streaming corpus WER (see the module notes for the two conventions). */
export function werDef(options?: ErrorRateOptions): MetricDef<ErrorRateState, Args, number> {
  return rateDef("wer", werMeta, "wordErrorRate", options);
}
/** Streaming corpus CER. */
export function cerDef(options?: ErrorRateOptions): MetricDef<ErrorRateState, Args, number> {
  return rateDef("cer", cerMeta, "charErrorRate", options);
}
/** Streaming corpus MER. */
export function merDef(options?: ErrorRateOptions): MetricDef<ErrorRateState, Args, number> {
  return rateDef("mer", merMeta, "matchErrorRate", options);
}
/** Streaming corpus WIL. */
export function wilDef(options?: ErrorRateOptions): MetricDef<ErrorRateState, Args, number> {
  return rateDef("wil", wilMeta, "wordInformationLost", options);
}
/** Streaming corpus WIP. */
export function wipDef(options?: ErrorRateOptions): MetricDef<ErrorRateState, Args, number> {
  return rateDef("wip", wipMeta, "wordInformationPreserved", options);
}

/** Corpus word error rate (S+D+I)/N; jiwer 2.3.0 `wer` by default, torchmetrics 1.9.0 `word_error_rate` with `convention: "torchmetrics"`. */
export function wordErrorRate(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(werDef(options), hypotheses, references);
}
/** Corpus character error rate; jiwer 2.3.0 `cer` / torchmetrics 1.9.0 `char_error_rate`. */
export function charErrorRate(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(cerDef(options), hypotheses, references);
}
/** Corpus match error rate; jiwer 2.3.0 `mer` / torchmetrics 1.9.0 `match_error_rate`. */
export function matchErrorRate(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(merDef(options), hypotheses, references);
}
/** Corpus word information lost; jiwer 2.3.0 `wil` / torchmetrics 1.9.0 `word_information_lost`. */
export function wordInformationLost(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(wilDef(options), hypotheses, references);
}
/** Corpus word information preserved; jiwer 2.3.0 `wip` / torchmetrics 1.9.0 `word_information_preserved`. */
export function wordInformationPreserved(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: ErrorRateOptions,
): number {
  return runOnce(wipDef(options), hypotheses, references);
}

export interface AlignmentMeasuresOptions {
  /** "word" (default, jiwer `compute_measures`) or "char" (jiwer `cer(return_dict=True)` counts). */
  readonly unit?: "word" | "char";
}

/**
 * jiwer 2.3.0 `compute_measures` as a streaming metric: WER, MER, WIL, WIP and the alignment
 * counts (hits, substitutions, deletions, insertions) summed over all pairs.
 */
export function alignmentMeasuresDef(
  options?: AlignmentMeasuresOptions,
): MetricDef<ErrorRateState, Args, AlignmentMeasures> {
  const fn = "alignmentMeasures";
  const id = "text/alignment_measures";
  const o = readOptions<AlignmentMeasuresOptions>(fn, options, ALIGNMENT_MEASURES_OPTIONS);
  const unit = optOneOf(fn, "unit", o.unit, ["word", "char"], "word");
  return {
    id,
    meta: werMeta,
    options: { unit },
    init: emptyState,
    update: (state, hypotheses, references) => accumulate(state, hypotheses, references, unit, "jiwer", fn),
    merge: mergeStates,
    compute(state) {
      if (state.pairs === 0) fail("empty_input", `${fn}: no pairs to score`);
      return measuresFromCounts(state);
    },
    validateState(state): asserts state is ErrorRateState {
      checkErrorRateState(id, state);
    },
  };
}

const ALIGNMENT_MEASURES_OPTIONS = optionNames<AlignmentMeasuresOptions>()("unit");

/** jiwer 2.3.0 `compute_measures(references, hypotheses)` (note: plumbline takes hypotheses first). */
export function alignmentMeasures(
  hypotheses: readonly string[] | string,
  references: readonly string[] | string,
  options?: AlignmentMeasuresOptions,
): AlignmentMeasures {
  return runOnce(alignmentMeasuresDef(options), hypotheses, references);
}
