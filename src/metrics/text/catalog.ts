import { metaFields } from "../../catalog/meta-fields.js";
import type { CatalogEntry } from "../../catalog/types.js";
import { perplexityMeta } from "./language-modeling/perplexity.js";
import { squadMeta } from "./question-answering/squad.js";
import { textEntry } from "./shared/catalog-entry.js";
import { bertScoreMeta } from "./similarity/bertscore.js";
import { distinctNMeta, selfBleuMeta } from "./similarity/diversity.js";
import { embeddingSimilarityMeta } from "./similarity/embedding-similarity.js";
import { editDistanceMeta } from "./speech/edit-distance.js";
import { cerMeta, merMeta, werMeta, wilMeta, wipMeta } from "./speech/wer.js";
import { rougeMeta } from "./summarization/rouge.js";
import { seqevalMeta } from "./tagging/seqeval.js";
import { corpusBleuMeta } from "./translation/bleu.js";
import { chrfMeta } from "./translation/chrf.js";
import { extendedEditDistanceMeta } from "./translation/extended-edit-distance.js";
import { gleuMeta } from "./translation/gleu.js";
import { meteorMeta } from "./translation/meteor.js";
import { nistMeta } from "./translation/nist.js";
import { nltkBleuMeta } from "./translation/nltk-bleu.js";
import { ribesMeta } from "./translation/ribes.js";
import { terMeta } from "./translation/ter.js";
import { whitespaceBleuMeta } from "./translation/whitespace-bleu.js";

const corpusBleuEntry = textEntry({
  ...metaFields(corpusBleuMeta),
  title: "BLEU (sacrebleu)",
  formula:
    "\\mathrm{BLEU} = 100\\cdot \\mathrm{BP}\\cdot\\exp\\Big(\\tfrac{1}{N}\\sum_{n=1}^{N}\\log p_n\\Big),\\quad \\mathrm{BP}=\\min(1, e^{1-r/c})",
  robustness: [
    "Depends on tokenization: report the signature (tokenizer, smoothing, case, number of references).",
    "Corpus BLEU pools n-gram counts; it is not the mean of sentence BLEU.",
    "Insensitive to synonyms and paraphrase; zero n-gram matches at any order give 0 without smoothing.",
  ],
  references: [
    { paper: "Papineni et al. 2002, BLEU: a method for automatic evaluation of machine translation" },
    {
      paper: "Post 2018, A call for clarity in reporting BLEU scores",
      implementation: "sacrebleu 2.6.0 BLEU.corpus_score / sentence_bleu",
    },
  ],
  exports: ["corpusBleu", "corpusBleuDef", "sentenceBleu", "computeBleuFromStatistics", "bleuSignature"],
});

const chrfEntry = textEntry({
  ...metaFields(chrfMeta),
  title: "chrF / chrF++ (sacrebleu)",
  formula:
    "\\mathrm{chrF}_\\beta = 100\\cdot\\frac{(1+\\beta^2)\\,\\overline{P}\\,\\overline{R}}{\\beta^2\\overline{P}+\\overline{R}}, \\overline{P},\\overline{R}\\text{ averaged over character (and word) n-gram orders}",
  robustness: [
    "Character n-grams reward partial word matches (morphology) and need no tokenizer.",
    "Corpus chrF pools counts; it is not the mean of sentence chrF.",
  ],
  papers: ["Popović 2015, chrF: character n-gram F-score; Popović 2017, chrF++"],
  implementations: ["sacrebleu 2.6.0 CHRF.corpus_score / sentence_chrf"],
  exports: ["chrf", "chrfDef", "sentenceChrf"],
});

const terEntry = textEntry({
  ...metaFields(terMeta),
  title: "Translation Edit Rate (sacrebleu)",
  formula:
    "\\mathrm{TER} = 100\\cdot\\frac{\\sum \\text{(shifts + insertions + deletions + substitutions)}}{\\sum \\bar{r}}",
  robustness: [
    "Block shifts make reordering cheaper than in WER.",
    "Can exceed 100 when the hypothesis is much longer than the reference.",
  ],
  papers: ["Snover et al. 2006, A study of translation edit rate with targeted human annotation"],
  implementations: ["sacrebleu 2.6.0 TER (Tercom re-implementation)"],
  exports: ["ter", "terDef", "sentenceTer", "tercomTokenize", "translationEditRate"],
});

const nltkBleuEntry = textEntry({
  ...metaFields(nltkBleuMeta),
  title: "BLEU on whitespace tokens (nltk)",
  formula: "\\mathrm{BLEU} = \\mathrm{BP}\\cdot\\exp\\Big(\\sum_n w_n \\log p_n\\Big)",
  robustness: [
    "nltk smoothing methods 5, 6 and 7 can return values above 1; reproduced as nltk computes them.",
    "Tokens are whitespace-split, so punctuation stays attached to words.",
  ],
  papers: ["Papineni et al. 2002; Chen & Cherry 2014 (smoothing)"],
  implementations: ["nltk 3.8 nltk.translate.bleu_score.corpus_bleu / sentence_bleu"],
  exports: ["nltkCorpusBleu", "nltkCorpusBleuDef", "nltkSentenceBleu"],
});

const whitespaceBleuEntry = textEntry({
  ...metaFields(whitespaceBleuMeta),
  title: "BLEU on whitespace tokens (torchmetrics BLEUScore)",
  formula: "\\mathrm{BLEU} = \\mathrm{BP}\\cdot\\exp\\Big(\\sum_n w_n\\log p_n\\Big)",
  robustness: [
    "Whitespace tokens: punctuation stays attached; not comparable with sacrebleu scores.",
    "Closest reference length breaks ties by reference order (first), unlike sacrebleu and nltk.",
  ],
  implementations: ["torchmetrics 1.9.0 BLEUScore / bleu_score"],
  exports: ["whitespaceBleu", "whitespaceBleuDef"],
});

const gleuEntry = textEntry({
  ...metaFields(gleuMeta),
  title: "Google BLEU (GLEU)",
  formula:
    "\\mathrm{GLEU} = \\frac{\\sum \\text{matching n-grams}}{\\sum \\max(\\#\\text{hyp n-grams}, \\#\\text{ref n-grams})}",
  robustness: ["Symmetric in precision and recall, so well behaved at the sentence level."],
  papers: ["Wu et al. 2016, Google's neural machine translation system"],
  implementations: ["nltk 3.8 nltk.translate.gleu_score.corpus_gleu / sentence_gleu"],
  exports: ["corpusGleu", "corpusGleuDef", "sentenceGleu"],
});

const werEntry = textEntry({
  ...metaFields(werMeta),
  title: "Word error rate",
  formula: "\\mathrm{WER} = \\frac{S + D + I}{N}",
  robustness: [
    "Corpus WER (summed edits over summed reference words) is not the mean of sentence WERs.",
    "Can exceed 1 with many insertions.",
  ],
  implementations: [
    "jiwer 2.3.0 wer / compute_measures (python-Levenshtein 0.12.2)",
    "torchmetrics 1.9.0 WordErrorRate",
  ],
  exports: ["wordErrorRate", "werDef", "alignmentMeasures", "alignmentMeasuresDef"],
});

const cerEntry = textEntry({
  ...metaFields(cerMeta),
  title: "Character error rate",
  formula: "\\mathrm{CER} = \\frac{S + D + I}{N_{chars}}",
  implementations: ["jiwer 2.3.0 cer", "torchmetrics 1.9.0 CharErrorRate"],
  exports: ["charErrorRate", "cerDef"],
});

const merEntry = textEntry({
  ...metaFields(merMeta),
  title: "Match error rate",
  formula: "\\mathrm{MER} = \\frac{S + D + I}{H + S + D + I}",
  papers: ["Morris et al. 2004"],
  implementations: ["jiwer 2.3.0 mer", "torchmetrics 1.9.0 MatchErrorRate"],
  exports: ["matchErrorRate", "merDef"],
});

const wilEntry = textEntry({
  ...metaFields(wilMeta),
  title: "Word information lost",
  formula: "\\mathrm{WIL} = 1 - \\frac{H}{N}\\cdot\\frac{H}{P}",
  papers: ["Morris et al. 2004"],
  implementations: ["jiwer 2.3.0 wil", "torchmetrics 1.9.0 WordInfoLost"],
  exports: ["wordInformationLost", "wilDef"],
});

const wipEntry = textEntry({
  ...metaFields(wipMeta),
  title: "Word information preserved",
  formula: "\\mathrm{WIP} = \\frac{H}{N}\\cdot\\frac{H}{P}",
  papers: ["Morris et al. 2004"],
  implementations: ["jiwer 2.3.0 wip", "torchmetrics 1.9.0 WordInfoPreserved"],
  exports: ["wordInformationPreserved", "wipDef"],
});

const editDistanceEntry = textEntry({
  ...metaFields(editDistanceMeta),
  title: "Character edit distance (Levenshtein)",
  formula:
    "d(h, r) = \\min \\#\\{\\text{insertions} + \\text{deletions} + c_{sub}\\cdot\\text{substitutions}\\}",
  papers: ["Levenshtein 1966"],
  implementations: ["torchmetrics 1.9.0 EditDistance / edit_distance"],
  exports: ["editDistance", "editDistanceDef", "levenshteinDistance", "levenshteinAlignment"],
});

const extendedEditDistanceEntry = textEntry({
  ...metaFields(extendedEditDistanceMeta),
  title: "Extended edit distance (EED)",
  formula: "\\mathrm{EED} = \\min\\Big(1, \\frac{e + \\rho\\cdot v}{|r| + \\rho\\cdot v}\\Big)",
  papers: ["Stanchev, Wang & Ney 2019, EED: Extended Edit Distance Measure for Machine Translation"],
  implementations: ["torchmetrics 1.9.0 ExtendedEditDistance"],
  exports: ["extendedEditDistance", "extendedEditDistanceDef"],
});

const perplexityEntry = textEntry({
  ...metaFields(perplexityMeta),
  title: "Perplexity",
  formula: "\\mathrm{PPL} = \\exp\\Big(-\\frac{1}{N}\\sum_{t} \\log p(y_t \\mid \\cdot)\\Big)",
  differentiable: true,
  robustness: [
    "Only comparable between models with the same tokenizer and vocabulary.",
    "Dominated by the rarest tokens; a single near-zero probability can explode it.",
  ],
  implementations: ["torchmetrics 1.9.0 Perplexity / perplexity"],
  exports: ["perplexity", "perplexityDef", "bitsPerCharacter"],
});

const distinctNEntry = textEntry({
  ...metaFields(distinctNMeta),
  title: "Distinct-n (generation diversity)",
  formula: "\\text{distinct-}n = \\frac{|\\{\\text{unique } n\\text{-grams}\\}|}{\\#\\, n\\text{-grams}}",
  robustness: [
    "Falls as the corpus grows; compare only corpora of similar size.",
    "Rewards diversity, not quality: random text scores high.",
  ],
  papers: ["Li et al. 2016, A diversity-promoting objective function for neural conversation models"],
  exports: ["distinctN", "distinctNDef"],
});

const selfBleuEntry = textEntry({
  ...metaFields(selfBleuMeta),
  title: "Self-BLEU (generation diversity)",
  formula: "\\text{Self-BLEU} = \\frac{1}{N}\\sum_i \\mathrm{BLEU}(x_i; \\{x_j\\}_{j\\neq i})",
  robustness: [
    "Quadratic cost in the number of texts.",
    "Lower means more diverse; says nothing about quality.",
  ],
  papers: ["Zhu et al. 2018, Texygen: a benchmarking platform for text generation models"],
  implementations: ["Texygen SelfBleu over nltk 3.8 sentence_bleu with SmoothingFunction().method1"],
  exports: ["selfBleu", "selfBleuDef"],
});

/** Catalog entry for ROUGE. */
const rougeEntry = textEntry({
  ...metaFields(rougeMeta),
  title: "ROUGE (ROUGE-N, ROUGE-L, ROUGE-Lsum, ROUGE-W, ROUGE-S, ROUGE-SU)",
  formula:
    "P_N=\\frac{\\sum_g \\min(c_{hyp}(g),c_{ref}(g))}{\\sum_g c_{hyp}(g)},\\; R_N=\\frac{\\sum_g \\min(c_{hyp}(g),c_{ref}(g))}{\\sum_g c_{ref}(g)},\\; F=\\frac{2PR}{P+R};\\; P_L=\\frac{LCS}{|hyp|},\\; R_L=\\frac{LCS}{|ref|}",
  robustness: [
    "Recall-oriented n-gram overlap: rewards content coverage, blind to paraphrase and meaning.",
    'rouge-score\'s tokenizer drops every character outside [a-z0-9], so non-Latin text scores 0; use tokenizer "unicode" for other scripts.',
    "Stemming, tokenization and Lsum sentence splitting change scores; report the settings.",
  ],
  papers: ["Lin 2004, ROUGE: A Package for Automatic Evaluation of Summaries"],
  implementations: [
    "rouge-score 0.1.2 RougeScorer.score / score_multi (tokenizer, Porter stemmer, Lsum on newlines)",
    "torchmetrics 1.9.0 ROUGEScore (rouge1/2/L; accumulate best/avg)",
    "ROUGE-1.5.5.pl (ROUGE-W with -w, ROUGE-S/SU with -2 and -u; rouge-score has neither)",
  ],
  exports: ["rouge", "rougeDef", "rougeScore", "rougeScoreMulti", "rougePairs"],
});

/** Catalog entry for METEOR. */
const meteorEntry = textEntry({
  ...metaFields(meteorMeta),
  title: "METEOR (exact, stem and WordNet-synonym unigram alignment)",
  formula:
    "F_{mean}=\\frac{PR}{\\alpha P+(1-\\alpha)R},\\; Pen=\\gamma\\left(\\frac{chunks}{matches}\\right)^{\\beta},\\; METEOR=F_{mean}(1-Pen)",
  robustness: [
    "Recall-weighted unigram matching with stems and synonyms: more tolerant of paraphrase than BLEU.",
    "English-only resources (Porter stemmer, WordNet); the WordNet version changes synonym matches.",
    "Sentence-level; the greedy alignment is nltk's, not the original METEOR's minimum-chunk search.",
  ],
  papers: ["Banerjee & Lavie 2005, METEOR"],
  implementations: [
    "nltk 3.8 meteor_score / single_meteor_score (alpha 0.9, beta 3, gamma 0.5; PorterStemmer; WordNet 3.0)",
  ],
  exports: ["meteor", "meteorDef", "meteorScore", "singleMeteorScore"],
});

/** Catalog entry for entity-level NER scores. */
const seqevalEntry = textEntry({
  ...metaFields(seqevalMeta),
  title: "Entity-level precision, recall and F1 for sequence labelling (seqeval)",
  formula:
    "P=\\frac{|E_{pred}\\cap E_{true}|}{|E_{pred}|},\\; R=\\frac{|E_{pred}\\cap E_{true}|}{|E_{true}|},\\; F_1=\\frac{2PR}{P+R}",
  robustness: [
    "An entity counts only with exact type and span: a one-token boundary error is both a false positive and a false negative.",
    "Lenient (conlleval) and strict chunking can give very different scores for ill-formed tag sequences.",
    "micro averages favour frequent types; macro gives rare types equal weight.",
  ],
  papers: ["Tjong Kim Sang & De Meulder 2003 (CoNLL-2003, conlleval)"],
  implementations: [
    "seqeval 1.2.2 precision_score/recall_score/f1_score/classification_report/accuracy_score (default and strict modes)",
  ],
  exports: [
    "seqeval",
    "seqevalDef",
    "seqevalScores",
    "seqevalAccuracy",
    "seqevalClassificationReport",
    "getEntities",
    "performanceMeasure",
  ],
});

/** Catalog entry for SQuAD EM/F1. */
const squadEntry = textEntry({
  ...metaFields(squadMeta),
  title: "SQuAD exact match and token F1 (v1.1 and v2.0)",
  formula:
    "EM=\\frac{100}{N}\\sum_q \\max_g [\\mathrm{norm}(\\hat a_q)=\\mathrm{norm}(g)],\\; F_1=\\frac{100}{N}\\sum_q \\max_g \\frac{2\\,|\\hat T\\cap T_g|}{|\\hat T|+|T_g|}",
  robustness: [
    "Normalisation removes ASCII punctuation and English articles only; other languages keep their punctuation.",
    "Max over gold answers: more gold answers can only raise the score.",
    "SQuAD v2 rewards abstaining on unanswerable questions; the no-answer threshold changes the score a lot.",
  ],
  papers: ["Rajpurkar et al. 2016 (SQuAD) and 2018 (SQuAD 2.0)"],
  implementations: [
    "official SQuAD v1.1 evaluate script (compute_score) and v2.0 script (main, get_raw_scores), as in huggingface/evaluate; torchmetrics 1.9.0 SQuAD",
  ],
  exports: [
    "squad",
    "squadDef",
    "squadV2",
    "squadV2Def",
    "normalizeAnswer",
    "squadQuestionScores",
    "squadV2RawScores",
  ],
});

/** Catalog entry for BERTScore. */
const bertScoreEntry = textEntry({
  ...metaFields(bertScoreMeta),
  title: "BERTScore (greedy matching of token embeddings)",
  formula:
    "R=\\frac{\\sum_{x_i\\in x} w(x_i)\\max_{\\hat x_j\\in\\hat x}\\cos(x_i,\\hat x_j)}{\\sum_i w(x_i)},\\; P=\\frac{\\sum_{\\hat x_j} w(\\hat x_j)\\max_{x_i}\\cos(x_i,\\hat x_j)}{\\sum_j w(\\hat x_j)},\\; F=\\frac{2PR}{P+R}",
  differentiable: true,
  robustness: [
    "Depends entirely on the encoder and layer; scores from different models are not comparable.",
    "Raw scores crowd into a narrow high band; baseline rescaling spreads them without changing rankings.",
    "IDF weights (from the references) down-weight frequent tokens.",
  ],
  papers: ["Zhang et al. 2020, BERTScore: Evaluating Text Generation with BERT"],
  implementations: [
    "greedy matching, IDF (log((M+1)/(df+1)) over references) and baseline rescale as in bert_score 0.3.x; the embedder is the caller's",
  ],
  exports: ["bertScore", "bertScoreDef", "bertScoreFromEmbeddings", "greedyMatch", "idfWeights"],
});

/** Catalog entry for the cosine similarity of sentence embeddings. */
const embeddingSimilarityEntry = textEntry({
  ...metaFields(embeddingSimilarityMeta),
  title: "Cosine similarity of sentence embeddings",
  tasks: ["nlp", "rag"],
  formula: "\\cos(u,v)=\\frac{u\\cdot v}{\\lVert u\\rVert\\,\\lVert v\\rVert}",
  differentiable: true,
  robustness: [
    "Only as good as the encoder: scores from different models are not comparable.",
    "Insensitive to word order and negation with many encoders.",
  ],
  papers: ["Reimers & Gurevych 2019, Sentence-BERT"],
  implementations: [
    "cosine similarity as torch.nn.functional.cosine_similarity (no eps clamp: a zero vector is an error)",
  ],
  exports: ["embeddingSimilarity", "embeddingSimilarityDef", "cosineSimilarity", "sentenceSimilarity"],
});

const nistEntry = textEntry({
  ...metaFields(nistMeta),
  title: "NIST (information-weighted n-gram precision)",
  formula:
    "\\mathrm{NIST} = \\sum_{n=1}^{N} \\frac{\\sum_{\\text{matched } w_1..w_n} \\mathrm{Info}(w_1..w_n)}{\\#\\text{hyp } n\\text{-grams}} \\cdot \\exp\\Big(\\beta \\log^2 \\min\\big(\\tfrac{L_{sys}}{L_{ref}}, 1\\big)\\Big),\\; \\mathrm{Info}(w_1..w_n) = \\log_2 \\frac{c(w_1..w_{n-1})}{c(w_1..w_n)}",
  robustness: [
    "Rare matched n-grams weigh more than frequent ones (information weights from the reference corpus).",
    "Not bounded above; compare only scores computed on the same references.",
    "Undefined when no hypothesis has n-grams of some order up to n (nltk raises; so does plumbline).",
  ],
  papers: [
    "Doddington 2002, Automatic evaluation of machine translation quality using n-gram co-occurrence statistics",
  ],
  implementations: ["nltk 3.8 nltk.translate.nist_score.corpus_nist / sentence_nist"],
  exports: ["corpusNist", "corpusNistDef", "sentenceNist"],
});

const ribesEntry = textEntry({
  ...metaFields(ribesMeta),
  title: "RIBES (rank correlation of word order)",
  formula:
    "\\mathrm{RIBES} = \\mathrm{NKT}\\cdot P_1^{\\alpha}\\cdot \\mathrm{BP}^{\\beta},\\; \\mathrm{NKT} = \\frac{\\tau + 1}{2},\\; \\mathrm{BP} = \\min\\big(1, e^{1 - |r|/|h|}\\big)",
  robustness: [
    "Rewards word order (Kendall's tau of aligned word ranks): suited to distant language pairs where BLEU is blind to reordering.",
    "Only words that align unambiguously (unique, or unique with context) enter the correlation.",
    "nltk's re-implementation, not the official RIBES script (which adds optimizations).",
  ],
  papers: [
    "Isozaki et al. 2010, Automatic evaluation of translation quality for distant language pairs (EMNLP)",
  ],
  implementations: ["nltk 3.8 nltk.translate.ribes_score.corpus_ribes / sentence_ribes"],
  exports: ["corpusRibes", "corpusRibesDef", "sentenceRibes"],
});

/** Catalog entries of the text metrics, in the order `plumbline list` and the README's table show them. */
export const entries: readonly CatalogEntry[] = [
  corpusBleuEntry,
  chrfEntry,
  terEntry,
  nltkBleuEntry,
  whitespaceBleuEntry,
  gleuEntry,
  werEntry,
  cerEntry,
  merEntry,
  wilEntry,
  wipEntry,
  editDistanceEntry,
  extendedEditDistanceEntry,
  perplexityEntry,
  distinctNEntry,
  selfBleuEntry,
  rougeEntry,
  meteorEntry,
  seqevalEntry,
  squadEntry,
  bertScoreEntry,
  embeddingSimilarityEntry,
  nistEntry,
  ribesEntry,
];
