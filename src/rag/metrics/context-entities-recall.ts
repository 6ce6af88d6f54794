import type { CatalogEntry } from "../../catalog/types.js";
import { array, object, string } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, needContexts } from "./common.js";

/** Catalog entry of RAGAS context entities recall. */
export const contextEntitiesRecallMeta: CatalogEntry = {
  id: "rag/context_entities_recall",
  title: "Context entities recall (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula:
    "CER = \\frac{|E(\\text{context}) \\cap E(\\text{ground truth})|}{|E(\\text{ground truth})| + 10^{-8}}",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Suited to fact-heavy answers (dates, names); entities match only when written identically."],
  references: [
    { paper: "Es et al., RAGAS (EACL 2024)" },
    { implementation: "ragas 0.4.0 ragas.metrics.collections.ContextEntityRecall" },
  ],
  traits: ["llm-judge", "reference-based"],
  exports: ["contextEntitiesRecall"],
};

/** ragas' EntitiesList. */
export const entitiesSchema = object({ entities: array(string) });

/**
 * Context entities recall as ragas 0.4.0 computes it
 * (`ragas.metrics.collections.ContextEntityRecall`): the judge lists the entities of the
 * reference answer and of the retrieved contexts joined by "\n"; score = |reference set ∩
 * context set| / (|reference set| + 1e-8), entities compared as written (exact strings, as
 * Python sets compare them). No reference entity: 0. Calls: 2.
 */
export async function contextEntitiesRecall(sample: RagSample, ctx: LlmContext): Promise<SampleScore> {
  return guard(async () => {
    const groundTruth = need(sample, "groundTruth");
    const contexts = needContexts(sample, "contexts");
    const [reference, found] = await Promise.all(
      [groundTruth, contexts.join("\n")].map(
        async (text) => (await askJudge(ctx, "entities", { text }, entitiesSchema)).entities,
      ),
    );
    const wanted = new Set(reference);
    const inContext = new Set(found);
    let both = 0;
    for (const e of wanted) if (inContext.has(e)) both++;
    return { value: both / (wanted.size + 1e-8), detail: { reference: [...wanted], found: [...inContext] } };
  });
}
