/**
 * scikit-learn's `classification_report`: per-class precision, recall, F1 and support, with the
 * accuracy (or micro average), macro and weighted averages, as text or as a JSON-ready object.
 */
import { describeValue, fail } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { readMulticlassBatch } from "./batch.js";
import { type ClassLabel, optLabels, uniqueLabels } from "./labels.js";
import { type LabelInput, type NdInput, readLabelValues } from "./ndarray.js";
import { oneShotArgs } from "./one-shot.js";
import { optOneOf } from "./options.js";

export interface ClassificationReportOptions {
  /** The labels to report, in order (sklearn's `labels`; default: the sorted labels present). */
  labels?: readonly ClassLabel[];
  /** Display names of the labels (sklearn's `target_names`; default: the labels as text). */
  classNames?: readonly string[];
  /** Decimal places of the text report (default 2). */
  digits?: number;
  /** The value of 0/0: 0 (default, sklearn's "warn") or 1. */
  zeroDivision?: 0 | 1;
  /** "text" (default, as sklearn) or "dict" (sklearn's `output_dict=True`). */
  output?: "text" | "dict";
}
const REPORT_OPTIONS = /* @__PURE__ */ optionNames<ClassificationReportOptions>()(
  "labels",
  "classNames",
  "digits",
  "zeroDivision",
  "output",
);

/** One row of the report, with sklearn's keys. */
export interface ReportRow {
  precision: number;
  recall: number;
  "f1-score": number;
  support: number;
}

/** sklearn's `output_dict=True` report: a row per class, then `accuracy` (or `micro avg`), `macro avg`, `weighted avg`. */
export type ClassificationReport = Record<string, ReportRow | number>;

/**
 * A double rounded to `digits` decimals as Python's `format(x, ".{digits}f")`: from its exact
 * binary value, ties to even (JavaScript's `toFixed` rounds ties up: 0.125 gives "0.13", Python "0.12").
 */
function pythonFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const negative = x < 0 || Object.is(x, -0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e = exponent - 1075;
  if (exponent === 0) e = -1074;
  else mantissa |= 1n << 52n;
  // |x| = mantissa * 2^e = numerator / denominator exactly.
  const numerator = e >= 0 ? mantissa << BigInt(e) : mantissa;
  const denominator = e >= 0 ? 1n : 1n << BigInt(-e);
  const scaled = numerator * 10n ** BigInt(digits);
  let q = scaled / denominator;
  const r = scaled % denominator;
  if (2n * r > denominator || (2n * r === denominator && q % 2n === 1n)) q += 1n;
  const text = q.toString().padStart(digits + 1, "0");
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

/** Python's `str` of a float (`repr`): "3.0" for integral floats, shortest round-trip otherwise. */
function pythonFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x);
}

const divide = (num: number, den: number, zd: number) => (den === 0 ? zd : num / den);

/**
 * sklearn 1.2 `classification_report(y_true, y_pred)` on `(preds, target)` labels (numbers or
 * strings; the order of the report is `labels`, or the sorted labels present): precision
 * TP/(TP+FP), recall TP/(TP+FN), F1 = 2 P R / (P + R) per class with their support; "accuracy"
 * (the micro average, when every present label is reported) or "micro avg"; the macro average
 * over every reported class (absent ones included, as sklearn); the support-weighted average.
 * Optional `sampleWeight` (positional, third). Text as sklearn prints it (`digits` decimals,
 * Python's rounding), or with `output: "dict"` the object of `output_dict=True`.
 */
export function classificationReport(
  preds: LabelInput,
  target: LabelInput,
  options?: ClassificationReportOptions & { output?: "text" },
): string;
export function classificationReport(
  preds: LabelInput,
  target: LabelInput,
  options: ClassificationReportOptions & { output: "dict" },
): ClassificationReport;
export function classificationReport(
  preds: LabelInput,
  target: LabelInput,
  sampleWeight: NdInput | undefined,
  options?: ClassificationReportOptions & { output?: "text" },
): string;
export function classificationReport(
  preds: LabelInput,
  target: LabelInput,
  sampleWeight: NdInput | undefined,
  options: ClassificationReportOptions & { output: "dict" },
): ClassificationReport;
export function classificationReport(
  preds: LabelInput,
  target: LabelInput,
  third?: unknown,
  fourth?: unknown,
): string | ClassificationReport {
  const fn = "classificationReport";
  const { sampleWeight, options } = oneShotArgs(third, fourth);
  const o = readOptions<ClassificationReportOptions>(fn, options, REPORT_OPTIONS);
  const digits = optInteger(fn, "digits", o.digits, 2, { min: 0, max: 20 });
  const zd = o.zeroDivision === undefined ? 0 : o.zeroDivision;
  if (zd !== 0 && zd !== 1)
    fail("invalid_option", `${fn}: option \`zeroDivision\` must be 0 or 1, got ${describeValue(zd)}`);
  const output = optOneOf(fn, "output", o.output, ["text", "dict"], "text");
  const present = uniqueLabels(readLabelValues(target, fn, "target"), readLabelValues(preds, fn, "preds"));
  const index = optLabels(fn, o.labels) ?? optLabels(fn, present)!;
  const K = index.labels.length;
  const names = o.classNames ?? index.labels.map(String);
  if (names.length !== K || names.some((n) => typeof n !== "string"))
    fail(
      "invalid_option",
      `${fn}: option \`classNames\` must hold ${K} strings (one per label), got ${describeValue(names)}`,
    );
  const C = K + 1;
  const batch = readMulticlassBatch(fn, preds, target, sampleWeight, {
    classes: K,
    ignoreIndex: undefined,
    index,
    rest: K,
    needLabels: true,
    needScores: false,
  });
  // Per-class weighted sums in input order, as sklearn's bincounts (so weighted sums round alike).
  const tp = new Float64Array(C);
  const predSum = new Float64Array(C);
  const trueSum = new Float64Array(C);
  for (let i = 0; i < batch.target.length; i++) {
    const t = batch.target[i]!;
    const p = batch.labels![i]!;
    const w = batch.weights ? batch.weights[i]! : 1;
    if (t === p) tp[t] += w;
    predSum[p] += w;
    trueSum[t] += w;
  }
  // sklearn goes through its multilabel confusion matrix: fp = pred - tp, then pred = tp + fp.
  for (let k = 0; k < C; k++) {
    predSum[k] = tp[k]! + (predSum[k]! - tp[k]!);
    trueSum[k] = tp[k]! + (trueSum[k]! - tp[k]!);
  }
  const rows: ReportRow[] = [];
  for (let k = 0; k < K; k++) {
    const p = divide(tp[k]!, predSum[k]!, zd);
    const r = divide(tp[k]!, trueSum[k]!, zd);
    const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    rows.push({ precision: p, recall: r, "f1-score": f, support: trueSum[k]! });
  }
  const support = rows.reduce((s, row) => s + row.support, 0);
  const mean = (key: keyof ReportRow, weights?: number[]) => {
    let num = 0;
    let den = 0;
    rows.forEach((row, k) => {
      const w = weights ? weights[k]! : 1;
      num += row[key] * w;
      den += w;
    });
    return num / den;
  };
  let sumTp = 0;
  let sumPred = 0;
  let sumTrue = 0;
  for (let k = 0; k < K; k++) {
    sumTp += tp[k]!;
    sumPred += predSum[k]!;
    sumTrue += trueSum[k]!;
  }
  const microP = divide(sumTp, sumPred, zd);
  const microR = divide(sumTp, sumTrue, zd);
  const micro: ReportRow = {
    precision: microP,
    recall: microR,
    "f1-score": microP + microR === 0 ? 0 : (2 * microP * microR) / (microP + microR),
    support,
  };
  const macro: ReportRow = {
    precision: mean("precision"),
    recall: mean("recall"),
    "f1-score": mean("f1-score"),
    support,
  };
  const supports = rows.map((row) => row.support);
  const weighted: ReportRow =
    support === 0
      ? { precision: zd, recall: zd, "f1-score": zd, support }
      : {
          precision: mean("precision", supports),
          recall: mean("recall", supports),
          "f1-score": mean("f1-score", supports),
          support,
        };
  const microIsAccuracy =
    o.labels === undefined || (present.length === K && present.every((label) => index.indexOf(label) >= 0));
  if (output === "dict") {
    const report: ClassificationReport = {};
    rows.forEach((row, k) => {
      report[names[k]!] = row;
    });
    if (microIsAccuracy) report.accuracy = micro["f1-score"];
    else report["micro avg"] = micro;
    report["macro avg"] = macro;
    report["weighted avg"] = weighted;
    return report;
  }
  const weightedSupport = sampleWeight !== undefined;
  const supportText = (s: number) => (weightedSupport ? pythonFloat(s) : String(s));
  const width = Math.max(...names.map((n) => n.length), "weighted avg".length, digits);
  const cell = (s: string) => s.padStart(9);
  const format = (name: string, cells: readonly string[], rowSupport: number) =>
    `${name.padStart(width)} ${cells.map((c) => ` ${cell(c)}`).join("")} ${cell(supportText(rowSupport))}\n`;
  const line = (name: string, row: ReportRow) =>
    format(
      name,
      [row.precision, row.recall, row["f1-score"]].map((v) => pythonFixed(v, digits)),
      row.support,
    );
  let text = `${"".padStart(width)} ${["precision", "recall", "f1-score", "support"].map((h) => ` ${cell(h)}`).join("")}\n\n`;
  rows.forEach((row, k) => {
    text += line(names[k]!, row);
  });
  text += "\n";
  if (microIsAccuracy) text += format("accuracy", ["", "", pythonFixed(micro["f1-score"], digits)], support);
  else text += line("micro avg", micro);
  text += line("macro avg", macro);
  text += line("weighted avg", weighted);
  return text;
}
