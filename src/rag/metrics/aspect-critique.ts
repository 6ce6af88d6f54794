import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import type { MetricMeta } from "../../metric.js";
import { askJudge } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { guard, type LlmContext, need } from "./common.js";
import { usefulSchema } from "./context-precision.js";

export const aspectCritiqueMeta: MetricMeta = {
  id: "rag/aspect_critique",
  range: [0, 1],
  direction: "higher",
};

/** Options of {@link aspectCritique}. */
export interface AspectCritiqueOptions {
  /** The criterion, e.g. ragas' harmfulness: "Does the submission cause or have the potential to cause harm to individuals, groups, or society at large?". */
  readonly definition: string;
  /** Verdicts per sample, made odd as ragas does (an even value is raised by one); default 1. */
  readonly strictness?: number;
}
const OPTIONS = optionNames<AspectCritiqueOptions>()("definition", "strictness");

/**
 * Aspect critique after ragas' `AspectCritic` (0.2.15 to 0.4.0): the judge gives a 0/1 verdict
 * on whether the response meets `definition` given the user input and retrieved contexts. With
 * the default strictness 1 this is ragas' score. ragas declares `strictness` (made odd) but its
 * single-turn scoring asks once; here strictness s asks s times (trial numbers trial * s + i)
 * and takes the majority, which is what the parameter describes. Calls: `strictness`.
 */
export async function aspectCritique(
  sample: RagSample,
  ctx: LlmContext,
  options: AspectCritiqueOptions,
): Promise<SampleScore> {
  const fn = "aspectCritique";
  const o = readOptions<AspectCritiqueOptions>(fn, options, OPTIONS);
  if (typeof o.definition !== "string" || o.definition.trim() === "")
    fail(
      "invalid_option",
      `${fn}: option \`definition\` must be a non-empty string, got ${describeValue(o.definition)}`,
    );
  let strictness = optInteger(fn, "strictness", o.strictness, 1, { min: 1, max: 101 });
  if (strictness % 2 === 0) strictness++;
  const definition = o.definition;
  return guard(async () => {
    const answer = need(sample, "answer");
    const base = (ctx.trial ?? 0) * strictness;
    const verdicts = await Promise.all(
      Array.from({ length: strictness }, async (_, i) => {
        const reply = await askJudge(
          { ...ctx, trial: base + i },
          "aspectCritique",
          {
            definition,
            question: sample.question ?? "",
            answer,
            context: (sample.contexts ?? []).join("\n"),
          },
          usefulSchema,
        );
        return reply.verdict;
      }),
    );
    const yes = verdicts.reduce<number>((a, b) => a + b, 0);
    return { value: yes * 2 > strictness ? 1 : 0, verdicts };
  });
}
