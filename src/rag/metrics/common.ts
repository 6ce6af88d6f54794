import { isPlumblineError } from "../../core/errors.js";
import { BudgetExhausted } from "../budget.js";
import { requestKey } from "../cache.js";
import { array, finiteNumber } from "../schema.js";
import { JudgementFailure, type LlmContext } from "../structured.js";
import type { CallUsage, Embedder, RagSample, SampleScore } from "../types.js";

export { type LlmContext, promptFor } from "../structured.js";

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

/** A non-empty list of strings from the sample (`contexts`, `referenceContexts`), or a MissingField failure. */
export function needContexts(sample: RagSample, key: "contexts" | "referenceContexts"): readonly string[] {
  const value = sample[key];
  if (value === undefined || value === null || value.length === 0)
    throw new MissingField(`sample has no \`${key}\``);
  return value;
}

/**
 * Runs a scorer and turns a failed judgement (judge error, malformed reply after repair, embedder
 * error), a missing field or a call the budget refused into NaN with its reason and kind: never a
 * silent 0.
 */
export async function guard(score: () => Promise<SampleScore>): Promise<SampleScore> {
  try {
    return await score();
  } catch (error) {
    const reason = (error as Error).message;
    if (error instanceof BudgetExhausted) return { value: Number.NaN, reason, kind: "not_judged" };
    if (error instanceof MissingField) return { value: Number.NaN, reason, kind: "missing" };
    if (error instanceof JudgementFailure || isPlumblineError(error, "judge_error"))
      return { value: Number.NaN, reason, kind: "failed" };
    throw error;
  }
}

/** Cosine similarity of two vectors, dot / (|a| |b|) as numpy computes it (a zero or mismatched vector throws a JudgementFailure). */
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
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

/**
 * The embedder of the context, cached like judgments (key: the embedder's identity and the
 * texts) and with its failures turned into a {@link JudgementFailure}; a MissingField failure
 * saying `metric` needs one when the context has none.
 */
export function needEmbedder(
  ctx: Pick<LlmContext, "embed" | "cache" | "meter">,
  metric: string,
): (texts: readonly string[]) => Promise<number[][]> {
  if (!ctx.embed) throw new MissingField(`${metric} needs an embedder`);
  const embed: Embedder = ctx.embed;
  return async (texts) => {
    const schema = array(array(finiteNumber), texts.length);
    const key =
      ctx.cache && embed.identity !== undefined
        ? requestKey({ kind: "embedding", embedder: embed.identity, texts })
        : undefined;
    if (key !== undefined) {
      const hit = await ctx.cache!.read(key, schema);
      if (hit !== undefined) return hit;
    }
    let vectors: number[][];
    const ticket = ctx.meter?.beforeEmbedding(texts);
    try {
      let usage: CallUsage | undefined;
      vectors = schema.parse(
        await embed(texts, {
          onUsage: (u) => {
            usage = u;
          },
        }),
        "embeddings",
      );
      ticket?.done(usage ?? { promptTokens: 0, completionTokens: 0 });
    } catch (error) {
      ticket?.done(undefined);
      throw new JudgementFailure(`embedder failed: ${(error as Error).message}`);
    }
    if (key !== undefined) await ctx.cache!.write(key, vectors);
    return vectors;
  };
}

/** Mean of 0/1 verdicts. */
export function fraction(verdicts: readonly number[]): number {
  let s = 0;
  for (const v of verdicts) s += v;
  return s / verdicts.length;
}
