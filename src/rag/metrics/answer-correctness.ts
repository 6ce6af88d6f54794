import { describeValue, fail } from "../../core/errors.js";
import { optionNames, optNumber, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { array, object, string } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { cosine, guard, type LlmContext, need, needEmbedder } from "./common.js";
import { statementsSchema } from "./faithfulness.js";

export const answerCorrectnessMeta: MetricMeta = {
  id: "rag/answer_correctness",
  range: [0, 1],
  direction: "higher",
};

/** Options of {@link answerCorrectness}. */
export interface AnswerCorrectnessOptions {
  /** [factuality, similarity] weights, each >= 0, sum > 0 (default [0.75, 0.25]). */
  readonly weights?: readonly [number, number];
  /** F-beta's beta (default 1; > 1 favours recall). */
  readonly beta?: number;
}
const OPTIONS = optionNames<AnswerCorrectnessOptions>()("weights", "beta");

const classified = array(object({ statement: string, reason: string }, ["reason"]));
/** ragas' ClassificationWithReason. */
export const correctnessSchema = object({ TP: classified, FP: classified, FN: classified });

/**
 * F-beta of statement counts as ragas 0.4.0 `AnswerCorrectness._compute_f1_score`: precision
 * TP/(TP+FP) (1 when TP+FP = 0 and FN = 0, else 0 there), recall TP/(TP+FN) (1 when TP+FN = 0 and
 * FP = 0, else 0 there), then (1+b^2) P R / (b^2 P + R), and 0 when P + R = 0.
 */
export function statementFBeta(tp: number, fp: number, fn: number, beta = 1): number {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  if (precision + recall === 0) return 0;
  const b2 = beta ** 2;
  return ((1 + b2) * (precision * recall)) / (b2 * precision + recall);
}

/**
 * Answer correctness as ragas 0.4.0 computes it (`ragas.metrics.collections.AnswerCorrectness`):
 * the judge breaks the answer and the reference answer into statements (the faithfulness
 * decomposition prompt), then classifies them as TP, FP and FN against each other; factuality =
 * F-beta of the counts ({@link statementFBeta}), or 1 when either side has no statement (as
 * ragas); similarity = cosine of the embeddings of answer and reference (0 for a zero vector, and
 * not computed when its weight is 0); score = the weighted average (numpy `average` with
 * `weights`). Calls: 3 judge calls and 1 embedding call.
 */
export async function answerCorrectness(
  sample: RagSample,
  ctx: LlmContext,
  options?: AnswerCorrectnessOptions,
): Promise<SampleScore> {
  const fn = "answerCorrectness";
  const o = readOptions<AnswerCorrectnessOptions>(fn, options, OPTIONS);
  const weights = o.weights ?? [0.75, 0.25];
  if (
    !Array.isArray(weights) ||
    weights.length !== 2 ||
    !weights.every((w) => typeof w === "number" && Number.isFinite(w) && w >= 0) ||
    !(weights[0] + weights[1] > 0)
  )
    fail(
      "invalid_option",
      `${fn}: option \`weights\` must be two numbers >= 0 with a positive sum, got ${describeValue(weights)}`,
    );
  const beta = optNumber(fn, "beta", o.beta, 1, { min: 0, minExclusive: true });
  const [wFactual, wSimilarity] = weights;
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "answer");
    const groundTruth = need(sample, "groundTruth");
    const [answerStatements, referenceStatements] = await Promise.all(
      [answer, groundTruth].map(
        async (text) =>
          (await askJudge(ctx, "statements", { question, answer: text }, statementsSchema)).statements,
      ),
    );
    let factuality = 1;
    let classes: { TP: number; FP: number; FN: number } | undefined;
    if (answerStatements!.length > 0 && referenceStatements!.length > 0) {
      const reply = await askJudge(
        ctx,
        "correctnessClassification",
        {
          question,
          answer: JSON.stringify(answerStatements),
          groundTruth: JSON.stringify(referenceStatements),
        },
        correctnessSchema,
      );
      classes = { TP: reply.TP.length, FP: reply.FP.length, FN: reply.FN.length };
      factuality = statementFBeta(classes.TP, classes.FP, classes.FN, beta);
    }
    let similarity = 0;
    if (wSimilarity !== 0) {
      const [a, b] = await needEmbedder(ctx, fn)([answer, groundTruth]);
      similarity = isZero(a!) || isZero(b!) ? 0 : cosine(a!, b!);
    }
    return {
      value: (wFactual * factuality + wSimilarity * similarity) / (wFactual + wSimilarity),
      detail: { factuality, similarity, ...(classes ? { counts: classes } : {}) },
    };
  });
}

const isZero = (v: readonly number[]) => v.every((x) => x === 0);

/** SQuAD v1.1 answer normalisation: lowercase, drop punctuation and articles, collapse whitespace. */
export function normalizeAnswer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[!-/:-@[-`{-~]/g, "")
    .replace(/\b(a|an|the)\b/g, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
}

/**
 * Non-LLM answer correctness: the SQuAD v1.1 token F1 between answer and reference answer
 * (normalised as the official script: lowercase, no punctuation, no articles). Both empty: 1;
 * one empty: 0. Needs no judge and no network.
 */
export function tokenF1AnswerCorrectness(sample: RagSample): SampleScore {
  if (sample.answer === undefined || sample.groundTruth === undefined) {
    return {
      value: Number.NaN,
      reason: `sample has no \`${sample.answer === undefined ? "answer" : "groundTruth"}\``,
    };
  }
  const pred = normalizeAnswer(sample.answer);
  const gold = normalizeAnswer(sample.groundTruth);
  if (pred.length === 0 || gold.length === 0) return { value: pred.length === gold.length ? 1 : 0 };
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return { value: 0 };
  const precision = common / pred.length;
  const recall = common / gold.length;
  return { value: (2 * precision * recall) / (precision + recall) };
}
