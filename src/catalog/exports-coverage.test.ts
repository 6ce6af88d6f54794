/**
 * Each entry's exports exist in its module, and every public function of each metric subpath (and of plumbline/losses and plumbline/models) is
 * reachable from the catalog, so `plumbline describe` finds whatever a user imports:
 * - it is named in the `exports` of an entry whose `module` is that subpath (task-dispatch
 *   functions such as `accuracy(preds, target, { task })` are listed with the entry of the
 *   metric they dispatch to, beside `binaryAccuracy`, `multiclassAccuracy`, ...);
 * - or it is `fooDef`, the streaming definition of a reachable `foo`;
 * - or it is in {@link NOT_IN_CATALOG} below, with the reason it has no entry (helpers, parsers,
 *   tokenizers, collections of entries, judge-client plumbing). The list is reviewed: a name in
 *   it that an entry now covers, or that no longer exists, fails the test.
 */
import { describe, expect, it } from "vitest";
import { catalog } from "./index.js";

const MODULES: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  "plumbline/regression": () => import("../metrics/regression/index.js"),
  "plumbline/classification": () => import("../metrics/classification/index.js"),
  "plumbline/detection": () => import("../metrics/detection/index.js"),
  "plumbline/segmentation": () => import("../metrics/segmentation/index.js"),
  "plumbline/image": () => import("../metrics/image/index.js"),
  "plumbline/depth": () => import("../metrics/depth/index.js"),
  "plumbline/generative": () => import("../metrics/generative/index.js"),
  "plumbline/text": () => import("../metrics/text/index.js"),
  "plumbline/retrieval": () => import("../metrics/retrieval/index.js"),
  "plumbline/face": () => import("../metrics/face/index.js"),
  "plumbline/rag": () => import("../rag/index.js"),
  "plumbline/losses": () => import("../losses/index.js"),
  "plumbline/models": () => import("../models/index.js"),
};

/** `names` with one shared reason. */
const because = (reason: string, ...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, reason]));

const SUITE =
  "a collection of several catalog entries (each member has its own entry), not a metric of its own";

/** Public functions without a catalog entry, per subpath, each with the reason. */
const NOT_IN_CATALOG: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "plumbline/regression": {
    ...because(SUITE, "regressionSuite", "regressionSuiteDef", "regressionSuiteMembers"),
    ...because(
      "elementwise terms and option readers the regression metrics share, exported for custom metrics",
      "logCosh",
      "pinballTerm",
      "tweedieTerm",
      "tweedieDomainCheck",
      "readMultioutput",
      "readR2Options",
      "readTweediePower",
      "exactScore",
      "exactScores",
      "finiteScore",
    ),
    ...because(
      "the statistics and p-value behind regression/kendall_rank_corrcoef, exported for custom tests",
      "kendallStatistics",
      "kendallTauFrom",
      "kendallTauOf",
      "kendallPValue",
    ),
    ...because(
      "a streaming approximation of regression/median_absolute_error (quantile sketch); the regression area lists it in that entry",
      "medianAbsoluteErrorSketch",
      "medianAbsoluteErrorSketchDef",
    ),
  },
  "plumbline/classification": {
    ...because(SUITE, "classificationSuite", "classificationSuiteDef", "classificationSuiteMembers"),
    classificationReport:
      "scikit-learn's text report of precision, recall, F1 and support: a view of the precision, recall and fbeta entries",
    uniqueLabels: "a helper that lists the labels present, for building class names",
  },
  "plumbline/detection": {
    ...because(SUITE, "detectionSuite", "detectionSuiteDef", "detectionSuiteMembers"),
    ...because(
      "box and COCO format helpers (area, format conversion, ground-truth and RLE parsing, torchmetrics dicts)",
      "boxArea",
      "boxConvert",
      "cocoToImages",
      "parseCocoGroundTruth",
      "rleToCoco",
      "toTorchmetricsDict",
      "linspace",
    ),
  },
  "plumbline/segmentation": {
    ...because(SUITE, "segmentationSuite", "segmentationSuiteDef", "segmentationSuiteMembers"),
    ...because(
      "input readers and the geometry under the surface-distance metrics (label maps, .npy, class counts, mask surfaces, distance transforms, percentiles)",
      "classCounts",
      "parseNpy",
      "readLabelMaps",
      "surface",
      "squaredDistanceTransform",
      "percentile",
    ),
  },
  "plumbline/image": {
    imageGradients:
      "torchmetrics' image_gradients: finite differences of an image, an operation rather than a metric",
  },
  "plumbline/generative": {
    ...because(
      "dense linear algebra under the Fréchet distance (eigendecomposition, square roots, the trace term)",
      "matmul",
      "symmetricEigen",
      "symmetricSqrt",
      "traceSqrtProduct",
    ),
    frechetDistanceSymmetric: "the 0.2 development name of frechetDistanceFromMoments, kept as an alias",
    featureScatter:
      "the mean and scatter matrix of a FID state's moments, the inputs of frechetDistanceFromMoments",
  },
  "plumbline/text": {
    ...because(SUITE, "textSuite", "textSuiteDef", "textSuiteMembers"),
    ...because(
      "tokenizers and text normalisers of the references (sacrebleu, rouge-score, jiwer, EED, Porter, nltk), exported so inputs can be prepared identically",
      "tokenize13a",
      "tokenize13aIds",
      "tokenize13aTokens",
      "tokenizeChar",
      "tokenizeIntl",
      "tokenizeNone",
      "tokenizeRegexp",
      "tokenizeRegexpIds",
      "tokenizeRegexpTokens",
      "tokenizeZh",
      "sacrebleuTokenizer",
      "isSacrebleuChineseChar",
      "preprocessBleuSegment",
      "rougeScoreTokenize",
      "makeRougeTokenizer",
      "unicodeTokenize",
      "jiwerChars",
      "jiwerWords",
      "eedPreprocessEnglish",
      "eedPreprocessJapanese",
      "porterStem",
      "cachedStemmer",
      "wordNetFromData",
      "toIds",
    ),
    ...because(
      "building blocks of the text metrics (alignments, statistics, signatures, reference streams, input checks), exported for custom metrics and reports",
      "beamLevenshteinDistance",
      "levenshteinAlignmentInto",
      "wordRankAlignment",
      "measuresFromCounts",
      "chrfFromStatistics",
      "chrfWords",
      "chrfSignature",
      "terSignature",
      "closestRefLength",
      "eedSentence",
      "fromReferenceStreams",
      "toReferenceStreams",
      "readWeights",
      "checkPairs",
      "checkSinglePairs",
    ),
    rougeBootstrap:
      "rouge-score's bootstrap confidence interval over text/rouge scores, a statistic of that entry",
  },
  "plumbline/retrieval": {
    ...because(SUITE, "retrievalSuite", "retrievalSuiteDef", "retrievalSuiteMembers"),
    ...because(
      "per-query kernels and gains behind the retrieval entries, exported for custom ranking metrics",
      "aurocKernel",
      "averagePrecisionKernel",
      "averagePrecisionDirect",
      "hitRateKernel",
      "ndcgKernel",
      "ndcgDirect",
      "reciprocalRankKernel",
      "binaryGain",
      "binaryRetrievalDefinition",
      "retrievalMemberDefinition",
    ),
    ...because(
      "TREC run and qrels readers and the trec_eval-style runner over several retrieval entries",
      "parseTrecQrels",
      "parseTrecRun",
      "parseRetrievalMetricName",
      "evaluateTrec",
      "evaluateRunGrouped",
      "evaluateRunGroupedMetrics",
    ),
  },
  "plumbline/face": {
    pairwiseSimilarity:
      "cosine or Euclidean similarity matrices, the input of face/verification and identification",
  },
  "plumbline/rag": {
    evaluateRag: "runs several rag entries over a dataset (a collection, not a metric of its own)",
    ...because(
      "agreement statistics between judges and people (issue 14), reported beside the judged rag entries",
      "cohenKappaScore",
      "fleissKappa",
      "krippendorffAlpha",
      "meanInterval",
      "normalQuantile",
    ),
    ...because(
      "scoring steps inside the ragas metrics (statement F-beta, verdict average precision, answer normalisation, similarities)",
      "statementFBeta",
      "verdictAveragePrecision",
      "normalizeAnswer",
      "levenshteinSimilarity",
      "cosine",
    ),
    ...because(
      "the LLM-judge client: prompts, fencing, parsing, caching, retries, budgets, cost estimates, gates and redaction",
      "askJudge",
      "judgeStructured",
      "meteredJudge",
      "openAiClient",
      "simulatedReply",
      "promptFor",
      "renderPrompt",
      "parsePromptOverrides",
      "fence",
      "contentTag",
      "nliSchema",
      "parseStrictJson",
      "parseRagJsonl",
      "judgmentCache",
      "memoryStore",
      "requestKey",
      "clientIdentities",
      "retryAfterMs",
      "semaphore",
      "createBudget",
      "createMeter",
      "addTotals",
      "emptyTotals",
      "costOf",
      "estimateTokens",
      "estimateMessageTokens",
      "estimateRagCost",
      "resolvePriceTable",
      "resolvePricing",
      "checkGates",
      "parseGates",
      "createRedactor",
      "secretForms",
    ),
  },
  "plumbline/losses": {
    ...because(
      "the machinery every loss shares (reduction, Keras factories, gradient tools), exported for custom losses",
      "reduceLoss",
      "assertReduction",
      "kerasOptions",
      "lossFactory",
      "pairLossFactory",
      "stopGradient",
      "reflectPad",
      "checkGradient",
      "l2Normalize",
    ),
    ...because(
      "elementwise forms of catalogued losses (cross-entropy rows, Huber, logistic), exported for custom reductions",
      "crossEntropyRows",
      "huberElements",
      "logisticElements",
    ),
  },
  "plumbline/models": {
    ...because(
      "model loading and feature extraction that the model-based entries run on (ONNX sessions, contracts, Inception and CLIP features)",
      "loadModel",
      "inceptionContract",
      "inceptionFeatures",
      "inceptionInput",
      "clipImageEmbeddings",
      "clipTextEmbeddings",
      "clipPixelValues",
    ),
    ...because(
      "image reading and the reference resizers (PNG files and folders, PIL bicubic, torch and TF1 bilinear)",
      "decodePngRgb",
      "pngFiles",
      "pngFolder",
      "compareCodePoints",
      "resizeBicubicPil",
      "resizeBilinearTorch",
      "resizeBilinearTf1",
    ),
    ...because(
      "tokenizers and vocabulary or baseline files for CLIPScore and BERTScore",
      "wordPieceTokenizer",
      "byteLevelBpeTokenizer",
      "clipTokenizer",
      "loadWordPieceTokenizer",
      "loadByteLevelBpeTokenizer",
      "loadClipTokenizer",
      "loadBertScoreBaseline",
      "readBertScoreBaseline",
    ),
    ...because(
      "0.2 development names of plumbline/generative's frechetDistanceFromMoments and traceSqrtProduct, kept as aliases",
      "frechetDistanceSymmetric",
      "traceSqrtProductSymmetric",
    ),
  },
};

/** The public functions of a module (classes and constants excluded: capitalised names are not functions a user calls). */
function functionNames(module: Record<string, unknown>): string[] {
  return Object.entries(module)
    .filter(([name, value]) => typeof value === "function" && /^[a-z]/.test(name))
    .map(([name]) => name);
}

describe("catalog: every public function is reachable from an entry", async () => {
  const loaded = await Promise.all(
    Object.entries(MODULES).map(async ([name, load]) => [name, functionNames(await load())] as const),
  );

  it.each(loaded)("%s", (module, functions) => {
    const listed = new Set(catalog.filter((e) => e.module === module).flatMap((e) => e.exports));
    const reachable = (name: string) =>
      listed.has(name) || (name.endsWith("Def") && listed.has(name.slice(0, -3)));
    const allowed = NOT_IN_CATALOG[module] ?? {};
    expect(
      functions.filter((name) => !reachable(name) && !Object.hasOwn(allowed, name)),
      `functions of ${module} with no catalog entry: list them in an entry's exports or in NOT_IN_CATALOG with a reason`,
    ).toEqual([]);
    const stale = Object.keys(allowed).filter((name) => !functions.includes(name) || reachable(name));
    expect(stale, `NOT_IN_CATALOG names of ${module} that are gone or now covered`).toEqual([]);
  });

  it("names only exports that exist in the entry's module (the subpath `describe` prints)", async () => {
    const exported = new Map(
      await Promise.all(
        Object.entries(MODULES).map(
          async ([name, load]) => [name, new Set(Object.keys(await load()))] as const,
        ),
      ),
    );
    const missing = catalog.flatMap((e) => {
      const names = exported.get(e.module);
      if (!names) return [`${e.id}: unknown module ${e.module}`];
      return e.exports
        .filter((name) => !names.has(name))
        .map((name) => `${e.id}: ${name} not in ${e.module}`);
    });
    expect(missing).toEqual([]);
  });

  it("finds the task-dispatch functions under their metric's entry", () => {
    const entryOf = (name: string) =>
      catalog.find((e) => e.module === "plumbline/classification" && e.exports.includes(name))?.id;
    expect(entryOf("accuracy")).toBe("classification/accuracy");
    expect(entryOf("f1")).toBe("classification/fbeta");
    expect(entryOf("multiclassF1")).toBe("classification/fbeta");
    expect(entryOf("auroc")).toBe("classification/auroc");
    expect(entryOf("auc")).toBe("classification/auc");
  });
});
