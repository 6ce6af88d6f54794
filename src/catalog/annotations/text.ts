import type { Annotations } from "../annotation.js";

const report = {
  bleu: "corpus BLEU, the translation benchmark the sequence objective targets",
  wer: "the word error rate of the decoded transcripts",
  cer: "character errors, finer than WER and independent of word segmentation",
  rouge: "content coverage of generated summaries",
  chrf: "a tokenizer-free translation metric, kinder to morphology",
  perplexity: "the exponential of the held-out token cross-entropy",
} as const;

/** Survey section 10 (natural language processing): losses 10.1–10.2 (table 19), metrics 10.3 (table 20). */
export const text: Annotations = {
  "text/corpus_bleu": {
    survey: ["10.3.4"],
    flags: [],
    usage:
      "Corpus-level machine translation quality by clipped n-gram precision with a brevity penalty (sacrebleu).",
    pros: [
      "The de facto MT metric; reproducible with sacrebleu's signature.",
      "Several references capture valid variation.",
    ],
    cons: [
      "Lexical only: synonyms and paraphrases score as errors.",
      "Unreliable on single sentences: one missing 4-gram zeroes it without smoothing.",
      "Depends on tokenization: report the signature.",
    ],
    pairs: {
      "text/chrf": "character n-grams credit morphological variants BLEU misses",
      "text/ter": "the edit effort view of the same outputs",
    },
  },
  "text/chrf": {
    survey: [],
    beyondSurvey:
      "Character n-gram F-score (Popović 2015), recommended by WMT over BLEU for morphologically rich languages.",
    flags: [],
    usage: "Translation quality from character n-grams, no tokenizer needed; robust at the sentence level.",
    pros: ["Credits partial word matches (morphology).", "Language-independent; recall-weighted (β = 2)."],
    cons: ["Still surface overlap: paraphrases with different words score low."],
    pairs: { "text/corpus_bleu": "the comparison point of most MT papers" },
  },
  "text/ter": {
    survey: [],
    beyondSurvey:
      "Translation edit rate (Snover et al. 2006), the post-editing effort metric reported by sacrebleu.",
    flags: [],
    usage: "Translation quality as the edits (with block shifts) needed to reach the reference.",
    pros: ["Shifts make reordering cheaper than in WER.", "Reads as post-editing effort."],
    cons: ["Can exceed 100.", "Lexical only."],
  },
  "text/nltk_bleu": {
    survey: ["10.3.4"],
    flags: [],
    usage:
      "BLEU exactly as nltk computes it (whitespace tokens, nltk smoothing methods), for comparison with nltk-based work.",
    pros: ["Matches nltk numbers, including its smoothing methods for sentence-level scores."],
    cons: ["Not comparable with sacrebleu scores (tokenization).", "Some smoothing methods can exceed 1."],
  },
  "text/bleu_whitespace": {
    survey: ["10.3.4"],
    flags: [],
    usage: "BLEU as torchmetrics' BLEUScore computes it, for comparison with torchmetrics-based work.",
    pros: ["Matches torchmetrics numbers."],
    cons: ["Whitespace tokens: not comparable with sacrebleu."],
  },
  "text/nist": {
    survey: [],
    beyondSurvey:
      "NIST (Doddington 2002), the information-weighted BLEU variant of the NIST MT evaluations, as nltk computes it.",
    flags: [],
    usage: "Corpus-level translation quality where rare matched n-grams count more than frequent ones.",
    pros: [
      "Weighs informative n-grams over function-word matches.",
      "Arithmetic mean over orders: no zero collapse.",
    ],
    cons: [
      "Unbounded and corpus-dependent: compare only on the same references.",
      "Less used than BLEU today.",
    ],
    pairs: { "text/corpus_bleu": "the geometric-mean precision it was derived from" },
  },
  "text/ribes": {
    survey: [],
    beyondSurvey:
      "RIBES (Isozaki et al. 2010), the word-order metric of WAT for distant language pairs, as nltk computes it.",
    flags: [],
    usage:
      "Translation quality for distant language pairs (Japanese-English), where word order carries the errors.",
    pros: ["Rank correlation of aligned words: penalizes scrambled order that BLEU misses."],
    cons: ["Only unambiguously aligned words count.", "nltk's re-implementation, not the official script."],
    pairs: { "text/corpus_bleu": "lexical overlap to go with the order signal" },
  },
  "text/gleu": {
    survey: [],
    beyondSurvey: "Google-BLEU (Wu et al. 2016), a sentence-level friendly BLEU variant used for RL rewards.",
    flags: [],
    usage: "Sentence-level n-gram overlap that behaves well per sentence (e.g. as an RL reward).",
    pros: ["Symmetric in precision and recall; no zero-match collapse at the sentence level."],
    cons: ["Less established than BLEU for reporting."],
  },
  "text/wer": {
    survey: ["10.3.9"],
    flags: [],
    usage: "The standard speech-recognition error: word edits over reference words.",
    pros: ["Intuitive fraction of word errors.", "Corpus WER pools edits, robust to short utterances."],
    cons: [
      "No semantic credit; all errors weigh alike.",
      "Can exceed 1 with insertions.",
      "Domain vocabulary inflates it.",
    ],
    pairs: { "text/cer": "finer-grained errors, stable for languages without clear word boundaries" },
  },
  "text/cer": {
    survey: ["10.3.10"],
    flags: [],
    usage: "Character-level error rate for ASR and OCR, and for scripts without word boundaries.",
    pros: ["Finer than WER; language-agnostic."],
    cons: ["No semantics; small character edits can change meaning entirely."],
    pairs: { "text/wer": "the word-level view users perceive" },
  },
  "text/mer": {
    survey: [],
    beyondSurvey: "Match error rate (Morris et al. 2004), a bounded alternative to WER reported by jiwer.",
    flags: [],
    usage: "A WER variant bounded in [0, 1]: edits over all alignment operations.",
    pros: ["Bounded even with many insertions."],
    cons: ["Less familiar than WER."],
  },
  "text/wil": {
    survey: [],
    beyondSurvey:
      "Word information lost (Morris et al. 2004), an information-theoretic ASR measure reported by jiwer.",
    flags: [],
    usage: "The share of word information lost between reference and hypothesis.",
    pros: ["Bounded; symmetric in hypothesis and reference."],
    cons: ["Less familiar than WER."],
  },
  "text/wip": {
    survey: [],
    beyondSurvey: "Word information preserved (Morris et al. 2004), 1 - WIL.",
    flags: [],
    usage: "The share of word information preserved (1 - WIL).",
    pros: ["Bounded; higher is better."],
    cons: ["Less familiar than WER."],
  },
  "text/edit_distance": {
    survey: [],
    beyondSurvey: "The Levenshtein distance underlying WER and CER (survey 10.3.9–10.3.10).",
    flags: [],
    usage: "Raw character edit counts between strings.",
    pros: ["Exact, interpretable counts."],
    cons: ["Not normalised: longer strings have larger distances."],
  },
  "text/extended_edit_distance": {
    survey: [],
    beyondSurvey: "EED (Stanchev et al. 2019), a character edit metric for MT with jumps, in torchmetrics.",
    flags: [],
    usage: "Character-level MT evaluation with jumps and a coverage penalty.",
    pros: ["Bounded; correlates well with human MT judgements."],
    cons: ["Less widely reported."],
  },
  "text/perplexity": {
    survey: ["10.3.7"],
    flags: ["smooth", "probabilities", "no-reference"],
    usage: "Language-model fit: the exponential of the average token negative log-likelihood.",
    pros: ["Direct measure of predictive fit; cheap to compute."],
    cons: [
      "Only comparable with the same tokenizer, vocabulary and test corpus.",
      "Says nothing about correctness or usefulness of generated text.",
    ],
  },
  "text/distinct_n": {
    survey: [],
    beyondSurvey:
      "Distinct-n (Li et al. 2016) measures repetition in open-ended generation, a gap the survey's reference-based metrics leave.",
    flags: ["no-reference"],
    usage: "Diversity of generated text: the share of unique n-grams.",
    pros: ["Needs no references; catches repetitive, generic outputs."],
    cons: ["Falls as the corpus grows; rewards random text."],
  },
  "text/self_bleu": {
    survey: [],
    beyondSurvey: "Self-BLEU (Zhu et al. 2018) measures how similar generated texts are to each other.",
    flags: ["no-reference"],
    usage: "Diversity across generated texts: BLEU of each against the others (lower is more diverse).",
    pros: ["Needs no references."],
    cons: ["Quadratic cost; says nothing about quality."],
  },
  "text/rouge": {
    survey: ["10.3.6"],
    flags: [],
    alsoTasks: ["rag"],
    usage:
      "Summarization: n-gram (ROUGE-N), longest-common-subsequence (ROUGE-L, Lsum), weighted LCS (ROUGE-W) and skip-bigram (ROUGE-S, SU) overlap with references.",
    pros: [
      "The de facto summarization metric; recall captures content coverage.",
      "ROUGE-W favours consecutive matches over scattered ones; ROUGE-S credits in-order word pairs with gaps.",
    ],
    cons: [
      "Surface overlap only: paraphrases score low.",
      "ROUGE-W and ROUGE-S follow the ROUGE-1.5.5 Perl script (rouge-score has neither): not comparable with rouge-score's types.",
      "Recall rewards long outputs: read precision too.",
      "Tokenizer, stemming and sentence splitting change scores.",
    ],
    pairs: { "text/bertscore": "credits paraphrases that ROUGE misses" },
  },
  "text/meteor": {
    survey: ["10.3.5"],
    flags: [],
    usage: "MT or generation quality with stem and synonym matching and a fragmentation penalty.",
    pros: [
      "Credits stems and synonyms; balances precision and recall.",
      "Correlates better with human judgement than BLEU.",
    ],
    cons: ["Depends on English resources (stemmer, WordNet).", "Sentence-level, unigram-based."],
  },
  "text/seqeval": {
    survey: ["10.3.2"],
    flags: ["threshold"],
    usage: "Entity-level precision, recall and F1 for named entity recognition and chunking.",
    pros: ["Scores whole entities (type and span), as CoNLL does."],
    cons: [
      "A one-token boundary error counts as both a false positive and a false negative.",
      "Micro F1 favours frequent types.",
    ],
  },
  "text/squad": {
    survey: ["10.3.8", "10.3.2"],
    flags: [],
    alsoTasks: ["rag"],
    usage: "Extractive QA: exact match and token F1 against the best of the gold answers.",
    pros: ["EM is unambiguous; F1 gives partial credit.", "Standard for SQuAD-style QA."],
    cons: ["No credit for correct paraphrases.", "English-centric normalisation."],
    pairs: { "rag/answer_correctness": "adds semantic credit for correct rephrasings" },
  },
  "text/bertscore": {
    survey: [],
    beyondSurvey:
      "BERTScore (Zhang et al. 2020) matches contextual embeddings, addressing the survey's main critique of BLEU and ROUGE (no credit for paraphrase).",
    flags: ["robust"],
    usage: "Semantic similarity of generated and reference text through contextual token embeddings.",
    pros: [
      "Credits paraphrases and synonyms.",
      "Correlates better with human judgement than n-gram metrics.",
    ],
    cons: ["Depends on the encoder and layer; scores are only comparable with the same model.", "Costly."],
    pairs: {
      "models/bertscore":
        "the same algorithm with the encoder run for you from an ONNX model and its vocabulary (plumbline/models)",
    },
  },
  "text/embedding_similarity": {
    survey: ["10.1.3", "11.2.1"],
    flags: ["scale-invariant"],
    usage: "Semantic closeness of two texts as the cosine of their sentence embeddings.",
    pros: ["Captures meaning beyond surface words."],
    cons: ["Only as good as the encoder; often blind to negation and word order."],
  },
  "sequence/ctc_loss": {
    survey: ["10.2.1"],
    flags: ["smooth"],
    usage: "Train speech or handwriting recognisers without frame-level alignments.",
    pros: ["Learns the alignment; handles variable-length outputs."],
    cons: [
      "Assumes monotonic alignment and conditional independence of frames.",
      "Infinite when the input is too short for the target.",
    ],
    pairs: { "text/wer": report.wer, "text/cer": report.cer },
  },
  "sequence/minimum_risk_training": {
    survey: ["10.2.2"],
    flags: ["smooth"],
    usage:
      "Fine-tune a sequence model to minimise the expected metric risk (1 - BLEU, WER) over sampled candidates.",
    pros: [
      "Optimises the evaluation metric itself, even non-differentiable ones.",
      "Reduces the train-test mismatch of token-level training.",
    ],
    cons: ["Needs candidate sampling (expensive) and a warm start.", "α must be tuned."],
    pairs: {
      "text/corpus_bleu": report.bleu,
      "text/wer": report.wer,
      "text/rouge": report.rouge,
      "text/chrf": report.chrf,
    },
  },
  "sequence/reinforce_loss": {
    survey: ["10.2.3"],
    flags: [],
    usage: "Policy-gradient fine-tuning on a sequence-level reward (BLEU, ROUGE, CIDEr).",
    pros: ["Any reward, differentiable or not.", "Addresses exposure bias."],
    cons: [
      "High-variance gradients: needs a baseline (self-critical).",
      "Sample-inefficient; the loss value is not the reward.",
    ],
    pairs: { "text/corpus_bleu": report.bleu, "text/rouge": report.rouge, "text/wer": report.wer },
  },
  "sequence/token_cross_entropy": {
    survey: ["10.1.1", "11.1"],
    flags: ["convex", "smooth"],
    alsoTasks: ["rag"],
    usage: "Teacher-forced maximum likelihood for language models, translation, summarization and tagging.",
    pros: ["Dense, stable token-level signal; the standard pre-training and fine-tuning objective."],
    cons: ["Exposure bias at inference.", "Does not capture sequence-level quality (BLEU, ROUGE)."],
    pairs: {
      "text/perplexity": report.perplexity,
      "text/corpus_bleu": report.bleu,
      "text/wer": report.wer,
      "text/rouge": report.rouge,
    },
  },
};
