import { optionNames, optNumber, optOneOf, readOptions } from "../../../core/options.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { checkPairs, type ReferenceSet } from "../shared/inputs.js";
import {
  addScores,
  checkMeanState,
  type MeanState,
  meanScore,
  mergeScores,
  noScores,
} from "../shared/state.js";
import { pyRstrip, pythonWhitespaceClass } from "../tokenizers/python-strings.js";

export interface ExtendedEditDistanceOptions {
  /** "en" (default; punctuation split off) or "ja" (NFKC normalization). */
  readonly language?: "en" | "ja";
  /** Jump (long-distance move) penalty (default 2). */
  readonly alpha?: number;
  /** Coverage (repeated visit) penalty (default 0.3). */
  readonly rho?: number;
  /** Deletion cost (default 0.2). */
  readonly deletion?: number;
  /** Insertion cost (default 1). */
  readonly insertion?: number;
}

/** Exact sum and count of sentence scores (each the best over its references). */
export type ExtendedEditDistanceState = MeanState;

export const extendedEditDistanceMeta: MetricMeta = {
  id: "text/extended_edit_distance",
  range: [0, 1],
  direction: "lower",
  conventions: ["torchmetrics-1.9.0"],
};

const WS_RUN = new RegExp(`[${pythonWhitespaceClass}]+`, "g");

/** torchmetrics' English preprocessing for EED: punctuation split off, abbreviations rejoined, padded with spaces. */
export function eedPreprocessEnglish(sentence: string): string {
  let s = pyRstrip(sentence);
  s = s.replaceAll(".", " .").replaceAll("!", " !").replaceAll("?", " ?").replaceAll(",", " ,");
  s = s.replace(WS_RUN, " ");
  s = s.replace(/(\p{Nd}) ([.,]) (\p{Nd})/gu, "$1$2$3");
  // As in torchmetrics, the "." after the abbreviation is a regex wildcard (any character).
  s = s.replace(/(Dr|Jr|Prof|Rev|Gen|Mr|Mt|Mrs|Ms) ./gu, "$1.");
  s = s.replaceAll("e . g .", "e.g.").replaceAll("i . e .", "i.e.").replaceAll("U . S .", "U.S.");
  return ` ${s} `;
}

/** torchmetrics' Japanese preprocessing for EED: right strip and NFKC. */
export function eedPreprocessJapanese(sentence: string): string {
  return pyRstrip(sentence).normalize("NFKC");
}

/** EED of one preprocessed hypothesis against one preprocessed reference (CDER-style grid with jumps at blanks). */
export function eedSentence(
  hypothesis: string,
  reference: string,
  alpha = 2,
  rho = 0.3,
  deletion = 0.2,
  insertion = 1,
): number {
  const hyp = Array.from(hypothesis);
  const ref = Array.from(reference);
  const n = hyp.length + 1;
  const visits = new Array<number>(n).fill(-1);
  let row = new Array<number>(n).fill(1);
  row[0] = 0;
  let next = new Array<number>(n).fill(Infinity);
  for (let w = 1; w <= ref.length; w++) {
    const r = ref[w - 1]!;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const a = next[i - 1]! + deletion;
        const b = row[i - 1]! + (hyp[i - 1] !== r ? 1 : 0);
        const c = row[i]! + insertion;
        next[i] = Math.min(a, b, c);
      } else next[i] = row[i]! + 1;
    }
    let minIndex = 0;
    for (let i = 1; i < n; i++) if (next[i]! < next[minIndex]!) minIndex = i;
    visits[minIndex]! += 1;
    if (r === " ") {
      const jump = alpha + next[minIndex]!;
      for (let i = 0; i < n; i++) if (next[i]! > jump) next[i] = jump;
    }
    row = next;
    next = new Array<number>(n).fill(Infinity);
  }
  let coverage = 0;
  for (const v of visits) coverage += v >= 0 ? v : 1;
  coverage *= rho;
  return Math.min(1, (row[n - 1]! + coverage) / (ref.length + coverage));
}

/**
 * Extended edit distance as a streaming metric, matching torchmetrics 1.9.0
 * `ExtendedEditDistance`: each hypothesis scores the minimum EED over its references, the
 * corpus value is the mean of sentence scores (torchmetrics keeps them in float32; plumbline in
 * float64, within 1e-6). The state is their exact sum and count; `merge` adds. No pair: 0.
 * Cost O(|hyp| * |ref|) per pair.
 */
export function extendedEditDistanceDef(
  options?: ExtendedEditDistanceOptions,
): MetricDef<
  ExtendedEditDistanceState,
  [hypotheses: readonly string[], references: readonly ReferenceSet[]],
  number
> {
  const fn = "extendedEditDistance";
  const id = "text/extended_edit_distance";
  const o = readOptions<ExtendedEditDistanceOptions>(fn, options, EED_OPTIONS);
  const language = optOneOf(fn, "language", o.language, ["en", "ja"], "en");
  const params = {
    alpha: optNumber(fn, "alpha", o.alpha, 2, { min: 0 }),
    rho: optNumber(fn, "rho", o.rho, 0.3, { min: 0 }),
    deletion: optNumber(fn, "deletion", o.deletion, 0.2, { min: 0 }),
    insertion: optNumber(fn, "insertion", o.insertion, 1, { min: 0 }),
  };
  const prep = language === "en" ? eedPreprocessEnglish : eedPreprocessJapanese;
  return {
    id,
    meta: extendedEditDistanceMeta,
    options: { language, ...params },
    init: noScores,
    update(state, hypotheses, references) {
      const checked = checkPairs(hypotheses, references, fn);
      const scores = checked.hypotheses.map((h, i) => {
        const hyp = prep(h);
        let best = Infinity;
        for (const ref of checked.references[i]!) {
          const s = eedSentence(hyp, prep(ref), params.alpha, params.rho, params.deletion, params.insertion);
          if (s < best) best = s;
        }
        return best;
      });
      addScores(state, scores, fn);
    },
    merge: mergeScores,
    compute: (state) => (state.count === 0 ? 0 : meanScore(state)),
    validateState(state): asserts state is ExtendedEditDistanceState {
      checkMeanState(id, state);
    },
  };
}

const EED_OPTIONS = optionNames<ExtendedEditDistanceOptions>()(
  "language",
  "alpha",
  "rho",
  "deletion",
  "insertion",
);

/** Corpus extended edit distance (torchmetrics 1.9.0 `extended_edit_distance`), in [0, 1]. */
export function extendedEditDistance(
  hypotheses: readonly string[],
  references: readonly ReferenceSet[],
  options?: ExtendedEditDistanceOptions,
): number {
  return runOnce(extendedEditDistanceDef(options), hypotheses, references);
}
