import type { MetricMeta } from "../../metric.js";
import { array, object, string, verdict } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { fraction, guard, type LlmContext, need, needContexts } from "./common.js";

export const faithfulnessMeta: MetricMeta = {
  id: "rag/faithfulness",
  range: [0, 1],
  direction: "higher",
};

/** `{"statements": [...]}`: ragas' StatementGeneratorOutput. */
export const statementsSchema = object({ statements: array(string) });

/** ragas' NLIStatementOutput with one verdict per statement. */
export const nliSchema = (count: number) =>
  object({
    statements: array(object({ statement: string, reason: string, verdict }, ["statement", "reason"]), count),
  });

/**
 * Faithfulness as ragas 0.4.0 computes it (`ragas.metrics.collections.Faithfulness`; the
 * algorithm of ragas 0.2.x's `Faithfulness` too): the judge breaks the answer into statements
 * (question and answer in, `{"statements": [...]}` out), then judges each statement against the
 * retrieved contexts joined by "\n" (`{"statements": [{statement, reason, verdict}]}`); score =
 * statements with a non-zero verdict / statements. No statements: NaN (as ragas). A missing
 * question, answer or contexts: NaN with the reason (ragas raises). One difference: a verdict
 * list whose length differs from the statement count is malformed here (one repair attempt, then
 * NaN), where ragas divides by whatever count it received. Calls: 2.
 */
export async function faithfulness(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "answer");
    const contexts = needContexts(sample, "contexts");
    const { statements } = await askJudge(ctx, "statements", { question, answer }, statementsSchema);
    if (statements.length === 0)
      return { value: Number.NaN, reason: "the answer has no statements to verify (ragas: NaN)" };
    const reply = await askJudge(
      ctx,
      "faithfulnessVerdicts",
      { context: contexts.join("\n"), statements: JSON.stringify(statements) },
      nliSchema(statements.length),
    );
    const verdicts = reply.statements.map((s) => s.verdict);
    return { value: fraction(verdicts), verdicts, detail: { statements } };
  });
}
