import * as tf from "@tensorflow/tfjs-core";
import { fail } from "../../core/errors.js";
import { assertLabels } from "../../core/validate.js";
import { accurateSum } from "../accurate-sum.js";
import { lossFactory } from "../factory.js";
import { abs } from "../gradient-tools.js";
import { optBoolean, optInteger, optionNames, optOneOf, readOptions } from "../options.js";
import { asLabels, asTensor, type TensorInput, tensorPair } from "../tensor-input.js";
import { maskedMean } from "../tensor-math.js";

/**
 * Gradient of the Lovasz extension of the Jaccard loss at labels sorted by decreasing error
 * (Berman et al. 2018, Alg. 1): J_i = 1 - (G - cumsum(g)_i) / (G + cumsum(1 - g)_i), and the
 * increments J_1, J_2 - J_1, ... A constant for autodiff (it depends on labels and the order only).
 */
function lovaszGradient(sortedLabels: tf.Tensor1D): tf.Tensor1D {
  const total = accurateSum(sortedLabels);
  const intersection = tf.sub(total, tf.cumsum(sortedLabels));
  const union = tf.add(total, tf.cumsum(tf.sub(1, sortedLabels)));
  const jaccard = tf.sub(1, tf.div(intersection, union)) as tf.Tensor1D;
  const n = jaccard.shape[0];
  if (n <= 1) return jaccard;
  const previous = tf.concat([tf.zeros([1]), tf.slice(jaccard, [0], [n - 1])]);
  return tf.sub(jaccard, previous) as tf.Tensor1D;
}

/** sum_i f(sorted errors)_i * lovaszGradient(labels sorted the same way), for flat errors and labels. */
function lovaszFlat(errors: tf.Tensor1D, labels: tf.Tensor1D, hinge: boolean): tf.Tensor {
  const n = errors.shape[0];
  if (n === 0) return tf.scalar(0);
  // The permutation is a constant for autodiff. Rather than gathering the errors into sorted
  // order (a gather whose gradient needs UnsortedSegmentSum, missing on the WASM backend), the
  // constant Lovasz gradient is scattered back to each element's place:
  // sum_i f(e_sorted)_i g_i = sum_j f(e_j) g_rank(j).
  const order = tf.topk(errors, n).indices.dataSync() as Int32Array;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[order[i]!] = i;
  const grad = lovaszGradient(tf.gather(labels, tf.tensor1d(order, "int32")) as tf.Tensor1D);
  const weights = tf.gather(grad, tf.tensor1d(rank, "int32"));
  return accurateSum(tf.mul(hinge ? tf.relu(errors) : errors, weights));
}

/** Options of {@link lovaszHingeLoss}. */
export interface LovaszHingeLossOptions {
  /** One loss per image (first axis), averaged; default true, as the authors' `lovasz_hinge`. Ignored for rank-1 input. */
  readonly perImage?: boolean;
}

const LOVASZ_HINGE_LOSS_OPTIONS = optionNames<LovaszHingeLossOptions>()("perImage");

/**
 * Binary Lovasz hinge loss (Berman et al. 2018): errors e = 1 - x (2y - 1) of logits x, sorted
 * decreasingly; loss = <relu(e_sorted), lovaszGradient(y_sorted)>, a convex surrogate of
 * 1 - IoU of the foreground. Logits [N, ...] and labels 0/1 of the same shape. Matches the
 * authors' reference (LovaszSoftmax `lovasz_hinge`, golden cases in test/data/golden/losses_a_lovasz.json). O(n log n) for the sort (reads the order back from the backend).
 */
export function lovaszHingeLoss(
  logits: TensorInput,
  labels: TensorInput,
  options: LovaszHingeLossOptions = {},
): tf.Tensor {
  const fn = "lovaszHingeLoss";
  const opts = readOptions<LovaszHingeLossOptions>(fn, options, LOVASZ_HINGE_LOSS_OPTIONS);
  const perImage = optBoolean(fn, "perImage", opts.perImage, true);
  return tf.tidy(() => {
    const [x, y] = tensorPair(logits, labels, fn, "logits", "labels");
    const yf = tf.cast(y, "float32");
    const errors = tf.sub(1, tf.mul(x, tf.sub(tf.mul(2, yf), 1)));
    if (!perImage || x.rank < 2) return lovaszFlat(tf.reshape(errors, [-1]), tf.reshape(yf, [-1]), true);
    const n = x.shape[0]!;
    const rows = tf.reshape(errors, [n, -1]);
    const labelRows = tf.reshape(yf, [n, -1]);
    const losses = tf
      .unstack(rows)
      .map((row, i) => lovaszFlat(row as tf.Tensor1D, tf.unstack(labelRows)[i] as tf.Tensor1D, true));
    return tf.mean(tf.stack(losses));
  });
}

/** Options of {@link lovaszSoftmaxLoss}. */
export interface LovaszSoftmaxLossOptions {
  /** Average over classes present in the labels (default) or over all classes. */
  readonly classes?: "present" | "all";
  /** Labels equal to this are left out. */
  readonly ignoreIndex?: number;
  /** One loss per image, averaged (default false, as the authors' `lovasz_softmax`). */
  readonly perImage?: boolean;
}

const LOVASZ_SOFTMAX_LOSS_OPTIONS = optionNames<LovaszSoftmaxLossOptions>()(
  "classes",
  "ignoreIndex",
  "perImage",
);

/**
 * Lovasz-softmax loss (Berman et al. 2018): for each class c, errors |1[y = c] - p_c| sorted
 * decreasingly and dotted with the Lovasz gradient of the sorted foreground labels; averaged
 * over present (or all) classes. `probs` [N, C, ...] are softmax outputs; `labels` [N, ...] are
 * class indices. Ignored pixels get zero error and no foreground, which leaves the loss as if
 * they were removed. Matches the authors' reference `lovasz_softmax` (classes present/all,
 * per_image, ignore). O(C n log n).
 */
export function lovaszSoftmaxLoss(
  probs: TensorInput,
  labels: TensorInput,
  options: LovaszSoftmaxLossOptions = {},
): tf.Tensor {
  const fn = "lovaszSoftmaxLoss";
  const opts = readOptions<LovaszSoftmaxLossOptions>(fn, options, LOVASZ_SOFTMAX_LOSS_OPTIONS);
  const perImage = optBoolean(fn, "perImage", opts.perImage, false);
  const classes = optOneOf(fn, "classes", opts.classes, ["present", "all"], "present");
  const ignoreIndex = optInteger(fn, "ignoreIndex", opts.ignoreIndex, undefined);
  return tf.tidy(() => {
    const p = asTensor(probs, fn, "probs");
    const rawLabels = labels instanceof tf.Tensor ? labels : asTensor(labels, fn, "labels");
    const expected = [p.shape[0]!, ...p.shape.slice(2)];
    if (p.rank < 2 || rawLabels.shape.join() !== expected.join()) {
      fail(
        "shape_mismatch",
        `${fn}: \`labels\` must have shape [${expected}] for probs [${p.shape}], got [${rawLabels.shape}]`,
      );
    }
    const numClasses = p.shape[1]!;
    assertLabels(rawLabels.dataSync(), numClasses, fn, "labels", ignoreIndex);
    const y = asLabels(rawLabels, fn, "labels");
    const perm = [0, ...p.shape.slice(2).map((_, i) => i + 2), 1];
    const rows = p.rank > 2 ? tf.transpose(p, perm) : p;
    const n = p.shape[0]!;
    const images = perImage ? n : 1;
    const probRows = tf.reshape(rows, [images, -1, numClasses]);
    const labelRows = tf.reshape(y, [images, -1]);
    const losses: tf.Tensor[] = [];
    for (let i = 0; i < images; i++) {
      const pi = tf.squeeze(tf.slice(probRows, [i, 0, 0], [1, -1, -1]), [0]);
      const yi = tf.squeeze(tf.slice(labelRows, [i, 0], [1, -1]), [0]);
      const valid = ignoreIndex === undefined ? undefined : tf.cast(tf.notEqual(yi, ignoreIndex), "float32");
      const perClass: tf.Tensor[] = [];
      const presence: tf.Tensor[] = [];
      for (let c = 0; c < numClasses; c++) {
        let fg = tf.cast(tf.equal(yi, c), "float32");
        let errors = abs(tf.sub(fg, tf.squeeze(tf.slice(pi, [0, c], [-1, 1]), [1])));
        if (valid) {
          fg = tf.mul(fg, valid);
          errors = tf.mul(errors, valid);
        }
        perClass.push(lovaszFlat(errors as tf.Tensor1D, fg as tf.Tensor1D, false));
        presence.push(classes === "all" ? tf.scalar(1) : tf.cast(tf.greater(accurateSum(fg), 0), "float32"));
      }
      const lossVector = tf.stack(perClass);
      const presentVector = tf.stack(presence);
      // mean over present classes; an image with no present class contributes 0
      losses.push(maskedMean(lossVector, presentVector));
    }
    return tf.mean(tf.stack(losses));
  });
}

/** Keras-style form of {@link lovaszHingeLoss} (`yPred` logits, `yTrue` 0/1 of the same shape). */
export const lovaszHingeLossFactory = lossFactory(lovaszHingeLoss, {
  name: "lovaszHingeLoss",
  options: LOVASZ_HINGE_LOSS_OPTIONS,
});
