import { readFileSync } from "node:fs";
import { formatRagReport } from "../cli/eval/rag.js";
import { evaluateRag } from "../rag/evaluate.js";
import { parseRagJsonl } from "../rag/samples.js";

/** The rag section of `plumbline demo`: the bundled JSONL scored with the non-LLM variants (no network). */
export async function run(print: (line: string) => void): Promise<void> {
  const text = readFileSync(new URL("../../data/samples/rag/samples.jsonl", import.meta.url), "utf8");
  const samples = parseRagJsonl(text);
  print(
    `${samples.length} RAG samples, non-LLM variants (pass --judge-url and --model to \`plumbline eval rag\` for RAGAS/ARES):`,
  );
  for (const line of formatRagReport(await evaluateRag(samples), 0.95)) print(`  ${line}`);
}
