import type { ChatMessage, Judge, JudgeCallOptions } from "./types.js";

/** A judgement that could not be obtained; its message is the per-sample failure reason. */
export class JudgementFailure extends Error {
  override readonly name = "JudgementFailure";
}

/** A validator: returns the typed value or throws an Error whose message says what is wrong. */
export type Shape<T> = (value: unknown) => T;

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
 * Asks the judge, parses the reply strictly against `shape`, and on a malformed reply makes one
 * repair attempt (the judge sees its reply and the error and is asked for the JSON only). A
 * second failure, or a judge call that throws, raises {@link JudgementFailure} with the reason.
 */
export async function judgeStructured<T>(
  judge: Judge,
  messages: readonly ChatMessage[],
  shape: Shape<T>,
  call?: JudgeCallOptions,
): Promise<T> {
  const ask = async (msgs: readonly ChatMessage[]) => {
    try {
      return await judge(msgs, call);
    } catch (error) {
      throw new JudgementFailure(`judge call failed: ${(error as Error).message}`);
    }
  };
  const first = await ask(messages);
  let problem: string;
  try {
    return shape(parseStrictJson(first));
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
    return shape(parseStrictJson(repaired));
  } catch (error) {
    throw new JudgementFailure(`malformed judge reply after one repair attempt: ${(error as Error).message}`);
  }
}

// Shapes -------------------------------------------------------------------------------------

function record(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error("expected a JSON object");
  return value as Record<string, unknown>;
}

/** A 0/1 verdict (accepts 0, 1, "0", "1", true, false, "yes", "no"). */
export function binary(value: unknown, where: string): 0 | 1 {
  if (value === 1 || value === "1" || value === true || value === "yes" || value === "Yes") return 1;
  if (value === 0 || value === "0" || value === false || value === "no" || value === "No") return 0;
  throw new Error(`${where} must be 1 or 0, got ${JSON.stringify(value)}`);
}

/** `{ [key]: string[] }`. */
export const stringList =
  (key: string): Shape<string[]> =>
  (value) => {
    const list = record(value)[key];
    if (!Array.isArray(list) || !list.every((s) => typeof s === "string"))
      throw new Error(`"${key}" must be an array of strings`);
    return list as string[];
  };

/** `{ verdict: 0|1, reason? }`. */
export const verdictShape: Shape<{ verdict: 0 | 1; reason: string }> = (value) => {
  const r = record(value);
  return { verdict: binary(r.verdict, '"verdict"'), reason: typeof r.reason === "string" ? r.reason : "" };
};

/** `{ [key]: [{ [field]: 0|1 }, ...] }` with exactly `count` entries when `count` is given. */
export const verdictList =
  (key: string, field: string, count?: number): Shape<(0 | 1)[]> =>
  (value) => {
    const list = record(value)[key];
    if (!Array.isArray(list)) throw new Error(`"${key}" must be an array`);
    if (count !== undefined && list.length !== count)
      throw new Error(`"${key}" must have ${count} entries, got ${list.length}`);
    return list.map((entry, i) =>
      binary(
        typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[field] : entry,
        `${key}[${i}].${field}`,
      ),
    );
  };
