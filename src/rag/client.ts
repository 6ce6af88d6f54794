import { describeValue, fail, PlumblineError } from "../core/errors.js";
import { optInteger, optionNames, optNumber, readOptions, required } from "../core/options.js";
import { canonicalJson } from "../metric.js";
import { createRedactor } from "./redact.js";
import type { CallUsage, ChatMessage, Embedder, Judge, JudgeCallOptions } from "./types.js";

/** Price per million tokens, for cost accounting. */
export interface Pricing {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** Options of {@link openAiClient}. */
export interface OpenAiClientOptions {
  /** e.g. "https://api.openai.com/v1", "http://127.0.0.1:8000/v1" (vLLM), "http://127.0.0.1:11434/v1" (Ollama). */
  readonly baseUrl: string;
  /** Chat model name. */
  readonly model: string;
  /** Embedding model name (default: `model`). */
  readonly embeddingModel?: string;
  /** Name of the environment variable holding the API key (default "OPENAI_API_KEY"); unset: no Authorization header. */
  readonly apiKeyEnv?: string;
  /** Per-attempt timeout in ms (default 60000). */
  readonly timeoutMs?: number;
  /**
   * Total time one request may take in ms, attempts, backoff and Retry-After waits included
   * (default 300000). A server that asks to wait past it ends the request at once.
   */
  readonly deadlineMs?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts and network errors (default 4). */
  readonly maxRetries?: number;
  /** First backoff delay in ms (default 500); doubles per retry, with full jitter, capped at `backoffMaxMs`. */
  readonly backoffBaseMs?: number;
  /** Default 30000. */
  readonly backoffMaxMs?: number;
  /** Most HTTP requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Extra request parameters (temperature, max_tokens, seed, response_format...). Default { temperature: 0 }. */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly pricing?: Pricing;
  /** Injected for tests: the fetch to use (default: the global fetch). */
  readonly fetch?: typeof fetch;
  /** Injected for tests: uniform random in [0, 1) for jitter (default Math.random). */
  readonly random?: () => number;
  /** Environment to read the key from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const CLIENT_OPTIONS = optionNames<OpenAiClientOptions>()(
  "baseUrl",
  "model",
  "embeddingModel",
  "apiKeyEnv",
  "timeoutMs",
  "deadlineMs",
  "maxRetries",
  "backoffBaseMs",
  "backoffMaxMs",
  "concurrency",
  "params",
  "pricing",
  "fetch",
  "random",
  "env",
);

/** Calls, retries, tokens and cost so far. */
export interface ClientUsage {
  /** Judge and embedder calls that reached the client. */
  calls: number;
  /** HTTP requests sent (retries included). */
  requests: number;
  retries: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  maxInFlight: number;
}

/** A judge and an embedder sharing one HTTP policy and usage account. */
export interface JudgeClient {
  readonly judge: Judge;
  readonly embed: Embedder;
  usage(): ClientUsage;
  /** The client's redaction point, for callers that record text the client did not produce. */
  redact(text: string): string;
}

/**
 * The identities an OpenAI-compatible judge and embedder carry (the model and request parameters
 * as canonical JSON): what keys their cached judgments and results, so a dry run or a resumed
 * run can name them without a client.
 */
export function clientIdentities(
  model: string,
  embeddingModel: string = model,
  params: Readonly<Record<string, unknown>> = { temperature: 0 },
): { judge: string; embedder: string } {
  return {
    judge: canonicalJson({ api: "openai-chat", model, params }),
    embedder: canonicalJson({ api: "openai-embeddings", model: embeddingModel }),
  };
}

/** A counting semaphore: at most `limit` holders. */
export function semaphore(limit: number): { acquire(): Promise<() => void>; readonly active: number } {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    get active() {
      return active;
    },
    acquire() {
      if (active < limit) {
        active++;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}

/** Seconds or HTTP-date of a Retry-After header, in ms (undefined if absent or unreadable). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (header.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Checks a price table (`invalid_option` naming the field). */
export function resolvePricing(fn: string, pricing: unknown): Pricing {
  if (pricing === null || typeof pricing !== "object")
    fail(
      "invalid_option",
      `${fn}: option \`pricing\` must be { inputPerMillion, outputPerMillion }, got ${describeValue(pricing)}`,
    );
  const p = readOptions<Pricing>(`${fn} pricing`, pricing, ["inputPerMillion", "outputPerMillion"]);
  return {
    inputPerMillion: optNumber(
      fn,
      "pricing.inputPerMillion",
      required(fn, "pricing.inputPerMillion", p.inputPerMillion),
      0,
      { min: 0 },
    ),
    outputPerMillion: optNumber(
      fn,
      "pricing.outputPerMillion",
      required(fn, "pricing.outputPerMillion", p.outputPerMillion),
      0,
      { min: 0 },
    ),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An answer worth retrying, with the server's Retry-After if it sent one. */
class Retryable {
  constructor(
    readonly reason: string,
    readonly retryAfter?: number,
  ) {}
}

/**
 * An OpenAI-compatible client (chat-completions and embeddings; vLLM, llama.cpp server, Ollama
 * and OpenAI itself speak it) with the production habits an evaluation needs:
 * - a timeout per attempt and a total deadline per request (`deadlineMs`) that bounds every
 *   wait: attempts, backoff and the server's Retry-After (`Retry-After: 3600` against a 5 minute
 *   deadline ends the request at once with `judge_error`, it never sleeps an hour);
 * - retries with exponential backoff and full jitter on 429, 5xx, timeouts and network errors,
 *   waiting at least the server's Retry-After;
 * - a concurrency limit on requests in flight;
 * - one redaction point ({@link createRedactor}): every reply body is redacted the moment it is
 *   read, and every returned text and error message again on the way out, so the API key never
 *   reaches a reason, an error, a cache entry or a report, whatever the server echoes;
 * - token and cost accounting from the replies' `usage`, per call (`onUsage`) and in total.
 * The judge and the embedder carry an `identity` (model and request parameters) that keys the
 * judgment cache. Caching itself is not the client's job: see `judgmentCache`.
 * Failures after the retry budget or past the deadline throw `judge_error` with the last
 * status and a body excerpt.
 */
export function openAiClient(options: OpenAiClientOptions): JudgeClient {
  const fn = "openAiClient";
  const o = readOptions<OpenAiClientOptions>(fn, options, CLIENT_OPTIONS);
  if (typeof o.baseUrl !== "string" || !/^https?:\/\//.test(o.baseUrl))
    fail(
      "invalid_option",
      `${fn}: option \`baseUrl\` must be an http(s) URL, got ${describeValue(o.baseUrl)}`,
    );
  if (typeof o.model !== "string" || o.model === "")
    fail(
      "invalid_option",
      `${fn}: option \`model\` must be a non-empty string, got ${describeValue(o.model)}`,
    );
  const base = o.baseUrl.replace(/\/+$/, "");
  const timeoutMs = optNumber(fn, "timeoutMs", o.timeoutMs, 60_000, { min: 0, minExclusive: true });
  const deadlineMs = optNumber(fn, "deadlineMs", o.deadlineMs, 300_000, { min: 0, minExclusive: true });
  const maxRetries = optInteger(fn, "maxRetries", o.maxRetries, 4, { min: 0, max: 100 });
  const backoffBase = optNumber(fn, "backoffBaseMs", o.backoffBaseMs, 500, { min: 0 });
  const backoffMax = optNumber(fn, "backoffMaxMs", o.backoffMaxMs, 30_000, { min: 0 });
  const limit = optInteger(fn, "concurrency", o.concurrency, 4, { min: 1, max: 1024 });
  const params = o.params ?? { temperature: 0 };
  if (params === null || typeof params !== "object" || Array.isArray(params))
    fail("invalid_option", `${fn}: option \`params\` must be an object, got ${describeValue(params)}`);
  const pricing = o.pricing === undefined ? undefined : resolvePricing(fn, o.pricing);
  const doFetch = o.fetch ?? globalThis.fetch;
  const random = o.random ?? Math.random;
  const env =
    o.env ?? (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
  const apiKey = env[o.apiKeyEnv ?? "OPENAI_API_KEY"];
  // The one redaction point: everything the client hands out passes through it.
  const scrub = createRedactor([apiKey]);
  const gate = semaphore(limit);
  const usage: ClientUsage = {
    calls: 0,
    requests: 0,
    retries: 0,
    failures: 0,
    promptTokens: 0,
    completionTokens: 0,
    cost: 0,
    maxInFlight: 0,
  };

  const judgeFailure = (message: string): never => {
    usage.failures++;
    throw new PlumblineError("judge_error", scrub(message));
  };

  const account = (body: { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }): CallUsage => {
    const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);
    const promptTokens = count(body.usage?.prompt_tokens);
    const completionTokens = count(body.usage?.completion_tokens);
    const cost = pricing
      ? (promptTokens * pricing.inputPerMillion + completionTokens * pricing.outputPerMillion) / 1e6
      : 0;
    usage.promptTokens += promptTokens;
    usage.completionTokens += completionTokens;
    usage.cost += cost;
    return { promptTokens, completionTokens, cost };
  };

  /** One request with retries, within the deadline; the parsed JSON body of a 2xx reply. */
  async function post(path: string, body: unknown): Promise<unknown> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const payload = JSON.stringify(body);
    const deadline = Date.now() + deadlineMs;
    let last = "";
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        judgeFailure(
          `${fn}: ${path} passed its deadline of ${deadlineMs} ms after ${attempt} attempts, last: ${last}`,
        );
      if (attempt > 0) usage.retries++;
      const release = await gate.acquire();
      usage.maxInFlight = Math.max(usage.maxInFlight, gate.active);
      const controller = new AbortController();
      const attemptMs = Math.min(timeoutMs, Math.max(1, deadline - Date.now()));
      const timer = setTimeout(() => controller.abort(), attemptMs);
      let outcome: Retryable;
      try {
        usage.requests++;
        const response = await doFetch(`${base}${path}`, {
          method: "POST",
          headers,
          body: payload,
          signal: controller.signal,
        });
        const text = scrub(await response.text());
        if (response.ok) {
          try {
            return JSON.parse(text);
          } catch {
            return judgeFailure(`${fn}: ${path} returned a body that is not JSON: ${describeValue(text)}`);
          }
        }
        const status = `HTTP ${response.status}: ${text.slice(0, 200)}`;
        if (response.status !== 429 && response.status < 500)
          return judgeFailure(`${fn}: ${path} failed with ${status}`);
        outcome = new Retryable(status, retryAfterMs(response.headers.get("retry-after")));
      } catch (error) {
        if (error instanceof PlumblineError) throw error;
        outcome = new Retryable(
          controller.signal.aborted
            ? `timed out after ${attemptMs} ms`
            : `network error: ${scrub((error as Error).message)}`,
        );
      } finally {
        clearTimeout(timer);
        release();
      }
      last = outcome.reason;
      if (attempt >= maxRetries)
        judgeFailure(`${fn}: ${path} failed after ${attempt + 1} attempts, last: ${last}`);
      const backoff = Math.min(backoffMax, backoffBase * 2 ** attempt) * random();
      const wait = Math.max(backoff, outcome.retryAfter ?? 0);
      if (Date.now() + wait >= deadline) {
        judgeFailure(
          outcome.retryAfter !== undefined && outcome.retryAfter >= backoff
            ? `${fn}: ${path} was asked to retry after ${Math.round(outcome.retryAfter)} ms (Retry-After), past the request deadline of ${deadlineMs} ms; last: ${last}`
            : `${fn}: ${path} passed its deadline of ${deadlineMs} ms after ${attempt + 1} attempts, last: ${last}`,
        );
      }
      await sleep(wait);
    }
  }

  const judge = Object.assign(
    async (messages: readonly ChatMessage[], call?: JudgeCallOptions): Promise<string> => {
      usage.calls++;
      const trial = call?.trial ?? 0;
      const requestParams: Record<string, unknown> = { ...params };
      if (trial > 0 && typeof params.seed === "number") requestParams.seed = params.seed + trial;
      const body = (await post("/chat/completions", { model: o.model, messages, ...requestParams })) as {
        choices?: { message?: { content?: unknown } }[];
        usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
      } | null;
      const content = body?.choices?.[0]?.message?.content;
      if (typeof content !== "string")
        judgeFailure(
          `${fn}: /chat/completions reply has no choices[0].message.content string, got ${describeValue(content)}`,
        );
      const spent = account(body!);
      call?.onUsage?.(spent);
      return scrub(content as string);
    },
    { identity: clientIdentities(o.model, o.embeddingModel, params).judge },
  ) as Judge;

  const embedModel = o.embeddingModel ?? o.model;
  const embed = Object.assign(
    async (texts: readonly string[], call?: Pick<JudgeCallOptions, "onUsage">): Promise<number[][]> => {
      usage.calls++;
      const body = (await post("/embeddings", { model: embedModel, input: texts })) as {
        data?: { embedding?: unknown; index?: unknown }[];
        usage?: { prompt_tokens?: unknown };
      } | null;
      const data = body?.data;
      if (!Array.isArray(data) || data.length !== texts.length)
        judgeFailure(
          `${fn}: /embeddings reply must hold ${texts.length} embeddings, got ${describeValue(data)}`,
        );
      const out: number[][] = new Array(texts.length);
      (data as { embedding?: unknown; index?: unknown }[]).forEach((d, i) => {
        const vector = d?.embedding;
        if (!Array.isArray(vector) || !vector.every((x) => typeof x === "number" && Number.isFinite(x)))
          judgeFailure(`${fn}: /embeddings data[${i}].embedding must be an array of finite numbers`);
        const at = typeof d.index === "number" && Number.isInteger(d.index) ? d.index : i;
        if (at < 0 || at >= texts.length || out[at] !== undefined)
          judgeFailure(
            `${fn}: /embeddings data[${i}].index must be a distinct index below ${texts.length}, got ${describeValue(d.index)}`,
          );
        out[at] = vector as number[];
      });
      const spent = account(body!);
      call?.onUsage?.(spent);
      return out;
    },
    { identity: clientIdentities(o.model, embedModel, params).embedder },
  ) as Embedder;

  return { judge, embed, usage: () => ({ ...usage }), redact: scrub };
}
