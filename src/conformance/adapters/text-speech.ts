import { editDistance } from "../../metrics/text/speech/edit-distance.js";
import {
  alignmentMeasures,
  charErrorRate,
  type ErrorRateOptions,
  matchErrorRate,
  wordErrorRate,
  wordInformationLost,
  wordInformationPreserved,
} from "../../metrics/text/speech/wer.js";
import type { Adapter } from "../types.js";
import { orNull, strings } from "./text-inputs.js";

type Inputs = Record<string, unknown>;
type Options = Record<string, unknown>;

const tm: ErrorRateOptions = { convention: "torchmetrics" };

const jiwerRates: Record<string, (h: string[], r: string[]) => number> = {
  jiwer_wer: (h, r) => wordErrorRate(h, r),
  jiwer_mer: (h, r) => matchErrorRate(h, r),
  jiwer_wil: (h, r) => wordInformationLost(h, r),
  jiwer_wip: (h, r) => wordInformationPreserved(h, r),
  jiwer_cer: (h, r) => charErrorRate(h, r),
};

function jiwerAdapter(metric: string): Adapter {
  return {
    metric,
    run(inputs: Inputs, options: Options, testCase) {
      let hyps = strings(inputs.hypotheses);
      let refs = strings(inputs.references);
      const rate = jiwerRates[metric]!;
      if (options.per_pair) return { per_pair: hyps.map((h, i) => orNull(() => rate([h], [refs[i]!]))) };
      if (options.skip_empty_references) {
        const keep = refs.map((r) => r.trim().length > 0);
        hyps = hyps.filter((_, i) => keep[i]);
        refs = refs.filter((_, i) => keep[i]);
      }
      if (testCase.ref.includes("compute_measures")) return alignmentMeasures(hyps, refs);
      if (testCase.ref.includes("return_dict")) {
        const m = alignmentMeasures(hyps, refs, { unit: "char" });
        return {
          cer: m.wer,
          hits: m.hits,
          substitutions: m.substitutions,
          deletions: m.deletions,
          insertions: m.insertions,
        };
      }
      return rate(hyps, refs);
    },
  };
}

/**
 * jiwer's measures under one of its versions' conventions (`convention`), default or contiguous
 * transforms, words or characters; null where the reference raises.
 */
const jiwerMeasuresAdapter: Adapter = {
  metric: "jiwer_measures",
  run(inputs, options) {
    const unit = options.unit as "word" | "char";
    const m = orNull(() =>
      alignmentMeasures(strings(inputs.hypotheses), strings(inputs.references), {
        unit,
        convention: options.convention as "jiwer" | "jiwer3" | "jiwer4",
        contiguous: options.contiguous === true,
      }),
    );
    if (m === null || unit === "word") return m;
    const { mer: _mer, wil: _wil, wip: _wip, ...cer } = m;
    return cer;
  },
};

/** Conformance adapters for speech recognition: the WER family (torchmetrics and jiwer 2.3.0) and torchmetrics' edit distance. */
export const adapters: readonly Adapter[] = [
  ...Object.entries({
    wer: wordErrorRate,
    cer: charErrorRate,
    mer: matchErrorRate,
    wil: wordInformationLost,
    wip: wordInformationPreserved,
  }).map(([metric, measure]) => ({
    metric,
    ref: "torchmetrics",
    run: (i: Inputs) => measure(strings(i.hypotheses), strings(i.references), tm),
  })),
  {
    metric: "edit_distance",
    ref: "torchmetrics",
    run: (i: Inputs, o: Options) =>
      editDistance(strings(i.hypotheses), strings(i.references), {
        reduction: ((o.reduction as string | null | undefined) ?? "none") as never,
        ...(o.substitution_cost !== undefined ? { substitutionCost: o.substitution_cost as number } : {}),
      }),
  },
  jiwerAdapter("jiwer_wer"),
  jiwerAdapter("jiwer_mer"),
  jiwerAdapter("jiwer_wil"),
  jiwerAdapter("jiwer_wip"),
  jiwerAdapter("jiwer_cer"),
  jiwerMeasuresAdapter,
];
