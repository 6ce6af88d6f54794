import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEvalCommand } from "../../../test/support/cli.js";
import { corpusBleu } from "../../metrics/text/translation/bleu.js";
import { chrf } from "../../metrics/text/translation/chrf.js";
import { ter } from "../../metrics/text/translation/ter.js";
import { evaluateTextMetric, parseTextSettings, readSegments, register } from "./text.js";

const settings = parseTextSettings({
  tokenize: "13a",
  smoothMethod: "exp",
  convention: "jiwer",
  smoothing: "method0",
  seed: "0",
});
const samples = (name: string) => join(process.cwd(), "data/samples/text", name);
const run = (args: string[]) => runEvalCommand(register, "text", args);

describe("eval text", () => {
  it("reads plain lines and JSONL segments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-text-"));
    writeFileSync(join(dir, "a.txt"), "one line\r\nsecond\n");
    writeFileSync(join(dir, "b.jsonl"), '"plain"\n{"text": "object"}\n["r1", "r2"]\n');
    expect(await readSegments(join(dir, "a.txt"), "hypothesis")).toEqual(["one line", "second"]);
    expect(await readSegments(join(dir, "b.jsonl"), "reference")).toEqual(["plain", "object", ["r1", "r2"]]);
    await expect(readSegments(join(dir, "missing.txt"), "hypothesis")).rejects.toThrow(
      "eval text (hypothesis file): cannot read",
    );
  });

  it("prints BLEU with its sacrebleu signature and WER with its reference", async () => {
    const refs = { perHypothesis: [["the cat sat on the mat"]], streams: [["the cat sat on the mat"]] };
    const bleu = await evaluateTextMetric("bleu", ["the cat sat on the mat"], refs, settings);
    expect(bleu.line).toBe(
      "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)",
    );
    const wer = await evaluateTextMetric(
      "wer",
      ["a x c d"],
      { perHypothesis: [["a b c"]], streams: [["a b c"]] },
      settings,
    );
    expect(wer.line).toBe("WER (jiwer 2.3.0) = 0.6667");
    await expect(
      evaluateTextMetric("wer", ["a"], { perHypothesis: [["a", "b"]], streams: [["a"], ["b"]] }, settings),
    ).rejects.toThrow("eval text: --metrics wer takes exactly one reference per hypothesis");
  });

  it("computes BLEU, chrF and TER without --metrics, with two reference files as streams", async () => {
    const r = await run([
      "--hyp",
      samples("mt-hyp.txt"),
      "--ref",
      samples("mt-ref1.txt"),
      samples("mt-ref2.txt"),
      "--format",
      "json",
    ]);
    expect(r.code, r.err).toBe(0);
    const records = JSON.parse(r.out) as { metric: string; score: number }[];
    expect(records.map((x) => x.metric)).toEqual(["bleu", "chrf", "ter"]);
    const lines = (name: string) =>
      readFileSync(samples(name), "utf8")
        .split("\n")
        .filter((l) => l.length > 0);
    const hyps = lines("mt-hyp.txt");
    const streams = [lines("mt-ref1.txt"), lines("mt-ref2.txt")];
    expect(records[0]!.score).toBe(corpusBleu(hyps, streams).score);
    expect(records[1]!.score).toBe(chrf(hyps, streams).score);
    expect(records[2]!.score).toBe(ter(hyps, streams).score);
  });

  it("reports bootstrap intervals around the corpus score, in table, JSON and CSV", async () => {
    const args = [
      "--hyp",
      samples("mt-hyp.txt"),
      "--ref",
      samples("mt-ref1.txt"),
      "--metrics",
      "bleu,wer",
      "--bootstrap",
      "200",
      "--seed",
      "3",
    ];
    const json = await run([...args, "--format", "json"]);
    expect(json.code, json.err).toBe(0);
    const [bleu, wer] = JSON.parse(json.out) as {
      score: number;
      ci: { low: number; high: number; confidence: number; resamples: number };
    }[];
    for (const r of [bleu!, wer!]) {
      expect(r.ci.low).toBeLessThanOrEqual(r.score);
      expect(r.ci.high).toBeGreaterThanOrEqual(r.score);
      expect(r.ci.confidence).toBeCloseTo(0.95, 15);
      expect(r.ci.resamples).toBe(200);
    }
    const csv = await run([...args, "--format", "csv"]);
    expect(csv.out.split("\n")[0]).toBe("metric,score,ci_low,ci_high,reference,signature");
    const table = await run(args);
    expect(table.out).toMatch(
      /BLEU\|nrefs:1\|.* = \d+\.\d\d .*\[95% CI \d+\.\d\d-\d+\.\d\d, 200 resamples\]/,
    );
  });

  it("exits 2 with one line for values that mean nothing (issue 9)", async () => {
    const base = ["--hyp", samples("mt-hyp.txt"), "--ref", samples("mt-ref1.txt")];
    for (const [flags, message] of [
      [["--alpha", "2"], 'eval text: --alpha must be a number in (0, 1), got "2"'],
      [["--alpha", "abc"], 'eval text: --alpha must be a number in (0, 1), got "abc"'],
      [["--bootstrap", "0"], 'eval text: --bootstrap must be an integer in [1, 1000000], got "0"'],
      [["--metrics", "bleuu"], 'eval text: unknown metric "bleuu"'],
      [["--tokenize", "spm"], 'eval text: --tokenize must be one of 13a, intl, zh, char, none, got "spm"'],
      [["--format", "xml"], 'eval text: --format must be one of table, json, csv, got "xml"'],
    ] as const) {
      const r = await run([...base, ...flags]);
      expect(r.code, r.out).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    const noRef = await run(["--hyp", samples("mt-hyp.txt")]);
    expect(noRef.code).toBe(2);
    expect(noRef.err).toContain("eval text: --ref is required for bleu, chrf, ter");
  });
});
