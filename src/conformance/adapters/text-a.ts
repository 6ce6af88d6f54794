import { isPlumblineError } from "../../core/errors.js";
import { corpusBleu, sentenceBleu } from "../../metrics/text/bleu.js";
import { chrf, sentenceChrf } from "../../metrics/text/chrf.js";
import { selfBleu } from "../../metrics/text/diversity.js";
import { editDistance } from "../../metrics/text/edit-distance.js";
import { extendedEditDistance } from "../../metrics/text/extended-edit-distance.js";
import { corpusGleu, sentenceGleu } from "../../metrics/text/gleu.js";
import { type NltkSmoothing, nltkCorpusBleu, nltkSentenceBleu } from "../../metrics/text/nltk-bleu.js";
import { perplexity, type ScoreTensor, type TargetTensor } from "../../metrics/text/perplexity.js";
import { sentenceTer, ter } from "../../metrics/text/ter.js";
import { fromReferenceStreams } from "../../metrics/text/text-inputs.js";
import {
  alignmentMeasures,
  charErrorRate,
  type ErrorRateOptions,
  matchErrorRate,
  wordErrorRate,
  wordInformationLost,
  wordInformationPreserved,
} from "../../metrics/text/wer.js";
import { whitespaceBleu } from "../../metrics/text/whitespace-bleu.js";
import type { Adapter } from "../types.js";

type Inputs = Record<string, unknown>;
type Options = Record<string, unknown>;

const strings = (v: unknown): string[] => v as string[];
const streams = (v: unknown): string[][] => fromReferenceStreams(v as (string | null)[][]);

/** Runs `f`, giving null where plumbline raises the error the reference raised. */
function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (error) {
    if (isPlumblineError(error)) return null;
    throw error;
  }
}

const bleuOptions = (o: Options) => ({
  ...(o.tokenize !== undefined ? { tokenize: o.tokenize as never } : {}),
  ...(o.lowercase !== undefined ? { lowercase: Boolean(o.lowercase) } : {}),
  ...(o.smooth_method !== undefined ? { smoothMethod: o.smooth_method as never } : {}),
  ...(o.smooth_value !== undefined ? { smoothValue: o.smooth_value as number } : {}),
  ...(o.use_effective_order !== undefined ? { effectiveOrder: Boolean(o.use_effective_order) } : {}),
});

const nltkOptions = (o: Options) => ({
  smoothing: ((o.smoothing as string | undefined) ?? "method0") as NltkSmoothing,
  ...(o.weights !== undefined ? { weights: o.weights as number[] } : {}),
  ...(o.auto_reweigh !== undefined ? { autoReweigh: Boolean(o.auto_reweigh) } : {}),
});

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

/** Conformance adapters for part a of the `text` family. */
export const adapters: readonly Adapter[] = [
  {
    metric: "corpus_bleu",
    ref: "sacrebleu",
    run: (inputs: Inputs, options: Options) =>
      corpusBleu(strings(inputs.hypotheses), streams(inputs.references), bleuOptions(options)).score,
  },
  {
    metric: "sentence_bleu",
    ref: "sacrebleu",
    run: (inputs: Inputs, options: Options) =>
      sentenceBleu(inputs.hypothesis as string, strings(inputs.references), bleuOptions(options)).score,
  },
  {
    metric: "bleu_signature",
    ref: "sacrebleu",
    run: (inputs: Inputs, options: Options) =>
      corpusBleu(strings(inputs.hypotheses), streams(inputs.references), bleuOptions(options)).signature,
  },
  {
    metric: "sentence_chrf",
    ref: "sacrebleu",
    run: (inputs: Inputs) => sentenceChrf(inputs.hypothesis as string, strings(inputs.references)).score,
  },
  {
    metric: "sentence_ter",
    ref: "sacrebleu",
    run: (inputs: Inputs) => sentenceTer(inputs.hypothesis as string, strings(inputs.references)).score,
  },
  {
    metric: "chrf",
    ref: "sacrebleu",
    run: (inputs: Inputs, options: Options) =>
      chrf(strings(inputs.hypotheses), streams(inputs.references), {
        ...(options.char_order !== undefined ? { charOrder: options.char_order as number } : {}),
        ...(options.word_order !== undefined ? { wordOrder: options.word_order as number } : {}),
        ...(options.beta !== undefined ? { beta: options.beta as number } : {}),
        ...(options.lowercase !== undefined ? { lowercase: Boolean(options.lowercase) } : {}),
        ...(options.whitespace !== undefined ? { whitespace: Boolean(options.whitespace) } : {}),
        ...(options.eps_smoothing !== undefined ? { epsSmoothing: Boolean(options.eps_smoothing) } : {}),
      }).score,
  },
  {
    metric: "ter",
    ref: "sacrebleu",
    run: (inputs: Inputs, options: Options) =>
      ter(strings(inputs.hypotheses), streams(inputs.references), {
        normalized: Boolean(options.normalized ?? false),
        caseSensitive: Boolean(options.case_sensitive ?? false),
        noPunct: Boolean(options.no_punct ?? false),
        asianSupport: Boolean(options.asian_support ?? false),
      }).score,
  },
  {
    metric: "bleu_whitespace",
    ref: "torchmetrics",
    run: (inputs: Inputs, options: Options) =>
      whitespaceBleu(strings(inputs.hypotheses), streams(inputs.references), {
        nGram: (options.n_gram as number | undefined) ?? 4,
        smooth: Boolean(options.smooth ?? false),
      }),
  },
  // The WER family under torchmetrics' convention: one row per metric, same inputs.
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
  {
    metric: "extended_edit_distance",
    ref: "torchmetrics",
    run: (i: Inputs, o: Options) =>
      extendedEditDistance(strings(i.hypotheses), strings(i.references), {
        ...(o.language !== undefined ? { language: o.language as "en" | "ja" } : {}),
      }),
  },
  {
    metric: "perplexity",
    ref: "torchmetrics",
    run: (i: Inputs, o: Options) =>
      perplexity(i.logits as ScoreTensor, i.target as TargetTensor, {
        ...(o.ignore_index !== undefined && o.ignore_index !== null
          ? { ignoreIndex: o.ignore_index as number }
          : {}),
      }),
  },
  {
    metric: "nltk_bleu",
    ref: "corpus_bleu",
    run: (i: Inputs, o: Options) =>
      nltkCorpusBleu(strings(i.hypotheses), i.references as string[][], nltkOptions(o)),
  },
  {
    metric: "nltk_bleu",
    ref: "sentence_bleu",
    run: (i: Inputs, o: Options) => {
      const refs = i.references as string[][];
      return {
        per_pair: strings(i.hypotheses).map((h, k) =>
          orNull(() => nltkSentenceBleu(h, refs[k]!, nltkOptions(o))),
        ),
      };
    },
  },
  {
    metric: "gleu",
    ref: "corpus_gleu",
    run: (i: Inputs, o: Options) =>
      corpusGleu(strings(i.hypotheses), i.references as string[][], {
        minLen: (o.min_len as number) ?? 1,
        maxLen: (o.max_len as number) ?? 4,
      }),
  },
  {
    metric: "gleu",
    ref: "sentence_gleu",
    run: (i: Inputs, o: Options) => {
      const refs = i.references as string[][];
      const options = { minLen: (o.min_len as number) ?? 1, maxLen: (o.max_len as number) ?? 4 };
      return { per_pair: strings(i.hypotheses).map((h, k) => sentenceGleu(h, refs[k]!, options)) };
    },
  },
  {
    metric: "self_bleu",
    run: (i: Inputs, o: Options) =>
      selfBleu(strings(i.texts), { maxOrder: (o.max_order as number | undefined) ?? 3 }),
  },
  jiwerAdapter("jiwer_wer"),
  jiwerAdapter("jiwer_mer"),
  jiwerAdapter("jiwer_wil"),
  jiwerAdapter("jiwer_wip"),
  jiwerAdapter("jiwer_cer"),
];
