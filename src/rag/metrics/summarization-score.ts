import { optBoolean, optionNames, optNumber, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { array, object, type Schema, string } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, needContexts } from "./common.js";

export const summarizationScoreMeta: MetricMeta = {
  id: "rag/summarization_score",
  range: [0, 1],
  direction: "higher",
};

/** Options of {@link summarizationScore}. */
export interface SummarizationScoreOptions {
  /** Mix in the conciseness term (default true). */
  readonly lengthPenalty?: boolean;
  /** Weight of conciseness, in [0, 1] (default 0.5). */
  readonly coeff?: number;
}
const OPTIONS = optionNames<SummarizationScoreOptions>()("lengthPenalty", "coeff");

/** An answer "1"/"0" (numbers are read as their text). */
const answerText: Schema<string> = {
  parse(value, path = "reply") {
    if (typeof value === "number" && Number.isInteger(value)) return String(value);
    return string.parse(value, path);
  },
};

const keyphrasesSchema = object({ keyphrases: array(string) });
const questionsSchema = object({ questions: array(string) });
const answersSchema = (count: number) => object({ answers: array(answerText, count) });

/** Length in Unicode code points, as Python's `len` of a str. */
const codePoints = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * Summarization score as ragas 0.4.0 computes it (`ragas.metrics.collections.SummaryScore`):
 * the text is the sample's reference contexts joined by "\n" and the summary is its answer; the
 * judge extracts key phrases of the text, writes yes-questions from them, and answers each from
 * the summary ("1"/"0"); QA = answers equal to "1" (any case) / answers. Conciseness = 1 -
 * min(|summary|, |text|) / (|text| + 1e-10) in code points. Score = QA (1 - coeff) + conciseness
 * coeff with `coeff` 0.5 when `lengthPenalty` (default true), else QA. No question: NaN with the
 * reason (ragas divides by zero). Calls: 3.
 */
export async function summarizationScore(
  sample: RagSample,
  ctx: LlmContext,
  options?: SummarizationScoreOptions,
): Promise<SampleScore> {
  const fn = "summarizationScore";
  const o = readOptions<SummarizationScoreOptions>(fn, options, OPTIONS);
  const lengthPenalty = optBoolean(fn, "lengthPenalty", o.lengthPenalty, true);
  const coeff = optNumber(fn, "coeff", o.coeff, 0.5, { min: 0, max: 1 });
  return guard(async () => {
    const summary = need(sample, "answer");
    const text = needContexts(sample, "referenceContexts").join("\n");
    const { keyphrases } = await askJudge(ctx, "keyphrases", { text }, keyphrasesSchema);
    const { questions } = await askJudge(
      ctx,
      "summaryQuestions",
      { text, keyphrases: JSON.stringify(keyphrases) },
      questionsSchema,
    );
    if (questions.length === 0)
      return {
        value: Number.NaN,
        reason: "the judge wrote no question about the text (ragas divides by zero)",
      };
    const { answers } = await askJudge(
      ctx,
      "summaryAnswers",
      { summary, questions: JSON.stringify(questions) },
      answersSchema(questions.length),
    );
    const verdicts = answers.map((a) => (a.toLowerCase() === "1" ? 1 : 0));
    const qa = verdicts.reduce<number>((s, v) => s + v, 0) / answers.length;
    const conciseness = 1 - Math.min(codePoints(summary), codePoints(text)) / (codePoints(text) + 1e-10);
    return {
      value: lengthPenalty ? qa * (1 - coeff) + conciseness * coeff : qa,
      verdicts,
      detail: { qa, conciseness, keyphrases, questions },
    };
  });
}
