import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import { type AdviceReport, type Finding, report } from "./report.js";
import { quantileSorted, sorted } from "./stats.js";

/** One relevance judgement (a TREC qrels line). */
export interface Judgement {
  readonly query: string;
  readonly doc: string;
  readonly relevance: number;
}

/** One retrieved document of a run (a TREC run line). */
export interface Retrieved {
  readonly query: string;
  readonly doc: string;
}

/** Options of {@link adviseRetrieval}. */
export interface AdviseRetrievalOptions {
  /** The system's ranked results, to check depth and judged coverage. */
  readonly run?: readonly Retrieved[];
}

const OPTIONS = ["run"] as const;
const FN = "adviseRetrieval";

/** Results per query up to which the run is a results page (top-k metrics fit). */
const RESULTS_PAGE = 20;

/**
 * Measures relevance judgements (and optionally a run): relevance grades, relevant documents per
 * query, queries without any relevant document, run depth and unjudged results; then recommends
 * from the traits found (graded-relevance, single-answer, top-k).
 */
export function adviseRetrieval(qrels: readonly Judgement[], options?: AdviseRetrievalOptions): AdviceReport {
  const opts = readOptions<AdviseRetrievalOptions>(FN, options, OPTIONS);
  if (!Array.isArray(qrels) || qrels.length === 0)
    fail(
      "empty_input",
      `${FN}: \`qrels\` must be a non-empty array of judgements, got ${describeValue(qrels)}`,
    );
  const grades = new Set<number>();
  const relevant = new Map<string, number>();
  const judged = new Set<string>();
  qrels.forEach((j, i) => {
    if (!Number.isInteger(j?.relevance))
      fail(
        "invalid_value",
        `${FN}: qrels[${i}].relevance must be an integer grade, got ${describeValue(j?.relevance)}`,
      );
    grades.add(j.relevance);
    judged.add(`${j.query}\u0000${j.doc}`);
    relevant.set(j.query, (relevant.get(j.query) ?? 0) + (j.relevance > 0 ? 1 : 0));
  });
  const findings: Finding[] = [];
  const maxGrade = Math.max(...grades);
  findings.push({
    measure: "relevance grades",
    value: [...grades].sort((a, b) => a - b).join(", "),
    ...(maxGrade > 1 ? { trait: "graded-relevance" } : {}),
    note:
      maxGrade > 1
        ? "Graded judgements: nDCG uses the grades; MAP, MRR and precision@k collapse them to relevant or not."
        : "Binary judgements.",
  });
  const perQuery = sorted([...relevant.values()]);
  const median = quantileSorted(perQuery, 0.5);
  findings.push({
    measure: "relevant documents per query (min, median, max)",
    value: `${perQuery[0]}, ${median}, ${perQuery[perQuery.length - 1]}`,
    ...(median <= 1 ? { trait: "single-answer" } : {}),
    note:
      median <= 1
        ? "Most queries have one relevant document: MRR and hit rate capture what matters."
        : `${relevant.size} queries with several relevant documents each.`,
  });
  const empty = [...relevant.entries()].filter(([, c]) => c === 0).map(([q]) => q);
  if (empty.length > 0)
    findings.push({
      measure: "queries without a relevant document",
      value: empty.join(", "),
      note: "AP, MRR and recall are undefined for them; decide whether they count as 0 or are skipped (torchmetrics' empty_target_action).",
    });
  if (opts.run !== undefined) {
    const depth = new Map<string, number>();
    let unjudged = 0;
    for (const r of opts.run) {
      depth.set(r.query, (depth.get(r.query) ?? 0) + 1);
      if (!judged.has(`${r.query}\u0000${r.doc}`)) unjudged++;
    }
    const maxDepth = Math.max(0, ...depth.values());
    findings.push({
      measure: "results per query in the run (max)",
      value: maxDepth,
      ...(maxDepth <= RESULTS_PAGE ? { trait: "top-k" } : {}),
      note:
        maxDepth <= RESULTS_PAGE
          ? `The run is a short results list: report metrics at k ≤ ${maxDepth}.`
          : "A deep run: full-ranking metrics (MAP, nDCG) see all of it.",
    });
    findings.push({
      measure: "retrieved documents without a judgement",
      value: unjudged,
      note:
        unjudged > 0
          ? `${unjudged} retrieved documents are unjudged and count as non-relevant; judge them or report the share.`
          : "Every retrieved document is judged.",
    });
  }
  return report("retrieval", relevant.size, "queries", findings);
}
