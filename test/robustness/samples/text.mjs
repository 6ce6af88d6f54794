/** Sample rows of plumbline/text for the robustness suite (see index.mjs): one per `*Def` export. */
const hyps = ["the cat sat on the mat", "a quick brown fox", ""];
const refs = ["the cat is on the mat", "the quick brown fox jumps", "nothing"];
const perHypothesis = [["the cat is on the mat", "a cat sat on a mat"], "the quick brown fox jumps", "nothing"];
const streams = [refs, ["a cat sat on a mat", null, null]];
const tokens = (s) => s.split(" ").filter((w) => w.length > 0);

const translation = (factory, options = {}, references = perHypothesis) => ({
  factory,
  options,
  batches: [[hyps, references], [hyps.slice(0, 1), references.slice(0, 1)]],
});
const sacrebleu = (factory, options = {}) => ({
  factory,
  options,
  batches: [[hyps, streams], [hyps.slice(0, 1), streams.map((s) => s.slice(0, 1))]],
});
const speech = (factory, options = {}) => ({ factory, options, batches: [[hyps.slice(0, 2), refs.slice(0, 2)]] });
const texts = (factory, options = {}) => ({ factory, options, batches: [[hyps.slice(0, 2)], [refs]] });

const logits = [
  [
    [0.1, 2.0, -1.0],
    [1.5, 0.2, 0.3],
  ],
];
const tags = [["B-PER", "I-PER", "O", "B-LOC"]];
const predictedTags = [["B-PER", "O", "O", "B-LOC"]];
const embeddings = [
  [
    [1, 0],
    [0.6, 0.8],
  ],
];
const referenceEmbeddings = [[[0.8, 0.6]]];

export const rows = [
  sacrebleu("corpusBleuDef", { maxNgramOrder: 4, smoothMethod: "floor" }),
  sacrebleu("chrfDef", { wordOrder: 2 }),
  sacrebleu("terDef", { caseSensitive: true }),
  sacrebleu("textSuiteDef", { bleu: { smoothMethod: "floor" }, chrf: { wordOrder: 2 } }),
  translation("nltkCorpusBleuDef", { smoothing: "method4", autoReweigh: true }),
  translation("whitespaceBleuDef", { nGram: 3 }),
  translation("corpusGleuDef", { minLen: 1, maxLen: 3 }),
  translation("extendedEditDistanceDef", { language: "en" }),
  {
    factory: "corpusNistDef",
    options: { n: 2 },
    batches: [[hyps.slice(0, 2), perHypothesis.slice(0, 2)]],
  },
  {
    factory: "corpusRibesDef",
    options: { alpha: 0.5 },
    batches: [[hyps.slice(0, 2), perHypothesis.slice(0, 2)]],
  },
  {
    factory: "meteorDef",
    options: { wordnet: null, alpha: 0.8 },
    batches: [[hyps.map(tokens), perHypothesis.map((r) => (typeof r === "string" ? [tokens(r)] : r.map(tokens)))]],
  },
  speech("werDef"),
  speech("werDef", { convention: "jiwer4", contiguous: true }),
  speech("cerDef", { convention: "torchmetrics" }),
  speech("merDef"),
  speech("wilDef"),
  speech("wipDef"),
  speech("alignmentMeasuresDef", { unit: "word" }),
  speech("editDistanceDef", { substitutionCost: 2 }),
  translation("rougeDef", { rougeTypes: ["rouge1", "rougeL", "rougeLsum"], useStemmer: true }),
  { factory: "seqevalDef", options: { zeroDivision: 1 }, batches: [[predictedTags, tags]] },
  {
    factory: "squadDef",
    options: {},
    batches: [
      [
        [{ id: "q1", predictionText: "the Eiffel Tower" }],
        [{ id: "q1", answers: ["Eiffel Tower", "the tower"] }],
      ],
    ],
  },
  {
    factory: "squadV2Def",
    options: { noAnswerThreshold: 0.5 },
    batches: [
      [
        [
          { id: "q1", predictionText: "Paris", noAnswerProbability: 0.2 },
          { id: "q2", predictionText: "", noAnswerProbability: 0.9 },
        ],
        [
          { id: "q1", answers: ["Paris"] },
          { id: "q2", answers: [] },
        ],
      ],
    ],
  },
  { factory: "perplexityDef", options: { ignoreIndex: -100 }, batches: [[logits, [[1, 0]]]] },
  { factory: "bitsPerCharacterDef", options: {}, batches: [[logits, [[1, 2]]]] },
  texts("distinctNDef", { n: 2 }),
  texts("selfBleuDef", { maxOrder: 2 }),
  {
    factory: "bertScoreDef",
    options: {},
    batches: [[embeddings, referenceEmbeddings]],
    // The one-shot `bertScore(hypotheses, references, { embed })` embeds text itself.
    oneShotArgs: [["the cat"], ["a cat"]],
  },
  {
    factory: "embeddingSimilarityDef",
    options: {},
    batches: [
      [
        [
          [1, 0],
          [0, 1],
        ],
        [
          [0.6, 0.8],
          [0, 2],
        ],
      ],
    ],
  },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
