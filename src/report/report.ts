/**
 * `report(results)`: one self-contained HTML file per evaluation, built from metric states.
 * `buildReport(results)` gives the same report as data (sections, tables, figures with the data
 * behind each plot), for users who render it themselves or want the numbers.
 */
import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import { signature } from "../signature/signature.js";
import { VERSION } from "../signature/version.js";
import { histogramBins } from "./bar-chart.js";
import { formatNumber } from "./escape.js";
import { figureSvg, type ReportFigure } from "./figures.js";
import { htmlReport, type ReportTable } from "./html.js";
import { isoF1Guides } from "./line-chart.js";
import {
  checkResultFields,
  type EvaluationResults,
  type NamedMetric,
  namedMetrics,
  REPORT_TASKS,
  RESULT_FIELDS,
} from "./results.js";
import {
  cocoCurves,
  confusionOf,
  curvesOf,
  isCocoResult,
  normalizeRows,
  perClassOf,
  perClassTable,
  reliabilityOf,
  thinCurve,
  thresholdTable,
} from "./views.js";

/** A section of a report document. */
export interface DocumentSection {
  readonly heading: string;
  readonly text?: string;
  readonly tables: readonly ReportTable[];
  readonly figures: readonly ReportFigure[];
}

/** A report as data: what `report` renders to HTML. */
export interface ReportDocument {
  readonly title: string;
  readonly task: EvaluationResults["task"];
  readonly sections: readonly DocumentSection[];
  /** Each metric's signature (`plumbline/signature`), by row name. */
  readonly signatures: Readonly<Record<string, string>>;
  readonly version: string;
}

/** Most curves drawn in one ROC/PR plot (one per class); the rest are listed in the plot's note. */
export const MAX_CURVES = 12;

class Builder {
  readonly sections: DocumentSection[] = [];
  #figures = 0;
  figure<F extends Omit<ReportFigure, "id">>(figure: F): ReportFigure {
    this.#figures++;
    return { ...figure, id: `fig-${this.#figures}` } as unknown as ReportFigure;
  }
  section(
    heading: string,
    content: { text?: string; tables?: ReportTable[]; figures?: ReportFigure[] },
  ): void {
    this.sections.push({
      heading,
      ...(content.text ? { text: content.text } : {}),
      tables: content.tables ?? [],
      figures: content.figures ?? [],
    });
  }
}

/** A metric's value as table rows: numbers, named numbers, COCO summaries, per-class arrays. */
function valueRows(name: string, value: unknown): [string, number | string][] {
  if (typeof value === "number") return [[name, value]];
  if (isCocoResult(value)) {
    const { stats, statLabels } = value as unknown as { stats: number[]; statLabels: string[] };
    return stats.map((s, i) => [`${name} ${statLabels[i] ?? i}`, s]);
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = Array.from(value as ArrayLike<unknown>);
    if (list.every((v) => typeof v === "number"))
      return [[`${name} (per class)`, list.map((v) => formatNumber(v as number)).join(", ")]];
  }
  if (value !== null && typeof value === "object") {
    // A result record with its headline number (sacrebleu's BLEU, chrF and TER results).
    const score = (value as { score?: unknown }).score;
    if (typeof score === "number") return [[name, score]];
    const entries = Object.entries(value);
    if (entries.length <= 40 && entries.every(([, v]) => typeof v === "number"))
      return entries.map(([k, v]) => [`${name}.${k}`, v as number]);
  }
  const text =
    JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) ? "[array]" : v)) ?? String(value);
  return [[name, text.length > 120 ? `${text.slice(0, 117)}...` : text]];
}

async function scoresSection(
  b: Builder,
  results: EvaluationResults,
  metrics: readonly NamedMetric[],
  signatures: Record<string, string>,
) {
  const intervals = results.intervals ?? {};
  const hasIntervals = Object.keys(intervals).length > 0;
  const rows: (string | number)[][] = [];
  const values = new Map<string, unknown>();
  for (const m of metrics) {
    const value = m.def.compute(m.state);
    values.set(m.name, value);
    for (const [label, v] of valueRows(m.name, value)) {
      const ci = intervals[m.name];
      rows.push([
        label,
        v,
        ...(hasIntervals ? [ci ? `[${formatNumber(ci.low)}, ${formatNumber(ci.high)}]` : ""] : []),
        signatures[m.name] ?? m.def.id,
      ]);
    }
  }
  for (const [name, ci] of Object.entries(intervals))
    if (!values.has(name))
      rows.push([name, ci.estimate, `[${formatNumber(ci.low)}, ${formatNumber(ci.high)}]`, ""]);
  b.section("Scores", {
    ...(results.notes?.length ? { text: results.notes.join(" ") } : {}),
    tables: [
      {
        columns: [
          "metric",
          "value",
          ...(hasIntervals
            ? [`${Math.round((Object.values(intervals)[0]?.confidence ?? 0.95) * 100)}% interval`]
            : []),
          "signature",
        ],
        rows,
      },
    ],
  });
  return values;
}

/** A confusion matrix normalised over its rows (targets) as a heatmap on [0, 1]; its data holds both. */
function normalizedConfusion(b: Builder, title: string, counts: number[][], labels: string[]): ReportFigure {
  const normalized = normalizeRows(counts);
  return b.figure({
    kind: "heatmap",
    chart: {
      title,
      values: normalized,
      rowLabels: labels,
      colLabels: labels,
      rowTitle: "target",
      colTitle: "prediction",
      domain: [0, 1],
    },
    data: { counts, normalized },
  });
}

function classificationSections(b: Builder, results: EvaluationResults, metrics: readonly NamedMetric[]) {
  const names = results.classNames;
  const curves = metrics.map((m) => curvesOf(m.def, m.state, names)).find((c) => c !== undefined);
  if (curves) {
    const shown = curves.slice(0, MAX_CURVES);
    const note =
      curves.length > MAX_CURVES
        ? `${curves.length - MAX_CURVES} more curves are in the data (not drawn).`
        : undefined;
    const roc = b.figure({
      kind: "line",
      chart: {
        title: "ROC curve",
        xLabel: "false positive rate",
        yLabel: "true positive rate",
        diagonal: "chance",
        series: shown.map((c) => ({ name: c.name, ...thinCurve(c.roc.fpr, c.roc.tpr) })),
        legend: "bottom-right",
      },
      data: curves.map((c) => ({ name: c.name, ...c.roc })),
    });
    const binary = curves.length === 1;
    const prevalence = curves[0]!.prevalence;
    const pr = b.figure({
      kind: "line",
      chart: {
        title: "Precision-recall curve",
        xLabel: "recall",
        yLabel: "precision",
        step: true,
        guides: [
          ...isoF1Guides(),
          ...(binary && Number.isFinite(prevalence)
            ? [
                {
                  label: `chance (prevalence ${formatNumber(prevalence)})`,
                  x: [0, 1],
                  y: [prevalence, prevalence],
                },
              ]
            : []),
        ],
        series: shown.map((c) => {
          // Drawn from high recall to low, as a step function of recall.
          const t = thinCurve(c.pr.recall, c.pr.precision);
          return { name: c.name, x: t.x, y: t.y };
        }),
        legend: "bottom-left",
      },
      data: curves.map((c) => ({ name: c.name, ...c.pr, prevalence: c.prevalence })),
    });
    const tables: ReportTable[] = [];
    if (binary) {
      const rows = thresholdTable(curves[0]!);
      tables.push({
        caption: "Operating points (positive when score ≥ threshold)",
        columns: ["threshold", "precision", "recall", "F1", "false positive rate", "row"],
        rows: rows.map((r) => [r.threshold, r.precision, r.recall, r.f1, r.fpr, r.reason]),
      });
    }
    b.section("Ranking: ROC and precision-recall", {
      text: `Iso-F1 lines show where F1 is constant.${note ? ` ${note}` : ""}`,
      tables,
      figures: [roc, pr],
    });
  }
  const bins = metrics.map((m) => reliabilityOf(m.def, m.state)).find((r) => r !== undefined);
  if (bins) {
    const used = bins.filter((bin) => bin.count > 0);
    const reliability = b.figure({
      kind: "line",
      chart: {
        title: "Reliability diagram",
        xLabel: "mean predicted confidence",
        yLabel: "observed accuracy",
        diagonal: "perfectly calibrated",
        legend: "top-left",
        series: [
          {
            name: "model",
            x: used.map((u) => u.confidence),
            y: used.map((u) => u.accuracy),
            band: { low: used.map((u) => u.accuracyLow), high: used.map((u) => u.accuracyHigh) },
            points: true,
          },
        ],
      },
      data: bins,
    });
    const counts = b.figure({
      kind: "histogram",
      chart: {
        title: "Samples per confidence bin",
        xLabel: "confidence",
        edges: [...bins.slice(0, -1).map((bin) => bin.low), 1],
        counts: bins
          .slice(0, -1)
          .map((bin, i) => bin.count + (i === bins.length - 2 ? bins[bins.length - 1]!.count : 0)),
      },
      data: bins.map((bin) => ({ low: bin.low, high: bin.high, count: bin.count })),
    });
    b.section("Calibration", {
      text: "Accuracy against confidence per bin, with Wilson 95% intervals; the last bin of the data holds confidence exactly 1 (torchmetrics' layout) and is drawn with the bin below it.",
      tables: [
        {
          caption: "Bins",
          columns: ["bin", "count", "mean confidence", "accuracy", "accuracy 95% interval"],
          rows: used.map((u) => [
            `[${formatNumber(u.low)}, ${formatNumber(u.high)}${u.high === 1 ? "]" : ")"}`,
            u.count,
            u.confidence,
            u.accuracy,
            `[${formatNumber(u.accuracyLow)}, ${formatNumber(u.accuracyHigh)}]`,
          ]),
        },
      ],
      figures: [reliability, counts],
    });
  }
  const matrix = metrics.map((m) => confusionOf(m.def, m.state)).find((c) => c !== undefined);
  if (matrix) {
    const labels = matrix.map((_, k) => names?.[k] ?? String(k));
    const raw = b.figure({
      kind: "heatmap",
      chart: {
        title: "Confusion matrix (counts)",
        values: matrix,
        rowLabels: labels,
        colLabels: labels,
        rowTitle: "target",
        colTitle: "prediction",
      },
      data: matrix,
    });
    const norm = normalizedConfusion(b, "Confusion matrix (normalised over targets)", matrix, labels);
    const perClass = perClassTable(matrix, labels);
    b.section("Confusion and per-class results", {
      tables: [
        {
          caption: "Per class (scikit-learn classification_report)",
          columns: ["class", "precision", "recall", "F1", "support"],
          rows: perClass.map((r) => [r.name, r.precision, r.recall, r.f1, r.support]),
        },
      ],
      figures: [raw, norm],
    });
  }
}

function regressionSections(b: Builder, results: EvaluationResults) {
  const data = results.predictions;
  if (!data) return;
  const n = data.preds.length;
  if (data.target.length !== n)
    fail(
      "shape_mismatch",
      `report: predictions.preds has ${n} values and predictions.target ${data.target.length}`,
    );
  const preds = Float64Array.from(data.preds);
  const target = Float64Array.from(data.target);
  const residuals = target.map((t, i) => t - preds[i]!);
  const scatter = b.figure({
    kind: "scatter",
    chart: {
      title: "Predicted against actual",
      xLabel: "actual (target)",
      yLabel: "predicted",
      x: target,
      y: preds,
      reference: "diagonal",
    },
    data: { actual: Array.from(target), predicted: Array.from(preds) },
  });
  const resid = b.figure({
    kind: "scatter",
    chart: {
      title: "Residuals against predicted",
      xLabel: "predicted",
      yLabel: "residual (actual − predicted)",
      x: preds,
      y: residuals,
      reference: "zero",
    },
    data: { predicted: Array.from(preds), residual: Array.from(residuals) },
  });
  const bins = histogramBins(residuals, 30);
  const mean = residuals.reduce((a, v) => a + v, 0) / Math.max(1, n);
  const hist = b.figure({
    kind: "histogram",
    chart: {
      title: "Error distribution",
      xLabel: "residual (actual − predicted)",
      edges: bins.edges,
      counts: bins.counts,
      marks: [{ label: "mean residual", value: mean }],
    },
    data: bins,
  });
  b.section("Predictions", { figures: [scatter, resid, hist] });
}

function detectionSections(b: Builder, results: EvaluationResults, values: Map<string, unknown>) {
  for (const [name, value] of values) {
    if (!isCocoResult(value)) continue;
    const curves = cocoCurves(value);
    const byIou = b.figure({
      kind: "line",
      chart: {
        title: `${name}: precision-recall per IoU threshold (area all)`,
        xLabel: "recall",
        yLabel: "precision (mean over categories)",
        series: curves.byIou.map((c) => ({
          name: `IoU ${formatNumber(c.iou)}`,
          x: curves.recall,
          y: c.precision,
        })),
        legend: "bottom-left",
      },
      data: curves.byIou,
    });
    const byArea = b.figure({
      kind: "line",
      chart: {
        title: `${name}: precision-recall per area range (IoU .50:.95)`,
        xLabel: "recall",
        yLabel: "precision (mean over categories)",
        series: curves.byArea.map((c) => ({ name: `area ${c.area}`, x: curves.recall, y: c.precision })),
        legend: "bottom-left",
      },
      data: curves.byArea,
    });
    const { perClassAp, perClassAr, categoryIds } = value as unknown as {
      perClassAp: number[];
      perClassAr: number[];
      categoryIds: number[];
    };
    const categoryName = (k: number) => results.classNames?.[k] ?? String(categoryIds[k] ?? k);
    const bars = b.figure({
      kind: "bar",
      chart: {
        title: `${name}: AP per category (IoU .50:.95)`,
        categories: perClassAp.map((_, k) => categoryName(k)),
        series: [{ name: "AP", values: perClassAp }],
        valueLabel: "average precision",
        domain: [0, 1],
      },
      data: perClassAp.map((ap, k) => ({ category: categoryName(k), ap, ar: perClassAr[k] })),
    });
    b.section(`Detection: ${name}`, {
      tables: [
        {
          caption: "Per category",
          columns: ["category", "AP@[.50:.95]", "AR@100"],
          rows: perClassAp.map((ap, k) => [categoryName(k), ap, perClassAr[k] ?? Number.NaN]),
        },
      ],
      figures: [byIou, byArea, bars],
    });
  }
}

async function segmentationSections(b: Builder, results: EvaluationResults, metrics: readonly NamedMetric[]) {
  const perClass: { name: string; values: number[] }[] = [];
  let confusion: number[][] | undefined;
  for (const m of metrics) {
    const values = await perClassOf(m.def, m.state);
    if (values) perClass.push({ name: m.name, values: values.map((v) => (v < 0 ? Number.NaN : v)) });
    const state = m.state as { confusion?: Float64Array };
    if (!confusion && m.def.id === "segmentation/mean_iou" && state.confusion instanceof Float64Array) {
      const C = Math.round(Math.sqrt(state.confusion.length));
      confusion = Array.from({ length: C }, (_, r) =>
        Array.from(state.confusion!.subarray(r * C, (r + 1) * C)),
      );
    }
  }
  const figures: ReportFigure[] = [];
  if (perClass.length > 0) {
    const K = Math.max(...perClass.map((p) => p.values.length));
    const options = (metrics[0]?.def.options ?? {}) as { includeBackground?: boolean };
    const offset = perClass[0]!.values.length < K || options.includeBackground === false ? 1 : 0;
    const categories = Array.from(
      { length: K },
      (_, k) => results.classNames?.[k + offset] ?? String(k + offset),
    );
    figures.push(
      b.figure({
        kind: "bar",
        chart: {
          title: "Per-class scores",
          categories,
          series: perClass.map((p) => ({
            name: p.name,
            values: Array.from({ length: K }, (_, k) => p.values[k] ?? Number.NaN),
          })),
          valueLabel: "score",
          domain: [0, 1],
        },
        data: perClass,
      }),
    );
  }
  if (confusion) {
    const labels = confusion.map((_, k) => results.classNames?.[k] ?? String(k));
    figures.push(normalizedConfusion(b, "Pixel confusion (normalised over targets)", confusion, labels));
  }
  if (figures.length > 0) b.section("Per class", { figures });
}

function distributionSections(b: Builder, results: EvaluationResults, heading: string, what: string) {
  const perSample = Object.entries(results.perSample ?? {});
  if (perSample.length === 0) return;
  const figures = perSample.map(([name, values]) => {
    const bins = histogramBins(values, 20);
    const finite = Array.from(values).filter(Number.isFinite);
    const mean = finite.reduce((a, v) => a + v, 0) / Math.max(1, finite.length);
    const ci = results.intervals?.[name];
    return b.figure({
      kind: "histogram",
      chart: {
        title: `${name}: ${what} distribution (${values.length})`,
        xLabel: name,
        edges: bins.edges,
        counts: bins.counts,
        marks: [
          { label: "mean", value: mean },
          ...(ci ? [{ label: "corpus score", value: ci.estimate }] : []),
        ],
      },
      data: { ...bins, values: Array.from(values) },
    });
  });
  b.section(heading, { figures });
}

function intervalFigure(b: Builder, results: EvaluationResults) {
  const intervals = Object.entries(results.intervals ?? {});
  if (intervals.length === 0) return;
  b.section("Scores with confidence intervals", {
    figures: [
      b.figure({
        kind: "bar",
        chart: {
          title: `Scores with ${Math.round((intervals[0]![1].confidence ?? 0.95) * 100)}% bootstrap intervals`,
          categories: intervals.map(([name]) => name),
          series: [
            {
              name: "score",
              values: intervals.map(([, ci]) => ci.estimate),
              low: intervals.map(([, ci]) => ci.low),
              high: intervals.map(([, ci]) => ci.high),
            },
          ],
          valueLabel: "score",
        },
        data: Object.fromEntries(intervals),
      }),
    ],
  });
}

function ragSections(b: Builder, results: EvaluationResults) {
  const samples = results.samples ?? [];
  if (samples.length > 0) {
    const metricNames = [...new Set(samples.flatMap((s) => Object.keys(s.scores)))];
    const hasQuestion = samples.some((s) => s.question !== undefined);
    b.section("Samples", {
      tables: [
        {
          columns: ["id", ...(hasQuestion ? ["question"] : []), ...metricNames, "judge's reasons"],
          rows: samples.map((s) => [
            s.id,
            ...(hasQuestion ? [s.question ?? ""] : []),
            ...metricNames.map((m) => s.scores[m] ?? Number.NaN),
            Object.entries(s.reasons ?? {})
              .map(([m, r]) => `${m}: ${r}`)
              .join(" | "),
          ]),
        },
      ],
    });
  }
  if (results.cost) {
    const c = results.cost;
    b.section("Cost", {
      tables: [
        {
          columns: ["requests", "input tokens", "output tokens", "cost (USD)"],
          rows: [[c.requests, c.inputTokens, c.outputTokens, c.usd === undefined ? "unknown" : c.usd]],
        },
      ],
    });
  }
}

function checkResults(results: EvaluationResults): void {
  if (results === null || typeof results !== "object")
    fail(
      "invalid_value",
      `report: expected evaluation results { task, metrics }, got ${describeValue(results)}`,
    );
  // Read strictly, as options are: a misspelt field (`note`, `interval`) is an error, not ignored.
  readOptions("report", results, RESULT_FIELDS);
  if (!(REPORT_TASKS as readonly string[]).includes(results.task))
    fail(
      "invalid_value",
      `report: \`task\` must be one of ${REPORT_TASKS.join(", ")}, got ${describeValue(results.task)}`,
    );
  checkResultFields(results);
}

/** The report of `results` as data: sections with tables and figures (each with the data behind it). */
export async function buildReport(results: EvaluationResults): Promise<ReportDocument> {
  checkResults(results);
  const metrics = namedMetrics(results);
  const signatures: Record<string, string> = {};
  for (const m of metrics) {
    try {
      signatures[m.name] = await signature(m.def);
    } catch {
      signatures[m.name] = m.def.id;
    }
  }
  const b = new Builder();
  const values = await scoresSection(b, results, metrics, signatures);
  switch (results.task) {
    case "classification":
      classificationSections(b, results, metrics);
      break;
    case "regression":
      regressionSections(b, results);
      break;
    case "detection":
      detectionSections(b, results, values);
      break;
    case "segmentation":
      await segmentationSections(b, results, metrics);
      break;
    case "text":
      intervalFigure(b, results);
      distributionSections(b, results, "Sentence-level scores", "sentence score");
      break;
    case "retrieval":
      distributionSections(b, results, "Per-query scores", "per-query");
      break;
    case "rag":
      intervalFigure(b, results);
      ragSections(b, results);
      distributionSections(b, results, "Per-sample scores", "per-sample");
      break;
  }
  return {
    title: results.title ?? `plumbline ${results.task} report`,
    task: results.task,
    sections: b.sections,
    signatures,
    version: VERSION,
  };
}

/** Renders a report document as one self-contained HTML page. */
export function renderReport(document: ReportDocument): string {
  return htmlReport(
    document.title,
    document.sections.map((s) => ({
      heading: s.heading,
      ...(s.text ? { text: s.text } : {}),
      tables: s.tables,
      figures: s.figures.map(figureSvg),
    })),
    `Made by plumbline ${document.version}. Signatures say how each number was computed; plumbline/signature parses them back.`,
  );
}

/**
 * One self-contained HTML report (inline SVG, no scripts, no network) of an evaluation: the
 * scores with their signatures, then the task's plots and tables (see {@link EvaluationResults}).
 */
export async function report(results: EvaluationResults): Promise<string> {
  return renderReport(await buildReport(results));
}
