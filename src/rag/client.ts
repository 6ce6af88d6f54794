import { describeValue, fail, PlumblineError } from "../core/errors.js";
import type { ChatMessage, Embedder, Judge, JudgeCallOptions } from "./types.js";

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
  /** Retries after the first attempt on 429, 5xx, timeouts and network errors (default 4). */
  readonly maxRetries?: number;
  /** First backoff delay in ms (default 500); doubles per retry, with jitter, capped at `backoffMaxMs`. */
  readonly backoffBaseMs?: number;
  /** Default 30000. */
  readonly backoffMaxMs?: number;
  /** Most HTTP requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Directory of the content-addressed cache of judge and embedding calls; null/absent: no cache. */
  readonly cacheDir?: string | null;
  /** Extra request parameters (temperature, max_tokens, seed, response_format...). Default { temperature: 0 }. */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly pricing?: Pricing;
  /** Injected for tests: the fetch to use (default: Node's global fetch). */
  readonly fetch?: typeof fetch;
  /** Injected for tests: uniform random in [0, 1) for jitter (default Math.random). */
  readonly random?: () => number;
  /** Environment to read the key from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Calls, retries, cache hits, tokens and cost so far. */
export interface ClientUsage {
  requests: number;
  calls: number;
  cacheHits: number;
  retries: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  maxInFlight: number;
}

/** A judge and an embedder sharing one HTTP policy, cache and usage account. */
export interface JudgeClient {
  readonly judge: Judge;
  readonly embed: Embedder;
  usage(): ClientUsage;
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
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * sha256 hex of the JSON of `value` (key order as given; callers build keys in a fixed order),
 * with Web Crypto, so the client also runs in browsers (where `cacheDir` is not available).
 */
export async function cacheKey(value: unknown): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Removes the API key from text that may reach a log (a server may echo request headers). */
function redact(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join("[redacted]") : text;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * An OpenAI-compatible client (chat-completions and embeddings; vLLM, llama.cpp server, Ollama
 * and OpenAI itself speak it) with the production habits an evaluation needs:
 * - a timeout per attempt (AbortController);
 * - retries with exponential backoff and full jitter on 429, 5xx, timeouts and network errors,
 *   waiting at least the server's Retry-After when it sends one;
 * - a concurrency limit on requests in flight;
 * - a content-addressed on-disk cache: key = sha256 of (kind, model, messages or texts, params,
 *   trial); the API key is never part of a key, a cached file or a log line, so a re-run costs
 *   nothing;
 * - token and cost accounting from the responses' `usage`.
 * Failures after the retry budget throw `judge_error` with the last status and body excerpt.
 */
export function openAiClient(options: OpenAiClientOptions): JudgeClient {
  const fn = "openAiClient";
  if (typeof options.baseUrl !== "string" || !/^https?:\/\//.test(options.baseUrl)) {
    fail(
      "invalid_option",
      `${fn}: option \`baseUrl\` must be an http(s) URL, got ${describeValue(options.baseUrl)}`,
    );
  }
  if (typeof options.model !== "string" || options.model === "") {
    fail(
      "invalid_option",
      `${fn}: option \`model\` must be a non-empty string, got ${describeValue(options.model)}`,
    );
  }
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 4;
  const backoffBase = options.backoffBaseMs ?? 500;
  const backoffMax = options.backoffMaxMs ?? 30_000;
  const limit = options.concurrency ?? 4;
  if (!Number.isInteger(limit) || limit < 1)
    fail(
      "invalid_option",
      `${fn}: option \`concurrency\` must be an integer >= 1, got ${describeValue(limit)}`,
    );
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    fail(
      "invalid_option",
      `${fn}: option \`maxRetries\` must be an integer >= 0, got ${describeValue(maxRetries)}`,
    );
  const params = options.params ?? { temperature: 0 };
  const doFetch = options.fetch ?? globalThis.fetch;
  const random = options.random ?? Math.random;
  const env =
    options.env ??
    (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ??
    {};
  const keyName = options.apiKeyEnv ?? "OPENAI_API_KEY";
  const gate = semaphore(limit);
  const usage: ClientUsage = {
    requests: 0,
    calls: 0,
    cacheHits: 0,
    retries: 0,
    failures: 0,
    promptTokens: 0,
    completionTokens: 0,
    cost: 0,
    maxInFlight: 0,
  };
  const pricing = options.pricing;

  const account = (body: { usage?: { prompt_tokens?: number; completion_tokens?: number } }) => {
    const prompt = Number(body.usage?.prompt_tokens ?? 0) || 0;
    const completion = Number(body.usage?.completion_tokens ?? 0) || 0;
    usage.promptTokens += prompt;
    usage.completionTokens += completion;
    if (pricing)
      usage.cost += (prompt * pricing.inputPerMillion + completion * pricing.outputPerMillion) / 1e6;
  };

  async function cached<T>(key: string, produce: () => Promise<T>): Promise<T> {
    const dir = options.cacheDir;
    if (!dir) return produce();
    // Node-only: loaded on first use so the client still bundles for browsers without a cache.
    const { mkdir, readFile, rename, writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const path = join(dir, key.slice(0, 2), `${key}.json`);
    try {
      const hit = JSON.parse(await readFile(path, "utf8")) as { value: T };
      usage.cacheHits++;
      return hit.value;
    } catch {
      // a miss (or an unreadable entry, which is recomputed and overwritten)
    }
    const value = await produce();
    await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${Math.floor(random() * 1e9)}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify({ value }));
    await rename(tmp, path);
    return value;
  }

  async function post(path: string, body: unknown): Promise<unknown> {
    const apiKey = env[keyName];
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    let lastError = "";
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) usage.retries++;
      const release = await gate.acquire();
      usage.maxInFlight = Math.max(usage.maxInFlight, gate.active);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let wait: number | undefined;
      try {
        usage.requests++;
        const response = await doFetch(`${base}${path}`, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        const text = await response.text();
        if (response.ok) {
          try {
            return JSON.parse(text);
          } catch {
            throw new PlumblineError(
              "judge_error",
              `${fn}: ${path} returned a body that is not JSON: ${describeValue(text)}`,
            );
          }
        }
        lastError = `HTTP ${response.status}: ${text.slice(0, 200)}`;
        if (response.status !== 429 && response.status < 500) {
          throw new PlumblineError("judge_error", redact(`${fn}: ${path} failed with ${lastError}`, apiKey));
        }
        wait = retryAfterMs(response.headers.get("retry-after"));
        throw new RetryableError(lastError, wait);
      } catch (error) {
        if (error instanceof PlumblineError) throw error;
        lastError =
          error instanceof RetryableError
            ? error.message
            : controller.signal.aborted
              ? `timed out after ${timeoutMs} ms`
              : `network error: ${(error as Error).message}`;
      } finally {
        clearTimeout(timer);
        release();
      }
      if (attempt < maxRetries) {
        const backoff = Math.min(backoffMax, backoffBase * 2 ** attempt) * random();
        await sleep(Math.max(backoff, wait ?? 0));
      }
    }
    usage.failures++;
    return fail(
      "judge_error",
      redact(`${fn}: ${path} failed after ${maxRetries + 1} attempts, last: ${lastError}`, apiKey),
    );
  }

  const judge: Judge = async (messages: readonly ChatMessage[], call?: JudgeCallOptions) => {
    usage.calls++;
    const trial = call?.trial ?? 0;
    const requestParams: Record<string, unknown> = { ...params };
    if (trial > 0 && typeof params.seed === "number") requestParams.seed = params.seed + trial;
    const key = await cacheKey(["chat", options.model, messages, requestParams, trial]);
    return cached(key, async () => {
      const body = (await post("/chat/completions", {
        model: options.model,
        messages,
        ...requestParams,
      })) as {
        choices?: { message?: { content?: unknown } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
      };
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== "string") {
        usage.failures++;
        fail(
          "judge_error",
          `${fn}: /chat/completions reply has no choices[0].message.content string, got ${describeValue(content)}`,
        );
      }
      account(body);
      return content;
    });
  };

  const embedModel = options.embeddingModel ?? options.model;
  const embed: Embedder = async (texts: readonly string[]) => {
    usage.calls++;
    const key = await cacheKey(["embeddings", embedModel, texts]);
    return cached(key, async () => {
      const body = (await post("/embeddings", { model: embedModel, input: texts })) as {
        data?: { embedding?: unknown; index?: number }[];
        usage?: { prompt_tokens?: number };
      };
      const data = body.data;
      if (!Array.isArray(data) || data.length !== texts.length) {
        usage.failures++;
        fail(
          "judge_error",
          `${fn}: /embeddings reply must hold ${texts.length} embeddings, got ${describeValue(data)}`,
        );
      }
      const out: number[][] = new Array(texts.length);
      data.forEach((d, i) => {
        const vector = d.embedding;
        if (!Array.isArray(vector) || !vector.every((x) => typeof x === "number")) {
          usage.failures++;
          fail("judge_error", `${fn}: /embeddings data[${i}].embedding must be a number array`);
        }
        out[typeof d.index === "number" ? d.index : i] = vector as number[];
      });
      account(body);
      return out;
    });
  };

  return { judge, embed, usage: () => ({ ...usage }) };
}
