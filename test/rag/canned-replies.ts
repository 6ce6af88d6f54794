import type { ScriptedReply, SeenRequest } from "./scripted-server.js";
import { chatReply, embeddingReply } from "./scripted-server.js";

/** Valid canned judge replies per prompt id (read from the system message), for end-to-end runs. */
export const cannedContent: Readonly<Record<string, string>> = {
  statements: '{"statements": ["first claim", "second claim"]}',
  faithfulnessVerdicts:
    '{"statements": [{"statement": "first claim", "reason": "", "verdict": 1}, {"statement": "second claim", "reason": "", "verdict": 0}]}',
  contextPrecision: '{"reason": "", "verdict": 1}',
  contextRecall: '{"classifications": [{"statement": "a", "reason": "", "attributed": 1}]}',
  answerRelevance: '{"question": "generated question", "noncommittal": 0}',
  correctnessClassification:
    '{"TP": [{"statement": "a", "reason": ""}], "FP": [], "FN": [{"statement": "b", "reason": ""}]}',
  aresContextRelevance: '{"reason": "", "verdict": 1}',
  aresAnswerFaithfulness: '{"reason": "", "verdict": 1}',
  aresAnswerRelevance: '{"reason": "", "verdict": 0}',
};

/** Answers chat requests from {@link cannedContent} and embeddings with a fixed vector per text. */
export function cannedScript(request: SeenRequest): ScriptedReply {
  if (request.path === "/embeddings") return embeddingReply((request.body.input ?? []).map(() => [1, 0, 0]));
  const system = request.body.messages?.[0]?.content ?? "";
  const id = /\[prompt (\w+) v/.exec(system)?.[1] ?? "";
  return chatReply(cannedContent[id] ?? "{}");
}
