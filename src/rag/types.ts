/** One chat message, as OpenAI-compatible chat-completions endpoints take them. */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** The tokens and cost of one paid call (a cache hit costs nothing and reports nothing). */
export interface CallUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cost: number;
}

/** Per-call hints a judge may use (a plain `(messages) => Promise<string>` may ignore them). */
export interface JudgeCallOptions {
  /** Trial number of a repeated judgement (0-based); part of the cache key, so trials differ. */
  readonly trial?: number;
  /** Receives the usage of the call once the reply arrives (for per-metric costs). */
  readonly onUsage?: (usage: CallUsage) => void;
}

/**
 * A judge: any function from chat messages to the model's reply text. The OpenAI-compatible
 * adapter ({@link openAiClient}) is one; a local model, a test double or a human queue are others.
 * `identity` (the model and request parameters, as text) keys the judgment cache: a judge
 * without one is never cached unless the caller names it.
 */
export interface Judge {
  (messages: readonly ChatMessage[], call?: JudgeCallOptions): Promise<string>;
  readonly identity?: string;
}

/** An embedder: any function from texts to one vector per text; `identity` as for {@link Judge}. */
export interface Embedder {
  (texts: readonly string[], call?: Pick<JudgeCallOptions, "onUsage">): Promise<number[][]>;
  readonly identity?: string;
}

/** One RAG sample (the fields the metrics read; JSONL keys in snake_case are accepted by the CLI). */
export interface RagSample {
  readonly id?: string;
  readonly question?: string;
  readonly answer?: string;
  /** Retrieved contexts, in retrieval order. */
  readonly contexts?: readonly string[];
  /** The reference ("ground truth") answer. */
  readonly groundTruth?: string;
  /** Reference contexts (for the non-LLM context precision/recall). */
  readonly referenceContexts?: readonly string[];
  /** Human 0/1 labels for the ARES judgements (the small labelled subset of PPI). */
  readonly human?: Readonly<
    Partial<Record<"contextRelevance" | "answerFaithfulness" | "answerRelevance", number>>
  >;
}

/**
 * One sample's score: a number, or NaN with the reason (a failed judgement is never a silent 0).
 * `verdicts` are the binary item verdicts behind the score (statements, chunks, trials), used for
 * judges' agreement over repeated trials.
 */
export interface SampleScore {
  readonly value: number;
  readonly reason?: string;
  readonly verdicts?: readonly number[];
  readonly detail?: unknown;
}
