import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { distinctN } from "../metrics/text/similarity/diversity.js";
import { alignmentMeasures, charErrorRate } from "../metrics/text/speech/wer.js";
import { corpusBleu } from "../metrics/text/translation/bleu.js";
import { chrf } from "../metrics/text/translation/chrf.js";
import { ter } from "../metrics/text/translation/ter.js";

const samples = new URL("../../data/samples/text/", import.meta.url);

async function lines(name: string): Promise<string[]> {
  const text = await readFile(fileURLToPath(new URL(name, samples)), "utf8");
  return text.split("\n").filter((line) => line.length > 0);
}

/** The text section of `plumbline demo`: MT scores with signatures, ASR error rates, diversity. */
export async function run(print: (line: string) => void): Promise<void> {
  const hyps = await lines("mt-hyp.txt");
  const ref1 = await lines("mt-ref1.txt");
  const ref2 = await lines("mt-ref2.txt");
  const refs = [ref1, ref2];
  print(`text: machine translation, ${hyps.length} segments, 2 references (data/samples/text/mt-*.txt)`);
  const bleu = corpusBleu(hyps, refs);
  print(
    `  BLEU|${bleu.signature} = ${bleu.score.toFixed(2)} ${bleu.precisions.map((p) => p.toFixed(1)).join("/")} (BP = ${bleu.bp.toFixed(3)})`,
  );
  const c = chrf(hyps, refs, { wordOrder: 2 });
  print(`  ${c.name}|${c.signature} = ${c.score.toFixed(2)}`);
  const t = ter(hyps, refs);
  print(`  TER|${t.signature} = ${t.score.toFixed(2)}`);
  print(
    `  BLEU with one reference only = ${corpusBleu(hyps, [ref1]).score.toFixed(2)} (more references, higher BLEU)`,
  );
  const asrHyp = await lines("asr-hyp.txt");
  const asrRef = await lines("asr-ref.txt");
  const m = alignmentMeasures(asrHyp, asrRef);
  print(
    `text: speech recognition, ${asrHyp.length} utterances (data/samples/text/asr-*.txt), jiwer 2.3.0 conventions`,
  );
  print(
    `  WER = ${m.wer.toFixed(4)}  MER = ${m.mer.toFixed(4)}  WIL = ${m.wil.toFixed(4)}  CER = ${charErrorRate(asrHyp, asrRef).toFixed(4)}`,
  );
  print(
    `  alignment: ${m.hits} hits, ${m.substitutions} substitutions, ${m.deletions} deletions, ${m.insertions} insertions`,
  );
  print(
    `text: diversity of the MT hypotheses: distinct-1 = ${distinctN(hyps, { n: 1 }).toFixed(3)}, distinct-2 = ${distinctN(hyps, { n: 2 }).toFixed(3)}`,
  );
}
