import { BudgetExhausted } from "./budget.js";
import { type JudgmentCache, requestKey } from "./cache.js";
import type { CallMeter } from "./meter.js";
import {
  defaultPrompts,
  type PromptId,
  type PromptOverrides,
  type PromptTemplate,
  renderPrompt,
} from "./prompts.js";
import type { Schema } from "./schema.js";
import type { CallUsage, ChatMessage, Embedder, Judge, JudgeCallOptions } from "./types.js";

/** A judgement that could not be obtained; its message is the per-sample failure reason. */
export class JudgementFailure extends Error {
  override readonly name: string = "JudgementFailure";
}

/**
 * Strict parse of a reply: the whole reply must be one JSON object, except that a single
 * surrounding markdown code fence is tolerated. No scanning for braces inside prose: a reply
 * that mixes text and JSON is malformed.
 */
export function parseStrictJson(reply: string): unknown {
  let text = reply.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(text);
  if (fenced) text = fenced[1]!.trim();
  if (!text.startsWith("{")) throw new Error("the reply is not a JSON object");
  return JSON.parse(text);
}

/**
 * Asks the judge, parses the reply strictly against `schema`, and on a malformed reply makes one
 * repair attempt (the judge sees its reply and the error and is asked for the JSON only). A
 * second failure, or a judge call that throws, raises {@link JudgementFailure} with the reason.
 * Nothing is cached here: see {@link askJudge}.
 */
export async function judgeStructured<T>(
  judge: Judge,
  messages: readonly ChatMessage[],
  schema: Schema<T>,
  call?: JudgeCallOptions,
): Promise<T> {
  const ask = async (msgs: readonly ChatMessage[]) => {
    try {
      return await judge(msgs, call);
    } catch (error) {
      if (error instanceof JudgementFailure || error instanceof BudgetExhausted) throw error;
      throw new JudgementFailure(`judge call failed: ${(error as Error).message}`);
    }
  };
  const first = await ask(messages);
  let problem: string;
  try {
    return schema.parse(parseStrictJson(first));
  } catch (error) {
    problem = (error as Error).message;
  }
  const repaired = await ask([
    ...messages,
    { role: "assistant", content: first },
    {
      role: "user",
      content: `Your reply could not be used (${problem}). Reply again with only the JSON object in the required format.`,
    },
  ]);
  try {
    return schema.parse(parseStrictJson(repaired));
  } catch (error) {
    throw new JudgementFailure(`malformed judge reply after one repair attempt: ${(error as Error).message}`);
  }
}

/**
 * What an LLM-judged metric runs with: the judge, an embedder where the metric embeds, prompt
 * overrides, the trial number of a repeated judgement, the judgment cache and a usage sink.
 */
export interface LlmContext {
  readonly judge: Judge;
  readonly embed?: Embedder;
  readonly prompts?: PromptOverrides;
  /** Trial number of a repeated judgement (the runner sets it); every judge call passes it on. */
  readonly trial?: number;
  /** Parsed judgments keyed by request; used when the judge has an `identity` (or `judgeIdentity` is set). */
  readonly cache?: JudgmentCache;
  /** Names the judge in cache keys when the judge function carries no `identity`. */
  readonly judgeIdentity?: string;
  /** Meters every paid call (estimates, budget, reported usage); see `createMeter`. */
  readonly meter?: CallMeter;
}

/** The context's judge with every call metered (each repair attempt is a call of its own). */
export function meteredJudge(ctx: Pick<LlmContext, "judge" | "meter">): Judge {
  const { judge, meter } = ctx;
  if (!meter) return judge;
  return async (messages, call) => {
    const ticket = meter.beforeChat(messages);
    let usage: CallUsage | undefined;
    try {
      const reply = await judge(messages, {
        ...call,
        onUsage: (u) => {
          usage = u;
          call?.onUsage?.(u);
        },
      });
      ticket.done(usage ?? { promptTokens: 0, completionTokens: 0 });
      return reply;
    } catch (error) {
      ticket.done(undefined);
      throw error;
    }
  };
}

/** The template to use: the override if given, else the default. */
export function promptFor(ctx: { prompts?: PromptOverrides }, id: PromptId): PromptTemplate {
  return ctx.prompts?.[id] ?? defaultPrompts[id];
}

/**
 * Renders template `id` with `vars`, and returns the judgment: from the cache when it holds a
 * valid entry for this request (judge identity, template id and version, rendered messages,
 * trial), otherwise from the judge through {@link judgeStructured} (metered), caching the parsed value.
 */
export async function askJudge<T>(
  ctx: LlmContext,
  id: PromptId,
  vars: Readonly<Record<string, string>>,
  schema: Schema<T>,
): Promise<T> {
  const template = promptFor(ctx, id);
  const messages = renderPrompt(template, vars);
  const trial = ctx.trial ?? 0;
  const identity = ctx.judgeIdentity ?? ctx.judge.identity;
  const key =
    ctx.cache && identity !== undefined
      ? requestKey({
          kind: "judgment",
          judge: identity,
          template: `${template.id}@${template.version}`,
          messages,
          trial,
        })
      : undefined;
  if (key !== undefined) {
    const hit = await ctx.cache!.read(key, schema);
    if (hit !== undefined) return hit;
  }
  const value = await judgeStructured(meteredJudge(ctx), messages, schema, { trial, template: template.id });
  if (key !== undefined) await ctx.cache!.write(key, value);
  return value;
}
