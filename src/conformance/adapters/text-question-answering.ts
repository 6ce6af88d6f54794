import {
  normalizeAnswer,
  type SquadReference,
  squad,
  squadQuestionScores,
  squadV2,
  squadV2RawScores,
} from "../../metrics/text/question-answering/squad.js";
import type { Adapter } from "../types.js";
import { strings } from "./text-inputs.js";

interface Question {
  id: string;
  gold_answers: string[];
}

function squadReferences(questions: readonly Question[]): SquadReference[] {
  return questions.map((q) => ({ id: q.id, answers: q.gold_answers }));
}

const snake = (s: { exactMatch: number; f1: number }): Record<string, number> => ({
  exact_match: s.exactMatch,
  f1: s.f1,
});

const squadAdapter: Adapter = {
  metric: "squad",
  ref: "SQuAD v1.1",
  run(inputs, _options, testCase) {
    if (testCase.ref.includes("normalize_answer")) return strings(inputs.texts).map(normalizeAnswer);
    const questions = inputs.questions as Question[];
    const predictions = Object.entries(inputs.predictions as Record<string, string>).map(
      ([id, predictionText]) => ({ id, predictionText }),
    );
    if (testCase.ref.includes("metric_max_over_ground_truths")) {
      const out: Record<string, unknown> = {};
      for (const q of questions) {
        const prediction = predictions.find((p) => p.id === q.id);
        if (prediction !== undefined)
          out[q.id] = snake(squadQuestionScores(prediction.predictionText, q.gold_answers));
      }
      return out;
    }
    return snake(squad(predictions, squadReferences(questions)));
  },
};

const squadTorchmetricsAdapter: Adapter = {
  metric: "squad",
  ref: "torchmetrics",
  run(inputs) {
    const predictions = (inputs.predictions as { id: string; prediction_text: string }[]).map((p) => ({
      id: p.id,
      predictionText: p.prediction_text,
    }));
    const references = (inputs.references as { id: string; answers: { text: string[] } }[]).map((r) => ({
      id: r.id,
      answers: r.answers.text,
    }));
    return snake(squad(predictions, references));
  },
};

const squadV2Adapter: Adapter = {
  metric: "squad_v2",
  run(inputs, options, testCase) {
    const questions = inputs.questions as Question[];
    const naProbs = inputs.na_probs as Record<string, number>;
    const useProbs = options.use_na_probs === true;
    const predictions = Object.entries(inputs.predictions as Record<string, string>).map(
      ([id, predictionText]) =>
        useProbs
          ? { id, predictionText, noAnswerProbability: naProbs[id] as number }
          : { id, predictionText },
    );
    if (testCase.ref.includes("get_raw_scores"))
      return squadV2RawScores(predictions, squadReferences(questions));
    const threshold = (options.na_prob_thresh as number | undefined) ?? 1;
    return squadV2(predictions, squadReferences(questions), { noAnswerThreshold: threshold });
  },
};

/** Conformance adapters for question answering: the SQuAD v1.1 and v2.0 scripts and torchmetrics' SQuAD. */
export const adapters: readonly Adapter[] = [squadAdapter, squadTorchmetricsAdapter, squadV2Adapter];
