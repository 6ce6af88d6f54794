import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the scripted server answers to one request. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (serialised) or raw text. */
  body?: unknown;
  raw?: string;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

/** A request the server saw. */
export interface SeenRequest {
  path: string;
  body: { model?: string; messages?: { role: string; content: string }[]; input?: string[] } & Record<
    string,
    unknown
  >;
  headers: IncomingMessage["headers"];
}

/** A chat-completions reply with `content` and token usage. */
export function chatReply(content: string, promptTokens = 10, completionTokens = 5): ScriptedReply {
  return {
    body: {
      id: "chatcmpl-test",
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    },
  };
}

/** An embeddings reply. */
export function embeddingReply(vectors: number[][]): ScriptedReply {
  return {
    body: {
      object: "list",
      data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
      usage: { prompt_tokens: vectors.length, total_tokens: vectors.length },
    },
  };
}

/**
 * A real node:http server on 127.0.0.1 (random port) speaking the OpenAI chat-completions and
 * embeddings routes with scripted replies: `script(request, n)` decides the reply to the n-th
 * request (0-based). It records every request and the most requests it held at once.
 */
export async function startScriptedServer(
  script: (request: SeenRequest, n: number) => ScriptedReply,
): Promise<{
  url: string;
  requests: SeenRequest[];
  maxConcurrent: () => number;
  close: () => Promise<void>;
}> {
  const requests: SeenRequest[] = [];
  let active = 0;
  let maxActive = 0;
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      active++;
      maxActive = Math.max(maxActive, active);
      const request: SeenRequest = {
        path: (req.url ?? "").replace(/^\/v1/, ""),
        body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {},
        headers: req.headers,
      };
      const n = requests.length;
      requests.push(request);
      const reply = script(request, n);
      setTimeout(() => {
        active--;
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...(reply.headers ?? {}) });
        res.end(reply.raw ?? JSON.stringify(reply.body ?? {}));
      }, reply.delayMs ?? 0);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    maxConcurrent: () => maxActive,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
