import type { CatalogEntry } from "../../catalog/types.js";
import { renderPrompt } from "../prompts.js";
import { judgeStructured, stringList } from "../structured.js";
import type { RagSample, SampleScore } from "../types.js";
import { cosine, guard, type LlmContext, need, needEmbedder, promptFor } from "./common.js";

/** Catalog entry of RAGAS answer correctness. */
export const answerCorrectnessMeta: CatalogEntry = {
  id: "rag/answer_correctness",
  title: "Answer correctness (RAGAS)",
  kind: "metric",
  tasks: ["rag"],
  formula: "AC = w_1 \\frac{TP}{TP + \\frac12(FP+FN)} + w_2 \\cos(E(a), E(g)),\\; w = (0.75, 0.25)",
  range: [0, 1],
  direction: "higher",
  differentiable: false,
  robustness: ["Needs a reference answer; the factual part depends on the judge's statement classification."],
  references: [{ paper: "Es et al., RAGAS (EACL 2024); ragas AnswerCorrectness" }],
  traits: ["llm-judge", "embedding", "reference-based"],
  exports: ["answerCorrectness", "tokenF1AnswerCorrectness"],
};

/** F1 from statement counts: TP / (TP + (FP + FN) / 2); 0 when there are no true positives. */
export function statementF1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : tp / (tp + 0.5 * (fp + fn));
}

/**
 * Answer correctness, the RAGAS definition (ragas `AnswerCorrectness`): the judge splits the
 * answer and the reference answer into statements and classifies them as TP (answer statement
 * supported by the reference), FP (answer statement not in the reference) and FN (reference
 * statement missing from the answer); factual F1 = TP / (TP + (FP+FN)/2), and the score is
 * `weights[0] * F1 + weights[1] * cosine(E(answer), E(reference))` (default weights 0.75,
 * 0.25; with weights[1] = 0 no embedder is needed). Calls: 3 judge calls + 1 embedding call.
 */
export async function answerCorrectness(
  sample: RagSample,
  ctx: LlmContext,
  options: { weights?: readonly [number, number] } = {},
): Promise<SampleScore> {
  const [wFactual, wSimilarity] = options.weights ?? [0.75, 0.25];
  return guard(async () => {
    const question = need(sample, "question");
    const answer = need(sample, "answer");
    const groundTruth = need(sample, "groundTruth");
    const split = (text: string) =>
      judgeStructured(
        ctx.judge,
        renderPrompt(promptFor(ctx, "statements"), { question, answer: text }),
        stringList("statements"),
      );
    const [answerStatements, referenceStatements] = await Promise.all([split(answer), split(groundTruth)]);
    const classes = await judgeStructured(
      ctx.judge,
      renderPrompt(promptFor(ctx, "correctnessClassification"), {
        question,
        answerStatements: JSON.stringify(answerStatements),
        referenceStatements: JSON.stringify(referenceStatements),
      }),
      (value) => ({ TP: stringList("TP")(value), FP: stringList("FP")(value), FN: stringList("FN")(value) }),
      { trial: ctx.trial ?? 0 },
    );
    const f1 = statementF1(classes.TP.length, classes.FP.length, classes.FN.length);
    let similarity = 0;
    if (wSimilarity !== 0) {
      const [a, b] = await needEmbedder(ctx, "answerCorrectness")([answer, groundTruth]);
      similarity = cosine(a!, b!);
    }
    return { value: wFactual * f1 + wSimilarity * similarity, detail: { f1, similarity, ...classes } };
  });
}

/** SQuAD v1.1 answer normalisation: lowercase, drop punctuation and articles, collapse whitespace. */
export function normalizeAnswer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[!-/:-@[-`{-~]/g, "")
    .replace(/\b(a|an|the)\b/g, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
}

/**
 * Non-LLM answer correctness: the SQuAD v1.1 token F1 between answer and reference answer
 * (normalised as the official script: lowercase, no punctuation, no articles). Both empty: 1;
 * one empty: 0. Needs no judge and no network.
 */
export function tokenF1AnswerCorrectness(sample: RagSample): SampleScore {
  if (sample.answer === undefined || sample.groundTruth === undefined) {
    return {
      value: Number.NaN,
      reason: `sample has no \`${sample.answer === undefined ? "answer" : "groundTruth"}\``,
    };
  }
  const pred = normalizeAnswer(sample.answer);
  const gold = normalizeAnswer(sample.groundTruth);
  if (pred.length === 0 || gold.length === 0) return { value: pred.length === gold.length ? 1 : 0 };
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return { value: 0 };
  const precision = common / pred.length;
  const recall = common / gold.length;
  return { value: (2 * precision * recall) / (precision + recall) };
}
