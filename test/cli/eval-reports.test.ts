/**
 * `--report FILE.html` on every eval command and on merge (issue 12 §1): each writes one
 * self-contained page (no external URL, unique element ids) with the task's plots and the
 * signatures of its numbers, from the bundled sample data. The pages are also opened in headless
 * Chromium (test/browser), which must not be asked for anything but the file itself.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "../browser/chromium.js";
import { externalUrls, idsOf } from "../browser/page-checks.js";
import { SAMPLE_ARGS } from "../support/sample-args.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-eval-reports-"));

// Runs the built CLI (`npm test` builds first).
function run(args: string[]): string {
  const result = spawnSync("node", ["dist/cli/main.js", ...args], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
}

const state = join(dir, "classification-state.json");

/** Each command, its arguments on the sample data, and texts its report must hold. */
const CASES: { name: string; args: string[]; holds: string[] }[] = [
  {
    name: "classification",
    args: [...SAMPLE_ARGS.classification, "--emit-state", state],
    holds: ["ROC curve", "Reliability diagram", "Confusion matrix", "classification/binary_auroc|"],
  },
  {
    name: "regression",
    args: [...SAMPLE_ARGS.regression],
    holds: ["Predicted against actual", "Error distribution", "regression/r2_score|"],
  },
  {
    name: "detection",
    args: [...SAMPLE_ARGS.detection],
    holds: ["precision-recall per IoU threshold", "AP per category", "detection/coco_map|"],
  },
  {
    name: "segmentation",
    args: [...SAMPLE_ARGS.segmentation],
    holds: ["Per-class scores", "Pixel confusion", "segmentation/mean_iou|"],
  },
  {
    name: "text",
    args: [...SAMPLE_ARGS.text, "--bootstrap", "200"],
    holds: ["bootstrap intervals", "Sentence-level scores", "text/corpus_bleu|"],
  },
  {
    name: "retrieval",
    args: [...SAMPLE_ARGS.retrieval],
    holds: ["Per-query scores", "ndcg@10", "trec_eval conventions"],
  },
  {
    name: "retrieval-torchmetrics",
    args: [...SAMPLE_ARGS.retrieval, "--convention", "torchmetrics"],
    holds: ["retrieval/r_precision|"],
  },
  {
    name: "rag",
    args: [...SAMPLE_ARGS.rag],
    holds: ["Samples", "Scores with confidence intervals"],
  },
];

const pages: { name: string; path: string }[] = [];

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("--report FILE.html", () => {
  for (const c of CASES) {
    it(`eval ${c.name} writes a self-contained report of its task`, () => {
      const path = join(dir, `${c.name}.html`);
      run([...c.args, "--report", path]);
      const html = readFileSync(path, "utf8");
      expect(html.startsWith("<!doctype html>")).toBe(true);
      expect(externalUrls(html)).toEqual([]);
      const { ids, refs } = idsOf(html);
      expect(new Set(ids).size).toBe(ids.length);
      for (const ref of refs) expect(ids).toContain(ref);
      for (const text of c.holds) expect(html, text).toContain(text);
      pages.push({ name: c.name, path });
    }, 60_000);
  }

  it("merge writes the report of the merged states", () => {
    const path = join(dir, "merge.html");
    run(["merge", state, "--report", path]);
    const html = readFileSync(path, "utf8");
    expect(externalUrls(html)).toEqual([]);
    expect(html).toContain("ROC curve");
    expect(html).toContain("classification/binary_auroc|");
    pages.push({ name: "merge", path });
  });

  it("regression reports plot a bounded sample of the pairs and say so", async () => {
    const { PairReservoir } = await import("../../src/cli/eval/pair-reservoir.js");
    const reservoir = new PairReservoir(100, 0);
    const values = Float64Array.from({ length: 10_000 }, (_, i) => i);
    reservoir.add(values, values);
    const sample = reservoir.sample();
    expect(sample.preds.length).toBe(100);
    // A uniform sample: about as many from each half of the stream.
    const early = sample.preds.filter((v) => v < 5000).length;
    expect(early).toBeGreaterThan(30);
    expect(early).toBeLessThan(70);
    expect(reservoir.note()).toBe(
      "The plots show a uniform random sample of 100 of the 10000 pairs (reservoir sampling, seed 0); the scores use every pair.",
    );
  });

  it("refuses a report path that cannot be written before any work (one line, exit 2)", () => {
    const result = spawnSync(
      "node",
      ["dist/cli/main.js", ...CASES[1]!.args, "--report", join(dir, "no", "such", "dir", "r.html")],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `plumbline: eval regression: cannot write --report ${join(dir, "no", "such", "dir", "r.html")} (the directory ${join(dir, "no", "such", "dir")} does not exist)\n`,
    );
  });

  it.skipIf(!existsSync(CHROMIUM))(
    "each report opens in headless Chromium without a single request",
    async () => {
      expect(pages.length).toBe(CASES.length + 1);
      const { context, close } = await launchChromium();
      const requests: string[] = [];
      try {
        await context.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith("file://") || url.startsWith("data:")) return route.continue();
          requests.push(url);
          return route.abort();
        });
        for (const p of pages) {
          const page = await context.newPage();
          await page.goto(`file://${p.path}`);
          const svgs = await page.locator("svg").count();
          // The torchmetrics-convention retrieval report is a table of scores only.
          if (p.name !== "retrieval-torchmetrics") expect(svgs, p.name).toBeGreaterThan(0);
          expect(await page.locator("table").count(), p.name).toBeGreaterThan(0);
          await page.close();
        }
      } finally {
        await close();
      }
      expect(requests).toEqual([]);
    },
    120_000,
  );
});
