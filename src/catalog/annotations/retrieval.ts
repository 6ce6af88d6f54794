import type { Annotations } from "../annotation.js";

/**
 * Retrieval and ranking. The survey reaches retrieval through its losses (marginal ranking 10.1.4,
 * cosine similarity 10.1.3) and RAG's context metrics (11.2.4–11.2.5); the ranking metrics below
 * are the information-retrieval standards (trec_eval, torchmetrics) those sections build on.
 */
export const retrieval: Annotations = {
  "retrieval/map": {
    survey: [],
    beyondSurvey:
      "Mean average precision is the classic ranked-retrieval metric (trec_eval); the survey's context precision (11.2.4) is its RAG form.",
    flags: ["scale-invariant"],
    alsoTasks: ["face"],
    usage: "Ranking quality over all relevant documents, rewarding those ranked early.",
    pros: ["Uses every relevant document and its rank.", "Stable across queries; the standard TREC summary."],
    cons: ["Binary relevance only.", "Sensitive to how many documents are judged relevant per query."],
    pairs: { "retrieval/ndcg": "adds graded relevance" },
  },
  "retrieval/mrr": {
    survey: [],
    beyondSurvey: "Mean reciprocal rank (TREC QA track) is the standard when one answer per query suffices.",
    flags: ["scale-invariant"],
    usage: "How high the first relevant result appears (QA, navigational search).",
    pros: ["Matches tasks where users stop at the first good answer."],
    cons: ["Ignores every relevant result after the first."],
  },
  "retrieval/ndcg": {
    survey: [],
    beyondSurvey: "nDCG (Järvelin & Kekäläinen 2002) is the standard metric for graded relevance judgements.",
    flags: ["scale-invariant"],
    usage: "Ranking quality with graded relevance, discounting results lower in the list.",
    pros: ["Handles graded relevance.", "Position discount matches user attention."],
    cons: ["Ideal-DCG conventions differ (judged documents only, ties); state them."],
    pairs: { "retrieval/map": "the binary-relevance view" },
  },
  "retrieval/ndcg_score": {
    survey: [],
    beyondSurvey: "scikit-learn's nDCG over score matrices, for ranking outputs given as dense score arrays.",
    flags: ["scale-invariant"],
    usage: "nDCG@k over a matrix of scores and graded relevances (scikit-learn layout).",
    pros: ["Graded relevance; matches scikit-learn exactly."],
    cons: ["Rows with no relevant item score 0 and still count in the mean."],
  },
  "retrieval/dcg_score": {
    survey: [],
    beyondSurvey: "scikit-learn's unnormalised DCG over score matrices, the numerator of nDCG.",
    flags: ["scale-invariant"],
    usage:
      "DCG@k over a matrix of scores and graded relevances (scikit-learn layout), when the gains themselves matter.",
    pros: ["Any real relevance (negative too); the log base and row weights as scikit-learn."],
    cons: ["Unnormalised: grows with the number and grade of relevant items, so queries are not comparable."],
    pairs: {
      "retrieval/ndcg_score": "the same gains divided by the ideal order's, comparable across queries",
    },
  },
  "retrieval/precision_at_k": {
    survey: ["11.2.4"],
    flags: ["threshold", "scale-invariant"],
    usage: "The share of relevant results among the top k shown.",
    pros: ["Matches what a user sees on a results page."],
    cons: [
      "Ignores order inside the top k and relevant results beyond it.",
      "Capped below 1 when a query has fewer than k relevant.",
    ],
    pairs: { "retrieval/recall_at_k": "how much of the relevant set the top k covers" },
  },
  "retrieval/recall_at_k": {
    survey: [],
    beyondSurvey:
      "Recall@k is how retrievers for RAG are usually evaluated: did the needed passage make the top k?",
    flags: ["threshold", "scale-invariant"],
    alsoTasks: ["face"],
    usage: "The share of relevant documents found within the top k (the retriever's job in RAG).",
    pros: ["Directly measures whether evidence reaches the generator's context window."],
    cons: ["Blind to order within the top k.", "Only judged relevant documents count."],
    pairs: { "retrieval/precision_at_k": "how much noise comes with the relevant documents" },
  },
  "retrieval/hit_rate_at_k": {
    survey: [],
    beyondSurvey:
      "Hit rate@k, the binary per-query success rate used in recommendation and RAG retriever evaluation.",
    flags: ["threshold", "scale-invariant"],
    usage: "Whether at least one relevant result appears in the top k, averaged over queries.",
    pros: ["Simple success rate when one hit is enough."],
    cons: ["One hit counts as much as k hits."],
  },
  "retrieval/r_precision": {
    survey: [],
    beyondSurvey: "R-precision (trec_eval) adapts the cut-off to each query's number of relevant documents.",
    flags: ["scale-invariant"],
    usage: "Precision at rank R, where R is the query's number of relevant documents.",
    pros: ["Adapts the cut-off per query; equals recall at R."],
    cons: ["Needs complete relevance judgements."],
  },
  "retrieval/fall_out_at_k": {
    survey: [],
    beyondSurvey: "Fall-out@k, the false-positive rate of a ranked list (torchmetrics).",
    flags: ["threshold", "scale-invariant"],
    usage: "The share of non-relevant documents that made the top k.",
    pros: ["The retrieval analogue of the false positive rate."],
    cons: ["Near 0 whenever most documents are non-relevant."],
  },
  "retrieval/auroc": {
    survey: [],
    beyondSurvey: "Per-query AUROC (torchmetrics) applies the survey's AUC-ROC (3.2.13) to each ranked list.",
    flags: ["scale-invariant"],
    usage: "The probability that a relevant document outranks a non-relevant one, per query.",
    pros: ["Threshold-free, uses every pair."],
    cons: ["Ignores position: a swap at rank 1 costs as much as at rank 100."],
  },
};
