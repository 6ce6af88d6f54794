import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { judgeStructured, stringList } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, promptFor } from "./common.js";

/** Catalog entry of RAGAS context entities recall. */
export const contextEntitiesRecallMeta: CatalogEntry = {
  id: "rag/context_entities_recall",
  title: "Context entities recall (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula: "CER = \\frac{|E(\\text{context}) \\cap E(\\text{ground truth})|}{|E(\\text{ground truth})|}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Suited to fact-heavy answers (dates, names); entity spelling variants count as misses."],
  references: [{ paper: "Es et al., RAGAS (EACL 2024); ragas ContextEntityRecall" }],
  traits: ["llm-judge", "reference-based"],
  exports: ["contextEntitiesRecall"],
};

/**
 * Context entities recall, the RAGAS definition (ragas `ContextEntityRecall`): the judge lists
 * the entities of the reference answer and of the retrieved contexts; score = |both| /
 * |reference entities|, entities compared after lowercasing and trimming. No reference entity:
 * 0 (as ragas, whose denominator adds 1e-8), with the reason attached. Calls: 2.
 */
export async function contextEntitiesRecall(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const groundTruth = need(sample, "groundTruth");
    const contexts = need(sample, "contexts");
    const extract = (text: string) =>
      judgeStructured(ctx.judge, renderPrompt(promptFor(ctx, "entities"), { text }), stringList("entities"), {
        trial: ctx.trial ?? 0,
      });
    const [reference, found] = await Promise.all([extract(groundTruth), extract(contexts.join("\n\n"))]);
    const norm = (s: string) => s.trim().toLowerCase();
    const inContext = new Set(found.map(norm));
    const wanted = [...new Set(reference.map(norm))];
    if (wanted.length === 0)
      return { value: 0, reason: "the reference answer has no entities (ragas scores 0)" };
    const verdicts = wanted.map((e) => (inContext.has(e) ? 1 : 0));
    return { value: verdicts.reduce<number>((a, b) => a + b, 0) / wanted.length, verdicts };
  });
}
