import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { judgeStructured, stringList, verdictList } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { fraction, guard, type LlmContext, need, promptFor } from "./common.js";

/** Catalog entry of RAGAS faithfulness. */
export const faithfulnessMeta: CatalogEntry = {
  id: "rag/faithfulness",
  title: "Faithfulness (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula:
    "F = \\frac{|\\{\\text{answer claims supported by the context}\\}|}{|\\{\\text{answer claims}\\}|}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Depends on the judge's claim decomposition; repeat trials and report agreement."],
  references: [
    { paper: "Es et al., RAGAS: Automated Evaluation of Retrieval Augmented Generation, EACL 2024" },
  ],
  traits: ["llm-judge", "hallucination"],
  exports: ["faithfulness"],
};

/**
 * Faithfulness, the RAGAS definition (ragas `Faithfulness`; deepeval's variant also penalises
 * only contradictions, this one every unsupported claim): the judge decomposes the answer into
 * statements, then verifies each against the retrieved contexts; score = supported / total.
 * An answer with no statements scores NaN with a reason (as ragas). Calls: 2 per trial (the
 * decomposition is shared by trials; the verification is repeated with the trial number).
 */
export async function faithfulness(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "answer");
    const contexts = need(sample, "contexts");
    const statements = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "statements"), { question, answer }),
      stringList("statements"),
    );
    if (statements.length === 0)
      return { value: Number.NaN, reason: "the answer has no statements to verify" };
    const verdicts = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "faithfulnessVerdicts"), {
        context: contexts.join("\n\n"),
        statements: JSON.stringify(statements),
      }),
      verdictList("verdicts", "verdict", statements.length),
      { trial: ctx.trial ?? 0 },
    );
    return { value: fraction(verdicts), verdicts, detail: { statements } };
  });
}
