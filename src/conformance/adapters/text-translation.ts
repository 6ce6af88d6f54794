import { wordNet30 } from "../../metrics/text/node.js";
import { fromReferenceStreams, type ReferenceStreams } from "../../metrics/text/shared/inputs.js";
import { pySplit } from "../../metrics/text/tokenizers/python-strings.js";
import { corpusBleu, sentenceBleu } from "../../metrics/text/translation/bleu.js";
import { chrf, sentenceChrf } from "../../metrics/text/translation/chrf.js";
import { extendedEditDistance } from "../../metrics/text/translation/extended-edit-distance.js";
import { corpusGleu, sentenceGleu } from "../../metrics/text/translation/gleu.js";
import { meteorScore, singleMeteorScore } from "../../metrics/text/translation/meteor.js";
import { corpusNist, sentenceNist } from "../../metrics/text/translation/nist.js";
import {
  type NltkSmoothing,
  nltkCorpusBleu,
  nltkSentenceBleu,
} from "../../metrics/text/translation/nltk-bleu.js";
import { corpusRibes, sentenceRibes } from "../../metrics/text/translation/ribes.js";
import { sentenceTer, ter } from "../../metrics/text/translation/ter.js";
import { whitespaceBleu } from "../../metrics/text/translation/whitespace-bleu.js";
import type { WordNet } from "../../metrics/text/translation/wordnet.js";
import type { Adapter } from "../types.js";
import { orNull, strings } from "./text-inputs.js";

type Inputs = Record<string, unknown>;
type Options = Record<string, unknown>;

/** sacrebleu's reference streams, as the cases hold them (plumbline's corpus functions take them as they are). */
const referenceStreams = (v: unknown): ReferenceStreams => v as ReferenceStreams;
/** Per-hypothesis reference lists, for the torchmetrics- and nltk-style functions. */
const streams = (v: unknown): string[][] => fromReferenceStreams(v as (string | null)[][]);

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

const meteorAdapter: Adapter = {
  metric: "meteor",
  run(inputs, options, testCase) {
    const params: { alpha?: number; beta?: number; gamma?: number; wordnet: WordNet } = {
      wordnet: wordNet30(),
    };
    if (typeof options.alpha === "number") params.alpha = options.alpha;
    if (typeof options.beta === "number") params.beta = options.beta;
    if (typeof options.gamma === "number") params.gamma = options.gamma;
    const split = pySplit;
    const hypotheses = strings(inputs.hypotheses);
    const references = inputs.references as (string | string[])[];
    const perPair = hypotheses.map((h, i) => {
      const ref = references[i] as string | string[];
      if (testCase.ref.includes("single_meteor_score"))
        return singleMeteorScore(split(h), split(ref as string), params);
      return meteorScore(split(h), (Array.isArray(ref) ? ref : [ref]).map(split), params);
    });
    return { per_pair: perPair, mean: perPair.reduce((a, b) => a + b, 0) / perPair.length };
  },
};

/** nltk's NIST and RIBES: the corpus value, or the sentence value per pair (null where nltk raises). */
function nltkCorpusAndSentence(
  metric: string,
  corpus: (h: string[], r: string[][], o: Options) => number,
  sentence: (h: string, r: string[], o: Options) => number,
): Adapter {
  return {
    metric,
    run(i: Inputs, o: Options, testCase) {
      const hyps = strings(i.hypotheses);
      const refs = i.references as string[][];
      if (testCase.ref.includes("sentence_"))
        return { per_pair: hyps.map((h, k) => orNull(() => sentence(h, refs[k]!, o))) };
      return orNull(() => corpus(hyps, refs, o));
    },
  };
}

const nistOptions = (o: Options) => ({ n: o.n as number });
const ribesOptions = (o: Options) => ({ alpha: o.alpha as number, beta: o.beta as number });

/** Conformance adapters for machine translation: sacrebleu BLEU, chrF and TER; nltk BLEU, GLEU and METEOR; torchmetrics BLEUScore and EED. */
export const adapters: readonly Adapter[] = [
  {
    metric: "corpus_bleu",
    ref: "sacrebleu",
    run: (inputs: Inputs, options: Options) =>
      corpusBleu(strings(inputs.hypotheses), referenceStreams(inputs.references), bleuOptions(options)).score,
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
      corpusBleu(strings(inputs.hypotheses), referenceStreams(inputs.references), bleuOptions(options))
        .signature,
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
      chrf(strings(inputs.hypotheses), referenceStreams(inputs.references), {
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
      ter(strings(inputs.hypotheses), referenceStreams(inputs.references), {
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
  {
    metric: "extended_edit_distance",
    ref: "torchmetrics",
    run: (i: Inputs, o: Options) =>
      extendedEditDistance(strings(i.hypotheses), strings(i.references), {
        ...(o.language !== undefined ? { language: o.language as "en" | "ja" } : {}),
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
  meteorAdapter,
  nltkCorpusAndSentence(
    "nist",
    (h, r, o) => corpusNist(h, r, nistOptions(o)),
    (h, r, o) => sentenceNist(h, r, nistOptions(o)),
  ),
  nltkCorpusAndSentence(
    "ribes",
    (h, r, o) => corpusRibes(h, r, ribesOptions(o)),
    (h, r, o) => sentenceRibes(h, r, ribesOptions(o)),
  ),
];
