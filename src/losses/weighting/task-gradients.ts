import * as tf from "@tensorflow/tfjs-core";
import { describeValue, fail } from "../../core/errors.js";

/**
 * Per-task gradients over shared variables, flattened into one float64 vector per task: the
 * input of the gradient-based weighting schemes (MGDA, PCGrad, GradNorm). `taskLosses[i]()`
 * computes task i's loss; its gradient with respect to `variables` (in their order, each
 * flattened) becomes row i. Also returns the loss values. Every tensor it makes is disposed.
 * O(T) backward passes; one device read per task.
 */
export function taskGradients(
  taskLosses: readonly (() => tf.Scalar)[],
  variables: readonly tf.Variable[],
  fn: string,
): { gradients: Float64Array[]; losses: number[] } {
  if (!Array.isArray(taskLosses) || taskLosses.length === 0)
    fail(
      "empty_input",
      `${fn}: \`taskLosses\` must be a non-empty array of functions, got ${describeValue(taskLosses)}`,
    );
  if (!Array.isArray(variables) || variables.length === 0)
    fail(
      "empty_input",
      `${fn}: \`variables\` must be a non-empty array of tf.Variable, got ${describeValue(variables)}`,
    );
  const size = variables.reduce((n, v) => n + v.size, 0);
  const gradients: Float64Array[] = [];
  const losses: number[] = [];
  taskLosses.forEach((loss, i) => {
    if (typeof loss !== "function")
      fail(
        "invalid_value",
        `${fn}: \`taskLosses[${i}]\` must be a function returning a scalar loss, got ${describeValue(loss)}`,
      );
    const { value, grads } = tf.variableGrads(loss, variables as tf.Variable[]);
    const row = new Float64Array(size);
    let offset = 0;
    for (const v of variables) {
      const g = grads[v.name];
      if (g) row.set(g.dataSync(), offset);
      offset += v.size;
    }
    losses.push(value.dataSync()[0]!);
    tf.dispose([value, ...Object.values(grads)]);
    if (!Number.isFinite(losses[i]))
      fail(
        "invalid_value",
        `${fn}: task losses must be finite, got ${describeValue(losses[i])} at index ${i}`,
      );
    gradients.push(row);
  });
  return { gradients, losses };
}

/**
 * Checks a list of per-task gradient vectors (arrays or typed arrays of one common length) and
 * returns them as float64 rows.
 */
export function gradientRows(gradients: unknown, fn: string): Float64Array[] {
  if (!Array.isArray(gradients) || gradients.length === 0)
    fail(
      "empty_input",
      `${fn}: \`gradients\` must be a non-empty array of gradient vectors, got ${describeValue(gradients)}`,
    );
  const rows = gradients.map((g, i) => {
    if (!Array.isArray(g) && !ArrayBuffer.isView(g))
      fail(
        "invalid_value",
        `${fn}: \`gradients[${i}]\` must be an array of numbers, got ${describeValue(g)}`,
      );
    const row = Float64Array.from(g as ArrayLike<number>);
    for (let k = 0; k < row.length; k++) {
      const v = (g as ArrayLike<unknown>)[k];
      if (typeof v !== "number" || !Number.isFinite(v))
        fail(
          "invalid_value",
          `${fn}: \`gradients[${i}]\` must contain finite numbers, got ${describeValue(v)} at index ${k}`,
        );
    }
    return row;
  });
  const length = rows[0]!.length;
  rows.forEach((row, i) => {
    if (row.length !== length)
      fail(
        "shape_mismatch",
        `${fn}: every gradient must have ${length} entries, got ${row.length} at index ${i}`,
      );
  });
  return rows;
}

/** <a, b> in float64. */
export function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]! * b[i]!;
  return total;
}

/** Scatters a flat gradient back into one tensor per variable (in their order), keyed by name, as `optimizer.applyGradients` takes them. */
export function unflattenGradients(flat: Float64Array, variables: readonly tf.Variable[]): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  let offset = 0;
  for (const v of variables) {
    out[v.name] = tf.tensor(Float32Array.from(flat.subarray(offset, offset + v.size)), v.shape, "float32");
    offset += v.size;
  }
  return out;
}
