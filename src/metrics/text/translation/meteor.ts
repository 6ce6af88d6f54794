import { describeValue, invalidOption, invalidValue } from "../../../core/errors.js";
import { optionNames, optNumber, readOptions } from "../../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkSameLength, refuse } from "../shared/inputs.js";
import {
  addScores,
  checkMeanState,
  type MeanState,
  meanScore,
  mergeScores,
  noScores,
} from "../shared/state.js";
import { cachedStemmer } from "../tokenizers/porter-stemmer.js";
import type { WordNet } from "./wordnet.js";

export interface MeteorOptions {
  /** Weight of precision vs recall in Fmean = P R / (alpha P + (1 - alpha) R), in [0, 1]. Default 0.9. */
  readonly alpha?: number;
  /** Exponent of the fragmentation penalty, >= 0. Default 3. */
  readonly beta?: number;
  /** Maximum fragmentation penalty, in [0, 1]. Default 0.5. */
  readonly gamma?: number;
  /**
   * The WordNet of the synonym stage (required): `wordNet30()` from `plumbline/text/node` in
   * Node (nltk's WordNet 3.0, shipped with plumbline), `wordNetFromData(data)` anywhere (a
   * browser fetches the data file itself), or `null` to match exact words and stems only. A
   * string is a WordNet version as a snapshot records it: the definition then merges and computes
   * restored states but cannot take new data.
   */
  readonly wordnet?: WordNet | null | string;
}

export const meteorMeta: MetricMeta = {
  id: "text/meteor",
  range: [0, 1],
  direction: "higher",
  conventions: ["nltk-3.8"],
};

interface Resolved {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** The WordNet, null for none, or the version a restored snapshot names. */
  readonly wordnet: WordNet | null | string;
}

const METEOR_OPTIONS = optionNames<MeteorOptions>()("alpha", "beta", "gamma", "wordnet");

function isWordNet(value: unknown): value is WordNet {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as WordNet).synonyms === "function" &&
    typeof (value as WordNet).version === "string"
  );
}

function resolve(options: unknown, fn: string): Resolved {
  const o = readOptions<MeteorOptions>(fn, options, METEOR_OPTIONS);
  const wordnet = o.wordnet;
  if (wordnet === undefined)
    invalidOption(
      `${fn}: option \`wordnet\` is required (the synonym stage reads WordNet): pass wordNet30() from "plumbline/text/node" in Node (nltk's WordNet 3.0), wordNetFromData(data) in a browser, or null for exact and stem matches only`,
    );
  if (wordnet !== null && typeof wordnet !== "string" && !isWordNet(wordnet))
    invalidOption(
      `${fn}: option \`wordnet\` must be a WordNet (wordNet30(), wordNetFromData(data)), null or a version string, got ${describeValue(wordnet)}`,
    );
  return {
    alpha: optNumber(fn, "alpha", o.alpha, 0.9, { min: 0, max: 1 }),
    beta: optNumber(fn, "beta", o.beta, 3, { min: 0 }),
    gamma: optNumber(fn, "gamma", o.gamma, 0.5, { min: 0, max: 1 }),
    wordnet,
  };
}

/** The WordNet to align with; fails for a definition rebuilt from a snapshot's version string. */
function wordNetOf(r: Resolved, fn: string): WordNet | null {
  if (typeof r.wordnet === "string")
    invalidOption(
      `${fn}: this definition names WordNet ${JSON.stringify(r.wordnet)} only (as a snapshot records it) and cannot score new pairs; build it with \`wordnet\` set to that WordNet`,
    );
  return r.wordnet;
}

type Enumerated = [index: number, word: string][];

/** nltk `_match_enums`: from the last hypothesis word down, the last equal reference word. Mutates both lists. */
function matchEnums(hyp: Enumerated, ref: Enumerated, matches: [number, number][]): void {
  for (let i = hyp.length - 1; i >= 0; i--) {
    for (let j = ref.length - 1; j >= 0; j--) {
      if ((hyp[i] as [number, string])[1] === (ref[j] as [number, string])[1]) {
        matches.push([(hyp[i] as [number, string])[0], (ref[j] as [number, string])[0]]);
        hyp.splice(i, 1);
        ref.splice(j, 1);
        break;
      }
    }
  }
}

const stem = cachedStemmer();

/** nltk `_enum_align_words`: exact, then Porter-stem, then WordNet-synonym matches, sorted by hypothesis index. */
function align(
  hypothesis: readonly string[],
  reference: readonly string[],
  wordnet: WordNet | null,
): [number, number][] {
  let hyp: Enumerated = hypothesis.map((w, i) => [i, w.toLowerCase()]);
  let ref: Enumerated = reference.map((w, i) => [i, w.toLowerCase()]);
  const matches: [number, number][] = [];
  matchEnums(hyp, ref, matches);
  // Stem stage: on stemmed copies; the unmatched lists that come back carry stemmed words.
  hyp = hyp.map(([i, w]) => [i, stem(w)]);
  ref = ref.map(([i, w]) => [i, stem(w)]);
  matchEnums(hyp, ref, matches);
  if (wordnet !== null) {
    for (let i = hyp.length - 1; i >= 0; i--) {
      const word = (hyp[i] as [number, string])[1];
      const synonyms = wordnet.synonyms(word);
      for (let j = ref.length - 1; j >= 0; j--) {
        const candidate = (ref[j] as [number, string])[1];
        if (candidate === word || synonyms.has(candidate)) {
          matches.push([(hyp[i] as [number, string])[0], (ref[j] as [number, string])[0]]);
          hyp.splice(i, 1);
          ref.splice(j, 1);
          break;
        }
      }
    }
  }
  return matches.sort((a, b) => a[0] - b[0]);
}

/** nltk `_count_chunks`: runs of matches adjacent in both hypothesis and reference. */
function countChunks(matches: readonly [number, number][]): number {
  let chunks = 1;
  for (let i = 0; i < matches.length - 1; i++) {
    const a = matches[i] as [number, number];
    const b = matches[i + 1] as [number, number];
    if (!(b[0] === a[0] + 1 && b[1] === a[1] + 1)) chunks++;
  }
  return chunks;
}

function scoreOne(
  reference: readonly string[],
  hypothesis: readonly string[],
  r: Resolved,
  wordnet: WordNet | null,
): number {
  const matches = align(hypothesis, reference, wordnet);
  const m = matches.length;
  if (hypothesis.length === 0 || reference.length === 0 || m === 0) return 0;
  const precision = m / hypothesis.length;
  const recall = m / reference.length;
  const fmean = (precision * recall) / (r.alpha * precision + (1 - r.alpha) * recall);
  const penalty = r.gamma * (countChunks(matches) / m) ** r.beta;
  return (1 - penalty) * fmean;
}

function checkTokens(fn: string, name: string, value: unknown, at: string): readonly string[] {
  if (!Array.isArray(value)) refuse(fn, name, "must be an array of tokens (strings)", value, `${at}`);
  value.forEach((t, i) => {
    if (typeof t !== "string")
      invalidValue(
        `${fn}: \`${name}\` must contain only strings, got ${describeValue(t)} at index ${i}${at === "" ? "" : ` of${at}`}${Array.isArray(t) && name.startsWith("hypothes") ? " (METEOR takes (hypothesis, references, options): were the arguments swapped?)" : ""}`,
      );
  });
  return value;
}

/**
 * METEOR of a tokenized hypothesis against one tokenized reference, as nltk 3.8
 * `single_meteor_score(reference, hypothesis)` (plumbline takes the hypothesis first): lowercase,
 * align by exact match, then Porter stem, then WordNet synonym (each stage from the last
 * hypothesis word down, taking the last matching reference word); score = Fmean (1 - gamma
 * (chunks/matches)^beta); 0 when nothing matches or a side is empty.
 *
 * Pre-tokenize as nltk requires (e.g. `text.split(/\s+/)`). WordNet 3.0 is bundled; with another
 * version synonym sets (and scores) can differ.
 *
 * @example singleMeteorScore(["the", "cat", "sat"], ["the", "cat", "sat"]) // 0.9814814814814815
 */
export function singleMeteorScore(
  hypothesis: readonly string[],
  reference: readonly string[],
  options?: MeteorOptions,
): number {
  const fn = "singleMeteorScore";
  const r = resolve(options, fn);
  const wordnet = wordNetOf(r, fn);
  checkTokens(fn, "hypothesis", hypothesis, "");
  checkTokens(fn, "reference", reference, "");
  return scoreOne(reference, hypothesis, r, wordnet);
}

/**
 * nltk 3.8 `meteor_score(references, hypothesis)` (plumbline takes the hypothesis first): the
 * maximum of {@link singleMeteorScore} over the tokenized references.
 */
export function meteorScore(
  hypothesis: readonly string[],
  references: readonly (readonly string[])[],
  options?: MeteorOptions,
): number {
  const fn = "meteorScore";
  const r = resolve(options, fn);
  const wordnet = wordNetOf(r, fn);
  checkTokens(fn, "hypothesis", hypothesis, "");
  if (!Array.isArray(references) || references.length === 0) {
    refuse(fn, "references", "must be a non-empty array of token arrays", references);
  }
  references.forEach((ref, i) => {
    checkTokens(fn, "references", ref, ` index ${i}`);
  });
  return bestOver(references, hypothesis, r, wordnet);
}

/** The best METEOR of `hypothesis` over `references` (nltk's `max`). */
function bestOver(
  references: readonly (readonly string[])[],
  hypothesis: readonly string[],
  r: Resolved,
  wordnet: WordNet | null,
): number {
  let best = -Infinity;
  for (const ref of references) best = Math.max(best, scoreOne(ref, hypothesis, r, wordnet));
  return best;
}

/** Exact running sum and count of sentence METEOR scores. */
export type MeteorState = MeanState;

/**
 * METEOR as a mergeable metric: the mean over hypotheses of nltk's `meteor_score` (max over each
 * hypothesis' references). Inputs are token arrays; each hypothesis has a non-empty list of tokenized references.
 * Cost: O(|hyp| * |ref|) per pair plus WordNet lookups. With no pairs the mean is NaN.
 */
export function meteorDef(
  options?: MeteorOptions,
): MetricDef<
  MeteorState,
  [hypotheses: readonly (readonly string[])[], references: readonly (readonly (readonly string[])[])[]],
  number
> {
  const fn = "meteor";
  const id = meteorMeta.id;
  const r = resolve(options, fn);
  const version = r.wordnet === null || typeof r.wordnet === "string" ? r.wordnet : r.wordnet.version;
  return {
    id,
    meta: meteorMeta,
    options: { alpha: r.alpha, beta: r.beta, gamma: r.gamma, wordnet: version },
    init: noScores,
    update(state, hypotheses, references) {
      const wordnet = wordNetOf(r, fn);
      if (!Array.isArray(hypotheses))
        refuse("meteor", "hypotheses", "must be an array of token arrays", hypotheses);
      if (!Array.isArray(references))
        refuse("meteor", "references", "must be an array of reference sets", references);
      checkSameLength("meteor", "hypotheses", hypotheses.length, "references", references.length);
      const sets = references.map((set, i) => {
        if (!Array.isArray(set) || set.length === 0)
          refuse("meteor", "references", "must contain non-empty reference sets", set, ` at index ${i}`);
        for (const ref of set) checkTokens("meteor", "references", ref, ` index ${i}`);
        return set as readonly (readonly string[])[];
      });
      hypotheses.forEach((h, i) => {
        checkTokens("meteor", "hypotheses", h, ` index ${i}`);
      });
      const scores = hypotheses.map((h, i) =>
        bestOver(sets[i] as readonly (readonly string[])[], h, r, wordnet),
      );
      addScores(state, scores, fn);
    },
    merge: mergeScores,
    compute: meanScore,
    validateState(state): asserts state is MeteorState {
      checkMeanState(id, state);
    },
  };
}

/**
 * Mean METEOR over tokenized hypotheses and their references (nltk 3.8 defaults).
 *
 * @example meteor([["the", "cat", "sat"]], [[["the", "cat", "sat"]]]) // 0.9814814814814815
 */
export function meteor(
  hypotheses: readonly (readonly string[])[],
  references: readonly (readonly (readonly string[])[])[],
  options?: MeteorOptions,
): number {
  return runOnce(meteorDef(options), hypotheses, references);
}
