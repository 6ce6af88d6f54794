import { readFileSync } from "node:fs";
import { formatTrecTable } from "../cli/eval/retrieval.js";
import { retrievalMap, retrievalNdcg } from "../metrics/retrieval/index.js";
import { evaluateTrec, parseTrecQrels, parseTrecRun } from "../metrics/retrieval/trec.js";

const sampleDir = new URL("../../data/samples/retrieval/", import.meta.url);

/** The retrieval section of `plumbline demo`: the bundled TREC run and qrels. */
export async function run(print: (line: string) => void): Promise<void> {
  const runText = readFileSync(new URL("run.txt", sampleDir), "utf8");
  const qrelsText = readFileSync(new URL("qrels.txt", sampleDir), "utf8");
  const trecRun = parseTrecRun(runText);
  const qrels = parseTrecQrels(qrelsText);
  print("TREC run vs qrels (trec_eval conventions: judged-relevant denominators, ties by docno):");
  for (const line of formatTrecTable(
    evaluateTrec(trecRun, qrels, ["map", "mrr", "ndcg@10", "p@5", "recall@10", "rprec"]),
    false,
  ))
    print(`  ${line}`);

  // The same run as grouped arrays (torchmetrics conventions: only retrieved documents count).
  const indexes: number[] = [];
  const preds: number[] = [];
  const grades: number[] = [];
  const ids = [...trecRun.keys()];
  ids.forEach((q, i) => {
    for (const d of trecRun.get(q)!) {
      indexes.push(i);
      preds.push(d.score);
      grades.push(Math.max(0, qrels.get(q)?.get(d.docno) ?? 0));
    }
  });
  const binary = grades.map((g) => (g >= 1 ? 1 : 0));
  print("Grouped metrics over the retrieved lists (torchmetrics 1.9.0 conventions):");
  print(`  MAP                 ${retrievalMap(preds, binary, indexes).toFixed(4)}`);
  print(`  nDCG@10 linear gain ${retrievalNdcg(preds, grades, indexes, { topK: 10 }).toFixed(4)}`);
  print(
    `  nDCG@10 2^rel - 1   ${retrievalNdcg(preds, grades, indexes, { topK: 10, gain: "exponential" }).toFixed(4)}`,
  );
  const tied = preds.map((p) => Math.round(p));
  print("With scores rounded to integers (many ties), MAP by tie rule:");
  for (const ties of ["torchmetrics", "average", "optimistic", "pessimistic"] as const) {
    print(`  ${ties.padEnd(13)} ${retrievalMap(tied, binary, indexes, { ties }).toFixed(4)}`);
  }
}
