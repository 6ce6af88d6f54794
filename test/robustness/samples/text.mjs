/** Sample rows of plumbline/text for the robustness suite (see index.mjs): one per `*Def` export. */
// Six pairs in three batches of two: merge-order.test.ts merges the batches in every order and
// tree shape, so any float sum kept in a state (three terms are enough to expose a non-associative
// sum) shows up as differing bits.
const hyps = ["the cat sat on the mat", "a quick brown fox", "", "it is raining today", "we read a book", "so it goes"];
const refs = [
  "the cat is on the mat",
  "the quick brown fox jumps",
  "nothing",
  "it rains today",
  "they read the book",
  "and so it goes on",
];
const perHypothesis = [
  ["the cat is on the mat", "a cat sat on a mat"],
  "the quick brown fox jumps",
  "nothing",
  ["it rains today", "today it is raining"],
  "they read the book",
  "and so it goes on",
];
const streams = [refs, ["a cat sat on a mat", null, null, "today it is raining", null, null]];
const tokens = (s) => s.split(" ").filter((w) => w.length > 0);
/** Three batches of two consecutive items of each argument. */
const thirds = (...args) => [0, 2, 4].map((i) => args.map((a) => a.slice(i, i + 2)));

const translation = (factory, options = {}, references = perHypothesis) => ({
  factory,
  options,
  batches: thirds(hyps, references),
});
const sacrebleu = (factory, options = {}) => ({
  factory,
  options,
  batches: [0, 2, 4].map((i) => [hyps.slice(i, i + 2), streams.map((s) => s.slice(i, i + 2))]),
});
// Speech metrics refuse an empty reference (jiwer): "nothing" keeps every reference non-empty.
const speech = (factory, options = {}) => ({ factory, options, batches: thirds(hyps, refs) });
const texts = (factory, options = {}) => ({ factory, options, batches: thirds(hyps) });

// Three batches of one sequence of two positions each.
const logits = [
  [[[0.1, 2.0, -1.0], [1.5, 0.2, 0.3]]],
  [[[0.7, -0.4, 1.1], [0.3, 0.3, 2.9]]],
  [[[-2.0, 0.5, 0.25], [1.0, 1.0, 1.0]]],
];
const tags = [["B-PER", "I-PER", "O", "B-LOC"], ["O", "B-ORG", "I-ORG"], ["B-LOC", "O"]];
const predictedTags = [["B-PER", "O", "O", "B-LOC"], ["O", "B-ORG", "I-ORG"], ["B-PER", "O"]];
// Token embeddings: one candidate and one reference per batch.
const candidateEmbeddings = [[[1, 0], [0.6, 0.8]], [[0.3, 0.7], [0.9, 0.1], [0.2, 0.2]], [[0.5, 0.5]]];
const referenceEmbeddings = [[[0.8, 0.6]], [[0.1, 0.9], [0.7, 0.3]], [[0.9, 0.2], [0.4, 0.6]]];
const meteorHyps = hyps.map(tokens);
const meteorRefs = perHypothesis.map((r) => (typeof r === "string" ? [tokens(r)] : r.map(tokens)));

export const rows = [
  sacrebleu("corpusBleuDef", { maxNgramOrder: 4, smoothMethod: "floor" }),
  sacrebleu("chrfDef", { wordOrder: 2 }),
  sacrebleu("terDef", { caseSensitive: true }),
  sacrebleu("textSuiteDef", { bleu: { smoothMethod: "floor" }, chrf: { wordOrder: 2 } }),
  {
    ...translation("nltkCorpusBleuDef", { smoothing: "method4", autoReweigh: true }),
    orderSensitive: "nltk's corpus_bleu smooths with the last pair (methods 3 to 7): the state keeps the last pair in input order",
  },
  translation("nltkCorpusBleuDef", { smoothing: "method1" }),
  translation("whitespaceBleuDef", { nGram: 3 }),
  translation("corpusGleuDef", { minLen: 1, maxLen: 3 }),
  translation("extendedEditDistanceDef", { language: "en" }),
  translation("corpusNistDef", { n: 2 }),
  // RIBES is undefined for an empty hypothesis (nltk divides by its length): the third pair has a word.
  {
    factory: "corpusRibesDef",
    options: { alpha: 0.5 },
    batches: thirds(
      hyps.map((h) => h || "nothing here"),
      perHypothesis,
    ),
  },
  { factory: "meteorDef", options: { wordnet: null, alpha: 0.8 }, batches: thirds(meteorHyps, meteorRefs) },
  speech("werDef"),
  {
    ...speech("werDef", { convention: "jiwer4", contiguous: true }),
    orderSensitive: "jiwer's wer_contiguous joins every text in input order and aligns them as one pair",
  },
  speech("cerDef", { convention: "torchmetrics" }),
  speech("merDef"),
  speech("wilDef"),
  speech("wipDef"),
  speech("alignmentMeasuresDef", { unit: "word" }),
  speech("editDistanceDef", { substitutionCost: 0.7 }),
  {
    ...speech("editDistanceDef", { reduction: "none" }),
    orderSensitive: 'reduction "none" lists the distances in input order (torchmetrics)',
  },
  translation("rougeDef", { rougeTypes: ["rouge1", "rougeL", "rougeLsum"], useStemmer: true }),
  { factory: "seqevalDef", options: { zeroDivision: 1 }, batches: thirds(predictedTags, tags) },
  {
    factory: "squadDef",
    options: {},
    batches: [
      [[{ id: "q1", predictionText: "the Eiffel Tower" }], [{ id: "q1", answers: ["Eiffel Tower", "the tower"] }]],
      [[{ id: "q2", predictionText: "in Paris France" }], [{ id: "q2", answers: ["Paris", "Paris, France today"] }]],
      [[{ id: "q3", predictionText: "a red fox" }], [{ id: "q3", answers: ["the quick red fox jumps"] }]],
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
      [
        [{ id: "q3", predictionText: "in Paris France", noAnswerProbability: 0.1 }],
        [{ id: "q3", answers: ["Paris, France today"] }],
      ],
      [
        [{ id: "q4", predictionText: "a red fox", noAnswerProbability: 0.35 }],
        [{ id: "q4", answers: ["the quick red fox jumps"] }],
      ],
    ],
  },
  {
    factory: "perplexityDef",
    options: { ignoreIndex: -100 },
    batches: logits.map((l, i) => [l, [[[1, 0], [2, -100], [0, 2]][i]]]),
  },
  { factory: "bitsPerCharacterDef", options: {}, batches: logits.map((l, i) => [l, [[[1, 2], [0, 0], [2, 1]][i]]]) },
  texts("distinctNDef", { n: 2 }),
  texts("selfBleuDef", { maxOrder: 2 }),
  {
    factory: "bertScoreDef",
    options: {},
    batches: candidateEmbeddings.map((c, i) => [[c], [referenceEmbeddings[i]]]),
    // The one-shot `bertScore(hypotheses, references, { embed })` embeds text itself.
    oneShotArgs: [["the cat"], ["a cat"]],
  },
  {
    factory: "embeddingSimilarityDef",
    options: {},
    batches: [
      [[[1, 0], [0, 1]], [[0.6, 0.8], [0, 2]]],
      [[[0.3, 0.9]], [[0.7, 0.1]]],
      [[[0.25, 0.5], [2, 3]], [[0.9, 0.3], [1, 1]]],
    ],
  },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
