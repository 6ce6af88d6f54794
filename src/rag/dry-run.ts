import { optionNames, readOptions } from "../core/options.js";
import type { JudgmentCache } from "./cache.js";
import { type EvaluateRagOptions, evaluateRag } from "./evaluate.js";
import type { UsageTotals } from "./meter.js";
import type { PromptId } from "./prompts.js";
import { estimateMessageTokens, estimateTokens } from "./tokens.js";
import type { ChatMessage, Embedder, Judge, JudgeCallOptions, RagSample } from "./types.js";

/** Options of {@link estimateRagCost}: those of `evaluateRag` that shape the calls. */
export type EstimateRagCostOptions = Pick<
  EvaluateRagOptions,
  "metrics" | "prompts" | "cache" | "judgeIdentity" | "samplesPerItem" | "pricing" | "previous"
> & {
  /** Identity of the embedder the run will use (for cache lookups of embeddings). */
  readonly embedderIdentity?: string;
};
const OPTIONS = optionNames<EstimateRagCostOptions>()(
  "metrics",
  "prompts",
  "cache",
  "judgeIdentity",
  "samplesPerItem",
  "pricing",
  "previous",
  "embedderIdentity",
);

/** The estimate for one metric: paid calls, tokens and cost a run would need. */
export interface RagCostEstimate {
  readonly metric: string;
  readonly usage: UsageTotals;
  /** Judgments already in `previous` (not paid again). */
  readonly resumed: number;
}

/** The fenced value of `label` in a rendered prompt ("" when absent). */
function fenced(messages: readonly ChatMessage[], label: string): string {
  const user = messages.find((m) => m.role === "user")?.content ?? "";
  const match = new RegExp(`<<<${label} ([0-9a-f]+)>>>\\n([\\s\\S]*?)\\n<<<END ${label} \\1>>>`).exec(user);
  return match?.[2] ?? "";
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
const jsonList = (text: string): string[] => {
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};
const capitalised = (text: string, most: number) =>
  [...new Set(text.match(/\b\p{Lu}[\p{L}\p{N}-]*(?:\s+\p{Lu}[\p{L}\p{N}-]*)*/gu) ?? [])].slice(0, most);
/** A judge's typical one-sentence reason, for sizing replies. */
const REASON =
  "The context states this directly, so the statement can be inferred from it without outside knowledge.";

/**
 * A plausible reply in the template's format, sized from the inputs: statements are the answer's
 * sentences, every verdict is 1, reasons are one sentence, questions restate the response,
 * entities and key phrases are the capitalised phrases of the text.
 */
export function simulatedReply(template: PromptId | string, messages: readonly ChatMessage[]): string {
  switch (template) {
    case "statements":
      return JSON.stringify({ statements: sentences(fenced(messages, "ANSWER")) });
    case "faithfulnessVerdicts":
      return JSON.stringify({
        statements: jsonList(fenced(messages, "STATEMENTS")).map((statement) => ({
          statement,
          reason: REASON,
          verdict: 1,
        })),
      });
    case "contextRecall":
      return JSON.stringify({
        classifications: sentences(fenced(messages, "ANSWER")).map((statement) => ({
          statement,
          reason: REASON,
          attributed: 1,
        })),
      });
    case "answerRelevance":
      return JSON.stringify({
        question: `${sentences(fenced(messages, "RESPONSE"))[0] ?? ""}?`,
        noncommittal: 0,
      });
    case "correctnessClassification":
      return JSON.stringify({
        TP: jsonList(fenced(messages, "ANSWER")).map((statement) => ({ statement, reason: REASON })),
        FP: [],
        FN: [],
      });
    case "entities":
      return JSON.stringify({ entities: capitalised(fenced(messages, "TEXT"), 30) });
    case "keyphrases":
      return JSON.stringify({ keyphrases: capitalised(fenced(messages, "TEXT"), 15) });
    case "summaryQuestions":
      return JSON.stringify({
        questions: jsonList(fenced(messages, "KEYPHRASES")).map((k) => `Does the text mention ${k}?`),
      });
    case "summaryAnswers":
      return JSON.stringify({ answers: jsonList(fenced(messages, "QUESTIONS")).map(() => "1") });
    default:
      return JSON.stringify({ reason: REASON, verdict: 1 });
  }
}

/**
 * Estimates the paid calls, tokens and cost per metric of an `evaluateRag` run without calling a
 * model: the metrics run against a simulated judge that answers every prompt in its format with a
 * plausible reply ({@link simulatedReply}), so the later prompts of a multi-step metric are sized
 * from plausible earlier replies. Prompt tokens come from the rendered prompts, completion tokens
 * from the simulated replies (see `estimateTokens` for how far a token estimate goes). Judgments
 * the cache already holds (read only) and records in `previous` cost nothing, as in the real run.
 */
export async function estimateRagCost(
  samples: readonly RagSample[],
  options?: EstimateRagCostOptions,
): Promise<RagCostEstimate[]> {
  const o = readOptions<EstimateRagCostOptions>("estimateRagCost", options, OPTIONS);
  const judge: Judge = Object.assign(
    async (messages: readonly ChatMessage[], call?: JudgeCallOptions) => {
      const reply = simulatedReply(call?.template ?? "", messages);
      call?.onUsage?.({
        promptTokens: estimateMessageTokens(messages),
        completionTokens: estimateTokens(reply),
        cost: 0,
      });
      return reply;
    },
    o.judgeIdentity !== undefined ? { identity: o.judgeIdentity } : {},
  );
  const embed: Embedder = Object.assign(
    async (texts: readonly string[], call?: Pick<JudgeCallOptions, "onUsage">) => {
      call?.onUsage?.({
        promptTokens: texts.reduce((s, t) => s + estimateTokens(t), 0),
        completionTokens: 0,
        cost: 0,
      });
      return texts.map((_, i) => [1, i + 1]);
    },
    o.embedderIdentity !== undefined ? { identity: o.embedderIdentity } : {},
  );
  const readOnly: JudgmentCache | undefined = o.cache && {
    read: (key, schema) => o.cache!.read(key, schema),
    write: async () => {},
    stats: () => o.cache!.stats(),
  };
  const run = await evaluateRag(samples, {
    judge,
    embed,
    ...(o.metrics ? { metrics: o.metrics } : {}),
    ...(o.prompts ? { prompts: o.prompts } : {}),
    ...(readOnly ? { cache: readOnly } : {}),
    ...(o.judgeIdentity !== undefined ? { judgeIdentity: o.judgeIdentity } : {}),
    ...(o.samplesPerItem !== undefined ? { samplesPerItem: o.samplesPerItem } : {}),
    ...(o.pricing ? { pricing: o.pricing } : {}),
    ...(o.previous ? { previous: o.previous } : {}),
  });
  return run.metrics.map((m) => ({ metric: m.metric, usage: m.usage, resumed: m.resumed }));
}
