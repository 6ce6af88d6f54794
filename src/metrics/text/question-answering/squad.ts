import { describeValue, invalidState, invalidValue } from "../../../core/errors.js";
import {
  addExactSums,
  exactSumOf,
  exactSums,
  exactSumsShape,
  exactToNumber,
} from "../../../core/exact-sum.js";
import { optionNames, optNumber, readOptions } from "../../../core/options.js";
import { checkState, field, stateInvariant } from "../../../core/state-check.js";
import { type MetricDef, type MetricMeta, runOnce } from "../../../metric.js";
import { refuse } from "../shared/inputs.js";
import { plusScores } from "../shared/state.js";
import { pySplit } from "../tokenizers/python-strings.js";

/** One model answer. */
export interface SquadPrediction {
  readonly id: string;
  /** The answer text; in SQuAD v2 the empty string means "no answer". */
  readonly predictionText: string;
  /** SQuAD v2 only: the model's probability that the question has no answer (the official `na_prob`). */
  readonly noAnswerProbability?: number;
}

/** One question with its gold answer texts (SQuAD v2: an empty list marks an unanswerable question). */
export interface SquadReference {
  readonly id: string;
  readonly answers: readonly string[];
}

/** Exact match and F1, in percent (0-100), as the official scripts print them. */
export interface SquadResult {
  readonly exactMatch: number;
  readonly f1: number;
}

export const squadMeta: MetricMeta = {
  id: "text/squad",
  range: [0, 100],
  direction: "higher",
  conventions: ["torchmetrics-1.9.0"],
};

const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
// Python's \b uses Unicode \w (letters, digits, underscore); JS \b is ASCII-only.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/**
 * The official SQuAD `normalize_answer`: lowercase, drop ASCII punctuation (Python's
 * `string.punctuation`), replace the words a, an, the by spaces, collapse whitespace.
 *
 * @example normalizeAnswer("The  Eiffel Tower!") // "eiffel tower"
 */
export function normalizeAnswer(text: string): string {
  let out = "";
  for (const c of text.toLowerCase()) if (!PUNCTUATION.has(c)) out += c;
  return pySplit(out.replace(ARTICLES, " ")).join(" ");
}

function tokenF1(predictionTokens: readonly string[], goldTokens: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of goldTokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of predictionTokens) {
    const c = counts.get(t);
    if (c !== undefined && c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / predictionTokens.length;
  const recall = same / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * SQuAD v1.1 `metric_max_over_ground_truths` for exact match and F1 of one question (each 0..1).
 * Throws when `goldAnswers` is empty (the v1.1 script fails on `max` of nothing).
 */
export function squadQuestionScores(
  prediction: string,
  goldAnswers: readonly string[],
): { exactMatch: number; f1: number } {
  if (typeof prediction !== "string")
    refuse("squadQuestionScores", "prediction", "must be a string", prediction);
  if (!Array.isArray(goldAnswers) || goldAnswers.length === 0) {
    refuse("squadQuestionScores", "goldAnswers", "must be a non-empty array of strings", goldAnswers);
  }
  const normPrediction = normalizeAnswer(prediction);
  const predictionTokens = pySplit(normPrediction);
  let exactMatch = 0;
  let f1 = 0;
  for (const gold of goldAnswers) {
    const normGold = normalizeAnswer(gold);
    if (normGold === normPrediction) exactMatch = 1;
    f1 = Math.max(f1, tokenF1(predictionTokens, pySplit(normGold)));
  }
  return { exactMatch, f1 };
}

function checkPredictions(fn: string, predictions: unknown, v2: boolean): Map<string, SquadPrediction> {
  if (!Array.isArray(predictions))
    refuse(fn, "predictions", "must be an array of { id, predictionText }", predictions);
  const byId = new Map<string, SquadPrediction>();
  predictions.forEach((p: SquadPrediction, i) => {
    if (
      p === null ||
      typeof p !== "object" ||
      typeof p.id !== "string" ||
      typeof p.predictionText !== "string"
    ) {
      refuse(fn, "predictions", "must contain { id: string, predictionText: string }", p, ` at index ${i}`);
    }
    if (byId.has(p.id)) refuse(fn, "predictions", "must have unique ids", p.id, ` twice at index ${i}`);
    if (
      v2 &&
      p.noAnswerProbability !== undefined &&
      (typeof p.noAnswerProbability !== "number" || !Number.isFinite(p.noAnswerProbability))
    ) {
      refuse(
        fn,
        "predictions",
        "noAnswerProbability must be a finite number",
        p.noAnswerProbability,
        ` at index ${i}`,
      );
    }
    byId.set(p.id, p);
  });
  return byId;
}

function checkReferences(fn: string, references: unknown, v2: boolean): readonly SquadReference[] {
  if (!Array.isArray(references)) refuse(fn, "references", "must be an array of { id, answers }", references);
  references.forEach((r: SquadReference, i) => {
    if (r === null || typeof r !== "object" || typeof r.id !== "string" || !Array.isArray(r.answers)) {
      refuse(fn, "references", "must contain { id: string, answers: string[] }", r, ` at index ${i}`);
    }
    if (!v2 && r.answers.length === 0)
      invalidValue(
        `${fn}: \`references\` must have at least one answer per question in SQuAD v1.1, got none at index ${i}`,
      );
    r.answers.forEach((a, k) => {
      if (typeof a !== "string")
        refuse(fn, "references", "answers must be strings", a, ` at index ${i}.${k}`);
    });
  });
  return references;
}

/** Running sums of the v1.1 score: exact matches, the exact sum of F1 (`core/exact-sum.ts` limbs), questions. */
export interface SquadState {
  exactMatch: number;
  f1: Float64Array;
  total: number;
}

/**
 * SQuAD v1.1 as a mergeable metric. Each batch pairs predictions with references by id; a
 * reference without a prediction in its batch scores 0 (the official script's "Unanswered
 * question"), predictions for unknown ids are ignored (as the script does).
 *
 * Matches the official v1.1 `compute_score` and torchmetrics 1.9.0 `SQuAD` (percent).
 * No questions at all gives NaN.
 */
export function squadDef(
  options?: Record<string, never>,
): MetricDef<
  SquadState,
  [predictions: readonly SquadPrediction[], references: readonly SquadReference[]],
  SquadResult
> {
  readOptions("squad", options, []);
  const id = squadMeta.id;
  return {
    id,
    meta: squadMeta,
    options: {},
    init: () => ({ exactMatch: 0, f1: exactSums(1), total: 0 }),
    update(state, predictions, references) {
      const byId = checkPredictions("squad", predictions, false);
      const refs = checkReferences("squad", references, false);
      let em = 0;
      const f1: number[] = [];
      for (const r of refs) {
        const p = byId.get(r.id);
        if (p === undefined) continue;
        const s = squadQuestionScores(p.predictionText, r.answers);
        em += s.exactMatch;
        f1.push(s.f1);
      }
      state.exactMatch += em;
      state.f1 = plusScores(state.f1, f1, "squad");
      state.total += refs.length;
    },
    merge: (a, b) => ({
      exactMatch: a.exactMatch + b.exactMatch,
      f1: addExactSums(a.f1, b.f1),
      total: a.total + b.total,
    }),
    compute: (state) => ({
      exactMatch: (100 * state.exactMatch) / state.total,
      f1: (100 * exactToNumber(state.f1)) / state.total,
    }),
    validateState(state): asserts state is SquadState {
      checkState(id, state, { exactMatch: field.count(), f1: exactSumsShape(1), total: field.count() });
      const s = state as SquadState;
      const f1 = exactToNumber(s.f1);
      stateInvariant(
        id,
        s.exactMatch <= s.total && f1 >= 0 && f1 <= s.total,
        `state.exactMatch (${s.exactMatch}) and state.f1 (${f1}) must lie in [0, state.total (${s.total})] (per-question scores are in [0, 1])`,
      );
    },
  };
}

/**
 * SQuAD v1.1 exact match and F1 in percent.
 *
 * @example squad([{ id: "q", predictionText: "the Eiffel Tower" }], [{ id: "q", answers: ["Eiffel Tower"] }]) // { exactMatch: 100, f1: 100 }
 */
export function squad(
  predictions: readonly SquadPrediction[],
  references: readonly SquadReference[],
  options?: Record<string, never>,
): SquadResult {
  return runOnce(squadDef(options), predictions, references);
}

function v2Exact(gold: string, prediction: string): number {
  return normalizeAnswer(gold) === normalizeAnswer(prediction) ? 1 : 0;
}

function v2F1(gold: string, prediction: string): number {
  const goldTokens = gold === "" ? [] : pySplit(normalizeAnswer(gold));
  const predictionTokens = prediction === "" ? [] : pySplit(normalizeAnswer(prediction));
  if (goldTokens.length === 0 || predictionTokens.length === 0)
    return goldTokens.length === predictionTokens.length ? 1 : 0;
  return tokenF1(predictionTokens, goldTokens);
}

/** One scored SQuAD v2 question (kept in order: the best-threshold sweep needs them all). */
export interface SquadV2Record {
  id: string;
  hasAnswer: boolean;
  exact: number;
  f1: number;
  predictedAnswer: boolean;
  noAnswerProbability: number;
}

export interface SquadV2State {
  records: SquadV2Record[];
  /** Whether the predictions carried `noAnswerProbability` (then best thresholds are reported). */
  withProbabilities: boolean | null;
}

const SQUAD_V2_OPTIONS = optionNames<SquadV2Options>()("noAnswerThreshold");

export interface SquadV2Options {
  /** A question whose `noAnswerProbability` exceeds this is answered "no answer". Default 1.0 (the official default). */
  readonly noAnswerThreshold?: number;
}

/** The official v2.0 evaluation dict (exact/f1 in percent). `best*` only with probabilities. */
export interface SquadV2Result {
  exact: number;
  f1: number;
  total: number;
  HasAns_exact?: number;
  HasAns_f1?: number;
  HasAns_total?: number;
  NoAns_exact?: number;
  NoAns_f1?: number;
  NoAns_total?: number;
  best_exact?: number;
  best_exact_thresh?: number;
  best_f1?: number;
  best_f1_thresh?: number;
}

function scoreV2(
  predictions: readonly SquadPrediction[],
  references: readonly SquadReference[],
  fn: string,
): { records: SquadV2Record[]; withProbabilities: boolean | null } {
  const byId = checkPredictions(fn, predictions, true);
  const refs = checkReferences(fn, references, true);
  let withProbabilities: boolean | null = null;
  predictions.forEach((p, i) => {
    const has = p.noAnswerProbability !== undefined;
    if (withProbabilities !== null && has !== withProbabilities) {
      invalidValue(
        `${fn}: \`predictions\` must all have noAnswerProbability or none, got a mismatch at index ${i}`,
      );
    }
    withProbabilities = has;
  });
  // Records follow the predictions' order: the official best-threshold sweep sorts the na_prob
  // keys (prediction order) stably, so ties in probability keep that order.
  const rank = new Map(predictions.map((p, i) => [p.id, i]));
  const records: SquadV2Record[] = refs.map((r) => {
    const p = byId.get(r.id);
    if (p === undefined)
      invalidValue(
        `${fn}: \`predictions\` has no answer for question id ${describeValue(r.id)} (the official v2.0 script fails too)`,
      );
    const gold = r.answers.filter((a) => normalizeAnswer(a) !== "");
    const golds = gold.length > 0 ? gold : [""];
    let exact = 0;
    let f1 = 0;
    for (const g of golds) {
      exact = Math.max(exact, v2Exact(g, p.predictionText));
      f1 = Math.max(f1, v2F1(g, p.predictionText));
    }
    return {
      id: r.id,
      hasAnswer: r.answers.length > 0,
      exact,
      f1,
      predictedAnswer: p.predictionText !== "",
      noAnswerProbability: p.noAnswerProbability ?? 0,
    };
  });
  records.sort((a, b) => (rank.get(a.id) as number) - (rank.get(b.id) as number));
  return { records, withProbabilities };
}

/**
 * SQuAD v2.0 raw per-question scores (the official `get_raw_scores`: exact 0/1 and F1 in [0, 1],
 * before the no-answer threshold). Gold answers that normalise to "" are dropped; a question with
 * none left has gold [""], so only an empty prediction scores 1.
 */
export function squadV2RawScores(
  predictions: readonly SquadPrediction[],
  references: readonly SquadReference[],
): { exact: Record<string, number>; f1: Record<string, number> } {
  const { records } = scoreV2(predictions, references, "squadV2RawScores");
  return {
    exact: Object.fromEntries(records.map((r) => [r.id, r.exact])),
    f1: Object.fromEntries(records.map((r) => [r.id, r.f1])),
  };
}

function bestThreshold(records: readonly SquadV2Record[], key: "exact" | "f1"): [number, number] {
  let score = records.filter((r) => !r.hasAnswer).length;
  let best = score;
  let threshold = 0;
  const order = records
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].noAnswerProbability - b[0].noAnswerProbability || a[1] - b[1]);
  for (const [r] of order) {
    score += r.hasAnswer ? r[key] : r.predictedAnswer ? -1 : 0;
    if (score > best) {
      best = score;
      threshold = r.noAnswerProbability;
    }
  }
  return [(100 * best) / records.length, threshold];
}

/**
 * SQuAD v2.0 as a mergeable metric (the state keeps one record per question: the best-threshold
 * sweep sorts them all). Every reference must have a prediction in its batch.
 *
 * Matches the official v2.0 script's `main` (huggingface/evaluate `squad_v2/compute_score.py`):
 * exact/f1 over all questions, HasAns_ and NoAns_ subsets (when present), and, when predictions
 * carry `noAnswerProbability`, best_exact/best_f1 with their thresholds. Percentages. Sums are
 * exact, so merged results do not depend on the merge order, except the best thresholds when
 * probabilities tie: the official sweep takes tied questions in input order (a stable sort).
 */
export function squadV2Def(
  options?: SquadV2Options,
): MetricDef<
  SquadV2State,
  [predictions: readonly SquadPrediction[], references: readonly SquadReference[]],
  SquadV2Result
> {
  const fn = "squadV2";
  const id = "text/squad_v2";
  const o = readOptions<SquadV2Options>(fn, options, SQUAD_V2_OPTIONS);
  // The official script compares `na_prob > thresh`; an infinite threshold is meaningful.
  const threshold =
    o.noAnswerThreshold === Infinity || o.noAnswerThreshold === -Infinity
      ? o.noAnswerThreshold
      : optNumber(fn, "noAnswerThreshold", o.noAnswerThreshold, 1);
  return {
    id,
    meta: squadMeta,
    options: { noAnswerThreshold: threshold },
    init: () => ({ records: [], withProbabilities: null }),
    update(state, predictions, references) {
      const { records, withProbabilities } = scoreV2(predictions, references, "squadV2");
      if (
        withProbabilities !== null &&
        state.withProbabilities !== null &&
        withProbabilities !== state.withProbabilities
      ) {
        invalidValue(
          "squadV2: `predictions` must all have noAnswerProbability or none, got a batch that differs from earlier batches",
        );
      }
      if (withProbabilities !== null) state.withProbabilities = withProbabilities;
      state.records.push(...records);
    },
    merge(a, b) {
      if (
        a.withProbabilities !== null &&
        b.withProbabilities !== null &&
        a.withProbabilities !== b.withProbabilities
      ) {
        invalidState("squadV2: cannot merge a state with noAnswerProbability and one without");
      }
      return {
        records: [...a.records, ...b.records],
        withProbabilities: a.withProbabilities ?? b.withProbabilities,
      };
    },
    compute(state) {
      const { records } = state;
      const thresholded = records.map((r) => {
        if (r.noAnswerProbability > threshold) {
          const s = r.hasAnswer ? 0 : 1;
          return { r, exact: s, f1: s };
        }
        return { r, exact: r.exact, f1: r.f1 };
      });
      // Exact sums: the result does not depend on the order in which records were merged.
      const evaluate = (subset: typeof thresholded): { exact: number; f1: number; total: number } => ({
        exact: (100 * exactSumOf(Float64Array.from(subset, (s) => s.exact))) / subset.length,
        f1: (100 * exactSumOf(Float64Array.from(subset, (s) => s.f1))) / subset.length,
        total: subset.length,
      });
      const out: SquadV2Result = evaluate(thresholded);
      const has = thresholded.filter((s) => s.r.hasAnswer);
      const no = thresholded.filter((s) => !s.r.hasAnswer);
      if (has.length > 0) {
        const e = evaluate(has);
        out.HasAns_exact = e.exact;
        out.HasAns_f1 = e.f1;
        out.HasAns_total = e.total;
      }
      if (no.length > 0) {
        const e = evaluate(no);
        out.NoAns_exact = e.exact;
        out.NoAns_f1 = e.f1;
        out.NoAns_total = e.total;
      }
      if (state.withProbabilities === true) {
        [out.best_exact, out.best_exact_thresh] = bestThreshold(records, "exact");
        [out.best_f1, out.best_f1_thresh] = bestThreshold(records, "f1");
      }
      return out;
    },
    validateState(state): asserts state is SquadV2State {
      checkState(id, state, {
        records: field.array(
          field.object({
            id: field.string(),
            hasAnswer: field.boolean(),
            exact: field.number("binary"),
            f1: field.number({ test: (v) => v >= 0 && v <= 1, words: "numbers in [0, 1]" }),
            predictedAnswer: field.boolean(),
            noAnswerProbability: field.number("finite"),
          }),
        ),
        withProbabilities: field.oneOf(field.boolean(), field.null()),
      });
    },
  };
}

/**
 * SQuAD v2.0 exact match and F1 (percent) with the no-answer handling of the official script.
 *
 * @example squadV2([{ id: "q", predictionText: "" }], [{ id: "q", answers: [] }]).exact // 100
 */
export function squadV2(
  predictions: readonly SquadPrediction[],
  references: readonly SquadReference[],
  options?: SquadV2Options,
): SquadV2Result {
  return runOnce(squadV2Def(options), predictions, references);
}
