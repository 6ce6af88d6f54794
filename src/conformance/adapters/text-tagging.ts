import { getEntities } from "../../metrics/text/tagging/entities.js";
import { performanceMeasure } from "../../metrics/text/tagging/performance-measure.js";
import {
  type SeqevalOptions,
  seqevalAccuracy,
  seqevalClassificationReport,
  seqevalScores,
} from "../../metrics/text/tagging/seqeval.js";
import type { Adapter } from "../types.js";

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

/** seqeval's get_entities, performance_measure and F-beta (precision_recall_fscore_support). */
const entityAdapters: readonly Adapter[] = [
  {
    metric: "seqeval_get_entities",
    run(inputs, options) {
      const data = inputs[options.field as string] as string[][];
      return getEntities(options.nested === true ? data : data[0]!, { suffix: options.suffix === true });
    },
  },
  {
    metric: "seqeval_performance_measure",
    run(inputs) {
      const data = inputs as unknown as SeqevalData;
      const m = performanceMeasure(data.predictions, data.targets);
      return { TP: m.truePositives, FP: m.falsePositives, FN: m.falseNegatives, TN: m.trueNegatives };
    },
  },
  {
    metric: "seqeval_fbeta",
    run(inputs, options) {
      const data = inputs as unknown as SeqevalData;
      const beta = options.beta === "inf" ? Number.POSITIVE_INFINITY : (options.beta as number);
      const common = {
        ...seqevalOptions(options),
        beta,
        ...(options.suffix === true ? { suffix: true } : {}),
      };
      if (options.average === null) {
        const s = seqevalScores(data.predictions, data.targets, { ...common, average: "none" });
        return { precision: s.precision, recall: s.recall, f: s.f1 };
      }
      const average = options.average as "micro" | "macro" | "weighted";
      const s = seqevalScores(data.predictions, data.targets, { ...common, average });
      return { precision: s.precision, recall: s.recall, f: s.f1 };
    },
  },
];

/** Conformance adapters for sequence tagging: seqeval 1.2.2. */
export const adapters: readonly Adapter[] = [seqevalAdapter, ...entityAdapters];
