import type { MetricMeta } from "../../metric.js";
import { array, object, string } from "../schema.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, needContexts } from "./common.js";

export const contextEntitiesRecallMeta: MetricMeta = {
  id: "rag/context_entities_recall",
  range: [0, 1],
  direction: "higher",
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
