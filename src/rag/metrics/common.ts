import { isPlumblineError } from "../../core/errors.js";
import { defaultPrompts, type PromptId, type PromptOverrides, type PromptTemplate } from "../prompts.js";
import { JudgementFailure } from "../structured.js";
import type { Embedder, Judge, RagSample, SampleScore } from "../types.js";

/** What an LLM-judged metric needs: a judge, an embedder where the metric embeds, prompt overrides. */
export interface LlmContext {
  readonly judge: Judge;
  readonly embed?: Embedder;
  readonly prompts?: PromptOverrides;
  /** Trial number of a repeated judgement (the runner sets it); verdict calls pass it to the judge. */
  readonly trial?: number;
}

/** The template to use: the override if given, else the default. */
export function promptFor(ctx: { prompts?: PromptOverrides }, id: PromptId): PromptTemplate {
  return ctx.prompts?.[id] ?? defaultPrompts[id];
}

/** A missing sample field: the sample scores NaN with this reason. */
export class MissingField extends Error {}

/** The sample's field, or a MissingField failure naming it. */
export function need<K extends keyof RagSample>(sample: RagSample, key: K): NonNullable<RagSample[K]> {
  const value = sample[key];
  if (value === undefined || value === null || (typeof value === "string" && value === "")) {
    throw new MissingField(`sample has no \`${String(key)}\``);
  }
  return value as NonNullable<RagSample[K]>;
}

/**
 * Runs a scorer and turns a failed judgement (judge error, malformed reply after repair,
 * missing field, embedder error) into NaN with its reason: never a silent 0.
 */
export async function guard(score: () => Promise<SampleScore>): Promise<SampleScore> {
  try {
    return await score();
  } catch (error) {
    if (
      error instanceof JudgementFailure ||
      error instanceof MissingField ||
      isPlumblineError(error, "judge_error")
    ) {
      return { value: Number.NaN, reason: (error as Error).message };
    }
    throw error;
  }
}

/** Cosine similarity of two vectors (NaN reason via throw on a zero or mismatched vector). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0)
    throw new JudgementFailure(
      `embeddings must have the same non-zero length, got ${a.length} and ${b.length}`,
    );
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) throw new JudgementFailure("an embedding is the zero vector");
  return dot / Math.sqrt(na * nb);
}

/** The embedder, or a failure saying the metric needs one. */
export function needEmbedder(ctx: { embed?: Embedder }, metric: string): Embedder {
  if (!ctx.embed) throw new MissingField(`${metric} needs an embedder`);
  const embed = ctx.embed;
  return async (texts) => {
    try {
      return await embed(texts);
    } catch (error) {
      throw new JudgementFailure(`embedder failed: ${(error as Error).message}`);
    }
  };
}

/** Mean of 0/1 verdicts. */
export function fraction(verdicts: readonly number[]): number {
  let s = 0;
  for (const v of verdicts) s += v;
  return s / verdicts.length;
}
