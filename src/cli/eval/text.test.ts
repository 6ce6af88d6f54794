import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateTextMetric, readSegments } from "./text.js";

const flags = { tokenize: "13a", smoothMethod: "exp", convention: "jiwer", smoothing: "method0" };

describe("eval text", () => {
  it("reads plain lines and JSONL segments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-text-"));
    writeFileSync(join(dir, "a.txt"), "one line\r\nsecond\n");
    writeFileSync(join(dir, "b.jsonl"), '"plain"\n{"text": "object"}\n["r1", "r2"]\n');
    expect(await readSegments(join(dir, "a.txt"), "hypothesis")).toEqual(["one line", "second"]);
    expect(await readSegments(join(dir, "b.jsonl"), "reference")).toEqual(["plain", "object", ["r1", "r2"]]);
    await expect(readSegments(join(dir, "missing.txt"), "hypothesis")).rejects.toThrow(
      /cannot read hypothesis file/,
    );
  });

  it("prints BLEU with its sacrebleu signature and WER with its reference", async () => {
    const bleu = await evaluateTextMetric(
      "bleu",
      ["the cat sat on the mat"],
      [["the cat sat on the mat"]],
      flags,
    );
    expect(bleu.line).toBe(
      "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)",
    );
    const wer = await evaluateTextMetric("wer", ["a x c d"], [["a b c"]], flags);
    expect(wer.line).toBe("WER (jiwer 2.3.0) = 0.6667");
    await expect(evaluateTextMetric("wer", ["a"], [["a", "b"]], flags)).rejects.toThrow(
      "eval text: --metric wer takes exactly one reference per hypothesis",
    );
  });
});
