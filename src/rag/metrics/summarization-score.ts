import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { binary, judgeStructured, stringList } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { fraction, guard, type LlmContext, need, promptFor } from "./common.js";

/** Catalog entry of RAGAS summarization score. */
export const summarizationScoreMeta: CatalogEntry = {
  id: "rag/summarization_score",
  title: "Summarization score (RAGAS)",
  kind: "metric",
  tasks: ["rag", "nlp"],
  formula: "S = (1-c)\\,\\mathrm{QA} + c\\,\\Big(1 - \\frac{\\min(|s|, |t|)}{|t| + 10^{-10}}\\Big)",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: [
    "The conciseness term rewards short summaries; set lengthPenalty false to score coverage only.",
  ],
  references: [{ paper: "ragas SummarizationScore (keyphrase questions answered by the summary)" }],
  traits: ["llm-judge"],
  exports: ["summarizationScore"],
};

/**
 * Summarization score, the RAGAS definition (ragas `SummarizationScore`): the judge extracts
 * key phrases of the text (the sample's contexts), writes a yes-question per key phrase, and
 * answers each from the summary (the sample's answer); QA = answered yes / questions.
 * Conciseness = 1 - min(|summary|, |text|) / (|text| + 1e-10) in characters. Score =
 * (1 - coeff) QA + coeff conciseness with `coeff` 0.5 when `lengthPenalty` (default true),
 * else QA. Calls: 3.
 */
export async function summarizationScore(
  sample: RagSample,
  ctx: LlmContext,
  options: { lengthPenalty?: boolean; coeff?: number } = {},
): Promise<SampleScore> {
  const lengthPenalty = options.lengthPenalty ?? true;
  const coeff = options.coeff ?? 0.5;
  return guard(async () => {
    const summary = need(sample, "answer");
    const text = need(sample, "contexts").join("\n");
    const keyphrases = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "keyphrases"), { text }),
      stringList("keyphrases"),
    );
    const questions = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "summaryQuestions"), { text, keyphrases: JSON.stringify(keyphrases) }),
      stringList("questions"),
    );
    if (questions.length === 0)
      return { value: Number.NaN, reason: "the judge wrote no question about the text" };
    const answers = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "summaryAnswers"), { summary, questions: JSON.stringify(questions) }),
      (value) => {
        const list = (value as Record<string, unknown>)?.answers;
        if (!Array.isArray(list) || list.length !== questions.length)
          throw new Error(`"answers" must have ${questions.length} entries`);
        return list.map((a, i) => binary(a, `answers[${i}]`));
      },
      { trial: ctx.trial ?? 0 },
    );
    const qa = fraction(answers);
    const conciseness = 1 - Math.min(summary.length, text.length) / (text.length + 1e-10);
    return {
      value: lengthPenalty ? (1 - coeff) * qa + coeff * conciseness : qa,
      verdicts: answers,
      detail: { qa, conciseness },
    };
  });
}
