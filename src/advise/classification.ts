import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import { type AdviceReport, type Finding, percent, report } from "./report.js";
import { THRESHOLDS } from "./thresholds.js";

/** Options of {@link adviseClassification}. */
export interface AdviseClassificationOptions {
  /**
   * The model's predictions, to compare with the class balance: labels, scores of the positive
   * class (binary), or one row of class scores per sample.
   */
  readonly preds?: ArrayLike<number> | readonly ArrayLike<number>[];
}

const OPTIONS = ["preds"] as const;
const FN = "adviseClassification";

type Label = number | string;

function isMatrix(x: unknown): x is readonly ArrayLike<number>[] {
  return Array.isArray(x) && x.length > 0 && x.every((row) => Array.isArray(row) || ArrayBuffer.isView(row));
}

function checkLabel(v: unknown, i: number): Label {
  if ((typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length > 0)) return v;
  return fail(
    "invalid_value",
    `${FN}: \`target\` must hold class labels (numbers or strings), got ${describeValue(v)} at index ${i}`,
  );
}

/** Per-class counts, in the label order scikit-learn's unique_labels uses (sorted). */
function classCounts(labels: ArrayLike<Label>): Map<Label, number> {
  const counts = new Map<Label, number>();
  for (let i = 0; i < labels.length; i++) {
    const label = checkLabel(labels[i], i);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return new Map([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function balanceFindings(counts: Map<Label, number>, n: number): Finding[] {
  const findings: Finding[] = [];
  const entries = [...counts.entries()];
  const [majority, majorityCount] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  const [minority, minorityCount] = entries.reduce((a, b) => (b[1] < a[1] ? b : a));
  const ratio = majorityCount / minorityCount;
  findings.push({
    measure: "class counts",
    value: entries.map(([label, count]) => `${label}: ${count}`).join(", "),
    note: `${counts.size} classes over ${n} samples.`,
  });
  if (counts.size === 2) {
    findings.push({
      measure: `prevalence of the minority class (${minority})`,
      value: minorityCount / n,
      note: `${percent(minorityCount / n)} of the samples belong to class ${minority}.`,
    });
  }
  findings.push({
    measure: "imbalance ratio (largest / smallest class)",
    value: ratio,
    ...(ratio >= THRESHOLDS.imbalanceRatio ? { trait: "imbalanced" } : {}),
    note:
      ratio >= THRESHOLDS.imbalanceRatio
        ? `Always predicting class ${majority} already scores accuracy ${(majorityCount / n).toFixed(3)}: judge the model by per-class and precision-recall metrics.`
        : `Classes are reasonably balanced (ratio below ${THRESHOLDS.imbalanceRatio}); accuracy is meaningful.`,
  });
  const rare = entries.filter(
    ([, count]) => count < THRESHOLDS.rareClassCount || count < THRESHOLDS.rareClassShare * n,
  );
  if (rare.length > 0) {
    findings.push({
      measure: "rare classes",
      value: rare.map(([label, count]) => `${label} (${count})`).join(", "),
      note: `Per-class metrics of these classes rest on very few samples: report their counts and confidence intervals.`,
    });
  }
  if (counts.size >= THRESHOLDS.manyClasses) {
    findings.push({
      measure: "number of classes",
      value: counts.size,
      trait: "many-classes",
      note: "With this many classes, top-k accuracy and per-class tables read better than one confusion matrix.",
    });
  }
  return findings;
}

/** What the predictions look like: hard labels, scores or probability rows; and whether they beat the majority class. */
function predictionFindings(
  preds: ArrayLike<number> | readonly ArrayLike<number>[],
  labels: readonly Label[],
  counts: Map<Label, number>,
): Finding[] {
  const n = labels.length;
  if (preds.length !== n)
    fail("shape_mismatch", `${FN}: \`preds\` has ${preds.length} rows but \`target\` has ${n}`);
  const classes = [...counts.keys()];
  const majorityShare = Math.max(...counts.values()) / n;
  let predicted: Label[];
  let kind: string;
  if (isMatrix(preds)) {
    const rows = preds;
    if (rows.some((r) => r.length !== classes.length))
      fail("shape_mismatch", `${FN}: \`preds\` rows must have one score per class (${classes.length})`);
    const sums = rows.map((r) => Array.from(r).reduce((a, b) => a + b, 0));
    const probabilities =
      rows.every((r) => Array.from(r).every((v) => v >= 0 && v <= 1)) &&
      sums.every((s) => Math.abs(s - 1) < 1e-3);
    kind = probabilities ? "class probabilities (rows sum to 1)" : "class scores (logits)";
    predicted = rows.map((r) => classes[Array.from(r).indexOf(Math.max(...Array.from(r)))]!);
  } else {
    const values = Array.from(preds as ArrayLike<number>);
    const integer = values.every((v) => Number.isInteger(v));
    if (integer) {
      kind = "hard labels";
      predicted = values;
    } else {
      if (classes.length !== 2)
        fail(
          "invalid_value",
          `${FN}: \`preds\` holds scores, which need a binary target (got ${classes.length} classes); give one row of scores per sample`,
        );
      const inUnit = values.every((v) => v >= 0 && v <= 1);
      kind = inUnit
        ? "scores in [0, 1] (probabilities of the positive class)"
        : "real-valued scores (logits)";
      const threshold = inUnit ? 0.5 : 0;
      predicted = values.map((v) => (v >= threshold ? classes[1]! : classes[0]!));
    }
  }
  const findings: Finding[] = [
    {
      measure: "predictions",
      value: kind,
      note: kind.startsWith("hard")
        ? "Hard labels allow only threshold metrics; keep the scores to compute AUROC, average precision and calibration."
        : "Scores allow threshold-free metrics (AUROC, average precision) and, for probabilities, calibration (ECE, Brier).",
    },
  ];
  let correct = 0;
  for (let i = 0; i < n; i++) if (String(predicted[i]) === String(labels[i])) correct++;
  const accuracy = correct / n;
  findings.push({
    measure: "accuracy of the predictions (argmax or threshold 0.5 / 0)",
    value: accuracy,
    note:
      accuracy <= majorityShare
        ? `No better than always predicting the majority class (${majorityShare.toFixed(3)}).`
        : `Above the majority-class baseline of ${majorityShare.toFixed(3)}.`,
  });
  return findings;
}

function multilabelFindings(rows: readonly ArrayLike<number>[]): Finding[] {
  const labelsCount = rows[0]!.length;
  const positives = new Float64Array(labelsCount);
  let cardinality = 0;
  rows.forEach((row, i) => {
    if (row.length !== labelsCount)
      fail(
        "shape_mismatch",
        `${FN}: multilabel \`target\` rows must all have ${labelsCount} labels; row ${i} has ${row.length}`,
      );
    for (let j = 0; j < labelsCount; j++) {
      const v = row[j];
      if (v !== 0 && v !== 1)
        fail(
          "invalid_value",
          `${FN}: multilabel \`target\` must hold 0 and 1, got ${describeValue(v)} at row ${i}, label ${j}`,
        );
      positives[j]! += v;
      cardinality += v;
    }
  });
  const n = rows.length;
  const prevalence = Array.from(positives, (p) => p / n);
  const rarest = Math.min(...prevalence);
  const skew = prevalence.map((p) => Math.max(p, 1 - p) / Math.max(Math.min(p, 1 - p), 1 / n));
  const worst = Math.max(...skew);
  const findings: Finding[] = [
    {
      measure: "labels per sample (label cardinality)",
      value: cardinality / n,
      trait: "multilabel",
      note: `${labelsCount} labels; a sample carries ${(cardinality / n).toFixed(2)} of them on average.`,
    },
    {
      measure: "prevalence per label",
      value: prevalence.map((p) => p.toFixed(3)).join(", "),
      note: `The rarest label is positive in ${percent(rarest)} of the samples.`,
    },
    {
      measure: "worst label imbalance (majority / minority value)",
      value: worst,
      ...(worst >= THRESHOLDS.imbalanceRatio ? { trait: "imbalanced" } : {}),
      note:
        worst >= THRESHOLDS.imbalanceRatio
          ? "Some labels are rarely (or almost always) on: per-label average precision and macro F1 show them; Hamming loss hides them."
          : "Labels are reasonably balanced.",
    },
  ];
  if (positives.some((p) => p === 0))
    findings.push({
      measure: "labels never positive",
      value: Array.from(positives.keys())
        .filter((j) => positives[j] === 0)
        .join(", "),
      note: "Recall and average precision are undefined for these labels.",
    });
  return findings;
}

/** What multilabel predictions are: 0/1 decisions or per-label scores. */
function multilabelPredictions(
  preds: ArrayLike<number> | readonly ArrayLike<number>[],
  target: readonly ArrayLike<number>[],
): Finding {
  if (!isMatrix(preds) || preds.length !== target.length || preds.some((r) => r.length !== target[0]!.length))
    fail(
      "shape_mismatch",
      `${FN}: multilabel \`preds\` must have one row of ${target[0]!.length} values per sample (${target.length} rows)`,
    );
  const hard = preds.every((r) => Array.from(r).every((v) => v === 0 || v === 1));
  return {
    measure: "predictions",
    value: hard ? "0/1 decisions per label" : "scores per label",
    note: hard
      ? "Hard decisions allow only threshold metrics; keep the scores for per-label average precision."
      : "Per-label scores allow label-wise average precision and ranking metrics (LRAP).",
  };
}

/**
 * Measures a classification target (and optionally predictions): class counts, prevalence,
 * imbalance ratio, rare classes, multilabel cardinality; then recommends from the traits found.
 *
 * `target`: class labels (numbers or strings), or for multilabel one 0/1 row per sample.
 *
 * @example
 * adviseClassification([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]).traits // ["imbalanced"]
 */
export function adviseClassification(
  target: ArrayLike<number | string> | readonly ArrayLike<number>[],
  options?: AdviseClassificationOptions,
): AdviceReport {
  const opts = readOptions<AdviseClassificationOptions>(FN, options, OPTIONS);
  if (
    target === null ||
    typeof target !== "object" ||
    typeof (target as ArrayLike<unknown>).length !== "number"
  )
    fail(
      "invalid_value",
      `${FN}: \`target\` must be an array of labels or of 0/1 rows, got ${describeValue(target)}`,
    );
  if (target.length === 0) fail("empty_input", `${FN}: \`target\` is empty`);
  if (isMatrix(target)) {
    const findings = multilabelFindings(target);
    if (opts.preds !== undefined) findings.push(multilabelPredictions(opts.preds, target));
    return report("classification", target.length, "samples", findings);
  }
  const labels = Array.from(target as ArrayLike<Label>);
  const counts = classCounts(labels);
  if (counts.size < 2)
    return report("classification", labels.length, "samples", [
      {
        measure: "classes present",
        value: counts.size,
        note: "Only one class occurs: recall of the other class, AUROC and average precision are undefined on this data.",
      },
    ]);
  const findings = balanceFindings(counts, labels.length);
  if (opts.preds !== undefined) findings.push(...predictionFindings(opts.preds, labels, counts));
  return report("classification", labels.length, "samples", findings);
}
