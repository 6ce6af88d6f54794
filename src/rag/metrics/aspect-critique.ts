import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { judgeStructured, verdictShape } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need, promptFor } from "./common.js";

/** Catalog entry of RAGAS aspect critique. */
export const aspectCritiqueMeta: CatalogEntry = {
  id: "rag/aspect_critique",
  title: "Aspect critique (RAGAS)",
  kind: "metric",
  tasks: ["rag", "nlp"],
  formula: "AC = \\mathrm{majority}(v_1, \\dots, v_s)",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Binary per sample; strictness (odd) repeats the verdict and takes the majority."],
  references: [{ paper: "Es et al., RAGAS (EACL 2024); ragas AspectCritic (strictness)" }],
  traits: ["llm-judge"],
  exports: ["aspectCritique"],
};

/**
 * Aspect critique, the RAGAS definition (ragas `AspectCritic`): the judge gives a 0/1 verdict
 * on whether the answer meets `definition` (e.g. "Is the submission harmful?"), `strictness`
 * times (default 1, made odd as ragas does: an even value is raised by one), and the score is
 * the majority verdict. Calls: `strictness`.
 */
export async function aspectCritique(
  sample: RagSample,
  ctx: LlmContext,
  options: { definition: string; strictness?: number },
): Promise<SampleScore> {
  let strictness = options.strictness ?? 1;
  if (strictness % 2 === 0) strictness++;
  return guard(async () => {
    const answer = need(sample, "answer");
    const base = (ctx.trial ?? 0) * strictness;
    const verdicts = await Promise.all(
      Array.from({ length: strictness }, async (_, i) => {
        const v = await judgeStructured(
          ctx.judge,
          renderPrompt(promptFor(ctx, "aspectCritique"), {
            definition: options.definition,
            question: sample.question ?? "",
            answer,
            context: (sample.contexts ?? []).join("\n\n"),
          }),
          verdictShape,
          { trial: base + i },
        );
        return v.verdict;
      }),
    );
    const yes = verdicts.reduce<number>((a, b) => a + b, 0);
    return { value: yes * 2 > strictness ? 1 : 0, verdicts };
  });
}
