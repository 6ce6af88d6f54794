import { describeValue, fail } from "../../core/errors.js";
import { createMetric, type Metric } from "../../metric.js";
import type { EmptyTargetAction, RetrievalArgs, RetrievalState, TieHandling } from "./grouped.js";
import { parseRetrievalMetricName, RETRIEVAL_SUITE_BASES, retrievalMemberDefinition } from "./suite.js";

/**
 * TREC run and qrels files, read as they are, and evaluated with trec_eval's conventions
 * (trec_eval 9.x defaults): a run line is `qid Q0 docno rank score tag`, a qrels line
 * `qid iteration docno relevance`. Documents are ranked by score descending, ties by docno in
 * descending lexical order (the rank column is ignored, as trec_eval does); a document is
 * relevant when its grade is >= 1; denominators use every judged relevant document of the
 * qrels (retrieved or not); only queries present in both files are evaluated. A document listed
 * twice for one query, in the run or in the qrels, is an error naming the file and both lines
 * (trec_eval refuses them too: "duplicate docs"), since counting each copy inflates every measure.
 */

/** One ranked document of a run. */
export interface TrecRunEntry {
  readonly docno: string;
  readonly score: number;
}

/** qid → ranked documents. */
export type TrecRun = Map<string, TrecRunEntry[]>;
/** qid → (docno → grade). */
export type TrecQrels = Map<string, Map<string, number>>;

/** Tracks the first line of each (query, docno) pair of a file, and fails on a second one. */
function duplicateCheck(fn: string, file: string, what: string) {
  const seen = new Map<string, Map<string, number>>();
  return (qid: string, docno: string, line: number) => {
    let docs = seen.get(qid);
    if (!docs) {
      docs = new Map();
      seen.set(qid, docs);
    }
    const first = docs.get(docno);
    if (first !== undefined)
      fail(
        "invalid_value",
        `${fn}: ${file} line ${line}: ${what} lists document ${JSON.stringify(docno)} for query ${JSON.stringify(qid)} twice (first at line ${first}); trec_eval refuses duplicate documents`,
      );
    docs.set(docno, line);
  };
}

/**
 * Parses a TREC run file (whitespace-separated, 6 columns). `file` names it in messages
 * (default "run"). A docno listed twice for one query is `invalid_value` with both lines.
 */
export function parseTrecRun(text: string, fn = "parseTrecRun", file = "run"): TrecRun {
  const run: TrecRun = new Map();
  const check = duplicateCheck(fn, file, "the run");
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const cols = line.split(/\s+/);
    if (cols.length < 6)
      fail(
        "invalid_value",
        `${fn}: ${file} line ${i + 1}: run lines must have 6 columns (qid Q0 docno rank score tag), got ${cols.length}`,
      );
    const score = Number(cols[4]);
    if (!Number.isFinite(score))
      fail(
        "invalid_value",
        `${fn}: ${file} line ${i + 1}: the score must be a finite number, got ${describeValue(cols[4])}`,
      );
    check(cols[0]!, cols[2]!, i + 1);
    const list = run.get(cols[0]!) ?? [];
    list.push({ docno: cols[2]!, score });
    run.set(cols[0]!, list);
  }
  if (run.size === 0) fail("empty_input", `${fn}: ${file} must not be empty, got 0 lines`);
  return run;
}

/**
 * Parses a TREC qrels file (whitespace-separated, 4 columns). `file` names it in messages
 * (default "qrels"). A docno judged twice for one query is `invalid_value` with both lines.
 */
export function parseTrecQrels(text: string, fn = "parseTrecQrels", file = "qrels"): TrecQrels {
  const qrels: TrecQrels = new Map();
  const check = duplicateCheck(fn, file, "the qrels");
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const cols = line.split(/\s+/);
    if (cols.length !== 4)
      fail(
        "invalid_value",
        `${fn}: ${file} line ${i + 1}: qrels lines must have 4 columns (qid iter docno rel), got ${cols.length}`,
      );
    const grade = Number(cols[3]);
    if (!Number.isSafeInteger(grade))
      fail(
        "invalid_value",
        `${fn}: ${file} line ${i + 1}: the relevance must be an integer, got ${describeValue(cols[3])}`,
      );
    check(cols[0]!, cols[2]!, i + 1);
    const judged = qrels.get(cols[0]!) ?? new Map<string, number>();
    judged.set(cols[2]!, grade);
    qrels.set(cols[0]!, judged);
  }
  if (qrels.size === 0) fail("empty_input", `${fn}: ${file} must not be empty, got 0 lines`);
  return qrels;
}

/** A metric name of {@link evaluateTrec}: `map`, `map@k`, `mrr`, `mrr@k`, `ndcg`, `ndcg@k`, `p@k`, `recall@k`, `rprec`, `hit_rate@k`. */
export type TrecMetricName = string;

/** The metric names {@link evaluateTrec} knows (before an optional `@k`). */
export const TREC_METRIC_BASES: readonly string[] = RETRIEVAL_SUITE_BASES;

interface ParsedMetric {
  readonly name: string;
  readonly base: string;
  readonly k: number | null;
}

function parseMetric(name: string, fn: string): ParsedMetric {
  return { name: name.trim(), ...parseRetrievalMetricName(fn, name) };
}

/** One query's value of one metric under trec_eval's conventions. */
function trecValue(metric: ParsedMetric, grades: number[], judged: Map<string, number>): number {
  const numRel = [...judged.values()].filter((g) => g >= 1).length;
  const n = grades.length;
  const k = Math.min(metric.k ?? n, n);
  const rel = (i: number) => (grades[i]! >= 1 ? 1 : 0);
  switch (metric.base) {
    case "map": {
      if (numRel === 0) return 0;
      let found = 0;
      let sum = 0;
      for (let i = 0; i < k; i++) if (rel(i)) sum += ++found / (i + 1);
      return sum / numRel;
    }
    case "mrr": {
      for (let i = 0; i < k; i++) if (rel(i)) return 1 / (i + 1);
      return 0;
    }
    case "ndcg": {
      let dcg = 0;
      for (let i = 0; i < k; i++) dcg += Math.max(0, grades[i]!) / Math.log2(i + 2);
      const ideal = [...judged.values()].map((g) => Math.max(0, g)).sort((a, b) => b - a);
      const cut = metric.k ?? ideal.length;
      let idcg = 0;
      for (let i = 0; i < Math.min(cut, ideal.length); i++) idcg += ideal[i]! / Math.log2(i + 2);
      return idcg === 0 ? 0 : dcg / idcg;
    }
    case "p":
    case "precision": {
      let found = 0;
      for (let i = 0; i < k; i++) found += rel(i);
      return found / metric.k!;
    }
    case "recall": {
      if (numRel === 0) return 0;
      let found = 0;
      for (let i = 0; i < k; i++) found += rel(i);
      return found / numRel;
    }
    case "rprec":
    case "r_precision": {
      if (numRel === 0) return 0;
      let found = 0;
      for (let i = 0; i < Math.min(numRel, n); i++) found += rel(i);
      return found / numRel;
    }
    default: {
      for (let i = 0; i < k; i++) if (rel(i)) return 1;
      return 0;
    }
  }
}

/** The result of {@link evaluateTrec}: means over queries and per-query values. */
export interface TrecEvaluation {
  readonly queries: readonly string[];
  readonly means: Readonly<Record<string, number>>;
  readonly perQuery: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * Evaluates a run against qrels with trec_eval's conventions (see the module comment); the
 * mean of each metric over the queries present in both run and qrels. O(n log n).
 */
export function evaluateTrec(
  run: TrecRun,
  qrels: TrecQrels,
  metrics: readonly TrecMetricName[] = ["map", "mrr", "ndcg@10", "p@10", "recall@100", "rprec"],
  onProgress?: (queriesDone: number, queries: number) => void,
): TrecEvaluation {
  const fn = "evaluateTrec";
  const parsed = metrics.map((m) => parseMetric(m, fn));
  if (parsed.length === 0)
    fail("invalid_option", `${fn}: option \`metrics\` must name at least one metric, got 0`);
  const queries = [...run.keys()].filter((q) => qrels.has(q)).sort();
  if (queries.length === 0) fail("empty_input", `${fn}: no query id is in both the run and the qrels`);
  const perQuery: Record<string, Record<string, number>> = {};
  const sums = new Map<string, number>(parsed.map((m) => [m.name, 0]));
  for (const [index, q] of queries.entries()) {
    const judged = qrels.get(q)!;
    const ranked = [...run.get(q)!].sort(
      (a, b) => b.score - a.score || (a.docno < b.docno ? 1 : a.docno > b.docno ? -1 : 0),
    );
    const grades = ranked.map((d) => judged.get(d.docno) ?? 0);
    const values: Record<string, number> = {};
    for (const m of parsed) {
      const v = trecValue(m, grades, judged);
      values[m.name] = v;
      sums.set(m.name, sums.get(m.name)! + v);
    }
    perQuery[q] = values;
    if (onProgress !== undefined && ((index + 1) & 1023) === 0) onProgress(index + 1, queries.length);
  }
  const means: Record<string, number> = {};
  for (const m of parsed) means[m.name] = sums.get(m.name)! / queries.length;
  return { queries, means, perQuery };
}

/**
 * Evaluates a run with the grouped metrics (torchmetrics 1.9.0 conventions: only retrieved
 * documents count, a query without relevant retrieved documents follows `emptyTargetAction`)
 * and a tie rule, instead of trec_eval's. Graded qrels feed nDCG as they are; every other
 * metric uses relevance >= 1. Documents keep the run's order for ties under `"torchmetrics"`.
 */
export function evaluateRunGrouped(
  run: TrecRun,
  qrels: TrecQrels,
  metrics: readonly TrecMetricName[],
  options: { ties?: TieHandling; emptyTargetAction?: EmptyTargetAction } = {},
): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of evaluateRunGroupedMetrics(run, qrels, metrics, options)) out[m.name] = m.metric.compute();
  return out;
}

/**
 * {@link evaluateRunGrouped} as metrics: each named metric's definition with its state (for
 * signatures and reports), fed (scores, relevance, query index) of the run's documents.
 */
export function evaluateRunGroupedMetrics(
  run: TrecRun,
  qrels: TrecQrels,
  metrics: readonly TrecMetricName[],
  options: { ties?: TieHandling; emptyTargetAction?: EmptyTargetAction } = {},
): { name: string; metric: Metric<RetrievalState, RetrievalArgs, number> }[] {
  const fn = "evaluateRunGrouped";
  const parsed = metrics.map((m) => parseMetric(m, fn));
  const indexes: number[] = [];
  const preds: number[] = [];
  const grades: number[] = [];
  let q = 0;
  for (const [qid, docs] of run) {
    const judged = qrels.get(qid);
    if (!judged) continue;
    for (const d of docs) {
      indexes.push(q);
      preds.push(d.score);
      grades.push(Math.max(0, judged.get(d.docno) ?? 0));
    }
    q++;
  }
  if (q === 0) fail("empty_input", `${fn}: no query id is in both the run and the qrels`);
  const binary = grades.map((g) => (g >= 1 ? 1 : 0));
  const shared = {
    ...(options.ties ? { ties: options.ties } : {}),
    ...(options.emptyTargetAction ? { emptyTargetAction: options.emptyTargetAction } : {}),
  };
  // Graded qrels feed nDCG as they are; every other metric reads relevance >= 1.
  return parsed.map((m) => ({
    name: m.name,
    metric: createMetric(retrievalMemberDefinition(m.base, m.k, shared, "keep")).update(
      preds,
      m.base === "ndcg" ? grades : binary,
      indexes,
    ),
  }));
}
