/**
 * plumbline/tfjs: plumbline metrics inside TensorFlow.js training (peer dependencies
 * @tensorflow/tfjs-core and, for `model.fit`, @tensorflow/tfjs-layers):
 * - {@link kerasMetric}: `model.compile({ metrics })` functions for the metrics that are right
 *   per batch (means over samples);
 * - {@link epochMetrics}: a `model.fit` callback that evaluates any plumbline metric (AUROC,
 *   average precision, F1, ...) on the whole validation set each epoch and logs it.
 * The losses for `model.compile({ loss })` are the `*Factory` exports of `plumbline/losses`; they
 * take logits (apply no sigmoid or softmax layer before them).
 */
export * from "./epoch-metrics.js";
export * from "./keras-metrics.js";
