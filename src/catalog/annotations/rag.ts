import type { Annotations } from "../annotation.js";

/** Survey section 11 (retrieval-augmented generation): metrics 11.2 (table 21), RAGAS and ARES. */
export const rag: Annotations = {
  "rag/answer_semantic_similarity": {
    survey: ["11.2.1"],
    flags: ["scale-invariant"],
    usage: "Closeness in meaning of the generated answer to a reference answer (embedding cosine).",
    pros: ["Credits rephrasings, not only word overlap."],
    cons: ["No guarantee of factual accuracy; depends on the embedding model.", "Needs a reference answer."],
    pairs: { "rag/answer_correctness": "adds the factual overlap similarity lacks" },
  },
  "rag/answer_correctness": {
    survey: ["11.2.2"],
    flags: [],
    usage:
      "Factual and semantic agreement of the answer with a reference (claim F1 blended with similarity).",
    pros: ["Penalises missing or wrong facts while rewarding accurate rephrasing."],
    cons: [
      "Needs a reference answer; the weighting is a choice.",
      "The factual part depends on the judge's statement classification.",
    ],
    pairs: { "rag/faithfulness": "an answer can be correct by luck yet not grounded in the context" },
  },
  "rag/answer_relevance": {
    survey: ["11.2.3"],
    flags: ["no-reference"],
    usage:
      "Whether the answer addresses the question (questions regenerated from the answer, compared to the original).",
    pros: ["Needs no reference; detects off-topic or evasive answers."],
    cons: [
      "Does not test correctness: a relevant answer can be wrong.",
      "Depends on the LLM that regenerates questions.",
    ],
    pairs: { "rag/faithfulness": "relevance says nothing about grounding" },
  },
  "rag/context_precision": {
    survey: ["11.2.4"],
    flags: [],
    alsoTasks: ["retrieval"],
    usage: "Whether the useful retrieved chunks are ranked at the top of the context.",
    pros: ["Rank-aware: rewards putting key evidence first, where generators attend most."],
    cons: [
      "Ignores recall: missing evidence is invisible.",
      "Needs relevance verdicts per chunk (judge or reference).",
    ],
    pairs: { "rag/context_recall": "adds whether all needed evidence was retrieved" },
  },
  "rag/context_recall": {
    survey: ["11.2.5"],
    flags: [],
    alsoTasks: ["retrieval"],
    usage: "Whether the retrieved context supports every statement of the reference answer.",
    pros: ["Measures the completeness of retrieval."],
    cons: ["Needs a reference answer.", "Blind to irrelevant extra context and to the generation step."],
    pairs: { "rag/context_precision": "adds how much noise came with the evidence" },
  },
  "rag/faithfulness": {
    survey: ["11.2.6"],
    flags: ["no-reference"],
    usage: "The share of the answer's claims supported by the retrieved context (hallucination check).",
    pros: ["Needs no reference answer; directly targets hallucination."],
    cons: [
      "Depends on the judge's claim decomposition and verification.",
      "Does not measure relevance or completeness.",
    ],
    pairs: { "rag/answer_relevance": "a faithful answer may still miss the question" },
  },
  "rag/summarization_score": {
    survey: ["11.2.7"],
    flags: ["no-reference"],
    alsoTasks: ["text"],
    usage: "Summary quality as questions about the source answered correctly, balanced with conciseness.",
    pros: ["Rewards coverage of key facts while discouraging copying the source."],
    cons: [
      "Relies on generated questions; synonyms can lower the QA part.",
      "The conciseness term rewards brevity for its own sake.",
    ],
  },
  "rag/context_entities_recall": {
    survey: ["11.2.8"],
    flags: [],
    usage:
      "The share of the reference's named entities present in the retrieved context (fact-heavy questions).",
    pros: ["Cheap check for entity-centric facts (names, dates, places)."],
    cons: ["Misses spelling variants and synonyms.", "Depends on entity extraction."],
  },
  "rag/aspect_critique": {
    survey: ["11.2.9"],
    flags: ["no-reference"],
    alsoTasks: ["text"],
    usage:
      "A yes/no verdict on a custom aspect (harmlessness, conciseness, policy compliance) by majority of LLM calls.",
    pros: ["Flexible, fast checks for any aspect you can phrase."],
    cons: ["Subject to the judge's biases; binary verdicts are coarse."],
  },
  "rag/ares_context_relevance": {
    survey: ["11.2.10"],
    flags: ["no-reference"],
    alsoTasks: ["retrieval"],
    usage:
      "Context relevance from a fine-tuned judge, with prediction-powered confidence intervals from a few human labels.",
    pros: [
      "Valid confidence intervals however biased the judge is.",
      "Needs only a small human-labelled set.",
    ],
    cons: ["Binary notion of relevance.", "Interval width depends on judge-human agreement."],
  },
  "rag/ares_answer_faithfulness": {
    survey: ["11.2.11"],
    flags: ["no-reference"],
    usage: "Answer faithfulness from a fine-tuned judge with prediction-powered confidence intervals.",
    pros: ["Statistically valid intervals on hallucination rates."],
    cons: ["Subtle contradictions may slip past the judge.", "Needs some human annotations."],
  },
  "rag/ares_answer_relevance": {
    survey: ["11.2.12"],
    flags: ["no-reference"],
    usage: "Answer relevance from a fine-tuned judge with prediction-powered confidence intervals.",
    pros: ["Statistically valid intervals."],
    cons: ["Relevant answers can still be false; needs some human annotations."],
  },
};
