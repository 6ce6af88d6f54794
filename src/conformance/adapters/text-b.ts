import { fail } from "../../core/errors.js";
import { runOnce } from "../../metric.js";
import { meteorScore, singleMeteorScore } from "../../metrics/text/meteor.js";
import { pySplit } from "../../metrics/text/py-compat.js";
import {
  type RougeOptions,
  type RougeScore,
  type RougeType,
  rougeDef,
  rougePairs,
} from "../../metrics/text/rouge.js";
import {
  type SeqevalOptions,
  seqevalAccuracy,
  seqevalClassificationReport,
  seqevalScores,
} from "../../metrics/text/seqeval.js";
import {
  normalizeAnswer,
  type SquadReference,
  squad,
  squadQuestionScores,
  squadV2,
  squadV2RawScores,
} from "../../metrics/text/squad.js";
import type { Adapter } from "../types.js";

const strings = (value: unknown): string[] => value as string[];

function mean(pairs: readonly RougeScore[]): RougeScore {
  let p = 0;
  let r = 0;
  let f = 0;
  for (const s of pairs) {
    p += s.precision;
    r += s.recall;
    f += s.fmeasure;
  }
  return { precision: p / pairs.length, recall: r / pairs.length, fmeasure: f / pairs.length };
}

/** rouge-score cases: `score(target, prediction)` or `score_multi(targets, prediction)`, per pair and the plain mean. */
const rougeScoreAdapter: Adapter = {
  metric: "rouge",
  ref: "rouge_score",
  run(inputs, options) {
    if (options.split_summaries === true)
      fail("unsupported", "rouge: split_summaries (nltk sent_tokenize) is not implemented");
    const types = options.rouge_types as RougeType[];
    const rougeOptions: RougeOptions = {
      rougeTypes: types,
      useStemmer: options.use_stemmer === true,
      tokenizer: "rouge-score",
    };
    const pairs = rougePairs(
      strings(inputs.hypotheses),
      inputs.references as (string | string[])[],
      rougeOptions,
    );
    if (types.length === 1) {
      const type = types[0] as string;
      const perPair = pairs.map((p) => p[type] as RougeScore);
      return { per_pair: perPair, mean: mean(perPair) };
    }
    return {
      per_pair: pairs,
      mean: Object.fromEntries(types.map((t) => [t, mean(pairs.map((p) => p[t] as RougeScore))])),
    };
  },
};

/** torchmetrics 1.9.0 ROUGEScore: the mean per type, keys like `rouge1_fmeasure`. */
const rougeTorchmetricsAdapter: Adapter = {
  metric: "rouge",
  ref: "torchmetrics",
  run(inputs, options) {
    const types = (options.rouge_keys as RougeType[] | undefined) ?? [
      "rouge1",
      "rouge2",
      "rougeL",
      "rougeLsum",
    ];
    if (types.includes("rougeLsum"))
      fail("unsupported", "rouge: torchmetrics' rougeLsum splits sentences with nltk; not implemented");
    const accumulate = (options.accumulate as string | undefined) ?? "best";
    const result = runOnce(
      rougeDef({
        rougeTypes: types,
        useStemmer: options.use_stemmer === true,
        multiReference: accumulate === "avg" ? "mean" : "max-by-first-type",
      }),
      strings(inputs.hypotheses),
      inputs.references as (string | string[])[],
    );
    const out: Record<string, number> = {};
    for (const type of types) {
      const s = result[type] as RougeScore;
      out[`${type}_fmeasure`] = s.fmeasure;
      out[`${type}_precision`] = s.precision;
      out[`${type}_recall`] = s.recall;
    }
    return out;
  },
};

interface SeqevalData {
  targets: string[][];
  predictions: string[][];
}

function seqevalInputs(inputs: Record<string, unknown>, options: Record<string, unknown>): SeqevalData {
  const subset = options.subset as string | undefined;
  return (subset === undefined ? inputs : inputs[subset]) as SeqevalData;
}

function seqevalOptions(options: Record<string, unknown>): SeqevalOptions {
  const out: {
    mode?: "default" | "strict";
    scheme?: NonNullable<SeqevalOptions["scheme"]>;
    suffix?: boolean;
  } = {};
  out.mode = options.mode === "strict" ? "strict" : "default";
  if (typeof options.scheme === "string")
    out.scheme = options.scheme as NonNullable<SeqevalOptions["scheme"]>;
  if (options.suffix === true) out.suffix = true;
  return out;
}

const seqevalAdapter: Adapter = {
  metric: "seqeval",
  run(inputs, options, testCase) {
    const data = seqevalInputs(inputs, options);
    const opts = seqevalOptions(options);
    if (testCase.ref.includes("accuracy_score")) return seqevalAccuracy(data.predictions, data.targets);
    if (testCase.ref.includes("classification_report")) {
      const report = seqevalClassificationReport(data.predictions, data.targets, opts);
      const out: Record<string, unknown> = {};
      for (const row of report.rows) {
        out[row.label] = {
          precision: row.precision,
          recall: row.recall,
          "f1-score": row.f1,
          support: row.support,
        };
      }
      return out;
    }
    if (options.average === null) {
      const scores = seqevalScores(data.predictions, data.targets, { ...opts, average: "none" });
      return { labels: scores.labels, precision: scores.precision, recall: scores.recall, f1: scores.f1 };
    }
    const average = (options.average as "micro" | "macro" | "weighted" | undefined) ?? "micro";
    const scores = seqevalScores(data.predictions, data.targets, { ...opts, average });
    return { precision: scores.precision, recall: scores.recall, f1: scores.f1 };
  },
};

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

const meteorAdapter: Adapter = {
  metric: "meteor",
  run(inputs, options, testCase) {
    const params: { alpha?: number; beta?: number; gamma?: number } = {};
    if (typeof options.alpha === "number") params.alpha = options.alpha;
    if (typeof options.beta === "number") params.beta = options.beta;
    if (typeof options.gamma === "number") params.gamma = options.gamma;
    const split = pySplit;
    const hypotheses = strings(inputs.hypotheses);
    const references = inputs.references as (string | string[])[];
    const perPair = hypotheses.map((h, i) => {
      const ref = references[i] as string | string[];
      if (testCase.ref.includes("single_meteor_score"))
        return singleMeteorScore(split(ref as string), split(h), params);
      return meteorScore((Array.isArray(ref) ? ref : [ref]).map(split), split(h), params);
    });
    return { per_pair: perPair, mean: perPair.reduce((a, b) => a + b, 0) / perPair.length };
  },
};

/** Conformance adapters for part b of the `text` family. */
export const adapters: readonly Adapter[] = [
  rougeScoreAdapter,
  rougeTorchmetricsAdapter,
  seqevalAdapter,
  squadAdapter,
  squadTorchmetricsAdapter,
  squadV2Adapter,
  meteorAdapter,
];
