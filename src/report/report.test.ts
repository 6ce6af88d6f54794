import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { csv } from "../../test/browser/fixtures.js";
import { externalUrls, idsOf } from "../../test/browser/page-checks.js";
import { caught } from "../../test/support/expect-error.js";
import { createMetric } from "../metric.js";
import * as C from "../metrics/classification/index.js";
import { cocoEvalDef, cocoToImages } from "../metrics/detection/index.js";
import * as R from "../metrics/regression/index.js";
import { diceScoreDef, meanIouDef } from "../metrics/segmentation/index.js";
import { histogramBins, niceCeiling } from "./bar-chart.js";
import { cellText, heatmapSvg, textColourOn, viridis } from "./heatmap.js";
import { lineChartSvg } from "./line-chart.js";
import { buildReport, report } from "./report.js";
import { heatmapSpec, lineChartSpec } from "./vega-lite.js";
import { perClassTable, thresholdTable, wilsonInterval } from "./views.js";

const golden = JSON.parse(readFileSync("test/data/golden/report-views.json", "utf8")) as {
  perClass: number[][];
  wilson: [number, number, number, number][];
};

const binaryPreds = csv("data/samples/classification/binary_preds.csv").map((r) => r[0]!);
const binaryTarget = csv("data/samples/classification/binary_target.csv").map((r) => r[0]!);
const multiPreds = csv("data/samples/classification/multiclass_preds.csv");
const multiTarget = csv("data/samples/classification/multiclass_target.csv").map((r) => r[0]!);

const roc = {
  title: "ROC <test>",
  xLabel: "FPR",
  yLabel: "TPR",
  diagonal: true,
  series: [{ name: "model", x: [0, 0.2, 1], y: [0, 0.7, 1] }],
};

describe("SVG plots", () => {
  it("lineChartSvg draws each series in plot coordinates and escapes text", () => {
    const svg = lineChartSvg(roc, { id: "a" });
    expect(svg).toContain("ROC &lt;test&gt;");
    // Frame: left 60, top 40, plot 362 x 290. x = 0.2 → 60 + 0.2·362 = 132.4; y = 0.7 → 40 + 290 − 0.7·290 = 127.
    expect(svg).toContain('points="60,330 132.4,127 422,40"');
    expect(svg).toContain("stroke-dasharray");
  });

  it("each SVG's ids start with its own id, so two plots on a page never share one", () => {
    const a = lineChartSvg(roc, { id: "fig-1" });
    const b = lineChartSvg(roc, { id: "fig-2" });
    const { ids, refs } = idsOf(a + b);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refs) expect(ids).toContain(ref);
    // Without an id, the id comes from the title (stable, and distinct for distinct titles).
    expect(idsOf(lineChartSvg(roc)).ids[0]).not.toBe(idsOf(lineChartSvg({ ...roc, title: "other" })).ids[0]);
  });

  it("puts the legend inside the frame on a background and wraps long names instead of clipping them", () => {
    const long = "a very long model name that would never fit on one line of a legend box in a plot";
    const svg = lineChartSvg({ ...roc, series: [{ name: long, x: [0, 1], y: [0, 1] }] }, { id: "x" });
    const legend =
      /<g class="legend"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="white"/.exec(
        svg,
      );
    expect(legend).not.toBeNull();
    const [x, y, w, h] = legend!.slice(1).map(Number) as [number, number, number, number];
    expect(x).toBeGreaterThanOrEqual(60);
    expect(x + w).toBeLessThanOrEqual(422);
    expect(y).toBeGreaterThanOrEqual(40);
    expect(y + h).toBeLessThanOrEqual(330);
    const spans = [...svg.slice(svg.indexOf('class="legend"')).matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map(
      (m) => m[1]!,
    );
    expect(spans.join(" ")).toContain(long);
    expect(spans.length).toBeGreaterThan(2);
    for (const span of spans) expect(span.length * 11 * 0.6).toBeLessThanOrEqual(w - 30);
  });

  it("draws a confidence band as a shaded polygon and lists it in the legend", () => {
    const svg = lineChartSvg(
      {
        ...roc,
        series: [
          {
            name: "m",
            x: [0, 0.5, 1],
            y: [0.1, 0.5, 0.9],
            band: { low: [0, 0.4, 0.8], high: [0.2, 0.6, 1] },
          },
        ],
      },
      { id: "b" },
    );
    expect(svg).toContain('class="band"');
    expect(svg).toContain("m: 95% interval");
  });

  it("heatmap text is white on dark cells and black on light ones, with a colour scale", () => {
    expect(textColourOn(viridis(0))).toBe("white");
    expect(textColourOn(viridis(1))).toBe("black");
    const svg = heatmapSvg(
      {
        title: "c",
        values: [
          [100, 0],
          [3, 50],
        ],
        rowLabels: ["a", "b"],
        colLabels: ["a", "b"],
      },
      { id: "h" },
    );
    expect(svg).toMatch(/fill="white">0<\/text>/);
    expect(svg).toMatch(/fill="black">100<\/text>/);
    expect(svg).toContain('class="colour-scale"');
    expect(svg).toContain('id="h-scale"');
  });

  it("heatmap cells of 25 classes keep their values readable or in a tooltip", () => {
    const K = 25;
    const values = Array.from({ length: K }, (_, r) =>
      Array.from({ length: K }, (_, c) => (r === c ? 0.91 : 0.0037)),
    );
    const names = Array.from({ length: K }, (_, k) => `class number ${k}`);
    const svg = heatmapSvg({ title: "25", values, rowLabels: names, colLabels: names }, { id: "k" });
    expect(svg.match(/<title>/g)).toHaveLength(K * K);
    expect(svg).toContain(">.91</text>");
    expect(cellText(0.0037)).toBe("<.01");
    expect(cellText(123456)).toBe("123k");
  });

  it("histograms bin values over their range and count axes go in round steps", () => {
    expect(histogramBins([0, 0.5, 1, Number.NaN], 2)).toEqual({
      edges: [0, 0.5, 1],
      counts: [1, 2],
      missing: 1,
    });
    expect(niceCeiling(205.7)).toBe(250);
    expect(niceCeiling(63)).toBe(80);
  });

  it("the Vega-Lite specs carry the chance diagonal, bands and the heatmap's colour scale and text contrast", () => {
    const spec = lineChartSpec(roc) as { data: { values: unknown[] }; layer: { description?: string }[] };
    expect(spec.data.values).toEqual([
      { series: "model", x: 0, y: 0, order: 0 },
      { series: "model", x: 0.2, y: 0.7, order: 1 },
      { series: "model", x: 1, y: 1, order: 2 },
    ]);
    expect(spec.layer.some((l) => l.description === "y = x")).toBe(true);
    const heat = JSON.stringify(
      heatmapSpec({ title: "c", values: [[1]], rowLabels: ["x"], colLabels: ["y"] }),
    );
    expect(heat).toContain('"scheme":"viridis"');
    expect(heat).toContain('"value":"white"');
  });

  it("refuses series whose lengths differ", () => {
    expect(caught(() => lineChartSvg({ ...roc, series: [{ name: "bad", x: [0, 1], y: [0] }] })).message).toBe(
      'lineChartSvg: series "bad" has 2 x and 1 y values',
    );
  });
});

describe("views", () => {
  it("the per-class table matches scikit-learn's classification_report", () => {
    const f1 = createMetric(C.multiclassF1Def({ numClasses: 4 })).update(multiPreds, multiTarget);
    const matrix = C.multiclassConfusionMatrixDef({ numClasses: 4 }).compute(f1.state);
    const rows = perClassTable(matrix);
    rows.forEach((row, i) => {
      const [precision, recall, f, support] = golden.perClass[i]!;
      expect(row.precision).toBeCloseTo(precision!, 12);
      expect(row.recall).toBeCloseTo(recall!, 12);
      expect(row.f1).toBeCloseTo(f!, 12);
      expect(row.support).toBe(support);
    });
  });

  it("Wilson intervals match scipy's binomtest proportion_ci", () => {
    for (const [k, n, low, high] of golden.wilson) {
      const [l, h] = wilsonInterval(k / n, n);
      expect(l).toBeCloseTo(low, 12);
      expect(h).toBeCloseTo(high, 12);
    }
  });
});

describe("report", () => {
  it("a binary classification report exposes the data behind every plot, read from the metric states", async () => {
    const metrics = {
      auroc: createMetric(C.binaryAurocDef()).update(binaryPreds, binaryTarget),
      f1: createMetric(C.binaryF1Def()).update(binaryPreds, binaryTarget),
      ece: createMetric(C.binaryCalibrationErrorDef()).update(binaryPreds, binaryTarget),
    };
    const doc = await buildReport({ task: "classification", metrics });
    const figures = doc.sections.flatMap((s) => s.figures);
    const rocData = figures.find((f) => f.chart.title === "ROC curve")!.data as {
      fpr: number[];
      tpr: number[];
    }[];
    const reference = C.binaryRocCurve(binaryPreds, binaryTarget);
    expect(rocData[0]!.fpr).toEqual(reference.fpr);
    expect(rocData[0]!.tpr).toEqual(reference.tpr);
    const prData = figures.find((f) => f.chart.title === "Precision-recall curve")!.data as {
      precision: number[];
    }[];
    expect(prData[0]!.precision).toEqual(C.binaryPrecisionRecallCurve(binaryPreds, binaryTarget).precision);
    const bins = figures.find((f) => f.chart.title === "Reliability diagram")!.data as {
      count: number;
      accuracy: number;
      confidence: number;
    }[];
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(binaryPreds.length);
    // First bin [0, 1/15): the samples below 1/15, their mean score and positive share.
    const first = binaryPreds.map((p, i) => [p, binaryTarget[i]!] as const).filter(([p]) => p < 1 / 15);
    expect(bins[0]!.count).toBe(first.length);
    expect(bins[0]!.confidence).toBeCloseTo(first.reduce((a, [p]) => a + p, 0) / first.length, 12);
    expect(bins[0]!.accuracy).toBeCloseTo(first.reduce((a, [, t]) => a + t, 0) / first.length, 12);
    const confusion = figures.find((f) => f.chart.title === "Confusion matrix (counts)")!.data;
    expect(confusion).toEqual(C.binaryConfusionMatrix(binaryPreds, binaryTarget));
    expect(doc.signatures.auroc).toMatch(/^classification\/binary_auroc\|ref:torchmetrics-1\.9\.0\|version:/);
  });

  it("the threshold table's best-F1 row is the best F1 over the precision-recall curve", () => {
    const pr = C.binaryPrecisionRecallCurve(binaryPreds, binaryTarget);
    const rocCurve = C.binaryRocCurve(binaryPreds, binaryTarget);
    const rows = thresholdTable({ name: "x", pr, roc: rocCurve, prevalence: 0 });
    const best = rows.find((r) => r.reason === "best F1")!;
    const f1s = pr.precision.map((p, i) =>
      p + pr.recall[i]! > 0 ? (2 * p * pr.recall[i]!) / (p + pr.recall[i]!) : 0,
    );
    expect(best.f1).toBeCloseTo(Math.max(...f1s.slice(0, -1)), 12);
    expect(C.binaryF1(binaryPreds, binaryTarget, { threshold: best.threshold - 1e-9 })).toBeCloseTo(
      best.f1,
      12,
    );
  });

  it("the HTML is one self-contained page: no scripts, no external URL, unique ids, escaped names", async () => {
    const f1 = createMetric(C.multiclassF1Def({ numClasses: 4 })).update(multiPreds, multiTarget);
    const auroc = createMetric(C.multiclassAurocDef({ numClasses: 4 })).update(multiPreds, multiTarget);
    const html = await report({
      task: "classification",
      metrics: [f1, { name: "auroc", def: auroc.def, state: auroc.state }],
      classNames: ["<script>alert(1)</script>", "benign", "suspicious", "malignant"],
      title: "Scan triage",
    });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    expect(html).toContain("&lt;script&gt;");
    expect(externalUrls(html)).toEqual([]);
    const { ids, refs } = idsOf(html);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refs) expect(ids).toContain(ref);
  });

  it("regression: predicted against actual, residuals and the error distribution", async () => {
    const preds = csv("data/samples/regression/preds.csv").map((r) => r[0]!);
    const target = csv("data/samples/regression/target.csv").map((r) => r[0]!);
    const doc = await buildReport({
      task: "regression",
      metrics: { mae: createMetric(R.meanAbsoluteErrorDef()).update(preds, target) },
      predictions: { preds, target },
    });
    const titles = doc.sections.flatMap((s) => s.figures.map((f) => f.chart.title));
    expect(titles).toEqual(["Predicted against actual", "Residuals against predicted", "Error distribution"]);
    const hist = doc.sections[1]!.figures[2]!.data as { counts: number[] };
    expect(hist.counts.reduce((a, b) => a + b, 0)).toBe(preds.length);
  });

  it("detection: COCO precision-recall per IoU threshold and area range, AP per category", async () => {
    const gt = JSON.parse(readFileSync("data/samples/detection/instances.json", "utf8"));
    const dets = JSON.parse(readFileSync("data/samples/detection/results.json", "utf8"));
    const { images } = cocoToImages(gt, dets);
    const coco = createMetric(cocoEvalDef()).update(images);
    const doc = await buildReport({ task: "detection", metrics: { coco } });
    const section = doc.sections.find((s) => s.heading === "Detection: coco")!;
    const byIou = section.figures[0]!.data as { iou: number; precision: number[] }[];
    expect(byIou.map((c) => c.iou)).toHaveLength(10);
    // AP at IoU .5 is the mean of the curve over the 101 recall points (pycocotools' summary).
    const result = coco.compute() as { stats: number[] };
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(byIou[0]!.precision)).toBeCloseTo(result.stats[1]!, 12);
    expect(doc.sections[0]!.tables[0]!.rows.length).toBe(12);
  });

  it("segmentation: per-class IoU and Dice bars and the pixel confusion", async () => {
    const preds = [
      [
        [0, 1, 1],
        [2, 2, 0],
      ],
    ];
    const target = [
      [
        [0, 1, 2],
        [2, 2, 0],
      ],
    ];
    const doc = await buildReport({
      task: "segmentation",
      metrics: {
        miou: createMetric(meanIouDef({ numClasses: 3 })).update(preds, target),
        dice: createMetric(diceScoreDef({ numClasses: 3 })).update(preds, target),
      },
      classNames: ["background", "road", "car"],
    });
    const bars = doc.sections.find((s) => s.heading === "Per class")!.figures[0]!;
    expect(bars.data).toEqual([
      { name: "miou", values: [1, 0.5, 2 / 3] },
      { name: "dice", values: [1, 2 / 3, 0.8] },
    ]);
  });

  it("text, retrieval and rag: intervals, per-sample distributions, judged samples and cost", async () => {
    const text = await buildReport({
      task: "text",
      metrics: [],
      intervals: { bleu: { estimate: 30, low: 27, high: 33, confidence: 0.95, resamples: 1000 } },
      perSample: { bleu: [10, 20, 30, 40] },
    });
    expect(text.sections.map((s) => s.heading)).toEqual([
      "Scores",
      "Scores with confidence intervals",
      "Sentence-level scores",
    ]);
    const rag = await buildReport({
      task: "rag",
      metrics: [],
      samples: [
        { id: "s1", scores: { faithfulness: 1 }, reasons: { faithfulness: "every claim supported" } },
      ],
      cost: { requests: 3, inputTokens: 900, outputTokens: 120 },
    });
    expect(rag.sections.find((s) => s.heading === "Samples")!.tables[0]!.rows).toEqual([
      ["s1", 1, "faithfulness: every claim supported"],
    ]);
    expect(rag.sections.find((s) => s.heading === "Cost")!.tables[0]!.rows).toEqual([
      [3, 900, 120, "unknown"],
    ]);
  });

  it("refuses what is not evaluation results", async () => {
    const error = await buildReport({ task: "nope" as never, metrics: [] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'report: `task` must be one of classification, regression, detection, segmentation, text, retrieval, rag, got "nope"',
    );
    const bad = await buildReport({
      task: "classification",
      metrics: [{ def: 3 as never, state: {} }],
    }).catch((e: unknown) => e);
    expect((bad as Error).message).toBe(
      "report: metrics[0] must be a metric or { def, state }, got an object (Object)",
    );
    const state = await buildReport({
      task: "classification",
      metrics: [{ def: C.binaryCalibrationErrorDef(), state: { bins: [1, 2] } }],
    }).catch((e: unknown) => e);
    expect((state as { code: string }).code).toBe("invalid_state");
    const fields: [Record<string, unknown>, string][] = [
      [{ classNames: [1] }, "report: `classNames` must be a list of strings, got an array of length 1"],
      [
        { predictions: { preds: "abc", target: [] } },
        "report: `predictions` must be { preds: numbers, target: numbers }",
      ],
      [{ perSample: { bleu: ["x"] } }, "report: `perSample.bleu` must be a list of numbers"],
      [
        { intervals: { bleu: { estimate: 1 } } },
        "report: `intervals.bleu` must be { estimate, low, high, confidence } numbers",
      ],
      [{ samples: [{ id: 1, scores: {} }] }, "report: `samples[0]` must be { id, question?, scores"],
      [
        { cost: { requests: "3" } },
        "report: `cost` must be { requests, inputTokens, outputTokens, usd? } numbers",
      ],
    ];
    for (const [extra, message] of fields) {
      const error = await buildReport({ task: "rag", metrics: [], ...extra } as never).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message.startsWith(message), (error as Error).message).toBe(true);
    }
  });
});
