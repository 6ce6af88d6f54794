import { afterEach, describe, expect, it } from "vitest";
import { chatReply, embeddingReply, startScriptedServer } from "../../test/rag/scripted-server.js";
import { requestKey } from "./cache.js";
import { openAiClient, retryAfterMs, semaphore } from "./client.js";
import { faithfulness } from "./metrics/faithfulness.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const messages = [{ role: "user" as const, content: "hi" }];
const fast = { backoffBaseMs: 5, backoffMaxMs: 20, random: () => 0.5 };

async function server(script: Parameters<typeof startScriptedServer>[0]) {
  const s = await startScriptedServer(script);
  closers.push(s.close);
  return s;
}

describe("openAiClient against a scripted OpenAI-compatible server on loopback", () => {
  it("returns the reply, sends the key from the env var and accounts tokens and cost", async () => {
    const s = await server(() => chatReply("hello", 1000, 500));
    const client = openAiClient({
      baseUrl: s.url,
      model: "m",
      apiKeyEnv: "TEST_KEY",
      env: { TEST_KEY: "sk-secret" },
      pricing: { inputPerMillion: 2, outputPerMillion: 8 },
      ...fast,
    });
    expect(await client.judge(messages)).toBe("hello");
    expect(s.requests[0]!.headers.authorization).toBe("Bearer sk-secret");
    expect(s.requests[0]!.body.model).toBe("m");
    expect(s.requests[0]!.body.temperature).toBe(0);
    const u = client.usage();
    expect(u.promptTokens).toBe(1000);
    expect(u.completionTokens).toBe(500);
    // 1000 * 2 / 1e6 + 500 * 8 / 1e6 = 0.002 + 0.004
    expect(u.cost).toBeCloseTo(0.006, 12);
  });

  it("retries a 429 (honouring Retry-After) and then succeeds", async () => {
    const s = await server((_, n) =>
      n === 0
        ? { status: 429, headers: { "retry-after": "0.05" }, body: { error: "slow down" } }
        : chatReply("ok"),
    );
    const client = openAiClient({ baseUrl: s.url, model: "m", ...fast, backoffBaseMs: 1, backoffMaxMs: 1 });
    const started = Date.now();
    expect(await client.judge(messages)).toBe("ok");
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(s.requests).toHaveLength(2);
    expect(client.usage().retries).toBe(1);
  });

  it("gives up with judge_error after the retry budget of 500s", async () => {
    const s = await server(() => ({ status: 500, body: { error: "boom" } }));
    const client = openAiClient({ baseUrl: s.url, model: "m", maxRetries: 2, ...fast });
    await expect(client.judge(messages)).rejects.toMatchObject({
      code: "judge_error",
      message: expect.stringContaining("failed after 3 attempts, last: HTTP 500"),
    });
    expect(s.requests).toHaveLength(3);
    expect(client.usage().failures).toBe(1);
  });

  it("never puts the API key in an error message, even when the server echoes it", async () => {
    const s = await server((req) => ({
      status: 401,
      body: { error: `bad key ${req.headers.authorization}` },
    }));
    const client = openAiClient({
      baseUrl: s.url,
      model: "m",
      env: { OPENAI_API_KEY: "sk-echo-me" },
      ...fast,
    });
    const error = await client.judge(messages).catch((e: Error) => e);
    expect((error as Error).message).toContain("bad key Bearer [redacted]");
    expect((error as Error).message).not.toContain("sk-echo-me");
  });

  it("does not retry a 400", async () => {
    const s = await server(() => ({ status: 400, body: { error: "bad" } }));
    const client = openAiClient({ baseUrl: s.url, model: "m", ...fast });
    await expect(client.judge(messages)).rejects.toMatchObject({
      code: "judge_error",
      message: expect.stringContaining("HTTP 400"),
    });
    expect(s.requests).toHaveLength(1);
  });

  it("times out a slow reply and retries it", async () => {
    const s = await server((_, n) => (n === 0 ? { ...chatReply("late"), delayMs: 3000 } : chatReply("fast")));
    const client = openAiClient({ baseUrl: s.url, model: "m", timeoutMs: 500, ...fast });
    expect(await client.judge(messages)).toBe("fast");
    // the first attempt timed out; on a loaded machine a later one may too, within the budget
    expect(client.usage().retries).toBeGreaterThanOrEqual(1);
    expect(client.usage().failures).toBe(0);
  });

  it("reports a timeout as the reason once retries run out", async () => {
    const s = await server(() => ({ ...chatReply("late"), delayMs: 300 }));
    const client = openAiClient({ baseUrl: s.url, model: "m", timeoutMs: 50, maxRetries: 1, ...fast });
    await expect(client.judge(messages)).rejects.toMatchObject({
      code: "judge_error",
      message: expect.stringContaining("timed out after 50 ms"),
    });
  });

  it("keeps at most `concurrency` requests in flight, and reaches that limit", async () => {
    const s = await server(() => ({ ...chatReply("x"), delayMs: 40 }));
    const client = openAiClient({ baseUrl: s.url, model: "m", concurrency: 3, ...fast });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => client.judge([{ role: "user", content: `q${i}` }])),
    );
    expect(s.maxConcurrent()).toBe(3);
    expect(client.usage().maxInFlight).toBe(3);
    expect(s.requests).toHaveLength(12);
  });

  it("embeds texts in order", async () => {
    const s = await server(() =>
      embeddingReply([
        [1, 0],
        [0, 1],
      ]),
    );
    const client = openAiClient({ baseUrl: s.url, model: "m", embeddingModel: "e", ...fast });
    expect(await client.embed(["a", "b"])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(s.requests[0]!.path).toBe("/embeddings");
    expect(s.requests[0]!.body.model).toBe("e");
  });

  it("turns a malformed judge reply into NaN with the reason after one repair attempt", async () => {
    const s = await server((_req, n) => {
      if (n === 0) return chatReply('{"statements": ["Paris is in France."]}');
      return chatReply("Sure! The verdict is yes."); // not JSON, twice (first answer and the repair)
    });
    const client = openAiClient({ baseUrl: s.url, model: "m", ...fast });
    const score = await faithfulness(
      { question: "q", answer: "Paris is in France.", contexts: ["France's capital is Paris."] },
      { judge: client.judge },
    );
    expect(score.value).toBeNaN();
    expect(score.reason).toBe(
      "malformed judge reply after one repair attempt: the reply is not a JSON object",
    );
    expect(s.requests).toHaveLength(3);
    // The repair request carries the bad reply and asks again.
    expect(s.requests[2]!.body.messages!.at(-1)!.content).toContain("Reply again with only the JSON object");
  });

  it("repairs a malformed reply when the second answer is valid", async () => {
    const replies = [
      '{"statements": ["A.", "B."]}',
      "verdicts: 1, 0",
      '{"statements": [{"statement": "A.", "reason": "", "verdict": 1}, {"statement": "B.", "reason": "", "verdict": 0}]}',
    ];
    const s = await server((_, n) => chatReply(replies[n]!));
    const client = openAiClient({ baseUrl: s.url, model: "m", ...fast });
    const score = await faithfulness(
      { question: "q", answer: "A. B.", contexts: ["A."] },
      { judge: client.judge },
    );
    expect(score.value).toBe(0.5);
  });

  it("rejects bad options with invalid_option", () => {
    expect(() => openAiClient({ baseUrl: "ftp://x", model: "m" })).toThrow(
      'openAiClient: option `baseUrl` must be an http(s) URL, got "ftp://x"',
    );
    expect(() => openAiClient({ baseUrl: "http://x", model: "m", concurrency: 0 })).toThrow(
      "openAiClient: option `concurrency` must be an integer in [1, 1024], got 0",
    );
    expect(() => openAiClient({ baseUrl: "http://x", model: "m", cacheDir: "x" } as never)).toThrow(
      "openAiClient: unknown option `cacheDir`",
    );
  });
});

describe("client helpers", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  });

  it("keys the cache by content (sha256 hex of canonical JSON)", () => {
    // sha256("[]") = 4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
    expect(requestKey([])).toBe("4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945");
    expect(requestKey({ a: 1, b: 2 })).toBe(requestKey({ b: 2, a: 1 }));
    expect(requestKey(["chat", "m", messages])).not.toBe(requestKey(["chat", "m2", messages]));
  });

  it("reports a refused connection as a network error after the retries", async () => {
    const s = await startScriptedServer(() => chatReply("x"));
    const url = s.url;
    await s.close();
    const client = openAiClient({ baseUrl: url, model: "m", maxRetries: 1, ...fast });
    await expect(client.judge(messages)).rejects.toMatchObject({
      code: "judge_error",
      message: expect.stringContaining("last: network error"),
    });
  });

  it("semaphore queues beyond its limit", async () => {
    const gate = semaphore(2);
    const a = await gate.acquire();
    await gate.acquire();
    let third = false;
    const p = gate.acquire().then(() => {
      third = true;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    a();
    await p;
    expect(third).toBe(true);
    expect(gate.active).toBe(2);
  });
});
