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
  /** The prompt template's id (`askJudge` sets it), for judges that answer per template. */
  readonly template?: string;
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
  /**
   * Human labels on the scale of each judged metric, keyed by the metric's name
   * (`{ faithfulness: 0.75, ares_context_relevance: 1 }`): the labelled subset behind agreement
   * (Cohen's kappa, Krippendorff's alpha) and prediction-powered intervals.
   */
  readonly human?: Readonly<Record<string, number>>;
}

/**
 * Why a score is NaN, when it is not the metric's own rule (ragas' NaN for an answer without
 * statements carries no kind): `failed` (the judge or embedder failed or kept replying
 * malformed JSON; retried on resume), `missing` (the sample lacks a field the metric needs),
 * `not_judged` (the cost budget stopped the call; judged on resume).
 */
export type ScoreFailure = "failed" | "missing" | "not_judged";

/**
 * One sample's score: a number, or NaN with the reason (a failed judgement is never a silent 0).
 * `verdicts` are the binary item verdicts behind the score (statements, chunks), `detail` what
 * the judge produced on the way.
 */
export interface SampleScore {
  readonly value: number;
  readonly reason?: string;
  readonly kind?: ScoreFailure;
  readonly verdicts?: readonly number[];
  readonly detail?: unknown;
}
