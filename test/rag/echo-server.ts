import { secretForms } from "../../src/rag/redact.js";
import { chatReply, type ScriptedReply, type SeenRequest } from "./scripted-server.js";

/**
 * Ways a hostile or careless OpenAI-compatible server can echo the request's Authorization
 * header back: in the reply text the judge returns, JSON-escaped, in extra JSON fields and
 * headers, in non-JSON 200 bodies, 4xx and 5xx bodies (retried or not), cut by truncation, and
 * encoded (URL, base64, hex, another case).
 */
export const ECHO_MODES = [
  "content",
  "content-escaped",
  "content-encoded",
  "extra-fields",
  "non-json-200",
  "json-200-no-choices",
  "content-not-json",
  "wrong-shape",
  "401",
  "400-text",
  "500-retries",
  "429-retry-after",
  "truncated-500",
] as const;
export type EchoMode = (typeof ECHO_MODES)[number];

const promptId = (request: SeenRequest) =>
  /\[prompt (\w+) v/.exec(request.body.messages?.[0]?.content ?? "")?.[1] ?? "";

/** A valid reply for each prompt, every string field carrying `echo`. */
function validContent(id: string, echo: string): unknown {
  switch (id) {
    case "statements":
      return { statements: [echo, "a plain statement"] };
    case "faithfulnessVerdicts":
      return {
        statements: [
          { statement: echo, reason: echo, verdict: 1 },
          { statement: "a plain statement", reason: echo, verdict: 0 },
        ],
      };
    case "answerRelevance":
      return { question: echo, noncommittal: 0 };
    case "contextRecall":
      return { classifications: [{ statement: echo, reason: echo, attributed: 1 }] };
    default:
      return { reason: echo, verdict: 1 };
  }
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The reply of `mode` to a request whose Authorization header is `auth`. */
export function echoReply(mode: EchoMode, request: SeenRequest): ScriptedReply {
  const auth = String(request.headers.authorization ?? "");
  const isEmbedding = request.path === "/embeddings";
  const n = request.body.input?.length ?? 0;
  const embedding = (extra: Record<string, unknown> = {}) => ({
    body: {
      object: "list",
      data: Array.from({ length: n }, (_, index) => ({
        object: "embedding",
        index,
        embedding: [1, index],
        ...extra,
      })),
      usage: { prompt_tokens: n, total_tokens: n },
      ...extra,
    },
  });
  switch (mode) {
    case "content":
      return isEmbedding
        ? embedding({ echo: auth })
        : chatReply(JSON.stringify(validContent(promptId(request), auth)));
    case "content-escaped": {
      // The JSON text escapes every character of the header: JSON.parse restores the key.
      const escaped = Array.from(auth, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
      const content = JSON.stringify(validContent(promptId(request), "ECHO")).replaceAll("ECHO", escaped);
      return isEmbedding ? embedding({ echo: escaped }) : chatReply(content);
    }
    case "content-encoded": {
      const key = auth.replace(/^Bearer /, "");
      const forms = [
        encodeURIComponent(auth),
        base64(auth),
        base64(key),
        Buffer.from(key).toString("hex"),
        key.toUpperCase(),
      ];
      const content = validContent(promptId(request), forms.join(" | "));
      return isEmbedding ? embedding({ echo: forms }) : chatReply(JSON.stringify(content));
    }
    case "extra-fields": {
      const reply = isEmbedding
        ? embedding()
        : chatReply(JSON.stringify(validContent(promptId(request), "fine")));
      return {
        ...reply,
        headers: { "x-echo-authorization": auth, "retry-after": auth },
        body: {
          ...(reply.body as object),
          id: auth,
          system_fingerprint: auth,
          echo: { authorization: auth },
        },
      };
    }
    case "non-json-200":
      return { raw: `<html>upstream saw Authorization: ${auth}</html>` };
    case "json-200-no-choices":
      return { body: { error: { message: `invalid request, header was ${auth}` } } };
    case "content-not-json":
      return isEmbedding ? embedding() : chatReply(`Sure! Your header was ${auth}.`);
    case "wrong-shape":
      return isEmbedding
        ? { body: { data: [{ embedding: auth }] } }
        : chatReply(JSON.stringify({ statements: auth, verdict: auth, question: 7 }));
    case "401":
      return { status: 401, body: { error: { message: `bad key ${auth}` } } };
    case "400-text":
      return { status: 400, raw: `Bad Request: ${auth}` };
    case "500-retries":
      return { status: 500, headers: { "retry-after": "0" }, body: { error: `boom, ${auth}` } };
    case "429-retry-after":
      return { status: 429, headers: { "retry-after": "0", "x-echo": auth }, raw: base64(auth) };
    case "truncated-500":
      // 195 characters, then the header: a body cut at 200 characters would keep half the key.
      return { status: 503, raw: `${"x".repeat(195)}${auth}` };
  }
}

/** Fails (returns the offending form) if `text` holds the secret in any form, or a long piece of it. */
export function findSecret(text: string, secret: string): string | undefined {
  const lower = text.toLowerCase();
  for (const form of secretForms(secret)) if (lower.includes(form.toLowerCase())) return form;
  for (const piece of [secret.slice(0, 12), secret.slice(-12), secret.slice(6, 18)])
    if (text.includes(piece)) return piece;
  return undefined;
}
