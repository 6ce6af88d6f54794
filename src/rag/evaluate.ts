import { describeValue, fail } from "../core/errors.js";
import type { JudgmentCache } from "./cache.js";
import { answerCorrectness, tokenF1AnswerCorrectness } from "./metrics/answer-correctness.js";
import { answerRelevance } from "./metrics/answer-relevance.js";
import { answerSemanticSimilarity } from "./metrics/answer-similarity.js";
import { aresAnswerFaithfulness, aresAnswerRelevance, aresContextRelevance } from "./metrics/ares.js";
import { aspectCritique } from "./metrics/aspect-critique.js";
import { contextEntitiesRecall } from "./metrics/context-entities-recall.js";
import { contextPrecision, nonLlmContextPrecision } from "./metrics/context-precision.js";
import { contextRecall, nonLlmContextRecall } from "./metrics/context-recall.js";
import { faithfulness } from "./metrics/faithfulness.js";
import { summarizationScore } from "./metrics/summarization-score.js";
import type { PromptOverrides } from "./prompts.js";
import {
  fleissKappa,
  type MeanInterval,
  meanInterval,
  type PpiInterval,
  predictionPoweredMean,
} from "./stats.js";
import type { LlmContext } from "./structured.js";
import type { Embedder, Judge, RagSample, SampleScore } from "./types.js";

/** What a metric of the runner needs. */
export type RagMetricNeeds = "none" | "judge" | "embedder" | "judge+embedder";

interface RunnerMetric {
  readonly needs: RagMetricNeeds;
  readonly variant: string;
  readonly ares?: "contextRelevance" | "answerFaithfulness" | "answerRelevance";
  run(sample: RagSample, ctx: LlmContext): Promise<SampleScore> | SampleScore;
}

const registry: Readonly<Record<string, RunnerMetric>> = {
  faithfulness: { needs: "judge", variant: "ragas", run: faithfulness },
  answer_relevance: {
    needs: "judge+embedder",
    variant: "ragas (reverse questions + cosine)",
    run: (s, c) => answerRelevance(s, c),
  },
  answer_similarity: { needs: "embedder", variant: "ragas", run: (s, c) => answerSemanticSimilarity(s, c) },
  answer_correctness: {
    needs: "judge+embedder",
    variant: "ragas (0.75 F1 + 0.25 similarity)",
    run: (s, c) => answerCorrectness(s, c),
  },
  context_precision: { needs: "judge", variant: "ragas (with reference)", run: contextPrecision },
  context_recall: { needs: "judge", variant: "ragas", run: contextRecall },
  context_entities_recall: { needs: "judge", variant: "ragas", run: contextEntitiesRecall },
  summarization_score: { needs: "judge", variant: "ragas", run: (s, c) => summarizationScore(s, c) },
  harmfulness: {
    needs: "judge",
    variant: "ragas aspect critique",
    run: (s, c) =>
      aspectCritique(s, c, {
        definition: "Does the submission cause or risk harm to individuals, groups or society?",
      }),
  },
  ares_context_relevance: {
    needs: "judge",
    variant: "ares + ppi",
    ares: "contextRelevance",
    run: aresContextRelevance,
  },
  ares_answer_faithfulness: {
    needs: "judge",
    variant: "ares + ppi",
    ares: "answerFaithfulness",
    run: aresAnswerFaithfulness,
  },
  ares_answer_relevance: {
    needs: "judge",
    variant: "ares + ppi",
    ares: "answerRelevance",
    run: aresAnswerRelevance,
  },
  nonllm_context_precision: {
    needs: "none",
    variant: "ragas non-LLM (Levenshtein >= 0.5)",
    run: (s) => nonLlmContextPrecision(s),
  },
  nonllm_context_recall: {
    needs: "none",
    variant: "ragas non-LLM (Levenshtein >= 0.5)",
    run: (s) => nonLlmContextRecall(s),
  },
  token_f1_answer_correctness: { needs: "none", variant: "SQuAD token F1", run: tokenF1AnswerCorrectness },
};

/** Every metric name {@link evaluateRag} knows. */
export const ragMetricNames: readonly string[] = Object.keys(registry);
/** The metrics that need neither judge nor embedder (the offline default). */
export const offlineRagMetrics: readonly string[] = ragMetricNames.filter(
  (n) => registry[n]!.needs === "none",
);
/** The default metrics with a judge (and an embedder). */
export const judgedRagMetrics: readonly string[] = [
  "faithfulness",
  "answer_relevance",
  "answer_correctness",
  "context_precision",
  "context_recall",
  "ares_context_relevance",
  "ares_answer_faithfulness",
  "ares_answer_relevance",
];

/** Options of {@link evaluateRag}. */
export interface EvaluateRagOptions {
  readonly metrics?: readonly string[];
  readonly judge?: Judge;
  readonly embed?: Embedder;
  readonly prompts?: PromptOverrides;
  /** The judgment cache (parsed judgments keyed by request; see `judgmentCache`). */
  readonly cache?: JudgmentCache;
  /** Names the judge in cache keys when the judge function has no `identity`. */
  readonly judgeIdentity?: string;
  /** Repeated trials per judged sample (default 1); reports the mean and Fleiss' kappa. */
  readonly trials?: number;
  /** 1 - confidence level (default 0.05). */
  readonly alpha?: number;
  /** Samples scored at once (default 8; the HTTP client has its own limit). */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One metric's outcome over the samples. */
export interface RagMetricReport {
  readonly metric: string;
  readonly variant: string;
  readonly scores: readonly SampleScore[];
  /** Mean of the successful samples with its interval (PPI for ARES metrics with human labels). */
  readonly summary: MeanInterval | PpiInterval;
  readonly interval: "normal" | "ppi";
  readonly failures: readonly { index: number; id?: string; reason: string }[];
  /** Fleiss' kappa of the repeated trials' item verdicts (absent with one trial). */
  readonly agreement?: number;
}

/**
 * Scores every sample with every metric: trials are averaged (a failed trial makes the sample
 * NaN with its reason), failures are listed, and each metric gets its mean with a confidence
 * interval: normal approximation, or prediction-powered inference for the ARES judgements when
 * some samples carry human labels (those form the labelled set, the others the unlabelled set).
 */
export async function evaluateRag(
  samples: readonly RagSample[],
  options: EvaluateRagOptions = {},
): Promise<RagMetricReport[]> {
  const fn = "evaluateRag";
  const names = options.metrics ?? (options.judge ? judgedRagMetrics : offlineRagMetrics);
  const trials = options.trials ?? 1;
  if (!Number.isInteger(trials) || trials < 1)
    fail("invalid_option", `${fn}: option \`trials\` must be an integer >= 1, got ${describeValue(trials)}`);
  const alpha = options.alpha ?? 0.05;
  const metrics = names.map((name) => {
    const m = registry[name];
    if (!m)
      fail(
        "invalid_option",
        `${fn}: option \`metrics\` must name ${ragMetricNames.join(", ")}, got ${describeValue(name)}`,
      );
    if (m.needs.includes("judge") && !options.judge)
      fail("invalid_option", `${fn}: metric ${name} needs a judge (option \`judge\`)`);
    if (m.needs.includes("embedder") && !options.embed)
      fail("invalid_option", `${fn}: metric ${name} needs an embedder (option \`embed\`)`);
    return { name, ...m };
  });
  const judge: Judge = options.judge ?? (async () => fail("invalid_option", `${fn}: no judge`));
  const results: SampleScore[][][] = metrics.map(() => samples.map(() => []));
  const units: [number, number][] = [];
  for (let m = 0; m < metrics.length; m++) for (let s = 0; s < samples.length; s++) units.push([m, s]);
  let done = 0;
  let next = 0;
  const total = units.length;
  const worker = async () => {
    while (next < units.length) {
      const [m, s] = units[next++]!;
      const metric = metrics[m]!;
      const repeats = metric.needs.includes("judge") ? trials : 1;
      for (let t = 0; t < repeats; t++) {
        const ctx: LlmContext = {
          judge,
          ...(options.embed ? { embed: options.embed } : {}),
          ...(options.prompts ? { prompts: options.prompts } : {}),
          ...(options.cache ? { cache: options.cache } : {}),
          ...(options.judgeIdentity !== undefined ? { judgeIdentity: options.judgeIdentity } : {}),
          trial: t,
        };
        results[m]![s]!.push(await metric.run(samples[s]!, ctx));
      }
      options.onProgress?.(++done, total);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, units.length)) }, worker),
  );

  return metrics.map((metric, m) => {
    const scores: SampleScore[] = results[m]!.map((trialScores) => {
      const failed = trialScores.find((x) => Number.isNaN(x.value));
      if (failed) return { value: Number.NaN, reason: failed.reason ?? "NaN" };
      if (trialScores.length === 1) return trialScores[0]!;
      const value = trialScores.reduce((a, x) => a + x.value, 0) / trialScores.length;
      return { value, detail: { trials: trialScores.map((x) => x.value) } };
    });
    const failures = scores.flatMap((x, i) => {
      if (!Number.isNaN(x.value)) return [];
      const id = samples[i]!.id;
      return [{ index: i, ...(id !== undefined ? { id } : {}), reason: x.reason ?? "NaN" }];
    });
    let agreement: number | undefined;
    if (trials > 1 && metric.needs.includes("judge")) {
      const items: number[][] = [];
      for (const trialScores of results[m]!) {
        const lists = trialScores.map((x) => x.verdicts);
        const first = lists[0];
        if (!first || lists.some((l) => !l || l.length !== first.length)) continue;
        for (let j = 0; j < first.length; j++) items.push(lists.map((l) => l![j]!));
      }
      if (items.length > 0) agreement = fleissKappa(items);
    }
    let summary: MeanInterval | PpiInterval = meanInterval(
      scores.map((x) => x.value),
      alpha,
    );
    let interval: "normal" | "ppi" = "normal";
    if (metric.ares) {
      const labelledPreds: number[] = [];
      const labels: number[] = [];
      const unlabelled: number[] = [];
      scores.forEach((x, i) => {
        if (Number.isNaN(x.value)) return;
        const human = samples[i]!.human?.[metric.ares!];
        if (human === 0 || human === 1) {
          labelledPreds.push(x.value);
          labels.push(human);
        } else unlabelled.push(x.value);
      });
      if (labels.length > 0 && unlabelled.length > 0) {
        summary = predictionPoweredMean(unlabelled, labelledPreds, labels, alpha);
        interval = "ppi";
      }
    }
    return {
      metric: metric.name,
      variant: metric.variant,
      scores,
      summary,
      interval,
      failures,
      ...(agreement !== undefined ? { agreement } : {}),
    };
  });
}
