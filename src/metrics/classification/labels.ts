/**
 * scikit-learn's label handling (internal, and `uniqueLabels` public): class labels that are
 * strings or arbitrary numbers, mapped onto class indices 0..K-1 in the order of a `labels` list
 * (sklearn's `labels=`) or of `uniqueLabels` (sklearn's `unique_labels`: the sorted union), and
 * `posLabel` for binary problems.
 */
import { describeValue, invalidOption, invalidValue } from "../../core/errors.js";
import { assertAllocation } from "../../core/limits.js";
import type { LabelArray } from "./ndarray.js";
import { optClassCount } from "./options.js";

/** A class label: a number or a string (sklearn accepts both, never mixed). */
export type ClassLabel = number | string;

/** Code-point order, as numpy sorts unicode strings (JavaScript's default compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/**
 * The sorted union of the labels present, as scikit-learn's `unique_labels(y_true, y_pred)`:
 * numbers ascending, strings in code-point order. Mixing strings and numbers is `invalid_value`.
 *
 * @example uniqueLabels(["dog", "cat"], ["cat", "bird"]) // ["bird", "cat", "dog"]
 */
export function uniqueLabels(...arrays: readonly (ArrayLike<ClassLabel> | LabelArray)[]): ClassLabel[] {
  const seen = new Set<ClassLabel>();
  for (const array of arrays) {
    const data = "shape" in array ? array.data : array;
    for (let i = 0; i < data.length; i++) seen.add(data[i]!);
  }
  const values = [...seen];
  const strings = values.filter((v) => typeof v === "string").length;
  if (strings !== 0 && strings !== values.length)
    invalidValue("uniqueLabels: labels mix strings and numbers; use one type");
  if (strings === 0) return (values as number[]).sort((a, b) => a - b);
  return (values as string[]).sort(compareCodePoints);
}

/** A `labels` list turned into a lookup: label → class index. */
export interface ClassIndex {
  readonly labels: readonly ClassLabel[];
  readonly strings: boolean;
  indexOf(label: ClassLabel): number;
}

/**
 * Parses a `labels` option: a non-empty list of distinct finite numbers or distinct strings
 * (not mixed). Undefined when absent.
 */
export function optLabels(fn: string, value: unknown): ClassIndex | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0)
    invalidOption(`${fn}: option \`labels\` must be a non-empty list of labels, got ${describeValue(value)}`);
  assertAllocation(fn, `option \`labels\` (${value.length} labels)`, value.length * value.length * 8);
  const strings = typeof value[0] === "string";
  const index = new Map<ClassLabel, number>();
  value.forEach((label: unknown, i) => {
    const ok = strings ? typeof label === "string" : typeof label === "number" && Number.isFinite(label);
    if (!ok)
      invalidOption(
        `${fn}: option \`labels\` must hold only ${strings ? "strings" : "finite numbers"}, got ${describeValue(label)} at index ${i}`,
      );
    if (index.has(label as ClassLabel))
      invalidOption(`${fn}: option \`labels\` lists ${describeValue(label)} twice`);
    index.set(label as ClassLabel, i);
  });
  return { labels: value as ClassLabel[], strings, indexOf: (label) => index.get(label) ?? -1 };
}

/**
 * Maps label values onto class indices. A value equal to `ignoreIndex` is kept as is (left out by
 * the kernels); a value that is not among the labels becomes `rest` (the extra "other" class of
 * a `labels` subset, as sklearn counts it) or, when `rest` is undefined, is `invalid_value`.
 */
export function mapLabels(
  values: LabelArray,
  classes: ClassIndex,
  fn: string,
  arg: string,
  ignoreIndex: number | undefined,
  rest: number | undefined,
): Float64Array {
  const isStrings = "strings" in values;
  if (isStrings !== classes.strings && values.data.length > 0)
    invalidValue(
      `${fn}: \`${arg}\` holds ${isStrings ? "strings" : "numbers"} but option \`labels\` lists ${classes.strings ? "strings" : "numbers"}`,
    );
  const data = values.data as ArrayLike<ClassLabel>;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === ignoreIndex) {
      out[i] = v;
      continue;
    }
    const k = classes.indexOf(v);
    if (k >= 0) out[i] = k;
    else if (rest !== undefined) out[i] = rest;
    else
      invalidValue(
        `${fn}: \`${arg}\` holds ${describeValue(v)} at index ${i}, which is not among option \`labels\``,
      );
  }
  return out;
}

/** Parses `posLabel`: the label of the positive class (a finite number or a string). */
export function optPosLabel(fn: string, value: unknown): ClassLabel | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) return value;
  return invalidOption(
    `${fn}: option \`posLabel\` must be a number or a string, got ${describeValue(value)}`,
  );
}

/**
 * Binary labels as 0/1 under `posLabel` (sklearn's `pos_label`): 1 where the value is the
 * positive label, 0 for the one other label; `ignoreIndex` kept. More than two distinct labels
 * is `invalid_value` (sklearn: "Target is multiclass but average='binary'").
 */
export function binaryFromLabels(
  values: LabelArray,
  posLabel: ClassLabel,
  fn: string,
  arg: string,
  ignoreIndex: number | undefined,
  seen: Set<ClassLabel> = new Set(),
): Float64Array {
  const data = values.data as ArrayLike<ClassLabel>;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === ignoreIndex) {
      out[i] = v;
      continue;
    }
    if (typeof v !== typeof posLabel)
      invalidValue(
        `${fn}: \`${arg}\` holds ${describeValue(v)} at index ${i} but option \`posLabel\` is ${describeValue(posLabel)}; labels and posLabel must have one type`,
      );
    seen.add(v);
    if (seen.size > 2)
      invalidValue(
        `${fn}: \`${arg}\` holds a third label ${describeValue(v)} at index ${i} (labels seen: ${[...seen].map(describeValue).join(", ")}); a binary problem has two`,
      );
    out[i] = v === posLabel ? 1 : 0;
  }
  return out;
}

/**
 * The classes of a metric over class scores: `numClasses`, or the `labels` of the score columns
 * (sklearn's `labels`/`classes_`), at least 2, each costing `bytesPerClass` of the allocation budget.
 */
export function readClassList(
  fn: string,
  options: Record<string, unknown>,
  bytesPerClass: number,
): { classes: number; index: ClassIndex | undefined } {
  const index = optLabels(fn, options.labels);
  if (!index)
    return { classes: optClassCount(fn, "numClasses", options.numClasses, (c) => c * bytesPerClass), index };
  const classes = index.labels.length;
  if (options.numClasses !== undefined && options.numClasses !== classes)
    invalidOption(
      `${fn}: option \`numClasses\` (${String(options.numClasses)}) disagrees with the ${classes} \`labels\``,
    );
  if (classes < 2) invalidOption(`${fn}: option \`labels\` must list at least 2 classes`);
  optClassCount(fn, "numClasses", classes, (c) => c * bytesPerClass);
  return { classes, index };
}
